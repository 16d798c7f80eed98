"""Word's automatic list numbering (numbering.xml): levels, counters and the labels they print.

Drafts often number headings with list styles, so the text alone has no "一、": the reader
renders the numbers Word would show, in Word's formats (chineseCounting, decimalEnclosedCircle …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from duizhao.corpus.limits import MAX_LIST_NUMBER

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def wtag(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def wval(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(wtag(attr))


def to_int(value: str | None) -> int | None:
    """An integer attribute, clamped to Word's own range (a start of 10^20 is Word's maximum)."""
    try:
        number = None if value is None else int(value[:12])
    except ValueError:
        return None
    return None if number is None else max(-MAX_LIST_NUMBER, min(number, MAX_LIST_NUMBER))


# --- levels -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    """w:lvlRestart: 1-based level whose use restarts this one; 0 = never; None = any higher."""
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None


def _parse_level(lvl: etree._Element, base: _Level | None = None) -> _Level:
    level = base or _Level()
    start = to_int(wval(lvl.find(wtag("start"))))
    fmt = wval(lvl.find(wtag("numFmt")))
    text = wval(lvl.find(wtag("lvlText")))
    restart = to_int(wval(lvl.find(wtag("lvlRestart"))))
    legal = lvl.find(wtag("isLgl"))
    suffix = wval(lvl.find(wtag("suff")))
    style = wval(lvl.find(wtag("pStyle")))
    return replace(
        level,
        start=level.start if start is None else start,
        fmt=fmt or level.fmt,
        text=level.text if text is None else text,
        restart=level.restart if restart is None else restart,
        legal=level.legal or (legal is not None and wval(legal) not in ("0", "false")),
        suffix=suffix or level.suffix,
        style=style or level.style,
    )


class Numbering:
    """numbering.xml and styles.xml, plus the running counters Word keeps while laying out."""

    def __init__(self, root: etree._Element | None, styles: etree._Element | None) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}
        self.single: set[str] = set()
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.styles: dict[str, tuple[str | None, str | None, int | None]] = {}
        self.default_style: str | None = None
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if styles is not None:
            self._read_styles(styles)
        if root is not None:
            self._read_numbering(root)

    def _read_styles(self, styles: etree._Element) -> None:
        for style in styles.iter(wtag("style")):
            sid = style.get(wtag("styleId"))
            if not sid:
                continue
            num_pr = style.find(f"{wtag('pPr')}/{wtag('numPr')}")
            num_id = wval(num_pr.find(wtag("numId"))) if num_pr is not None else None
            ilvl = to_int(wval(num_pr.find(wtag("ilvl")))) if num_pr is not None else None
            self.styles[sid] = (wval(style.find(wtag("basedOn"))), num_id, ilvl)
            if style.get(wtag("type")) == "paragraph" and style.get(wtag("default")) in (
                "1",
                "true",
            ):
                self.default_style = sid

    def _read_numbering(self, root: etree._Element) -> None:
        for abstract in root.iter(wtag("abstractNum")):
            aid = abstract.get(wtag("abstractNumId"))
            if aid is None:
                continue
            levels = {}
            for lvl in abstract.iter(wtag("lvl")):
                ilvl = to_int(lvl.get(wtag("ilvl")))
                if ilvl is not None:
                    levels[ilvl] = _parse_level(lvl)
            if wval(abstract.find(wtag("multiLevelType"))) == "singleLevel":
                self.single.add(aid)
            self.abstracts[aid] = levels
            link = wval(abstract.find(wtag("numStyleLink")))
            if link:
                self.links[aid] = link
        for num in root.iter(wtag("num")):
            nid = num.get(wtag("numId"))
            aid = wval(num.find(wtag("abstractNumId")))
            if nid is None or aid is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iter(wtag("lvlOverride")):
                ilvl = to_int(override.get(wtag("ilvl")))
                if ilvl is None:
                    continue
                start = to_int(wval(override.find(wtag("startOverride"))))
                if start is not None:
                    starts[ilvl] = start
                level = override.find(wtag("lvl"))
                if level is not None:
                    overrides[ilvl] = _parse_level(level)
            self.nums[nid] = (aid, overrides, starts)

    def _abstract(self, aid: str, depth: int = 0) -> str:
        """Follow w:numStyleLink (a list style) to the abstract numbering that defines levels."""
        link = self.links.get(aid)
        if link is None or depth > 5:
            return aid
        _, num_id, _ = self.styles.get(link, (None, None, None))
        if num_id is None or num_id not in self.nums:
            return aid
        return self._abstract(self.nums[num_id][0], depth + 1)

    def _from_style(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        seen: set[str] = set()
        num_id: str | None = None
        ilvl: int | None = None
        owner: str | None = None
        while sid and sid not in seen:
            seen.add(sid)
            based_on, s_num, s_ilvl = self.styles.get(sid, (None, None, None))
            if num_id is None and s_num is not None:
                num_id, owner = s_num, sid
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            sid = based_on
        return num_id, ilvl, owner

    def label_for(self, p: etree._Element) -> str:
        """The rendered label of paragraph `p` ('' when unnumbered); advances the counters."""
        if not self.nums:
            return ""
        ppr = p.find(wtag("pPr"))
        num_pr = ppr.find(wtag("numPr")) if ppr is not None else None
        style = wval(ppr.find(wtag("pStyle"))) if ppr is not None else None
        style = style or self.default_style
        num_id = wval(num_pr.find(wtag("numId"))) if num_pr is not None else None
        ilvl = to_int(wval(num_pr.find(wtag("ilvl")))) if num_pr is not None else None
        s_num, s_ilvl, owner = self._from_style(style)
        if num_id is None:
            num_id = s_num
        if ilvl is None:
            ilvl = s_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides, starts = self.nums[num_id]
        aid = self._abstract(aid)
        levels = {**self.abstracts.get(aid, {}), **overrides}
        if ilvl is None:
            ilvl = next((k for k, lv in levels.items() if owner and lv.style == owner), 0)
        if aid in self.single:
            ilvl = 0
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for k, start in starts.items():
                counters[k] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl].start
        for k in [k for k in counters if k > ilvl]:
            restart = levels[k].restart if k in levels else None
            if ilvl < (k if restart is None else restart):
                del counters[k]
        return _render(levels, counters, ilvl)


_PLACEHOLDER_RE = re.compile(r"%([1-9])")


def _render(levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> str:
    level = levels[ilvl]
    if level.fmt == "bullet":
        return ""

    def number(m: re.Match[str]) -> str:
        k = int(m.group(1)) - 1
        ref = levels.get(k, _Level())
        value = counters.get(k, ref.start)
        legal = level.legal and ref.fmt not in ("decimalZero", "none")
        return format_number(value, "decimal" if legal else ref.fmt)

    raw = _PLACEHOLDER_RE.sub(number, level.text)
    label = raw.strip()
    if not label:
        return ""
    # LibreOffice and WPS often end the level text with a space or U+2002 (`%1 `) and set
    # w:suff to nothing: the separator is then in the level text, and it must survive.
    spaced = raw[-1:].isspace() or level.suffix in ("space", "tab")
    if spaced and label[-1].isalnum():
        return label + " "
    return label


# --- number formats ------------------------------------------------------------------------

# As Word renders them (checked against Open-Xml-PowerTools' ListItemTextGetter_zh_CN).
_CN = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _cn_counting(n: int, digits: str = _CN, ten: str = "十") -> str:
    """chineseCounting: 十, 十一, 二十七; from 100 on digit by digit with ○ (一○五)."""
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 and digits is _CN else digits[tens]
        return head + ten + (digits[ones] if ones else "")
    return "".join("○" if c == "0" else digits[int(c)] for c in str(n))


def _cn_thousand(n: int, digits: str = _CN, units: str = "千百十") -> str:
    """chineseCountingThousand: 一百〇五, 一百一十, 一千〇一十 (a gap of zeros reads 〇)."""
    if n < 100 or n >= 10000:
        return _cn_counting(n, digits, units[2])
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, units[0]), (100, units[1]), (10, units[2]), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                parts.append(digits[0])
                zero = False
            parts.append(digits[d] + unit)
        elif parts:
            zero = True
    return "".join(parts)


def _letters(n: int, upper: bool) -> str:
    if n > 26 * 4:  # AAAA is as far as a label sensibly goes; beyond, the number itself
        return str(n)
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(n: int) -> str:
    if n >= 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _circled(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter value `n` in Word number format `fmt` (w:numFmt); unknown formats as 1 2 3."""
    n = max(-MAX_LIST_NUMBER, min(n, MAX_LIST_NUMBER))
    if n <= 0 and fmt not in ("decimal", "decimalZero", "none"):
        return str(n)
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting"):
        return _cn_counting(n)
    if fmt in (
        "chineseCountingThousand",
        "japaneseDigitalTenThousand",
        "taiwaneseCountingThousand",
    ):
        return _cn_thousand(n)
    if fmt == "chineseLegalSimplified":
        return _cn_thousand(n, _CN_LEGAL, "仟佰拾")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_CN[int(c)] for c in str(n))
    if fmt in ("ideographTraditional", "ideographZodiacTraditional"):
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _circled(n)
    if fmt == "decimalEnclosedFullstop" and n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalEnclosedParen" and n <= 20:
        return chr(0x2474 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "none":
        return ""
    return str(n)
