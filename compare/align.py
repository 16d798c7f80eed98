"""Clause evidence aggregated into measure-pair shares, and the many-to-many links between measures.

Each child clause is credited to the parent measure that explains it best (document order and
the child's main source break ties), so a phrase repeated in two parent measures does not make a
false merge. Parent clauses are not exclusive: one parent clause may survive in two child
measures (a split).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from duizhao.compare.clauses import Clause
from duizhao.compare.score import ClauseScores
from duizhao.compare.settings import Settings

TIE = 0.02
"""Clause credits this close count as a tie."""
MIN_SHARED_TOKENS = 2
"""A clause pair must share this many distinct tokens (or be near-identical) to count."""


@dataclass(frozen=True)
class Alignment:
    """Measure-level results of aligning one child plan to one parent plan."""

    child_share: np.ndarray
    """(n_child, n_parent): share of each child measure credited to each parent measure."""
    parent_share: np.ndarray
    """(n_parent, n_child): share of each parent measure surviving in each child measure."""
    coverage: np.ndarray
    """(n_parent,): share of each parent measure found anywhere in the child."""
    novelty: np.ndarray
    """(n_child,): share of each child measure found nowhere in the parent."""
    child_credit: np.ndarray
    """(n_child_clauses, n_parent_clauses) clause credits, child side."""
    parent_credit: np.ndarray
    """(n_child_clauses, n_parent_clauses) clause credits, parent side."""
    pair_similarity: np.ndarray
    """(n_child_clauses, n_parent_clauses) similarity shown as evidence."""
    links: tuple[tuple[int, int], ...]
    """(parent index, child index) pairs, child order then strength."""


def align(
    child: list[Clause],
    parent: list[Clause],
    n_child: int,
    n_parent: int,
    scores: ClauseScores,
    settings: Settings,
) -> Alignment:
    """Aggregate clause scores into shares and choose the links."""
    tau = settings.clause_min_similarity
    s = scores
    strong = s.similarity >= settings.clause_strong_similarity
    matched = ((s.child_cover >= tau) | (s.parent_cover >= tau) | (s.similarity >= tau)) & (
        (s.shared_tokens >= MIN_SHARED_TOKENS) | strong
    )
    child_credit = np.where(matched, np.maximum(s.child_cover, s.similarity), 0.0)
    parent_credit = np.where(matched, np.maximum(s.parent_cover, s.similarity), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(
            (s.child_cover + s.parent_cover) > 0,
            2 * s.child_cover * s.parent_cover / (s.child_cover + s.parent_cover),
            0.0,
        )
    pair_similarity = np.where(matched, np.maximum(s.similarity, dice), 0.0)

    c_measure = np.array([c.measure for c in child], dtype=np.int64)
    p_measure = np.array([p.measure for p in parent], dtype=np.int64)
    cw, pw = s.child_weight, s.parent_weight
    c_total = np.bincount(c_measure, weights=cw, minlength=n_child) if child else np.zeros(n_child)
    p_total = (
        np.bincount(p_measure, weights=pw, minlength=n_parent) if parent else np.zeros(n_parent)
    )

    # Best credit of each child clause within each parent measure: (n_child_clauses, n_parent).
    best_in_parent = _group_max(child_credit, p_measure, n_parent, axis=1)
    # Best credit of each parent clause within each child measure: (n_child, n_parent_clauses).
    best_in_child = _group_max(parent_credit, c_measure, n_child, axis=0)

    overall = _group_sum(best_in_parent * cw[:, None], c_measure, n_child) / _safe(c_total)[:, None]
    main = np.argmax(overall, axis=1) if n_parent else np.zeros(n_child, dtype=np.int64)

    # Exclusive credit: each child clause goes to its best parent measure.
    exclusive = np.zeros_like(best_in_parent)
    for row in range(len(child)):
        credits = best_in_parent[row]
        top = credits.max() if n_parent else 0.0
        if top <= 0:
            continue
        tied = np.flatnonzero(credits >= top - TIE)
        own = main[c_measure[row]]
        pick = own if own in tied else tied[np.argmin(np.abs(tied - own))]
        exclusive[row, pick] = credits[pick]
    child_share = _group_sum(exclusive * cw[:, None], c_measure, n_child) / _safe(c_total)[:, None]
    parent_share = (
        _group_sum((best_in_child * pw[None, :]).T, p_measure, n_parent) / _safe(p_total)[:, None]
    )
    coverage = (
        np.bincount(p_measure, weights=pw * _max0(parent_credit, axis=0), minlength=n_parent)
        / _safe(p_total)
        if parent
        else np.zeros(n_parent)
    )
    explained = (
        np.bincount(c_measure, weights=cw * _max0(child_credit, axis=1), minlength=n_child)
        / _safe(c_total)
        if child
        else np.zeros(n_child)
    )
    novelty = np.where(c_total > 0, 1.0 - explained, 1.0)

    links: list[tuple[int, int]] = []
    for j in range(n_child):
        found = [
            i
            for i in range(n_parent)
            if child_share[j, i] >= settings.link_min_child_share
            and (child_share[j, i] + parent_share[i, j]) / 2 >= settings.link_min_score
        ]
        found.sort(key=lambda i: (-child_share[j, i], -parent_share[i, j], i))
        links.extend((i, j) for i in found)
    return Alignment(
        child_share=np.clip(child_share, 0.0, 1.0),
        parent_share=np.clip(parent_share, 0.0, 1.0),
        coverage=np.clip(coverage, 0.0, 1.0),
        novelty=np.clip(novelty, 0.0, 1.0),
        child_credit=child_credit,
        parent_credit=parent_credit,
        pair_similarity=pair_similarity,
        links=tuple(links),
    )


def _safe(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 1.0)


def _max0(matrix: np.ndarray, axis: int) -> np.ndarray:
    if matrix.size == 0:
        return np.zeros(matrix.shape[1 - axis])
    return matrix.max(axis=axis)


def _group_max(matrix: np.ndarray, groups: np.ndarray, n: int, axis: int) -> np.ndarray:
    """Max of `matrix` over the rows (axis=0) or columns (axis=1) belonging to each group."""
    if axis == 1:
        out = np.zeros((matrix.shape[0], n))
        for g in range(n):
            cols = groups == g
            if cols.any() and matrix.shape[0]:
                out[:, g] = matrix[:, cols].max(axis=1)
        return out
    out = np.zeros((n, matrix.shape[1]))
    for g in range(n):
        rows = groups == g
        if rows.any() and matrix.shape[1]:
            out[g, :] = matrix[rows, :].max(axis=0)
    return out


def _group_sum(matrix: np.ndarray, groups: np.ndarray, n: int) -> np.ndarray:
    """Sum of `matrix` rows belonging to each group: (n, matrix.shape[1])."""
    out = np.zeros((n, matrix.shape[1]))
    if len(groups):
        np.add.at(out, groups, matrix)
    return out
