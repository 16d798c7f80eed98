"""PDF page layout: two-column pages read column by column, ruled tables lifted out as rows.

Columns: a gutter is a vertical band near the middle of the page that the text of most lines
does not cross. When one is found, each line is split at it and the page is read as bands:
lines that cross the gutter (a title, a centred page number) stand alone, and between them
the left column's lines come before the right column's. Pages without a gutter are read as
before. Tables: pdfplumber finds ruled tables (the 任务分工表 offices print has rules); their
cells are taken out of the running text and the table stands in the line stream as one marker
line, so the reader can hand its rows to `task_table` and keep the text around it in order.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdfplumber.page import Page

RawLine = tuple[str, float, float, float, float, int]
"""text, x0, x1, top, font size, column (0 = whole width, 1 = left, 2 = right)."""
TABLE_MARK = "\x00table:"
"""Text of the marker line that stands for table number N (`TABLE_MARK + str(N)`)."""
_GUTTER_BAND = (0.3, 0.7)
_MAX_CROSSING = 0.08
"""A gutter may be crossed by at most this share of the lines (titles, page numbers)."""


@dataclass(frozen=True)
class PdfTable:
    """A ruled table: its rows of cell texts (None for a cell merged into its neighbour)."""

    rows: tuple[tuple[str | None, ...], ...]
    page: int


def page_lines(page: Page, number: int, tables: list[PdfTable]) -> list[RawLine]:
    """The page's lines in reading order, with a marker line where each table stands."""
    found = _tables(page)
    body = page
    marks: list[RawLine] = []
    for bbox, rows in found:
        tables.append(PdfTable(rows, number))
        marks.append((f"{TABLE_MARK}{len(tables) - 1}", bbox[0], bbox[2], bbox[1], 0.0, 0))
    if found:
        boxes = [bbox for bbox, _ in found]
        body = page.filter(lambda obj: not _inside(obj, boxes))
    lines = _lines(body)
    gutter = _gutter(lines, float(page.width))
    if gutter is None:
        ordered = [(t, x0, x1, top, size, 0) for t, x0, x1, top, size, _chars in lines]
    else:
        ordered = _by_columns(lines, gutter)
    return _merge_marks(ordered, marks)


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _tables(page: Page) -> list[tuple[tuple[float, float, float, float], tuple]]:
    out = []
    try:
        found = page.find_tables()
    except Exception:  # a malformed drawing must not stop the text from being read
        return []
    for table in found:
        # Narrow cells are justified char by char: a space only where a whole character fits.
        rows = table.extract(x_tolerance_ratio=1.0)
        cleaned = tuple(
            tuple(None if c is None else _cell_text(c) for c in row) for row in rows if row
        )
        if len(cleaned) >= 2 and max(len(r) for r in cleaned) >= 2:
            out.append((table.bbox, cleaned))
    return out


_CJK_GAP_RE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def _cell_text(text: str) -> str:
    """Lines of a cell joined: a wrap between Chinese characters is no space, nor is the
    spacing a justified narrow cell puts between them."""
    out = ""
    for line in text.split("\n"):
        line = _CJK_GAP_RE.sub("", line.strip())
        if (
            out
            and out[-1].isascii()
            and out[-1].isalpha()
            and line[:1].isascii()
            and line[:1].isalnum()
        ):
            out += " "
        out += line
    return out


def _lines(page: Page) -> list[tuple[str, float, float, float, float, list[dict]]]:
    out = []
    # A space only where the gap is a third of the font size: justified Chinese is spread out.
    for line in page.extract_text_lines(return_chars=True, x_tolerance_ratio=0.3):
        text = line["text"].strip()
        if not text:
            continue
        chars = [c for c in line["chars"] if c.get("text", " ").strip()]
        sizes = [c.get("size", 0) for c in chars]
        size = statistics.median(sizes) if sizes else 0.0
        out.append((text, line["x0"], line["x1"], line["top"], size, chars))
    return out


def _gutter(lines: list, width: float) -> float | None:
    """The x of a column gutter, or None for a page set in one column."""
    if len(lines) < 6 or width <= 0:
        return None
    lo, hi = int(width * _GUTTER_BAND[0]), int(width * _GUTTER_BAND[1])
    crossing = [0] * (hi - lo + 1)
    for *_rest, chars in lines:
        for a, b in _spans(chars):
            for x in range(max(lo, int(a)), min(hi, int(b)) + 1):
                crossing[x - lo] += 1
    best = min(range(len(crossing)), key=lambda i: (crossing[i], abs(i - len(crossing) / 2)))
    if crossing[best] > _MAX_CROSSING * len(lines):
        return None
    x = lo + best
    has_left = sum(1 for line in lines if line[1] < x)
    has_right = sum(1 for line in lines if line[2] > x)
    least = max(3, 0.1 * len(lines))
    if has_left < least or has_right < least:
        return None  # text on one side only: one column, however ragged
    enough = max(3, 0.15 * len(lines))
    split = sum(1 for line in lines if line[1] < x < line[2] and not _covers(line[5], x))
    # Columns whose lines do not share baselines (a large title at the top of the left column
    # shifts its lines) are not split lines but lines wholly on either side of the gutter.
    left_only = sum(1 for line in lines if line[2] < x)
    right_only = sum(1 for line in lines if line[1] > x)
    if split < enough and min(left_only, right_only) < enough:
        return None  # a few lines with a gap in the middle (a signature, a date): one column
    return float(x)


def _spans(chars: list[dict]) -> list[tuple[float, float]]:
    """The x ranges a line's text covers: characters, and gaps narrower than one (justified)."""
    spans: list[tuple[float, float]] = []
    for c in chars:
        if spans and c["x0"] - spans[-1][1] < 0.9 * max(c.get("size", 10.0), 1.0):
            spans[-1] = (spans[-1][0], max(spans[-1][1], c["x1"]))
        else:
            spans.append((c["x0"], c["x1"]))
    return spans


def _covers(chars: list[dict], x: float) -> bool:
    return any(a <= x <= b for a, b in _spans(chars))


def _by_columns(lines: list, gutter: float) -> list[RawLine]:
    """Bands between lines that cross the gutter; in each band the left column, then the right."""
    out: list[RawLine] = []
    left: list[RawLine] = []
    right: list[RawLine] = []

    def flush() -> None:
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for text, x0, x1, top, size, chars in lines:
        if x0 < gutter < x1 and _covers(chars, gutter):
            flush()
            out.append((text, x0, x1, top, size, 0))
            continue
        for side, keep in ((1, lambda c: c["x1"] <= gutter), (2, lambda c: c["x0"] >= gutter)):
            part = [c for c in chars if keep(c)]
            if part:
                piece = _text(part)
                own = statistics.median(c.get("size", size) for c in part)  # not the other side's
                (left if side == 1 else right).append(
                    (piece, part[0]["x0"], part[-1]["x1"], top, own, side)
                )
    flush()
    return out


def _text(chars: list[dict]) -> str:
    out = ""
    prev = None
    for c in chars:
        if prev is not None and c["x0"] - prev["x1"] > 0.3 * max(c.get("size", 10.0), 1.0):
            out += " "
        out += c["text"]
        prev = c
    return out.strip()


def _merge_marks(lines: list[RawLine], marks: list[RawLine]) -> list[RawLine]:
    """Table markers placed among the lines by their top (lines keep their reading order)."""
    if not marks:
        return lines
    out: list[RawLine] = []
    pending = sorted(marks, key=lambda m: m[3])
    for line in lines:
        while pending and pending[0][3] <= line[3] and line[5] != 2:
            out.append(pending.pop(0))
        out.append(line)
    out.extend(pending)
    return out
