"""Two drafts of one plan as markdown: the 修改对照表 (序号 | 原稿 | 修改稿 | 修改说明), with
<del>/<ins> marking the edits in the new text.
"""

from __future__ import annotations

from duizhao.compare.result import Comparison
from duizhao.reports.common.escape import md_cell, md_text
from duizhao.reports.common.i18n import normalise
from duizhao.reports.revision.views import (
    RevisionRow,
    columns,
    draft_lines,
    revision_rows,
    summary_lines,
    tagged,
    title,
)


def render_revision_markdown(
    result: Comparison, *, lang: str = "zh", show_all: bool = False
) -> str:
    """The table in markdown: 序号 | 原稿 | 修改稿 | 修改说明, <del>/<ins> in the new text."""
    lines = [f"# {md_text(title(result, lang))}", ""]
    lines += [md_text(line) + "  " for line in draft_lines(result, lang)]
    lines.append("")
    lines += [f"- {md_text(line)}" for line in summary_lines(result, lang)]
    lines += ["", "| " + " | ".join(columns(lang)) + " |", "| --- | --- | --- | --- |"]
    for n, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        old = md_cell(f"{row.old_label}{row.old_text}")
        new = md_cell(row.new_label) + _md_redline(row)
        notes = md_cell(
            f"{row.status}{'：' if normalise(lang) == 'zh' else ': '}" + " ".join(row.notes)
        )
        lines.append(f"| {n} | {old} | {new} | {notes} |")
    return "\n".join(lines) + "\n"


def _md_redline(row: RevisionRow) -> str:
    if not row.spans:
        return md_cell(row.new_text)
    return "".join(tagged(s, md_cell) for s in row.spans)
