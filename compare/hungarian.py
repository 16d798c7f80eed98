"""Maximum-weight one-to-one assignment for small matrices, without importing scipy.optimize.

assign.py and redline.py solve many small assignments (a link-graph component, the clauses of
one measure pair). scipy's `linear_sum_assignment` is the reference, but importing
scipy.optimize costs about half a second, most of a first comparison; the classic Hungarian
algorithm (potentials, O(n²m)) in plain Python is faster than that import for the sizes met
here. Larger matrices go to scipy, imported only then. Both give an optimal assignment; ties
are broken deterministically (by position).
"""

from __future__ import annotations

import numpy as np

PURE_MAX_CELLS = 2_500
"""Matrices up to this many cells are solved here; larger ones by scipy."""


def max_weight_assignment(weights: np.ndarray) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum-weight assignment (every row or every column used)."""
    n, m = weights.shape
    if not n or not m:
        return []
    if n * m > PURE_MAX_CELLS:
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(weights, maximize=True)
        return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)]
    if n > m:
        return sorted((r, c) for c, r in max_weight_assignment(weights.T))
    top = float(weights.max())
    cost = [[top - float(x) for x in row] for row in weights.tolist()]
    return _hungarian(cost, n, m)


def _hungarian(cost: list[list[float]], n: int, m: int) -> list[tuple[int, int]]:
    """Minimum-cost assignment of n rows to m ≥ n columns (1-based potentials u, v)."""
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])
