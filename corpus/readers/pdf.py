"""PDF text layer via pdfplumber: page furniture dropped, wrapped lines reflowed into paragraphs."""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from duizhao.corpus.errors import InputError
from duizhao.corpus.readers import Paragraph
from duizhao.corpus.readers.text import close_label_gap, starts_with_label

if TYPE_CHECKING:
    from pdfplumber.page import Page

_NO_TEXT = "has no text layer (a scanned PDF?); run OCR first or use the .docx"
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+"
    r"|(?:page|p\.)\s*\d+(?:\s*of\s*\d+)?)$",
    re.I,
)
_DASHED_NUMBER_RE = re.compile(r"^[-—–－]\s*\d{1,4}\s*[-—–－]$")
_CID_RE = re.compile(r"\(cid:\d+\)")
_CLOSING = frozenset("，。、；：！？）》〉」』”’】,.;:!?)]")
_ENDS_SENTENCE_RE = re.compile(r"[。；：！？!?;:][”’」』）)]*$")


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    page: int
    geometry: _Geometry


@dataclass(frozen=True)
class _Geometry:
    """Where full lines end and start on pages of one size, and the body font's size."""

    left: float
    right: float
    char: float


def read_pdf(name: str, data: bytes) -> list[Paragraph]:
    """Paragraphs reflowed from the text layer; InputError for scans, encryption, corruption."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_raw_lines(page) for page in pdf.pages]
            images = sum(len(page.images) for page in pdf.pages)
            sizes = [(round(page.width), round(page.height)) for page in pdf.pages]
    except InputError:
        raise
    except Exception as exc:
        if _is_password_error(exc):
            raise InputError(name, "is password-protected; remove the password first") from None
        raise InputError(name, "is not a valid PDF (corrupt or truncated)") from None
    if not pages:
        raise InputError(name, "is a PDF with no pages")
    text_chars = sum(len(t.replace(" ", "")) for page in pages for t, *_ in page)
    if text_chars == 0 or (images and text_chars < 20 * len(pages)):
        raise InputError(name, _NO_TEXT)
    unmapped = sum(len(m) for page in pages for t, *_ in page for m in _CID_RE.findall(t))
    if unmapped * 3 > text_chars:
        raise InputError(
            name, "uses fonts without a Unicode map, so its text cannot be read; use the .docx"
        )
    lines = _positioned(_drop_furniture(pages), sizes)
    paragraphs = [close_label_gap(t) for t in _reflow(lines)]
    return [Paragraph(t, i) for i, t in enumerate(paragraphs, start=1)]


def _is_password_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if "password" in type(e).__name__.lower() or "encrypt" in type(e).__name__.lower():
            return True
        stack.extend(a for a in e.args if isinstance(a, BaseException))
        stack.extend(c for c in (e.__cause__, e.__context__) if c is not None)
    return False


_RawLine = tuple[str, float, float, float, float]
"""text, x0, x1, top, font size."""


def _raw_lines(page: Page) -> list[_RawLine]:
    out = []
    # A space only where the gap is a third of the font size: justified Chinese is spread out.
    for line in page.extract_text_lines(return_chars=True, x_tolerance_ratio=0.3):
        text = line["text"].strip()
        if not text:
            continue
        sizes = [c.get("size", 0) for c in line["chars"] if c.get("text", " ").strip()]
        size = statistics.median(sizes) if sizes else 0.0
        out.append((text, line["x0"], line["x1"], line["top"], size))
    return out


def _drop_furniture(pages: list[list[_RawLine]]) -> list[list[_RawLine]]:
    """Drop page numbers and running headers/footers repeated at the top or bottom of pages."""

    def key(line: _RawLine) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line[0].replace(" ", "")), round(line[3] / 4)

    edge = 2
    counts: Counter[tuple[str, int]] = Counter()
    for page in pages:
        counts.update({key(line) for line in page[:edge] + page[-edge:]})
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    out = []
    for page in pages:
        kept = []
        for i, line in enumerate(page):
            at_edge = i < edge or i >= len(page) - edge
            text = line[0]
            if _DASHED_NUMBER_RE.match(text) or (
                at_edge and (_PAGE_NUMBER_RE.match(text) or key(line) in repeated)
            ):
                continue
            kept.append(line)
        out.append(kept)
    return out


def _positioned(pages: list[list[_RawLine]], sizes: list[tuple[int, int]]) -> list[_Line]:
    geometry: dict[tuple[int, int], _Geometry] = {}
    for size in set(sizes):
        group = [line for page, s in zip(pages, sizes, strict=True) if s == size for line in page]
        geometry[size] = _geometry(group)
    return [
        _Line(text, x0, x1, top, n, geometry[sizes[n]])
        for n, page in enumerate(pages)
        for text, x0, x1, top, _size in page
    ]


def _geometry(lines: list[_RawLine]) -> _Geometry:
    if not lines:
        return _Geometry(0.0, 0.0, 10.0)
    char = statistics.median(line[4] for line in lines) or 10.0
    ends = sorted((line[2] for line in lines), reverse=True)
    support = max(2, len(ends) // 10)
    right = ends[0]
    for candidate in ends:
        if sum(1 for x in ends if abs(x - candidate) <= char) >= support:
            right = candidate
            break
    full = [line[1] for line in lines if line[2] >= right - 2 * char]
    left = min(full) if full else min(line[1] for line in lines)
    return _Geometry(left, right, char)


def _reflow(lines: list[_Line]) -> list[str]:
    uses_indent = _uses_indent(lines)
    pitch = _pitch(lines)
    out: list[str] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is None or _breaks(prev, line, uses_indent, pitch):
            out.append(line.text)
        else:
            out[-1] = _join(out[-1], line.text)
    return out


def _breaks(a: _Line, b: _Line, uses_indent: bool, pitch: float) -> bool:
    """True when line `b` starts a new paragraph after line `a`."""
    if b.text[0] in _CLOSING:
        return False  # no paragraph starts with closing punctuation: a wrap before it
    if a.page == b.page and pitch and b.top - a.top > 1.6 * pitch:
        return True
    short = a.x1 < a.geometry.right - 2 * a.geometry.char
    ends = bool(_ENDS_SENTENCE_RE.search(a.text))
    label = starts_with_label(b.text)
    if uses_indent:
        # Paragraphs start indented. An unindented line after a full one is a wrap: even when
        # it opens with a label (a run-together measure "…。12.保障…"), or when the line before
        # is short because an unbreakable run of digits or Latin letters did not fit.
        if _indented(b):
            return short or ends or label
        if label:
            return short or not ends
        return short and ends
    return label or short or ends


def _indented(line: _Line) -> bool:
    return line.x0 >= line.geometry.left + 1.5 * line.geometry.char


def _uses_indent(lines: list[_Line]) -> bool:
    """Whether paragraphs here start with a first-line indent (judged after short lines)."""
    starts = [
        b
        for a, b in itertools.pairwise(lines)
        if a.x1 < a.geometry.right - 2 * a.geometry.char and not starts_with_label(b.text)
    ]
    return bool(starts) and sum(map(_indented, starts)) >= 0.6 * len(starts)


def _pitch(lines: list[_Line]) -> float:
    gaps = [b.top - a.top for a, b in itertools.pairwise(lines) if a.page == b.page]
    gaps = [g for g in gaps if g > 0]
    return statistics.median(gaps) if gaps else 0.0


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right
