"""Two drafts of one plan as CSV: one row per 修改对照表 row, behind a UTF-8 byte order mark
(so Excel reads the Chinese); no cell can be a formula.
"""

from __future__ import annotations

from duizhao.compare.result import Comparison
from duizhao.reports.common.csv_text import csv_text
from duizhao.reports.common.i18n import gettext_for
from duizhao.reports.revision.views import (
    columns,
    revision_rows,
)


def render_revision_csv(result: Comparison, *, lang: str = "zh", show_all: bool = False) -> str:
    """One row per table row behind a UTF-8 byte order mark (so Excel reads the Chinese)."""
    _ = gettext_for(lang)
    no, old, new, notes = columns(lang)
    header = [no, _("{side} number").format(side=old), old, _("{side} number").format(side=new),
              new, _("Status"), notes]  # fmt: skip
    rows = revision_rows(result, lang, show_all=show_all)
    cells = ([n, row.old_label, row.old_text, row.new_label, row.new_text, row.status,
              " ".join(row.notes)] for n, row in enumerate(rows, 1))  # fmt: skip
    return csv_text(header, cells, bom=True)
