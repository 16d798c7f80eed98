"""A folder matrix as an xlsx workbook: one row per parent measure and one coloured column per
plan (all of them), a sheet of the plans with their counts, and the plans not compared.

Headers and sheet names in the report language; byte-identical for the same matrix.
"""

from __future__ import annotations

import io
from pathlib import Path

from duizhao.compare.matrix import Matrix
from duizhao.compare.result import PARENT_STATUSES
from duizhao.reports.common.escape import spreadsheet_cell
from duizhao.reports.common.i18n import _, level_word, note_text, using, word
from duizhao.reports.common.zip_stable import stable_zip

FILLS = {"carried": "E3F5E4", "partial": "FFF8D6", "dropped": "FDE2E1"}
"""The 对照表's tones (pair.xlsx.TONE_FILLS) for the three statuses."""


def cells(values: list) -> list:
    """A row of values for openpyxl, which writes any text starting with = as a formula:
    such text is neutralised first (`escape.spreadsheet_cell`)."""
    return [spreadsheet_cell(v) for v in values]


def write_matrix_xlsx(matrix: Matrix, path: str | Path, *, lang: str = "zh") -> None:
    """The matrix workbook written to `path`."""
    Path(path).write_bytes(matrix_xlsx_bytes(matrix, lang=lang))


def matrix_xlsx_bytes(matrix: Matrix, *, lang: str = "zh") -> bytes:
    """Sheet 矩阵: one row per parent measure, one column per plan (all of them), coloured
    cells; sheet 方案: one row per plan with its counts. Byte-identical for the same matrix."""
    with using(lang):
        return _book(matrix)


def _book(matrix: Matrix) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    grid = book.active
    assert isinstance(grid, Worksheet)  # a new workbook's one sheet
    grid.title = _("matrix")
    labels = matrix.labels()
    statuses_head = [word(s) for s in PARENT_STATUSES]
    grid.append(cells([_("id"), _("label"), _("measure"), *statuses_head, *labels]))
    fills: dict[str, PatternFill] = {
        s: PatternFill("solid", fgColor=FILLS[s]) for s in PARENT_STATUSES
    }
    for r, row in enumerate(matrix.rows):
        statuses = [matrix.status(r, i) for i in range(len(matrix.columns))]
        grid.append(
            cells(
                [
                    row.id,
                    row.label,
                    row.title or row.name.removeprefix(row.label).strip(),
                    *(row.counts[s] for s in PARENT_STATUSES),
                    *(word(s) for s in statuses),
                ]
            )
        )
        for cell, status in zip(grid[r + 2][6:], statuses, strict=True):
            cell.fill = fills[status]
    for cell in grid[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    grid.freeze_panes = "G2"
    grid.column_dimensions["C"].width = 40
    grid.page_setup.orientation = "landscape"
    grid.print_title_rows = "1:1"
    plans = book.create_sheet(_("plans"))
    plans.append(cells([_("label"), _("file"), _("jurisdiction"), _("level"), _("title"),
                        *statuses_head]))  # fmt: skip
    for c, label in zip(matrix.columns, labels, strict=True):
        counts = (c.statuses.count(s) for s in PARENT_STATUSES)
        plans.append(cells([label, c.path, c.name, level_word(c.level), c.title, *counts]))
    for cell in plans[1]:
        cell.font = Font(bold=True)
    if matrix.notes:
        notes = book.create_sheet(_("not compared"))
        for line in matrix.notes:
            notes.append(cells([note_text(line)]))
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_zip(buffer.getvalue())
