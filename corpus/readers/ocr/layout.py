"""OCR lines to paragraphs: pieces of one printed line joined, then reflowed as PDF lines are.

An engine may cut one printed line into several boxes (at a wide gap, around a seal); boxes
whose heights overlap by half are one line, read left to right. A heading set in larger
type and wrapped over several lines is one paragraph. What is left is a page of positioned
lines like a PDF's text layer, and the PDF reader's reflow (`pdf.reflow_lines`) decides where
paragraphs start: indents, short lines, sentence ends, labels; page numbers and running
headers go as they do there.
"""

from __future__ import annotations

from dataclasses import dataclass

from duizhao.corpus.readers.ocr.engines import Line
from duizhao.corpus.readers.ocr.fix import fix_line

HEADING_RATIO = 1.25
"""Lines this much taller than the page's body lines are set in a heading's type."""


@dataclass(frozen=True)
class PageLines:
    """One page's lines, joined and fixed, in reading order, and the page's size in pixels."""

    lines: tuple[Line, ...]
    size: tuple[int, int]


def page_lines(lines: list[Line], size: tuple[int, int]) -> PageLines:
    """The engine's boxes of one page as printed lines (top to bottom), labels and punctuation
    fixed (`fix.fix_line`)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda b: ((b.top + b.bottom) / 2, b.x0)):
        if rows and _same_row(rows[-1], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    joined = [_join_row(sorted(row, key=lambda b: b.x0)) for row in rows]
    fixed = [Line(fix_line(b.text), b.x0, b.top, b.x1, b.bottom, b.confidence) for b in joined]
    return PageLines(tuple(b for b in _headings(fixed) if b.text), size)


def _same_row(row: list[Line], line: Line) -> bool:
    top = max(b.top for b in row)
    bottom = min(b.bottom for b in row)
    height = min(line.bottom - line.top, min(b.bottom - b.top for b in row))
    overlap = min(bottom, line.bottom) - max(top, line.top)
    return height > 0 and overlap >= 0.5 * height


def _join_row(row: list[Line]) -> Line:
    text = row[0].text
    for b in row[1:]:
        a_end, b_start = text[-1:], b.text[:1]
        spaced = a_end.isascii() and a_end.isalnum() and b_start.isascii() and b_start.isalnum()
        text = f"{text} {b.text}" if spaced else text + b.text
    chars = sum(len(b.text) for b in row) or 1
    conf = sum(b.confidence * len(b.text) for b in row) / chars
    return Line(
        text,
        min(b.x0 for b in row),
        min(b.top for b in row),
        max(b.x1 for b in row),
        max(b.bottom for b in row),
        conf,
    )


def _headings(lines: list[Line]) -> list[Line]:
    """Consecutive lines in a heading's larger type joined into one (a title wrapped in two)."""
    if not lines:
        return lines
    heights = sorted(b.bottom - b.top for b in lines)
    body = heights[len(heights) // 2]
    out: list[Line] = []
    for b in lines:
        big = b.bottom - b.top > HEADING_RATIO * body
        prev = out[-1] if out else None
        if (
            big
            and prev is not None
            and prev.bottom - prev.top > HEADING_RATIO * body
            and b.top - prev.bottom < 1.5 * (b.bottom - b.top)
        ):
            out[-1] = _join_row([prev, b])
        else:
            out.append(b)
    return out


def paragraphs(pages: list[PageLines]) -> list[str]:
    """The pages' lines reflowed into paragraphs (see `pdf.reflow_lines`)."""
    from duizhao.corpus.readers.pdf import reflow_lines

    raw = [[(b.text, b.x0, b.x1, b.top, _char(b), 0) for b in page.lines] for page in pages]
    return reflow_lines(raw, [page.size for page in pages])


def _char(line: Line) -> float:
    """The width of one character: what the reflow measures indents and margins in (an engine's
    box is taller than the type, so its height would overstate it)."""
    if len(line.text) >= 4:
        return (line.x1 - line.x0) / len(line.text)
    return 0.8 * (line.bottom - line.top)
