"""Clause-pair scores, computed in batch: IDF-weighted token containment plus rapidfuzz similarity.

For every (child clause, parent clause) pair:
- `child_cover`: share of the child clause's token weight found in the parent clause;
- `parent_cover`: share of the parent clause's token weight found in the child clause;
- `similarity`: the best of character similarity and token-sequence similarity (rapidfuzz
  `process.cdist`), for clauses reworded in ways containment does not see.
Token weights are IDF over the measures being compared, times a prior that makes boilerplate
verbs (加强, 推进, 健全 …) count for little, so shared boilerplate is not evidence.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from duizhao.compare.clauses import Clause
from duizhao.compare.segment import base_weight


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


def idf_weights(documents: list[set[str]]) -> dict[str, float]:
    """Smoothed IDF over measures, times the boilerplate prior."""
    n = len(documents)
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(doc)
    idf = {d: math.log((n + 1) / (d + 0.5)) + 0.5 for d in set(df.values())}
    return {t: base_weight(t) * idf[d] for t, d in df.items()}


THREADED_PAIRS = 1_000_000
"""Clause pairs in a block from which rapidfuzz scores them on every core."""
SPARSE_ABOVE = 2_000_000_000
"""child clauses × parent clauses × shared tokens above which token products go sparse."""


class ClauseScorer:
    """Prepared once per comparison; scores blocks of child clauses against all parent clauses.

    Scoring in blocks keeps memory proportional to block × parent clauses, so plans with
    thousands of measures are compared in bounded memory.
    """

    def __init__(
        self,
        child: list[Clause],
        parent: list[Clause],
        child_tokens: list[list[str]],
        parent_tokens: list[list[str]],
        weights: dict[str, float],
    ) -> None:
        # Only tokens found on both sides can be shared; the rest matter only for clause weights.
        child_vocab = {t for toks in child_tokens for t in toks}
        shared_vocab = sorted(child_vocab.intersection(t for toks in parent_tokens for t in toks))
        self._vocab = {t: i for i, t in enumerate(shared_vocab)}
        self._w = np.array([weights[t] for t in shared_vocab], dtype=np.float64)
        self._child_tokens = child_tokens
        # Dense products are fastest for ordinary plans; sparse ones (scipy, imported only then)
        # for plans with thousands of measures, where dense token matrices would be huge.
        self._sparse = len(child) * len(parent) * max(1, len(self._vocab)) > SPARSE_ABOVE
        self._bp_t = _incidence(parent_tokens, self._vocab, self._sparse).T
        self._weighted_bp_t = (
            self._bp_t.multiply(self._w[:, None]).tocsr()
            if self._sparse
            else self._bp_t * self._w[:, None]
        )
        if self._sparse:
            self._bp_t = self._bp_t.tocsr()
        self.child_weight = _weights(child_tokens, weights)
        self.parent_weight = _weights(parent_tokens, weights)
        codes = _token_codes(sorted(weights))
        self._child_norms = [c.norm for c in child]
        self._parent_norms = [p.norm for p in parent]
        self._child_codes = ["".join(codes[t] for t in toks) for toks in child_tokens]
        self._parent_codes = ["".join(codes[t] for t in toks) for toks in parent_tokens]

    def score(self, start: int, stop: int) -> ClauseScores:
        """Scores of child clauses start..stop-1 against every parent clause."""
        bc = _incidence(self._child_tokens[start:stop], self._vocab, self._sparse)
        overlap = _dense(bc @ self._weighted_bp_t)
        shared = _dense(bc @ self._bp_t)
        cw = self.child_weight[start:stop]
        pw = self.parent_weight
        child_cover = overlap / np.where(cw > 0, cw, np.inf)[:, None]
        parent_cover = overlap / np.where(pw > 0, pw, np.inf)[None, :]
        # rapidfuzz's batch API, on characters and on token sequences (one character per token);
        # threads pay for themselves only on large blocks.
        workers = -1 if (stop - start) * len(self._parent_norms) >= THREADED_PAIRS else 1
        chars = process.cdist(
            self._child_norms[start:stop],
            self._parent_norms,
            scorer=fuzz.ratio,
            workers=workers,
        )
        seq = process.cdist(
            self._child_codes[start:stop],
            self._parent_codes,
            scorer=fuzz.ratio,
            workers=workers,
        )
        similarity = np.maximum(chars, seq).astype(np.float64) / 100.0
        return ClauseScores(child_cover, parent_cover, similarity, cw, pw, shared)


def _weights(token_lists: list[list[str]], weights: dict[str, float]) -> np.ndarray:
    """Each clause's weight: its distinct tokens' weights summed by `math.fsum`, which rounds
    the exact sum once, so the set's order (it changes with PYTHONHASHSEED) cannot matter."""
    return np.array(
        [math.fsum(weights[t] for t in set(toks)) for toks in token_lists],
        dtype=np.float64,
    )


def _incidence(token_lists: list[list[str]], vocab: dict[str, int], as_sparse: bool):
    """Clause × token matrix with a 1 where the clause contains the token."""
    rows, cols = [], []
    for row, toks in enumerate(token_lists):
        for col in sorted({vocab[t] for t in toks if t in vocab}):
            rows.append(row)
            cols.append(col)
    shape = (len(token_lists), len(vocab))
    if as_sparse:
        from scipy import sparse

        data = np.ones(len(rows), dtype=np.float64)
        return sparse.csr_matrix((data, (rows, cols)), shape=shape)
    matrix = np.zeros(shape, dtype=np.float64)
    matrix[rows, cols] = 1.0
    return matrix


def _dense(matrix) -> np.ndarray:
    return matrix if isinstance(matrix, np.ndarray) else matrix.toarray()


def _token_codes(tokens: list[str]) -> dict[str, str]:
    """Each token as one private-use character, so rapidfuzz compares token sequences."""
    return {t: chr(0xF0000 + i) for i, t in enumerate(tokens)}
