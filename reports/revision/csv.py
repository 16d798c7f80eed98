"""Two drafts of one plan as CSV: one row per 修改对照表 row, behind a UTF-8 byte order mark
(so Excel reads the Chinese); no cell can be a formula.
"""

from __future__ import annotations

import csv
import io

from duizhao.compare.result import Comparison
from duizhao.reports.common.escape import spreadsheet_cell
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for n, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        cells = [n, row.old_label, row.old_text, row.new_label, row.new_text, row.status,
                 " ".join(row.notes)]  # fmt: skip
        writer.writerow([spreadsheet_cell(c) for c in cells])
    return "\ufeff" + buffer.getvalue()
