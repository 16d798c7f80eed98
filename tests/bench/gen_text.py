"""Text helpers of the bench generator: sentences, n-gram overlap, localisation, rewording."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from duizhao.corpus.model import Plan

# ---------------------------------------------------------------------------------------------
# Text helpers

_OPENERS = "（(“‘《〈【「"
_CLOSERS = "）)”’》〉】」"
_ENDS = "。；;！？!?"
_COMMAS = "，,"
_CN_DIGITS = "零一二三四五六七八九"


def cn_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 27 → 二十七 (values below 100)."""
    if value < 10:
        return _CN_DIGITS[value]
    tens, ones = divmod(value, 10)
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def _scan(text: str, stops: str) -> list[str]:
    """Pieces of `text` cut after each stop character outside brackets and quotes."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        current.append(ch)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch in stops and depth == 0:
            out.append("".join(current))
            current = []
    if "".join(current).strip():
        out.append("".join(current))
    return [p.strip() for p in out if p.strip()]


def sentences(text: str) -> list[str]:
    """Sentences (cut after 。；！？ outside brackets), each ending with its punctuation."""
    out = []
    for piece in _scan(text.replace("\n", ""), _ENDS):
        out.append(piece if piece[-1] in _ENDS else piece + "。")
    return out


def _cjk(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def grams(text: str, n: int = 4) -> set[str]:
    t = _cjk(text)
    return {t[i : i + n] for i in range(len(t) - n + 1)}


def overlap(text: str, pool: set[str]) -> float:
    """Share of the text's character 4-grams found in `pool` (1.0 for text too short to tell)."""
    g = grams(text)
    return len(g & pool) / len(g) if g else 1.0


NOVEL_MAX_OVERLAP = 0.15
"""A sentence counts as new (not copied from the parent) when at most this share of its 4-grams
occurs anywhere in the parent ..."""
CLAUSE_MAX_OVERLAP = 0.4
"""... and no clause of it (8 characters or more) has more than this share."""

# ---------------------------------------------------------------------------------------------
# Localisation: names and level words (not a change of substance)

CHILD_FIRST = "青云临永丰崇泰兴宜柏桐榆"
CHILD_SECOND = "阳阳阳川溪宁林"
CITY_FIRST = "沅澧汀漳泸涪衢婺"


def _level_rules(level: str) -> list[tuple[str, str]]:
    """Regex rules turning the parent's level words into district words."""
    if level == "province":
        word = "省"
    elif level == "city":
        word = "市"
    else:
        return []
    rules = [
        (f"{word}委办公厅", "区委办公室"),
        (f"{word}政府办公厅", "区政府办公室"),
        (f"全{word}", "全区"),
        (f"我{word}", "我区"),
        (f"本{word}", "本区"),
        (f"{word}委", "区委"),
        (f"{word}政府", "区政府"),
        (f"{word}级", "区级"),
        (f"{word}直", "区直"),
        (f"{word}人大", "区人大"),
        (f"{word}政协", "区政协"),
        (f"{word}法院", "区法院"),
        (f"{word}检察院", "区检察院"),
        (f"{word}有关", "区有关"),
        (f"{word}([\u4e00-\u9fff]{{1,6}}?)厅", r"区\1局"),
    ]
    return rules


@dataclass(frozen=True)
class Localiser:
    """Parent (and donor) names → the child's; parent level words → district words."""

    names: tuple[tuple[str, str], ...]
    rules: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def build(cls, sources: list[Plan], child_name: str, child_short: str) -> Localiser:
        pairs: list[tuple[str, str]] = []
        for plan in sources:
            j = plan.jurisdiction
            if j.name:
                pairs.append((j.name, child_name))
            if j.short and j.short != j.name and len(j.short) >= 2:
                pairs.append((j.short, child_short))
        pairs.sort(key=lambda p: (-len(p[0]), p[0]))
        rules = tuple((re.compile(a), b) for a, b in _level_rules(sources[0].jurisdiction.level))
        return cls(tuple(dict.fromkeys(pairs)), rules)

    def __call__(self, text: str) -> str:
        for old, new in self.names:
            text = text.replace(old, new)
        for pattern, repl in self.rules:
            text = pattern.sub(repl, text)
        return text


def unit_key(unit: str, names: tuple[str, ...]) -> str:
    """An agency compared across levels: 省司法厅, 市司法局 and 区司法局 give the same key."""
    u = unit
    for name in names:
        u = u.replace(name, "本地")
    u = re.sub(r"(^|(?<=[（(]))[省市区县]", "", u)
    return u.replace("厅", "局")


# ---------------------------------------------------------------------------------------------
# Rewording (a change of wording; substance stays)

_SYNONYMS = {
    "加强": "强化",
    "强化": "加强",
    "健全": "完善",
    "完善": "健全",
    "推进": "推动",
    "推动": "推进",
    "深入": "扎实",
    "扎实": "深入",
    "提高": "提升",
    "提升": "提高",
    "建立": "构建",
    "积极": "主动",
    "广泛": "普遍",
    "进一步": "持续",
    "不断": "持续",
    "充分发挥": "发挥好",
    "切实": "有效",
    "开展": "组织开展",
}
_SYN_RE = re.compile(
    "|".join(
        {"开展": "(?<!组织)开展", "深入": "深入(?!人心|基层|群众)"}.get(w, re.escape(w))
        for w in sorted(_SYNONYMS, key=lambda w: (-len(w), w))
    )
)
# "Legislate" → "implement": a district cannot make law, it carries it out.
_LEGISLATE = (
    (re.compile(r"(?:适时)?(?:制定|修订|出台)(《?[^，。；,;《》]{2,30}?条例》?)"), r"贯彻落实\1"),
    (re.compile(r"完善([^，。；,;]{0,20}?)地方立法"), r"落实\1相关规定"),
    (re.compile(r"(?:加快|推动|推进)([^，。；,;]{0,12}?)立法"), r"抓好\1法律法规贯彻实施"),
)


# Light paraphrase: function words swapped, intensifiers dropped (wording, not substance).
_PARAPHRASE = (
    (re.compile("把"), "将"),
    (re.compile("以及"), "和"),
    (re.compile("要(?=[把将加强推进推动健全完善落实坚持深化])"), "应"),
    (re.compile("进一步|大力|不断|切实|积极|全面(?!依法治)"), ""),
    (re.compile("各级各部门|各地各部门"), "各部门"),
    (re.compile("等方面"), "等"),
)


def reword(
    text: str, rng: random.Random, p_syn: float, legislate: bool, p_para: float = 0.0
) -> str:
    for pattern, repl in _PARAPHRASE:
        text = pattern.sub(lambda m, r=repl: r if rng.random() < p_para else m[0], text)
    if legislate:
        for pattern, repl in _LEGISLATE:
            text = pattern.sub(lambda m, r=repl: m.expand(r) if rng.random() < 0.85 else m[0], text)
    return _SYN_RE.sub(lambda m: _SYNONYMS[m[0]] if rng.random() < p_syn else m[0], text)
