"""Maximum-weight one-to-one assignment: counterparts of measures, pairs of clauses.

assign.py and redline.py solve many small assignments (a link-graph component, the clauses of
one measure pair). The solver is LAPJV from the `lap` package: it imports in milliseconds,
where scipy.optimize (whose `linear_sum_assignment` gives the same optimum) costs about a
second of a first comparison. Rectangular matrices are solved with `extend_cost`; every
row or every column is used. LAPJV is deterministic, so ties resolve the same way every run.
"""

from __future__ import annotations

import numpy as np


def max_weight_assignment(weights: np.ndarray) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum-weight assignment (every row or every column used)."""
    import lap

    n, m = weights.shape
    if not n or not m:
        return []
    cost = np.ascontiguousarray(-np.asarray(weights, dtype=np.float64))
    _, row_to_col, _ = lap.lapjv(cost, extend_cost=n != m)
    return sorted((r, int(c)) for r, c in enumerate(row_to_col) if 0 <= c < m)
