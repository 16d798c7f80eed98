"""PDF text layer via pdfplumber: page furniture dropped, wrapped lines reflowed into paragraphs."""

from __future__ import annotations

import bisect
import contextlib
import io
import itertools
import logging
import re
import statistics
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from duizhao.corpus.errors import InputError, message
from duizhao.corpus.readers import pdf_bounds
from duizhao.corpus.readers.pdf_layout import TABLE_MARK, PdfTable, page_lines
from duizhao.corpus.readers.source import Paragraph
from duizhao.corpus.readers.task_table import Row, read_rows
from duizhao.corpus.readers.text import close_label_gap, starts_with_label

if TYPE_CHECKING:
    from collections.abc import Iterator

    pass


class ScannedPdf(InputError):
    """A PDF whose pages are pictures (no text layer, or one too thin to hold the pages):
    `readers.read_bytes` reads it through OCR instead."""


_NO_TEXT = message("has no text layer (a scanned PDF?)")
_MIN_CHARS_PER_PAGE = 20
"""A PDF with images and fewer text characters than this per page is a scan (a page of a plan
holds hundreds; a scan may carry a stamp's or a scanner's few words as text)."""
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
    column: int = 0
    size: float = 0.0
    """The line's font size (median of its characters)."""


@dataclass(frozen=True)
class _Geometry:
    """Where full lines end and start on pages of one size, and the body font's size."""

    left: float
    right: float
    char: float


def read_pdf(name: str, data: bytes) -> list[Paragraph]:
    """Paragraphs reflowed from the text layer; InputError for scans, encryption, corruption."""
    import pdfplumber

    tables: list[PdfTable] = []
    try:
        with _quiet(), pdf_bounds.bounded(name), pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            for n, page in enumerate(pdf.pages):
                pdf_bounds.next_page()
                pages.append(page_lines(page, n, tables))
                pdf_bounds.check()
            images = sum(len(page.images) for page in pdf.pages)
            sizes = [(round(page.width), round(page.height)) for page in pdf.pages]
            pdf_bounds.check()
    except InputError:
        raise
    except Exception as exc:
        pdf_bounds.check(name)  # a bound hit, reported by pdfminer as something else
        if _is_password_error(exc):
            raise InputError(name, "is password-protected; remove the password first") from None
        raise InputError(name, "is not a valid PDF (corrupt or truncated)") from None
    if not pages:
        raise InputError(name, "is a PDF with no pages")
    text_chars = sum(
        len(t.replace(" ", "")) for page in pages for t, *_ in page if not _is_mark(t)
    ) + sum(len(c or "") for table in tables for row in table.rows for c in row)
    if text_chars == 0 or (images and text_chars < _MIN_CHARS_PER_PAGE * len(pages)):
        raise ScannedPdf(name, _NO_TEXT)
    unmapped = sum(len(m) for page in pages for t, *_ in page for m in _CID_RE.findall(t))
    unmapped += sum(
        len(m)
        for table in tables
        for row in table.rows
        for c in row
        for m in _CID_RE.findall(c or "")
    )
    if unmapped * 3 > text_chars:
        raise InputError(
            name, "uses fonts without a Unicode map, so its text cannot be read; use the .docx"
        )
    lines = _positioned(_drop_furniture(pages), sizes)
    return _with_tables(_reflow(lines), tables)


def reflow_lines(pages: list[list[_RawLine]], sizes: list[tuple[int, int]]) -> list[str]:
    """Paragraphs of positioned lines (OCR output, one list per page): furniture dropped,
    wrapped lines joined, exactly as a text layer's lines are."""
    lines = _positioned(_drop_furniture(pages), sizes)
    return [close_label_gap(text) for text in _reflow(lines)]


def _with_tables(texts: list[str], tables: list[PdfTable]) -> list[Paragraph]:
    """Reflowed text with each run of table markers replaced by the table's paragraphs.

    A table continued on the next page is one table: its rows are joined, and the header
    printed again on the new page is dropped by `task_table`.
    """
    out: list[tuple[str, str | None]] = []
    run: list[tuple[str | None, ...]] = []

    def flush() -> None:
        if not run:
            return
        rows = [Row(tuple(c or "" for c in r), full_width=_full_width(r)) for r in run]
        structured = read_rows(rows)
        if structured is None:
            out.extend((c, None) for r in run for c in r if c)
        else:
            out.extend((item.text, item.label) for item in structured)
        run.clear()

    for text in texts:
        if text.startswith(TABLE_MARK):
            _continue(run, tables[int(text[len(TABLE_MARK) :])].rows)
            continue
        flush()
        out.append((close_label_gap(text), None))
    flush()
    return [Paragraph(t, i, label) for i, (t, label) in enumerate(out, start=1)]


def _continue(run: list[tuple[str | None, ...]], table: tuple[tuple[str | None, ...], ...]) -> None:
    """Append a table's rows to the run; a row cut by the page break is joined to its start.

    On the new page the header is printed again (skipped here) and a row that was cut has
    no 序号: its cells continue the last row's cells.
    """
    rows = list(table)
    if run and rows and rows[0] == run[0]:
        rows = rows[1:]
    if run and rows and not (rows[0][0] or "").strip() and not _full_width(rows[0]):
        last, cut = run[-1], rows.pop(0)
        if len(last) == len(cut) and not _full_width(last):
            run[-1] = tuple(
                _join(a or "", b or "") if b else a for a, b in zip(last, cut, strict=True)
            )
        else:
            rows.insert(0, cut)
    run.extend(rows)


def _full_width(row: tuple[str | None, ...]) -> bool:
    """A merged heading row: text in the first cell, every other cell merged into it (None)."""
    return len(row) > 1 and bool(row[0]) and all(c is None for c in row[1:])


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer's font warnings ("Could not get FontBBox") never reach the user."""
    names = ("pdfminer", "pdfplumber")
    saved = [(logging.getLogger(n), logging.getLogger(n).level) for n in names]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


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


_RawLine = tuple[str, float, float, float, float, int]
"""text, x0, x1, top, font size, column (see `pdf_layout.RawLine`)."""


def _drop_furniture(pages: list[list[_RawLine]]) -> list[list[_RawLine]]:
    """Drop page numbers and running headers/footers repeated at the top or bottom of pages."""

    def key(line: _RawLine) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line[0].replace(" ", "")), round(line[3] / 4)

    edge = 2
    counts: Counter[tuple[str, int]] = Counter()
    for page in pages:
        counts.update({key(line) for line in page[:edge] + page[-edge:] if not _is_mark(line[0])})
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    out = []
    for page in pages:
        kept = []
        for i, line in enumerate(page):
            at_edge = i < edge or i >= len(page) - edge
            text = line[0]
            if _is_mark(text):
                kept.append(line)
                continue
            if _DASHED_NUMBER_RE.match(text) or (
                at_edge and (_PAGE_NUMBER_RE.match(text) or key(line) in repeated)
            ):
                continue
            kept.append(line)
        out.append(kept)
    return out


def _is_mark(text: str) -> bool:
    return text.startswith(TABLE_MARK)


def _positioned(pages: list[list[_RawLine]], sizes: list[tuple[int, int]]) -> list[_Line]:
    """Lines with the geometry of their page size and column (a column has its own margins)."""
    groups: dict[tuple[tuple[int, int], int], list[_RawLine]] = {}
    for page, size in zip(pages, sizes, strict=True):
        for line in page:
            if not _is_mark(line[0]):
                groups.setdefault((size, line[5]), []).append(line)
    geometry = {key: _geometry(group) for key, group in sorted(groups.items())}
    empty = _Geometry(0.0, 0.0, 10.0)
    return [
        _Line(text, x0, x1, top, n, geometry.get((sizes[n], column), empty), column, size)
        for n, page in enumerate(pages)
        for text, x0, x1, top, size, column in page
    ]


def _geometry(lines: list[_RawLine]) -> _Geometry:
    if not lines:
        return _Geometry(0.0, 0.0, 10.0)
    char = statistics.median(line[4] for line in lines) or 10.0
    ascending = sorted(line[2] for line in lines)
    support = max(2, len(ascending) // 10)
    right = ascending[-1]
    for candidate in reversed(ascending):  # the rightmost end shared by a tenth of the lines
        near = bisect.bisect_right(ascending, candidate + char) - bisect.bisect_left(
            ascending, candidate - char
        )
        if near >= support:
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
        if (
            prev is None
            or _is_mark(line.text)
            or _is_mark(prev.text)
            or _breaks(prev, line, uses_indent, pitch)
        ):
            out.append(line.text)
        else:
            out[-1] = _join(out[-1], line.text)
    return out


def _breaks(a: _Line, b: _Line, uses_indent: bool, pitch: float) -> bool:
    """True when line `b` starts a new paragraph after line `a`."""
    if b.text[0] in _CLOSING:
        return False  # no paragraph starts with closing punctuation: a wrap before it
    if _wrapped_display(a, b):
        return False  # a title set large and wrapped (in a narrow column, say): one paragraph
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


def _wrapped_display(a: _Line, b: _Line) -> bool:
    """Two lines of one display text (a title): the same large size, well above the body's,
    one right under the other, the second not opening with a label."""
    large = a.size >= 1.3 * a.geometry.char and abs(a.size - b.size) < 0.5
    under = a.page == b.page and a.column == b.column and 0 < b.top - a.top < 2 * a.size
    return large and under and not starts_with_label(b.text)


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
    """Two wrapped lines joined: a space only between Latin words (a number cut by the wrap,
    as CJK justification does to 123|45, is one number)."""
    a, b = left[-1:], right[:1]
    if a.isdigit() and b.isdigit():
        return left + right
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return f"{left} {right}"
    return left + right
