"""The 对照表 section of the markdown report: the rows of the Word and Excel table.

A row for each heading of the parent plan (its text alone, no number), then one row per row of
`table_view.table_lines` — 序号 | 上级方案 | 本级方案 | 对照情况 | 覆盖 | 说明 — with the
measures named (label and the start of their text) rather than quoted whole, and the 说明 of
`table_notes`. Plan text is escaped (`escape.md_cell`).
"""

from __future__ import annotations

from collections.abc import Mapping

from duizhao.compare.result import Comparison
from duizhao.reports.common.escape import truncate
from duizhao.reports.common.i18n import _, word
from duizhao.reports.common.md_table import markdown_table
from duizhao.reports.pair.table_notes import row_notes, share
from duizhao.reports.pair.table_view import SectionLine, finding, number, table_lines
from duizhao.reports.pair.views import measure_name

NAME = 24
"""Characters of a measure's name in a cell."""


def duizhao_section(result: Comparison, reasons: Mapping[str, str] | None = None) -> str:
    """`## 对照表` and its table (in the language of the enclosing `i18n.using`)."""
    rows: list[list[str]] = []
    for line in table_lines(result):
        if isinstance(line, SectionLine):
            rows.append(["", line.text, "", "", "", ""])  # a heading: no number, nothing beside
            continue
        parent = truncate(measure_name(line.parent.measure), NAME) if line.parent else ""
        children = "\n".join(truncate(measure_name(c.measure), NAME) for c in line.children)
        notes = "\n".join(row_notes(result, line, reasons))
        coverage = share(line.parent.coverage) if line.parent else ""
        rows.append([number(line), parent, children, finding(line), coverage, notes])
    head = [_("No."), word("parent"), word("child"), _("Finding"), _("coverage"), _("Notes")]
    table = markdown_table(head, rows, "llllrl")
    return "\n".join([f"## {_('Comparison table')}", "", table])
