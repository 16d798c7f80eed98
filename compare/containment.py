"""Weighted containment of clause pairs, from postings: the covers both channels share.

For every (child clause, parent clause) pair: the weight of the distinct units (word tokens,
or character bigrams) the two share, as a share of each side's own weight (`child_cover`,
`parent_cover`), and how many they share. Each unit is weighted by IDF over the measures of
both plans times the boilerplate prior (`score.idf_weights`).

A clause holds a few dozen units out of a vocabulary of thousands, so the products are
computed from postings (for each unit, the parent clauses holding it) with numpy's bincount,
block by block: no dense clause × unit matrix, and the same sums in the same order on every
machine (a BLAS product's order depends on the CPU).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MAX_POSTINGS = 8_000_000
"""(child unit, parent clause) pairs expanded at once (bounds memory: a few arrays of this
many numbers)."""


@dataclass(frozen=True)
class ClauseScores:
    """Scores of a block of child clauses (rows) against every parent clause (columns)."""

    child_cover: np.ndarray
    parent_cover: np.ndarray
    similarity: np.ndarray
    child_weight: np.ndarray
    parent_weight: np.ndarray
    shared_tokens: np.ndarray
    """How many distinct weighted tokens each pair shares (guards against one-word matches)."""


class Containment:
    """Prepared once per comparison; scores blocks of child clauses against all parent clauses."""

    def __init__(
        self,
        child_units: list[list[str]],
        parent_units: list[list[str]],
        weights: dict[str, float],
    ) -> None:
        parent_sets = [sorted(set(g)) for g in parent_units]
        vocab: dict[str, int] = {}
        for g in parent_sets:
            for t in g:
                vocab.setdefault(t, len(vocab))
        ids = np.array([vocab[t] for g in parent_sets for t in g], dtype=np.int64)
        clause = np.repeat(
            np.arange(len(parent_sets), dtype=np.int64), [len(g) for g in parent_sets]
        )
        # Postings: for each unit, the parent clauses holding it, in clause order (stable sort).
        self._postings = clause[np.argsort(ids, kind="stable")]
        self._lengths = np.bincount(ids, minlength=len(vocab)).astype(np.int64)
        self._starts = np.r_[0, np.cumsum(self._lengths)[:-1]].astype(np.int64)
        self._vocab = vocab
        self._w = np.array([weights[t] for t in vocab], dtype=np.float64)
        self._child = [sorted({vocab[t] for t in g if t in vocab}) for g in child_units]
        self._n_parent = len(parent_units)
        self.child_weight = _weights(child_units, weights)
        self.parent_weight = _weights(parent_units, weights)

    def score(self, start: int, stop: int) -> ClauseScores:
        """Covers and shared-unit counts of child clauses start..stop-1 (no similarity: that
        is `score.ClauseScorer`'s)."""
        rows, n_p = stop - start, self._n_parent
        overlap = np.zeros((rows, n_p))
        shared = np.zeros((rows, n_p))
        per_row = [int(self._lengths[self._child[start + r]].sum()) for r in range(rows)]
        a = 0
        while a < rows:
            b, total = a, 0
            while b < rows and (b == a or total + per_row[b] <= MAX_POSTINGS):
                total += per_row[b]
                b += 1
            self._accumulate(start, a, b, overlap, shared)
            a = b
        cw = self.child_weight[start:stop]
        pw = self.parent_weight
        child_cover = overlap / np.where(cw > 0, cw, np.inf)[:, None]
        parent_cover = overlap / np.where(pw > 0, pw, np.inf)[None, :]
        return ClauseScores(child_cover, parent_cover, np.zeros((0, 0)), cw, pw, shared)

    def _accumulate(
        self, start: int, a: int, b: int, overlap: np.ndarray, shared: np.ndarray
    ) -> None:
        """Add rows a..b-1 of the block: every (child unit, parent clause holding it)."""
        n_p = self._n_parent
        pairs_r = np.array([r for r in range(a, b) for _ in self._child[start + r]], np.int64)
        pairs_t = np.array([t for r in range(a, b) for t in self._child[start + r]], np.int64)
        if not len(pairs_t):
            return
        lengths = self._lengths[pairs_t]
        total = int(lengths.sum())
        flat_r = np.repeat(pairs_r - a, lengths)
        flat_w = np.repeat(self._w[pairs_t], lengths)
        offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        flat_c = self._postings[np.repeat(self._starts[pairs_t], lengths) + offsets]
        index = flat_r * n_p + flat_c
        size = (b - a) * n_p
        overlap[a:b] += np.bincount(index, weights=flat_w, minlength=size).reshape(b - a, n_p)
        shared[a:b] += np.bincount(index, minlength=size).reshape(b - a, n_p)


def _weights(unit_lists: list[list[str]], weights: dict[str, float]) -> np.ndarray:
    """Each clause's weight: its distinct units' weights, summed exactly (`math.fsum`, so
    the set's order, which changes with PYTHONHASHSEED, cannot matter)."""
    return np.array([math.fsum([weights[t] for t in set(g)]) for g in unit_lists], dtype=np.float64)
