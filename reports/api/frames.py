"""Any result as a pandas DataFrame in one call (`to_frame`), for a Python user's own analysis.

pandas is imported here only when `to_frame` is called: the command line, `-f csv` included,
never loads it. Values are the data, not report words: statuses and flags are the JSON field
values (carried, added, moved, …), shares are fractions (0.35, not "35%"), lists of units are
joined with 、, ids with spaces. Which tables each result gives is in `TABLES`; the first is
the default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from duizhao.compare.chain import Chain
from duizhao.compare.matrix import Matrix
from duizhao.compare.result import Comparison
from duizhao.corpus.model import Node, Plan

if TYPE_CHECKING:
    import pandas as pd

Records = list[dict[str, Any]]

MEASURE_COLUMNS = [
    "side", "id", "label", "section", "title", "text", "lead", "participating", "responsible",
    "status", "coverage", "novelty", "sources", "main_source", "flags", "owners_change",
    "first_line", "last_line",
]  # fmt: skip
LINK_COLUMNS = ["parent", "child", "score", "parent_share", "child_share", "basis", "evidence"]
TRACE_COLUMNS = [
    "measure", "label", "title", "plan", "plan_path", "status", "via", "against", "lost_at",
    "restored_at",
]  # fmt: skip
MATRIX_COLUMNS = [
    "id", "label", "measure", "plan", "plan_path", "jurisdiction", "level", "status", "coverage",
]  # fmt: skip
PLAN_COLUMNS = [
    "plan", "plan_path", "jurisdiction", "level", "title", "carried", "partial", "dropped",
]  # fmt: skip
PLAN_MEASURE_COLUMNS = [
    "id", "label", "section", "title", "text", "lead", "participating", "responsible",
    "first_line", "last_line", "deadline",
]  # fmt: skip
REVISION_COLUMNS = [
    "old_label", "old_text", "new_label", "new_text", "status", "notes", "changed",
]  # fmt: skip


def to_frame(result: Comparison | Chain | Matrix | Plan, table: str | None = None) -> pd.DataFrame:
    """`result` as a pandas DataFrame: `table` names which one (`TABLES`; default the first).

    - Comparison (a pair, or two drafts of one plan): "measures" — one row per measure of
      both plans, parent (old draft) first, in document order: `MEASURE_COLUMNS`, `side`
      parent/child (old/new for a revision), `coverage` for a parent measure and `novelty`
      for a child one (NaN on the other side), `sources` the parent ids a child measure comes
      from; "links" — one row per link (`LINK_COLUMNS`, `evidence` the number of matching
      clause pairs); "table" — the rows of the 对照表 as the CSV has them in English
      (`reports.pair.csv.COLUMNS`); for a revision "table" is the 修改对照表, every row
      (`REVISION_COLUMNS`).
    - Chain: "trace" — one row per top-level measure of the first plan and lower plan
      (`TRACE_COLUMNS`: its status at plan index `plan`, the measures there that carry it,
      `against` the plan it was judged against); "measures" — one row per measure of every
      plan (`PLAN_MEASURE_COLUMNS` behind `plan` and `plan_path`).
    - Matrix: "statuses" — one row per parent measure and child plan (`MATRIX_COLUMNS`);
      "plans" — one row per child plan with its counts (`PLAN_COLUMNS`).
    - Plan: "measures" — one row per measure (`PLAN_MEASURE_COLUMNS`; `section` is the path
      of headings joined with ›, as in every measures table here).

    Raises ImportError (naming `pip install pandas`) when pandas is missing, ValueError for
    a table the result does not have, TypeError for anything else.
    """
    tables = _tables_of(result)
    name = table or next(iter(tables))
    if name not in tables:
        raise ValueError(
            f"a {type(result).__name__} has no table {name!r}; choose one of {', '.join(tables)}"
        )
    columns, build = tables[name]
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "to_frame needs pandas, which is not installed: pip install pandas"
        ) from None
    return pd.DataFrame(build(result), columns=columns)


Table = tuple[list[str], Callable[[Any], Records]]


def _tables_of(result: object) -> dict[str, Table]:
    if isinstance(result, Comparison):
        if result.revision is not None:
            return {
                "measures": (MEASURE_COLUMNS, _measures),
                "links": (LINK_COLUMNS, _links),
                "table": (REVISION_COLUMNS, _revision_table),
            }
        from duizhao.reports.pair.csv import COLUMNS

        return {
            "measures": (MEASURE_COLUMNS, _measures),
            "links": (LINK_COLUMNS, _links),
            "table": (COLUMNS, _comparison_table),
        }
    if isinstance(result, Chain):
        return {
            "trace": (TRACE_COLUMNS, _trace),
            "measures": (["plan", "plan_path", *PLAN_MEASURE_COLUMNS], _chain_measures),
        }
    if isinstance(result, Matrix):
        return {"statuses": (MATRIX_COLUMNS, _matrix), "plans": (PLAN_COLUMNS, _matrix_plans)}
    if isinstance(result, Plan):
        return {"measures": (PLAN_MEASURE_COLUMNS, _plan_measures)}
    raise TypeError(f"to_frame takes a Comparison, Chain, Matrix or Plan, not {type(result)!r}")


def _units(units: Iterable[str]) -> str:
    return "、".join(units)


def _node(node: Node) -> dict[str, Any]:
    """The columns every measure row shares."""
    return {
        "id": node.id,
        "label": node.label,
        "section": " › ".join(node.path),
        "title": node.title or "",
        "text": node.text,
        "lead": _units(node.owners.lead),
        "participating": _units(node.owners.participating),
        "responsible": _units(node.owners.responsible),
        "first_line": node.lines[0],
        "last_line": node.lines[1],
    }


def _measures(result: Comparison) -> Records:
    from duizhao.reports.common.owner_words import say_owner_change

    above, below = ("old", "new") if result.revision is not None else ("parent", "child")
    nan = float("nan")
    rows: Records = [
        {
            "side": above,
            **_node(p.measure),
            "status": str(p.status),
            "coverage": p.coverage,
            "novelty": nan,
        }
        for p in result.parent_measures
    ]
    for c in result.child_measures:
        rows.append(
            {
                "side": below,
                **_node(c.measure),
                "status": str(c.status),
                "coverage": nan,
                "novelty": c.novelty,
                "sources": " ".join(s.parent for s in c.sources),
                "main_source": c.main_source or "",
                "flags": " ".join(str(f) for f in c.flags),
                "owners_change": say_owner_change(c.owner_change, "en"),
            }
        )
    return rows


def _links(result: Comparison) -> Records:
    plain = LINK_COLUMNS[:-2]
    return [
        {**_attributes(k, plain), "basis": str(k.basis), "evidence": len(k.evidence)}
        for k in result.links
    ]


def _attributes(item: object, names: list[str]) -> dict[str, Any]:
    return {name: getattr(item, name) for name in names}


def _comparison_table(result: Comparison) -> Records:
    from duizhao.reports.pair.csv import comparison_records

    return comparison_records(result, "en")


def _revision_table(result: Comparison) -> Records:
    from duizhao.reports.revision.views import revision_rows

    return [
        {**_attributes(r, REVISION_COLUMNS), "notes": " ".join(r.notes)}
        for r in revision_rows(result, "en", show_all=True)
    ]


def _trace(chain: Chain) -> Records:
    return [
        {
            "measure": t.measure,
            "label": t.label,
            "title": t.title or "",
            "plan": level.plan,
            "plan_path": chain.plans[level.plan].path,
            "status": level.status,
            "via": " ".join(level.via),
            "against": level.against,
            "lost_at": t.lost_at,
            "restored_at": t.restored_at,
        }
        for t in chain.trace
        for level in t.levels
    ]


def _chain_measures(chain: Chain) -> Records:
    return [
        {"plan": n, "plan_path": plan.path, **row}
        for n, plan in enumerate(chain.plans)
        for row in _plan_measures(plan)
    ]


def _plan_measures(plan: Plan) -> Records:
    return [{**_node(m), "deadline": m.deadline or ""} for m in plan.measures()]


def _matrix(matrix: Matrix) -> Records:
    labels = matrix.labels()
    return [
        {
            "id": row.id,
            "label": row.label,
            "measure": row.name,
            "plan": labels[i],
            "plan_path": column.path,
            "jurisdiction": column.name,
            "level": column.level,
            "status": matrix.status(r, i),
            "coverage": column.coverage[r],
        }
        for r, row in enumerate(matrix.rows)
        for i, column in enumerate(matrix.columns)
    ]


def _matrix_plans(matrix: Matrix) -> Records:
    return [
        {
            "plan": label,
            "plan_path": c.path,
            "jurisdiction": c.name,
            "level": c.level,
            "title": c.title,
            **{s: c.statuses.count(s) for s in ("carried", "partial", "dropped")},
        }
        for label, c in zip(matrix.labels(), matrix.columns, strict=True)
    ]
