"""A folder matrix as markdown: per parent measure its counts and the plans that drop or partly
carry it (complete), then a grid capped at MARKDOWN_COLUMNS plans. Plan text is escaped."""

from __future__ import annotations

from duizhao.compare.matrix import Matrix
from duizhao.compare.result import PARENT_STATUSES
from duizhao.reports.common.escape import md_code, md_text
from duizhao.reports.common.i18n import _, note_text, using, word
from duizhao.reports.common.md_table import markdown_table
from duizhao.reports.matrix.views import MARKS, cap_note, legend, row_name, select_columns

MARKDOWN_COLUMNS = 40


def render_matrix_markdown(matrix: Matrix, *, lang: str = "zh") -> str:
    """The matrix view as markdown text ending in one newline (in `lang`: zh or en)."""
    with using(lang):
        return _render(matrix)


def _render(matrix: Matrix) -> str:
    labels = matrix.labels()
    head = _("{n} plan(s) deriving from it").format(n=len(matrix.columns))
    parent = md_text(matrix.parent_title or matrix.parent_path)
    out = [
        f"# {md_text(matrix.parent_name)}: {head}",
        "",
        f"{word('parent')}: **{parent}** ({md_code(matrix.parent_path)})",
        "",
    ]
    counts_head = [_("measure"), *(word(s) for s in PARENT_STATUSES),
                   _("dropped by"), _("partly carried by")]  # fmt: skip
    rows = [
        [row_name(matrix, r, 40), *(str(row.counts[s]) for s in PARENT_STATUSES),
         "、".join(matrix.carriers(r, "dropped")), "、".join(matrix.carriers(r, "partial"))]
        for r, row in enumerate(matrix.rows)
    ]  # fmt: skip
    out.append(markdown_table(counts_head, rows, "lrrr"))
    columns = select_columns(matrix, MARKDOWN_COLUMNS)
    out += ["", f"## {_('Grid')}", "", legend(), ""]
    note = cap_note(matrix, columns)
    if note:
        rest = _("the table above and `-o matrix.xlsx` list every plan.")
        out += [f"> {md_text(note)}; {rest}", ""]
    grid = [
        [row_name(matrix, r), *(MARKS[matrix.status(r, i)] for i in columns)]
        for r in range(len(matrix.rows))
    ]
    out.append(markdown_table([_("measure"), *(labels[i] for i in columns)], grid))
    if matrix.notes:
        out += ["", f"## {_('Not compared')}", ""]
        out += [f"- {md_text(note_text(n))}" for n in matrix.notes]
    return "\n".join(out) + "\n"
