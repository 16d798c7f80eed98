"""Shared views of a folder matrix (parent measures × jurisdictions): names, caps, legend.

Many jurisdictions do not fit on a screen or a picture, so views that cap columns show the
plans that carry the fewest measures (the ones a reviewer looks at first), in path order, and
say how many were left out; markdown, JSON and xlsx lists stay complete.
"""

from __future__ import annotations

from duizhao.compare.matrix import Matrix
from duizhao.compare.result import PARENT_STATUSES
from duizhao.reports.common.escape import truncate
from duizhao.reports.common.i18n import _, word

MARKS = {"carried": "●", "partial": "◐", "dropped": "○"}
STYLES = {"carried": "green", "partial": "yellow", "dropped": "bold red"}
COLOURS = {"carried": "#2e7d32", "partial": "#f9a825", "dropped": "#c62828"}


def row_name(matrix: Matrix, row: int, limit: int = 24) -> str:
    """How every report names a parent measure (`Node.name`: label and title, or label and its
    first words), cut to `limit` characters. Rows without a `name` fall back to label + title."""
    r = matrix.rows[row]
    return truncate(r.name or f"{r.label}{r.title or ''}", limit)


def select_columns(matrix: Matrix, limit: int | None) -> list[int]:
    """Indexes of at most `limit` columns: the plans carrying fewest measures, in path order."""
    n = len(matrix.columns)
    if limit is None or n <= limit:
        return list(range(n))

    def weight(i: int) -> tuple[int, int, str]:
        statuses = matrix.columns[i].statuses
        return (-statuses.count("dropped"), -statuses.count("partial"), matrix.columns[i].path)

    return sorted(sorted(range(n), key=weight)[:limit])


def select_rows(matrix: Matrix, limit: int | None) -> list[int]:
    """Indexes of at most `limit` rows: the measures dropped most often, in document order."""
    n = len(matrix.rows)
    if limit is None or n <= limit:
        return list(range(n))

    def weight(i: int) -> tuple[int, int, int]:
        counts = matrix.rows[i].counts
        return (-counts["dropped"], -counts["partial"], i)

    return sorted(sorted(range(n), key=weight)[:limit])


def cap_note(matrix: Matrix, columns: list[int], rows: list[int] | None = None) -> str:
    """What a capped view leaves out, or '' (in the language of the enclosing `using`)."""
    parts = []
    if len(columns) < len(matrix.columns):
        parts.append(
            _("showing {n} of {total} plans (those carrying the fewest measures)").format(
                n=len(columns), total=len(matrix.columns)
            )
        )
    if rows is not None and len(rows) < len(matrix.rows):
        parts.append(
            _("{n} of {total} measures (those dropped most often)").format(
                n=len(rows), total=len(matrix.rows)
            )
        )
    return _("; ").join(parts)


def legend() -> str:
    """The marks and their words: ● 落实  ◐ 部分落实  ○ 未落实."""
    return "  ".join(f"{MARKS[s]} {word(s)}" for s in PARENT_STATUSES)
