"""Hostile plan text and file names, shared by the injection tests and their property tests.

Each string is something a plan's author (or whoever named its file) could put there to act
on the reader of a report: a spreadsheet formula, raw HTML, an SVG with a script, markdown
links and images, bare URLs that GitHub would link, terminal escape sequences that retitle
the window or clear the screen, a carriage return that prints over a line, rich markup.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

FORMULAS = ('=HYPERLINK("http://evil.example","点我")', "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)", "\t=1+1", "\r=1+1")  # fmt: skip
"""Cell starts a spreadsheet would take for a formula (OWASP's list)."""

MARKUP = (
    "<svg onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    '<a href="$(id)">点我</a>',
    "[点我](javascript:alert(1))",
    "![图](http://evil.example/x.png)",
    "https://evil.example/a",
    "www.evil.example",
    "a@evil.example",
    "[bold red]假的[/]",
)
"""Markup of every format the reports are written in."""

CONTROLS = ("\x1b]0;pwned\x07", "\x1b[2J", "\x1b[31m", "\x9b31m", "\x07", "\x01", "\x7f", "\x85")
"""Terminal control sequences and C0/C1 controls."""

ESCAPE_OR_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What must never reach a report raw (tab and line feed are text)."""

FORMULA_CELL = re.compile(r"^[=+\-@\t\r]")


def hostile_text() -> str:
    """Every hostile string above in one run of text."""
    return " ".join((*MARKUP, *CONTROLS, *FORMULAS[1:]))


def hostile_pair(folder: Path, data: Path) -> tuple[Path, Path]:
    """The hand-made test pair (tests/data/pairs) with hostile text at the start of a parent
    measure and of child measures, and a child file name that is markup and escapes."""
    parent = (data / "small-parent.txt").read_text(encoding="utf-8")
    child = (data / "small-child.txt").read_text(encoding="utf-8")
    parent = parent.replace("2.推进政务服务标准化", f"2.{FORMULAS[0]}推进政务服务标准化")
    child = child.replace("（三）打造", f"（三）{hostile_text()}打造")
    child = child.replace("（四）加强信用", "（四）@SUM(1+1)加强信用")
    child = child.replace("（五）严格落实", "（五）-2+3严格落实")
    p = folder / "省=1+1.txt"
    c = folder / "区`[x](http:evil)<b>\x1b[31m`.txt"
    p.write_text(parent, encoding="utf-8")
    c.write_text(child, encoding="utf-8")
    return p, c


def csv_cells(text: str) -> list[str]:
    """Every cell of a CSV text (BOM removed)."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    return [cell for row in rows for cell in row]


def formula_cells(cells: list[object]) -> list[str]:
    """The cells a spreadsheet would compute."""
    return [c for c in cells if isinstance(c, str) and FORMULA_CELL.match(c)]


def xlsx_cells(data: bytes) -> list[object]:
    """Every cell value of every sheet of an xlsx workbook; formulas as '=…' strings."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    out: list[object] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    out.append(f"={cell.value}".replace("==", "="))
                else:
                    out.append(cell.value)
    return out
