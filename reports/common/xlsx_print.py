"""Printing an xlsx 对照表 as it is: A4 landscape, one page wide, every line of every cell shown.

Spreadsheet programs do not grow a row to fit wrapped text on their own when a file is opened
(Excel keeps the default height, and a printed row shows one line of each cell), so each row's
height is set here from the text it holds: the lines a cell needs at its column's width, with
wide (CJK) characters counted twice the width of narrow ones, plus a margin. Also the
page set-up every sheet shares: paper, orientation, fitting, margins, running header and a
footer 第 X 页 共 Y 页.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

PIXELS_PER_UNIT = 7.0
"""Width of one column-width unit in pixels (the default font's digit)."""
WIDE_PIXELS = 14.0
"""A wide character (汉字, full-width punctuation) of a 10-point cell, in pixels, with room."""
NARROW_PIXELS = 7.5
LINE_POINTS = 14.5
"""Height of one line of 10-point text, in points (with the leading LibreOffice and Excel use)."""
PADDING_POINTS = 5.0
A4 = 9
"""XlsxWriter's paper code for A4."""


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
"""The wide (W and F) characters of Unicode's East Asian Width that plans hold: CJK, kana,
hangul, full-width forms (one regular expression: a 2,000-row table measures 10^6 characters)."""


def text_pixels(text: str) -> float:
    """How wide `text` prints on one line, in pixels."""
    wide = len(_WIDE.findall(text))
    return wide * WIDE_PIXELS + (len(text) - wide) * NARROW_PIXELS


def lines_needed(text: str, width_units: float) -> int:
    """Lines a wrapped cell of `width_units` needs for `text` (each paragraph starts a line)."""
    usable = max(width_units * PIXELS_PER_UNIT - 8, WIDE_PIXELS)
    return sum(max(1, math.ceil(text_pixels(part) / usable)) for part in text.split("\n"))


def row_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """Points a row needs so that every one of its cells shows every line."""
    lines = max((lines_needed(t, w) for t, w in zip(texts, widths, strict=False) if t), default=1)
    return round(lines * LINE_POINTS + PADDING_POINTS, 1)


def print_setup(
    sheet: Worksheet,
    *,
    landscape: bool = True,
    one_page: bool = False,
    header: str = "",
    footer: tuple[str, str, str] = ("", "", ""),
) -> None:
    """A4, fit to one page wide (and tall when `one_page`), narrow margins, a running header
    and a footer `before` &P `middle` &N `after` (第 X 页 共 Y 页)."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 1 if one_page else 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if header:
        sheet.set_header("&C&10" + header.replace("&", "&&"))
    before, middle, after = footer
    if before or middle or after:
        sheet.set_footer(f"&C&10{before}&P{middle}&N{after}")
