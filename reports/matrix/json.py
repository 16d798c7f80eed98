"""A folder matrix as `duizhao/matrix@1` JSON: the parent, its measures with counts, the plans."""

from __future__ import annotations

from typing import Any

from duizhao.compare.matrix import Matrix

SCHEMA = "duizhao/matrix@1"


def matrix_dict(matrix: Matrix) -> dict[str, Any]:
    """The matrix as `duizhao/matrix@1`: parent, its measures with counts, one column per plan."""
    labels = matrix.labels()
    return {
        "schema": SCHEMA,
        "parent": {
            "path": matrix.parent_path,
            "title": matrix.parent_title,
            "name": matrix.parent_name,
        },
        "measures": [
            {"id": r.id, "label": r.label, "title": r.title, "path": list(r.path), **r.counts}
            for r in matrix.rows
        ],
        "plans": [
            {
                "path": c.path,
                "name": c.name,
                "label": label,
                "level": c.level,
                "title": c.title,
                "statuses": list(c.statuses),
                "coverage": list(c.coverage),
            }
            for c, label in zip(matrix.columns, labels, strict=True)
        ],
        "notes": list(matrix.notes),
    }
