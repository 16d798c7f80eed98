"""The jurisdiction a plan belongs to: its name, its short form and its level."""

from __future__ import annotations

import re

from duizhao.corpus.model import Jurisdiction

PROVINCES = [
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
]
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
LEVEL_RANK = {"province": 0, "city": 1, "district": 2}
"""Levels from the top: a plan's parent has a lower rank."""

# Suffix → level, longest first so 高新区 wins over 区 and 地区 over 区.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("特别行政区", "province"),
    ("自治区", "province"),
    ("自治州", "city"),
    ("自治县", "district"),
    ("自治旗", "district"),
    ("县级市", "district"),
    ("高新区", "district"),
    ("开发区", "district"),
    ("经开区", "district"),
    ("新区", "district"),
    ("地区", "city"),
    ("省", "province"),
    ("市", "city"),
    ("州", "city"),
    ("盟", "city"),
    ("区", "district"),
    ("县", "district"),
    ("旗", "district"),
)
_LEADING = re.compile(r"^(中共|中国共产党|关于|印发|《)+")
_SUFFIX_ALT = "|".join(s for s, _ in SUFFIXES)
_NAME_RE = re.compile(rf"^([\u4e00-\u9fff]{{1,7}}?(?:{_SUFFIX_ALT}))")
_NOT_IN_NAMES = re.compile("[委党办部局厅的和与及全]|法治")
# Words that end in a suffix character without being a place (…法治社会 contains no suffix, but
# 社区, 园区, 城区, 市场 could be mistaken); rejected as names.
_NOT_AFTER = set("域场级委直属内外")
_NOT_NAMES = (
    "社区",
    "园区",
    "城区",
    "辖区",
    "地区",
    "小区",
    "景区",
    "市场",
    "市域",
    "全市",
    "全区",
    "全省",
)


def level_of(name: str) -> str:
    """The level a jurisdiction's name implies by its suffix."""
    short = name
    for suffix, level in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            short = name[: -len(suffix)]
            if level == "city" and short in MUNICIPALITIES:
                return "province"
            return level
    if short in PROVINCES:
        return "province"
    return "unknown"


def short_form(name: str) -> str:
    """湖北省 → 湖北, 襄阳市 → 襄阳, 高新区 → 高新, 内蒙古自治区 → 内蒙古."""
    for suffix, _ in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            if suffix in ("高新区", "经开区"):
                return name[:-1]
            return name[: -len(suffix)]
    return name


def name_in(text: str) -> str:
    """The innermost jurisdiction named at the start of a title, or ''.

    '湖北省法治社会…' → '湖北省'; '吉林省辽源市西安区法治…' → '西安区'; '安徽法治…' → '安徽'.
    """
    chain = name_chain(text)
    return chain[-1] if chain else ""


def name_chain(text: str) -> list[str]:
    """Every jurisdiction named at the start of a title, outermost first (吉林省, 辽源市, 西安区)."""
    text = _LEADING.sub("", text.strip())
    names: list[str] = []
    while True:
        head = _leading_name(text)
        if not head:
            return names
        names.append(head)
        text = text[len(head) :]


def _leading_name(text: str) -> str:
    for province in PROVINCES:
        if text.startswith(province):
            rest = text[len(province) :]
            for suffix in ("特别行政区", "自治区", "省", "市"):
                if rest.startswith(suffix):
                    return province + suffix
            return province
    m = _NAME_RE.match(text)
    if not m:
        return ""
    name = m.group(1)
    # 沅州市, 泉州市: a name ending in a suffix character (州) followed by the real suffix.
    # (通州区: 州 then 区). A suffix character never starts a name, so the name goes on.
    while text[len(name) : len(name) + 1] in ("市", "县", "区", "盟", "旗"):
        name = text[: len(name) + 1]
    after = text[len(name) : len(name) + 1]
    if (
        name in _NOT_NAMES
        or name[-2:] in _NOT_NAMES
        or after in _NOT_AFTER
        or _NOT_IN_NAMES.search(name)
    ):
        return ""
    return name


def resolve(title: str, cited: tuple[str, ...], issuer: str | None) -> Jurisdiction:
    """The plan's jurisdiction from its title, with cited plans' jurisdictions as its parents."""
    chain = name_chain(title) or (name_chain(issuer) if issuer else [])
    name = chain[-1] if chain else ""
    named = [*chain[:-1], *(name_in(c) for c in cited)]
    parents = tuple(dict.fromkeys(n for n in named if n and n != name))
    if not name:
        return Jurisdiction("", "unknown", "", parents)
    level = level_of(name)
    return Jurisdiction(name, level, short_form(name), parents)
