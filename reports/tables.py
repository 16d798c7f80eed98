"""Tabular views as pandas DataFrames: one row per measure of a plan (inspect --flat / --csv)."""

from __future__ import annotations

import pandas as pd

from duizhao.corpus.model import Plan

MEASURE_COLUMNS = [
    "id", "label", "path", "title", "text", "lead", "participating", "responsible",
    "first_line", "last_line",
]  # fmt: skip


def measures_frame(plan: Plan) -> pd.DataFrame:
    """One row per measure, in document order; list fields joined with 、."""
    rows = [
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
        }
        for m in plan.measures()
    ]
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def measures_csv(plan: Plan) -> str:
    """`inspect --csv`: one row per measure as CSV text (field names as in the JSON)."""
    return measures_frame(plan).to_csv(index=False)
