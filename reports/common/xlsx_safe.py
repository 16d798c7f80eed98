"""XlsxWriter workbooks whose text cells can never be formulas, whoever wrote the text.

XlsxWriter already writes strings as strings (`strings_to_formulas` off), but a cell whose
text starts with `=`, `+`, `-`, `@`, a tab or CR becomes a formula as soon as a reviewer
edits it or saves the sheet as CSV. Every text a `SafeWorksheet` writes — `write`,
`write_row`, `write_string` or the first fragment of `write_rich_string` — goes through
`escape.spreadsheet_cell` (a leading ', as OWASP advises). Renderers make their workbooks
with `workbook` so that no call site can forget.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

from duizhao.reports.common.escape import spreadsheet_cell

OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
           "strings_to_urls": False}  # fmt: skip
"""Text stays text: no number, formula or link is guessed from a string."""


class SafeWorksheet(Worksheet):
    """A worksheet that neutralises formula-like text in every string cell it writes."""

    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
        return super()._write_string(row, col, spreadsheet_cell(string), cell_format)

    def _write_rich_string(self, row: int, col: int, *args: Any) -> int:
        parts = list(args)
        for n, part in enumerate(parts):
            if isinstance(part, str):
                parts[n] = spreadsheet_cell(part)
                break
        return super()._write_rich_string(row, col, *parts)


def workbook(target: Any) -> Workbook:
    """A workbook writing to `target` (a path or BytesIO) whose sheets are `SafeWorksheet`s."""
    book = Workbook(target, OPTIONS)
    book.worksheet_class = SafeWorksheet
    return book
