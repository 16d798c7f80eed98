"""What surrounds a plan in a file as users get it: notices, web chrome, footers, source lines.

Recognises the noise to drop and the pieces to keep (title, period, draft marker, preamble,
closing, issuer, date). Patterns are deliberately anchored to short lines so that body text
mentioning, say, 联系人 is never dropped.
"""

from __future__ import annotations

import re

# Lines that are page chrome, notices' contact lines or footers: dropped wherever they stand.
_NOISE = [
    r"^(当前位置|您的位置|你的位置|所在位置)\s*[:：]",
    r"首页\s*[>＞»›]",
    r"^(发布)?(时间|日期)\s*[:：].{0,40}(作者|来源|浏览|点击|字号)",
    r"^(时间|日期|发布时间|发布日期|作者|来源|信息来源|文章来源|发布机构|发文机关|浏览次数|点击数|索引号|文号|主题分类|成文日期|发布者|访问量)\s*[:：]",
    r"^【?\s*字号\s*[:：]?\s*(大|中|小)",
    r"(^|\s)(打印|关闭|收藏|分享到|打印本页|关闭窗口|返回顶部)(\s|$)",
    r"^(主办单位|承办单位|协办单位|技术支持|维护单位|网站标识码|网站地图|联系我们|版权所有|Copyright)",
    r"ICP备|公网安备|网站标识码|政府网站标识码",
    r"^(地址|邮编|电话|传真|Tel|TEL|E-?mail|邮箱)\s*[:：]",
    r"^联系人(和联系电话|及电话|及联系方式)?\s*[:：]",
    r"^(上一篇|下一篇|相关链接|相关阅读|扫一扫)",
    r"^附件\s*\d*\s*[:：]",
    r"\.(docx?|pdf|wps|xlsx?|ofd)\s*$",
]
_NOISE_RE = re.compile("|".join(f"(?:{p})" for p in _NOISE), re.I)
_NOISE_MAX_LEN = 120

_PLAN_WORDS = (
    "实施方案|工作方案|行动方案|方案|规划|纲要|实施意见|意见|行动计划|计划|工作要点|要点|办法"
)
_TITLE_END = re.compile(rf"({_PLAN_WORDS})$")
PERIOD_RE = re.compile(r"(\d{4})\s*年?\s*[—–\-－~～至到]+\s*(\d{4})\s*年?")
DRAFT_RE = re.compile(r"征求意见稿|草案|送审稿|讨论稿|修改稿|代拟稿|初稿|审议稿")
_PAREN_RE = re.compile(r"[（(][^（()）]*[）)]")
_CITE_RE = re.compile(r"《([^《》]+)》")
_DATE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_ISSUER_RE = re.compile(
    r"^(中共|中国共产党)?.{2,30}(委员会|办公室|人民政府|政府|党委|党工委|管委会|委员会办公室|司法局|司法厅"
    r"|[省市区县州旗盟]委)$"
)
_SIGNATURE_RE = re.compile(
    r"^(?P<issuer>\S.*?)[\s\u3000]*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$"
)
"""An issuer and its date on one line (中共贵州省委 2021年4月17日)."""
_CLOSING_RE = re.compile(
    r"(本方案|本实施方案|本意见|本规划|本计划|本纲要|此方案|方案各项|结合实际)"
)
_HEADLINE_ISSUER_RE = re.compile(r"^(.{2,30}?)(印发|发布|出台|关于)了?(对|印发)?《")


def is_noise(text: str) -> bool:
    """True for page chrome, contact lines, attachment names, footers and injected spam."""
    return len(text) <= _NOISE_MAX_LEN and bool(_NOISE_RE.search(text))


def strip_period_and_draft(title: str) -> str:
    """'X方案(2021—2025年)(征求意见稿)' → 'X方案'."""
    # Peeled from the end one group at a time, each found by scanning back from its closing
    # bracket, by index (no copies): linear in the title (a regex anchored at $ per group, or
    # a slice per group, was quadratic).
    end = len(title.rstrip())
    while end and title[end - 1] in "）)":
        start = end - 2
        while start >= 0 and title[start] not in "（()）":
            start -= 1
        if start < 0 or title[start] in ")）":
            break  # no opening bracket, or nested brackets: not a period or draft marker
        inner = title[start + 1 : end - 1]
        if not (PERIOD_RE.search(inner) or DRAFT_RE.search(inner)):
            break
        end = start
        while end and title[end - 1].isspace():
            end -= 1
    return title[:end].strip()


def is_title_line(text: str) -> bool:
    """A standalone title: names a plan, no sentence punctuation, reasonably short."""
    if len(text) > 70 or re.search(r"[。，,：:；;！？]", text):
        return False
    return bool(_TITLE_END.search(strip_period_and_draft(text)))


def title_in_headline(text: str) -> str | None:
    """The plan title quoted in a notice or news headline: 关于对《X方案(…)(征求意见稿)》…的公告."""
    for quoted in _CITE_RE.findall(text):
        core = strip_period_and_draft(quoted)
        if _TITLE_END.search(core) and "通知" not in core:
            return quoted
    return None


def find_period(*texts: str) -> str | None:
    """'2021—2025' from the first text that names a span of years."""
    for text in texts:
        m = PERIOD_RE.search(text or "")
        if m and m.group(1) < m.group(2):
            return f"{m.group(1)}—{m.group(2)}"
    return None


def is_period_line(text: str) -> bool:
    """A line like （2021—2025年） standing alone."""
    return (
        len(text) <= 16
        and bool(PERIOD_RE.search(text))
        and not re.search("[\u4e00-\u9fff]{2}", re.sub("年", "", text))
    )


def cites(preamble: str) -> tuple[str, ...]:
    """Documents named in 《》, in order, without repeats."""
    return tuple(dict.fromkeys(c.strip() for c in _CITE_RE.findall(preamble)))


def is_closing(text: str) -> bool:
    """The unnumbered paragraph after the body telling every unit to implement the plan."""
    return bool(_CLOSING_RE.search(text)) and bool(
        re.match(r"^(各|全省|全市|全区|全县|全州|全旗|本)", text)
    )


def is_date(text: str) -> bool:
    return bool(_DATE_RE.match(text))


def is_issuer(text: str) -> bool:
    return bool(_ISSUER_RE.match(text)) and len(text) <= 40


def signature(text: str) -> tuple[str, str] | None:
    """(issuer, date) of a signature line holding both (中共贵州省委 2021年4月17日), or None:
    the issuer is the name alone, the date the date alone. Only a short line is one (the
    pattern backtracks on long runs of spaces)."""
    if len(text) > 60:
        return None
    m = _SIGNATURE_RE.match(text.strip())
    if m is None or not is_issuer(m["issuer"]):
        return None
    return m["issuer"], m["date"]


def headline_issuer(text: str) -> str | None:
    """中共湖北省委印发《…》 → 中共湖北省委."""
    m = _HEADLINE_ISSUER_RE.match(text)
    return m.group(1) if m else None
