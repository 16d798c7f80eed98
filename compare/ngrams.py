"""Character-bigram containment of clause pairs: evidence no segmenter's word boundaries hide.

jieba may cut 社会主义法治文化 as one token in one plan and as three in the other, and then the
token channel (score.py) sees nothing in common. Character bigrams of the punctuation-free
clause do not depend on the cut. Each bigram is weighted like a token (IDF over the measures
of both plans, times the boilerplate prior), and a clause pair's covers are the weighted share
of each side's bigrams found on the other side; align.py takes the larger of the two channels.

The vocabulary of bigrams is large and each clause holds a few dozen, so the products are
computed from postings (for each bigram, the parent clauses holding it) with numpy's bincount,
block by block: no dense clause × bigram matrix, and no scipy import on the common path.
"""

from __future__ import annotations

import math

import numpy as np

from duizhao.compare.score import ClauseScores

GRAM = 2
MAX_POSTINGS = 8_000_000
"""(child bigram, parent clause) pairs expanded at once (bounds memory: a few arrays of this
many numbers)."""


def char_grams(texts: list[str], n: int = GRAM) -> list[list[str]]:
    """Character n-grams of each (punctuation-free) clause, in order (the text itself when
    shorter than n)."""
    return [[t[k : k + n] for k in range(len(t) - n + 1)] or [t] for t in texts]


class GramScorer:
    """Prepared once per comparison; scores blocks of child clauses against all parent clauses."""

    def __init__(
        self,
        child_grams: list[list[str]],
        parent_grams: list[list[str]],
        weights: dict[str, float],
    ) -> None:
        parent_sets = [sorted(set(g)) for g in parent_grams]
        vocab: dict[str, int] = {}
        for g in parent_sets:
            for t in g:
                vocab.setdefault(t, len(vocab))
        postings: list[list[int]] = [[] for _ in vocab]
        for c, g in enumerate(parent_sets):
            for t in g:
                postings[vocab[t]].append(c)
        self._vocab = vocab
        self._lengths = np.array([len(p) for p in postings], dtype=np.int64)
        self._starts = np.r_[0, np.cumsum(self._lengths)[:-1]].astype(np.int64)
        self._postings = np.array([c for p in postings for c in p], dtype=np.int64)
        self._w = np.array([weights[t] for t in vocab], dtype=np.float64)
        self._child = [sorted({vocab[t] for t in g if t in vocab}) for g in child_grams]
        self._n_parent = len(parent_grams)
        self.child_weight = _weights(child_grams, weights)
        self.parent_weight = _weights(parent_grams, weights)

    def score(self, start: int, stop: int) -> ClauseScores:
        """Bigram covers and shared-bigram counts of child clauses start..stop-1 (similarity
        is left to the token channel)."""
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

    def _accumulate(self, start: int, a: int, b: int, overlap, shared) -> None:
        """Add rows a..b-1 of the block: every (child bigram, parent clause holding it)."""
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


def _weights(gram_lists: list[list[str]], weights: dict[str, float]) -> np.ndarray:
    """Each clause's weight: its distinct bigrams' weights, summed exactly (`math.fsum`, so
    the set's order cannot matter)."""
    return np.array([math.fsum(weights[t] for t in set(g)) for g in gram_lists], dtype=np.float64)
