"""Views of a plan for inspect: one row per measure (--flat / --csv, headers in `lang`), and the
unit a reviewer's comment is anchored in.

English headers are the field names of the JSON (id, label, …); Chinese ones are the words an
office uses. `deadline` (完成时限 of task-table rows) is the last column, empty when a plan has
none, so the columns are the same for every plan.
"""

from __future__ import annotations

from duizhao.corpus.model import Node, Plan
from duizhao.reports.common.csv_text import csv_text
from duizhao.reports.common.i18n import N_, gettext_for

MEASURE_COLUMNS = [
    "id", "label", "path", "title", "text", "lead", "participating", "responsible",
    "first_line", "last_line", "deadline",
]  # fmt: skip
HEADERS = {
    "id": N_("id"), "label": N_("label"), "path": N_("section"), "title": N_("title"),
    "text": N_("text"), "lead": N_("lead units"), "participating": N_("participating units"),
    "responsible": N_("responsible units"), "first_line": N_("first line"),
    "last_line": N_("last line"), "deadline": N_("deadline"),
}  # fmt: skip
"""Column → the English msgid of its Chinese header (English CSV headers stay field names)."""


def deadline(node: Node) -> str:
    """The measure's completion deadline as printed, or '' (older models have no field)."""
    return node.deadline or ""


def anchored_in(plan: Plan, line: int) -> Node | None:
    """The innermost unit whose lines hold paragraph `line` (None: before the first, or 0)."""
    found = None
    if line <= 0:
        return None
    for node in plan.walk():
        first, last = node.lines
        if first <= line <= last and (found is None or first >= found.lines[0]):
            found = node
    return found


def measure_rows(plan: Plan) -> list[dict[str, object]]:
    """One row per measure, in document order; list fields joined with 、; `name` (label and
    title, or label and first words: `Node.name`) for views, not a CSV column."""
    return [
        {
            "id": m.id,
            "label": m.label,
            "path": " > ".join(m.path),
            "title": m.title or "",
            "text": m.text,
            "lead": "、".join(m.owners.lead),
            "participating": "、".join(m.owners.participating),
            "responsible": "、".join(m.owners.responsible),
            "first_line": m.lines[0],
            "last_line": m.lines[1],
            "deadline": deadline(m),
            "name": m.name,
        }
        for m in plan.measures()
    ]


def headers(lang: str = "zh") -> list[str]:
    """Column headers: field names in English, office words in Chinese."""
    if lang == "en":
        return list(MEASURE_COLUMNS)
    _ = gettext_for(lang)
    return [_(HEADERS[c]) for c in MEASURE_COLUMNS]


def measures_csv(plan: Plan, *, lang: str = "zh") -> str:
    """`inspect --csv`: one row per measure as CSV text, headers in `lang`."""
    from duizhao.reports.common.i18n import normalise

    rows = ([row[c] for c in MEASURE_COLUMNS] for row in measure_rows(plan))
    return csv_text(headers(normalise(lang)), rows, bom=False)
