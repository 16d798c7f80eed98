"""One parent plan against many children: per parent measure, which jurisdictions carry it.

Each comparison is reduced to a `Column` (the status and coverage of every parent measure in one
child) as soon as it is made, so a folder of a thousand plans never holds a thousand
comparisons at once; `build_matrix` lines the columns up, sorted by path. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from duizhao.compare.result import PARENT_STATUSES, Comparison, ParentResult
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Plan


@dataclass(frozen=True)
class Column:
    """One child plan's answer for every parent measure, in the parent's document order."""

    path: str
    name: str
    """The child's jurisdiction (高新区), or its path when the plan names none."""
    level: str
    title: str
    parent_ids: tuple[str, ...]
    """Parent measure ids the statuses refer to (checked against the parent when lined up)."""
    statuses: tuple[str, ...]
    """carried | partial | dropped, one per parent measure."""
    coverage: tuple[float, ...]


@dataclass(frozen=True)
class Row:
    """One parent measure and how many children carry, partly carry or drop it."""

    id: str
    label: str
    title: str | None
    path: tuple[str, ...]
    counts: dict[str, int]
    """carried / partial / dropped → number of children."""
    name: str = ""
    """The measure as every report names it (`Node.name`: label and title, or first words)."""


@dataclass(frozen=True)
class Matrix:
    """Parent measures (rows) × child plans (columns, sorted by path)."""

    parent_path: str
    parent_title: str
    parent_name: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = ()
    """E.g. children that could not be compared, with the reason."""

    def status(self, row: int, column: int) -> str:
        return self.columns[column].statuses[row]

    def labels(self) -> list[str]:
        """Column names, made unique with the path when two children share a jurisdiction."""
        names = [c.name for c in self.columns]
        return [f"{c.name} ({c.path})" if names.count(c.name) > 1 else c.name for c in self.columns]

    def carriers(self, row: int, status: str) -> list[str]:
        """Column labels of the children where parent measure `row` has `status`."""
        labels = self.labels()
        return [labels[i] for i, c in enumerate(self.columns) if c.statuses[row] == status]


def column_of(result: Comparison) -> Column:
    """The child's column: each parent measure's status and coverage in this comparison."""
    return column_from(result.child, result.parent_measures)


def column_from(child: Plan, parents: Sequence[ParentResult]) -> Column:
    """The child's column from the parent side of its comparison (`engine.parent_side`)."""
    return Column(
        path=child.path,
        name=child.jurisdiction.name or child.path,
        level=child.jurisdiction.level,
        title=child.title,
        parent_ids=tuple(r.measure.id for r in parents),
        statuses=tuple(r.status for r in parents),
        coverage=tuple(r.coverage for r in parents),
    )


def build_matrix(parent: Plan, columns: Sequence[Column], notes: Sequence[str] = ()) -> Matrix:
    """Line the columns up under `parent`'s measures; columns are sorted by path."""
    measures = parent.measures()
    ids = tuple(m.id for m in measures)
    for column in columns:
        if column.parent_ids != ids:
            raise InputError(column.path, "was not compared against {path}", path=parent.path)
    ordered = tuple(sorted(columns, key=lambda c: c.path))
    rows = tuple(
        Row(
            id=m.id,
            label=m.label,
            title=m.title,
            path=m.path,
            counts={s: sum(c.statuses[i] == s for c in ordered) for s in PARENT_STATUSES},
            name=m.name,
        )
        for i, m in enumerate(measures)
    )
    name = parent.jurisdiction.name or parent.path
    return Matrix(parent.path, parent.title, name, rows, ordered, tuple(notes))


def matrix_of(results: Sequence[Comparison]) -> Matrix:
    """The matrix of comparisons that share one parent plan."""
    if not results:
        raise InputError("matrix", "no comparisons to line up")
    parent = results[0].parent
    for r in results:
        if r.parent.sha256 != parent.sha256:
            raise InputError(r.parent.path, "is not the same parent as {path}", path=parent.path)
    return build_matrix(parent, [column_of(r) for r in results])
