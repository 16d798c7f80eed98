"""Numbering labels: recognising them at a paragraph's start, their values, and run-together splits.

Levels are marked by numbering style (一、 （一） 1. （1） …); which style sits under which is
inferred later from the order the styles appear in (see `tree.py`), not from a fixed table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二三四五六七八九十百千两"
_SP = r"[ \t\u00a0\u2000-\u200b\u3000]"
_DIGITS = 6
"""Digits an Arabic label may have (item 999,999: far past any plan, and past MAX_MEASURES)."""
_OPEN = r"[（(]"
_CLOSE = r"[）)]"

_QUANTITY = (
    "[年月日时分秒个项条次万亿千百元号家名人所件位批类届期天周倍岁层级后型栋户座米吨度成"
    "至到余多种大方支场套张台辆部间处份篇本遍轮门]"
)
"""Characters that make a number before them a quantity or a date, never a label."""

# Style key → pattern for a label at the very start of a paragraph (group "num" holds the numeral).
# Order matters: the first pattern that matches wins. Arabic labels run to `_DIGITS` digits:
# a plan of 1,005 items has labels 1000. to 1005. (with three digits they were read as text
# and merged into item 999); past that, a measure count is refused by its own limit
# (`limits.MAX_MEASURES`) long before a label could need more.
STYLES: dict[str, re.Pattern[str]] = {
    "chapter": re.compile(rf"^第(?P<num>[{_CN}\d]+)[部分章篇节]+{_SP}*"),
    "article": re.compile(rf"^第(?P<num>[{_CN}\d]+)条{_SP}*"),
    "cn": re.compile(rf"^(?P<num>[{_CN}]+){_SP}*[、．.]{_SP}*"),
    "cn_paren": re.compile(rf"^{_OPEN}{_SP}*(?P<num>[{_CN}]+){_SP}*{_CLOSE}{_SP}*"),
    "arabic_paren": re.compile(rf"^{_OPEN}{_SP}*(?P<num>\d{{1,{_DIGITS}}}){_SP}*{_CLOSE}{_SP}*"),
    "arabic": re.compile(rf"^(?P<num>\d{{1,{_DIGITS}}}){_SP}*[.．、](?![\d．.]){_SP}*"),
    # `1 组织…`, and the same label glued to its title (`1组织…`, a Word list label whose
    # separator was lost in copying), unless the digits are a quantity (3年, 10项, 95后).
    # Three or four digits (topic 100 and on) only with a space, and never before a quantity
    # (`2021 年`).
    "arabic_space": re.compile(
        rf"^(?P<num>\d{{1,2}}|\d{{3,4}}(?={_SP}+(?!{_SP})(?!{_QUANTITY})))"
        rf"(?:{_SP}+(?=[\u4e00-\u9fff“《])|(?=[\u4e00-\u9fff])(?!{_QUANTITY}))"
    ),
}
# How a style is named in warnings.
STYLE_NAMES = {
    "chapter": "第X部分",
    "article": "第X条",
    "cn": "一、",
    "cn_paren": "（一）",
    "arabic_paren": "（1）",
    "arabic": "1.",
    "arabic_space": "1␣",
}

# A run-together Arabic label: after a sentence end, a number, then . 、 ． and a non-digit.
_RUN_TOGETHER = re.compile(
    rf"(?<=[。；;！？!?”])(?P<label>(?P<num>\d{{1,{_DIGITS}}})[.．、])(?=[^\d．.、\s])"
)


@dataclass(frozen=True)
class Label:
    """A measure's or heading's number: its style, its value and its text."""

    style: str
    value: int
    text: str
    """The label as printed, without trailing spaces."""


def cn_to_int(numeral: str) -> int:
    """Chinese numeral (一, 十一, 二十七, 一百零三) or Arabic digits to int; 0 when unreadable."""
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for ch in numeral:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            return 0
    return total + current


def int_to_cn(value: int) -> str:
    """1 → 一, 10 → 十, 27 → 二十七 (for values below 1000)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value % 10] if value % 10 else "")
    if value < 100:
        return digits[value // 10] + "十" + (digits[value % 10] if value % 10 else "")
    rest = value % 100
    head = digits[value // 100] + "百"
    if not rest:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    return head + ("一" if rest < 20 else "") + int_to_cn(rest)


def match_label(text: str) -> tuple[Label, str] | None:
    """The label at the start of `text` and the text after it, or None."""
    for style, pattern in STYLES.items():
        m = pattern.match(text)
        if not m:
            continue
        value = cn_to_int(m.group("num"))
        if value <= 0 or (style in ("cn", "cn_paren") and not _cn_label(m.group("num"))):
            continue
        return Label(style, value, m.group(0).strip()), text[m.end() :].strip()
    return None


def _cn_label(numeral: str) -> bool:
    """A Chinese numeral short enough to be a label: four characters (二十七, 一百零三), or up
    to eight when it counts thousands (一千零五, 一千二百三十四: item 1000 and on)."""
    return len(numeral) <= 4 or (len(numeral) <= 8 and "千" in numeral)


def given_label(text: str, label: str) -> tuple[Label, str] | None:
    """The label a reader says `text` starts with (a Word list label, a table's 序号 cell).

    The shape decides the style as for typed labels; a bare number (`1`, `一`) that no
    pattern matches is taken too (styles `1␣` and `一、`): the reader knows it is a label.
    """
    label = label.strip()
    if not label or not text.startswith(label):
        return None
    found = match_label(text)
    if found and found[0].text == label:
        return found
    found = match_label(label)
    rest = text[len(label) :].strip()
    if found and not found[1]:
        return found[0], rest
    if label.isdigit() and len(label) <= _DIGITS:
        # A bare number is the `1␣` style (a topic level, a table's 序号), not `1.`: the two
        # are different levels when a plan uses both.
        value = int(label)
        return (Label("arabic_space", value, label), rest) if value > 0 else None
    if all(ch in _CN for ch in label) and len(label) <= 4:
        value = cn_to_int(label)
        return (Label("cn", value, label), rest) if value > 0 else None
    return None


_BREAK_STYLES = frozenset(STYLES) - {"arabic_space"}
"""Styles whose label at a line's start means a new paragraph: `1 ` before a word is too
common inside wrapped text (`12 个工作日`) to break on; a list level written so is known as
a label from the Word numbering instead (see `given_label`)."""
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _gap_follows(ch: str) -> bool:
    """A character that closes a label's gap: CJK, full-width, or an opening quote or 《.

    (A comparison, not a regular expression: `re` spends milliseconds compiling a class of
    30,000 characters, on every start of the program.)"""
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or ch in "“‘《")


def starts_with_label(text: str) -> bool:
    """True when `text` opens with a numbering label (一、 （一） 1. （1） 第一章 ①).

    The readers use it to decide where a paragraph starts (a soft line break, a wrapped PDF
    line); circled numbers count here although the tree does not number by them.
    """
    text = text.lstrip()
    if text[:1] in _CIRCLED:
        return True
    found = match_label(text)
    return found is not None and found[0].style in _BREAK_STYLES


def close_label_gap(text: str) -> str:
    """ "一、 总体要求" → "一、总体要求": drop the tab or spaces a list label leaves before its text."""
    found = match_label(text)
    if found is None or found[0].style not in ("cn", "cn_paren", "arabic_paren", "arabic"):
        return text
    label, rest = found
    head = text.lstrip()
    after = head[head.index(label.text) + len(label.text) :] if label.text in head else ""
    if after[:1].isspace() and _gap_follows(rest[:1]):
        return text[: len(text) - len(head)] + label.text + rest
    return text


def split_run_together(text: str, expected: int | None) -> list[str]:
    """Split "…。2.深化…。3.增强…" into pieces, when each number continues the sequence.

    `expected` is the next Arabic label value the document is waiting for (None: any start).
    Numbers that do not continue the sequence ("。2021.", "。3.5亿") stay in the text.
    """
    pieces: list[str] = []
    start = 0
    head = match_label(text)
    if head and head[0].style == "arabic":
        expected = head[0].value + 1
    for m in _RUN_TOGETHER.finditer(text):
        value = int(m.group("num"))
        if expected is not None and value != expected:
            continue
        if expected is None and value != 1 and not pieces and not head:
            continue
        pieces.append(text[start : m.start()])
        start = m.start()
        expected = value + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]
