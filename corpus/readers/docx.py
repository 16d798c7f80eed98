"""Word .docx in body order (tables included) with automatic list numbering rendered as labels."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree

from duizhao.corpus.errors import InputError
from duizhao.corpus.readers import Paragraph
from duizhao.corpus.readers.text import starts_with_label

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(_w(attr))


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


_P, _T, _R, _TXBX = _w("p"), _w("t"), _w("r"), _w("txbxContent")
_BREAKS = {_w("br"), _w("cr")}
_TABS = {_w("tab"), _w("ptab")}
# Property elements, deleted text and fallback copies: nothing to read inside.
_SKIP = {
    _w(t)
    for t in [
        "pPr",
        "rPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sectPr",
        "sdtPr",
        "sdtEndPr",
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "delInstrText",
        "footnoteReference",
        "endnoteReference",
    ]
} | {f"{{{_MC}}}Fallback"}


def read_docx(name: str, data: bytes) -> list[Paragraph]:
    """Paragraphs of the document body, table cells in row order, list labels as text."""
    body, numbering = _open(name, data)
    texts: list[str] = []
    try:
        for p in _blocks(body, numbering):
            texts.extend(p)
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(name, f"has a document body that cannot be read ({exc})") from None
    return [Paragraph(t, i) for i, t in enumerate(texts, start=1)]


def _open(name: str, data: bytes) -> tuple[etree._Element, _Numbering]:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # BadZipFile, or a zip using features zipfile cannot read
        raise InputError(name, "is not a valid .docx (damaged zip archive)") from None
    kind = _zip_kind(names)
    if kind:
        raise InputError(
            name, f"is {kind}, not a Word document: save it as .docx, or export the plan text"
        )
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        part = document.part
        styles = part.styles.element
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_root = None
        return document.element.body, _Numbering(numbering_root, styles)
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise InputError(
                name, "is a macro-enabled Word file (.docm); save it as .docx"
            ) from None
        raise InputError(name, "is not a valid .docx (corrupt or not a Word document)") from None
    except Exception:
        raise InputError(name, "is not a valid .docx (corrupt or not a Word document)") from None


def _zip_kind(names: set[str]) -> str | None:
    """What a zip that is not a Word document is, or None when it may be one."""
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    if "mimetype" in names and "content.xml" in names:
        return "an OpenDocument file"
    if "[Content_Types].xml" not in names:
        return "a zip archive"
    return None


def _blocks(container: etree._Element, numbering: _Numbering) -> Iterator[list[str]]:
    """Each paragraph of `container` in order, descending into tables and content controls."""
    for child in container:
        tag = child.tag
        if tag == _P:
            yield from _paragraph(child, numbering)
        elif isinstance(tag, str) and tag not in _SKIP:
            yield from _blocks(child, numbering)


def _paragraph(p: etree._Element, numbering: _Numbering) -> Iterator[list[str]]:
    segments: list[str] = [""]
    boxes: list[etree._Element] = []
    _collect(p, segments, boxes)
    for box in boxes:
        yield from _blocks(box, numbering)
    label = numbering.label_for(p)
    if label and any(seg.strip() for seg in segments):
        segments[0] = label + segments[0].lstrip()
    out: list[str] = []
    for raw in segments:
        seg = _clean(raw)
        if not seg:
            continue
        if out and not starts_with_label(seg):
            out[-1] = _join(out[-1], seg)
        else:
            out.append(seg)
    yield out


def _collect(el: etree._Element, segments: list[str], boxes: list[etree._Element]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            segments[-1] += child.text or ""
        elif tag in _TABS:
            segments[-1] += "\t"
        elif tag in _BREAKS:
            segments.append("")
        elif tag == _w("noBreakHyphen"):
            segments[-1] += "-"
        elif tag == _TXBX:
            boxes.append(child)
        elif tag == _R and _hidden(child):
            continue
        else:
            _collect(child, segments, boxes)


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{_w('rPr')}/{_w('vanish')}")
    return vanish is not None and _val(vanish) not in ("0", "false", "off")


_SPACE_RE = re.compile(r"[\s\u00a0]+")


def _clean(text: str) -> str:
    return _SPACE_RE.sub(lambda m: " " if "\u3000" not in m.group() else "\u3000", text).strip()


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


# --- numbering -----------------------------------------------------------------------------


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
    start = _int(_val(lvl.find(_w("start"))))
    fmt = _val(lvl.find(_w("numFmt")))
    text = _val(lvl.find(_w("lvlText")))
    restart = _int(_val(lvl.find(_w("lvlRestart"))))
    legal = lvl.find(_w("isLgl"))
    suffix = _val(lvl.find(_w("suff")))
    style = _val(lvl.find(_w("pStyle")))
    return replace(
        level,
        start=level.start if start is None else start,
        fmt=fmt or level.fmt,
        text=level.text if text is None else text,
        restart=level.restart if restart is None else restart,
        legal=level.legal or (legal is not None and _val(legal) not in ("0", "false")),
        suffix=suffix or level.suffix,
        style=style or level.style,
    )


class _Numbering:
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
        for style in styles.iter(_w("style")):
            sid = style.get(_w("styleId"))
            if not sid:
                continue
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            num_id = _val(num_pr.find(_w("numId"))) if num_pr is not None else None
            ilvl = _int(_val(num_pr.find(_w("ilvl")))) if num_pr is not None else None
            self.styles[sid] = (_val(style.find(_w("basedOn"))), num_id, ilvl)
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_style = sid

    def _read_numbering(self, root: etree._Element) -> None:
        for abstract in root.iter(_w("abstractNum")):
            aid = abstract.get(_w("abstractNumId"))
            if aid is None:
                continue
            levels = {}
            for lvl in abstract.iter(_w("lvl")):
                ilvl = _int(lvl.get(_w("ilvl")))
                if ilvl is not None:
                    levels[ilvl] = _parse_level(lvl)
            if _val(abstract.find(_w("multiLevelType"))) == "singleLevel":
                self.single.add(aid)
            self.abstracts[aid] = levels
            link = _val(abstract.find(_w("numStyleLink")))
            if link:
                self.links[aid] = link
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"))
            aid = _val(num.find(_w("abstractNumId")))
            if nid is None or aid is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iter(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")))
                if ilvl is None:
                    continue
                start = _int(_val(override.find(_w("startOverride"))))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _parse_level(lvl)
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
        ppr = p.find(_w("pPr"))
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        style = _val(ppr.find(_w("pStyle"))) if ppr is not None else None
        style = style or self.default_style
        num_id = _val(num_pr.find(_w("numId"))) if num_pr is not None else None
        ilvl = _int(_val(num_pr.find(_w("ilvl")))) if num_pr is not None else None
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

    label = _PLACEHOLDER_RE.sub(number, level.text).strip()
    if not label:
        return ""
    if level.suffix != "nothing" and label[-1].isalnum():
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
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(n: int) -> str:
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
