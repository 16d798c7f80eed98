"""One-to-one counterparts: which child measure is each parent measure's local version.

`added` versus `modified` cannot be one novelty threshold (issue 10): a measure rewritten
into local specifics is still its parent measure's only counterpart, while a genuinely local
measure that borrows two sentences from a parent measure sits beside that measure's real
counterpart. A maximum-weight one-to-one assignment of child to parent measures over the links
(solver.py, LAPJV; weight = child share +
parent share) separates the two: a
child outside the assignment is `added` when most of it is new, a child inside it is
`modified` unless essentially nothing matches (classify.child_status).

The assignment is solved per connected component of the link graph (links are sparse: a
component is a few measures), so memory stays bounded for plans of thousands of measures;
a component too large for a dense matrix falls back to a greedy assignment by weight.
"""

from __future__ import annotations

import numpy as np

from duizhao.compare.solver import max_weight_assignment

DENSE_MAX_CELLS = 4_000_000
"""A component with more parent × child cells than this is assigned greedily."""


def assign(weights: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """(parent, child) pairs of a maximum-weight matching over the weighted links."""
    parent_of: dict[int, int] = {}

    def find(x: int) -> int:
        while parent_of.setdefault(x, x) != x:
            parent_of[x] = parent_of[parent_of[x]]
            x = parent_of[x]
        return x

    # Nodes: parents as 2i, children as 2j + 1.
    for i, j in sorted(weights):
        a, b = find(2 * i), find(2 * j + 1)
        if a != b:
            parent_of[max(a, b)] = min(a, b)
    components: dict[int, list[tuple[int, int]]] = {}
    for i, j in sorted(weights):
        components.setdefault(find(2 * i), []).append((i, j))
    chosen: set[tuple[int, int]] = set()
    for _, edges in sorted(components.items()):
        parents = sorted({i for i, _ in edges})
        children = sorted({j for _, j in edges})
        if len(parents) * len(children) > DENSE_MAX_CELLS:
            chosen |= _greedy(edges, weights)
            continue
        pi = {p: k for k, p in enumerate(parents)}
        ci = {c: k for k, c in enumerate(children)}
        matrix = np.zeros((len(parents), len(children)))
        for i, j in edges:
            matrix[pi[i], ci[j]] = weights[(i, j)]
        chosen.update(
            (parents[r], children[c]) for r, c in max_weight_assignment(matrix) if matrix[r, c] > 0
        )
    return chosen


def _greedy(
    edges: list[tuple[int, int]], weights: dict[tuple[int, int], float]
) -> set[tuple[int, int]]:
    taken_p: set[int] = set()
    taken_c: set[int] = set()
    out: set[tuple[int, int]] = set()
    for i, j in sorted(edges, key=lambda e: (-weights[e], e)):
        if i not in taken_p and j not in taken_c:
            out.add((i, j))
            taken_p.add(i)
            taken_c.add(j)
    return out
