"""A folder matrix as an xlsx workbook (XlsxWriter): one row per parent measure and one coloured
column per plan (all of them), a sheet of the plans with their counts, and the plans not compared.

Headers and sheet names in the report language; printed A4 landscape, one page wide, the header
row on every page; byte-identical for the same matrix (fixed properties and zip entry dates).
Every text cell goes through `xlsx_safe`, so none is ever a formula.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from duizhao.compare.matrix import Matrix
from duizhao.compare.result import PARENT_STATUSES
from duizhao.reports.common.i18n import _, level_word, note_text, using, word
from duizhao.reports.common.xlsx_print import print_setup
from duizhao.reports.common.xlsx_safe import workbook
from duizhao.reports.common.zip_stable import document_date, stable_zip

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook

FILLS = {"carried": "#E3F5E4", "partial": "#FFF8D6", "dropped": "#FDE2E1"}
"""The 对照表's tones (pair.xlsx.TONE_FILLS) for the three statuses."""
FIXED = 6
"""Columns before the plans' (id, label, measure and the three counts): frozen, always shown."""


def matrix_xlsx_bytes(matrix: Matrix, *, lang: str = "zh") -> bytes:
    """Sheet 矩阵: one row per parent measure, one column per plan (all of them), coloured
    cells; sheet 方案: one row per plan with its counts; sheet 未对照 when some plans could
    not be compared. Byte-identical for the same matrix."""
    buffer = io.BytesIO()
    book = workbook(buffer)
    with using(lang):
        book.set_properties({"title": matrix.parent_title, "created": document_date()})
        head = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        fills: dict[str, Format] = {
            s: book.add_format({"bg_color": FILLS[s]}) for s in PARENT_STATUSES
        }
        _grid(book, matrix, head, fills)
        _plans(book, matrix, head)
        if matrix.notes:
            notes = book.add_worksheet(_("not compared"))
            notes.set_column(0, 0, 100)
            for n, line in enumerate(matrix.notes):
                notes.write_string(n, 0, note_text(line))
    book.close()
    return stable_zip(buffer.getvalue())


def _grid(book: Workbook, matrix: Matrix, head: Format, fills: dict[str, Format]) -> None:
    grid = book.add_worksheet(_("matrix"))
    labels = matrix.labels()
    statuses_head = [word(s) for s in PARENT_STATUSES]
    grid.write_row(0, 0, [_("id"), _("label"), _("measure"), *statuses_head, *labels], head)
    for r, row in enumerate(matrix.rows, 1):
        measure = row.title or row.name.removeprefix(row.label).strip()
        grid.write_row(r, 0, [row.id, row.label, measure])
        grid.write_row(r, 3, [row.counts[s] for s in PARENT_STATUSES])
        for i in range(len(matrix.columns)):
            status = matrix.status(r - 1, i)
            grid.write_string(r, FIXED + i, word(status), fills[status])
    grid.set_column(2, 2, 40)
    grid.set_column(FIXED, FIXED + max(len(labels) - 1, 0), 12)
    grid.freeze_panes(1, FIXED)
    grid.repeat_rows(0)
    print_setup(grid, header=matrix.parent_title)


def _plans(book: Workbook, matrix: Matrix, head: Format) -> None:
    plans = book.add_worksheet(_("plans"))
    statuses_head = [word(s) for s in PARENT_STATUSES]
    plans.write_row(0, 0, [_("label"), _("file"), _("jurisdiction"), _("level"), _("title"),
                           *statuses_head], head)  # fmt: skip
    for n, (c, label) in enumerate(zip(matrix.columns, matrix.labels(), strict=True), 1):
        plans.write_row(n, 0, [label, c.path, c.name, level_word(c.level), c.title])
        plans.write_row(n, 5, [c.statuses.count(s) for s in PARENT_STATUSES])
    plans.set_column(1, 1, 40)
    plans.set_column(4, 4, 40)
    print_setup(plans)
