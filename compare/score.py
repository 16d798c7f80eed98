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
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz, process

from duizhao.compare.clauses import Clause
from duizhao.compare.containment import ClauseScores, Containment
from duizhao.compare.segment import base_weight


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


class ClauseScorer:
    """Prepared once per comparison; scores blocks of child clauses against all parent clauses.

    Token covers come from postings (`containment.Containment`), similarities from
    rapidfuzz; scoring in blocks keeps memory proportional to block × parent clauses, so
    plans with thousands of measures are compared in bounded memory.
    """

    def __init__(
        self,
        child: list[Clause],
        parent: list[Clause],
        child_tokens: list[list[str]],
        parent_tokens: list[list[str]],
        weights: dict[str, float],
    ) -> None:
        self._containment = Containment(child_tokens, parent_tokens, weights)
        self.child_weight = self._containment.child_weight
        self.parent_weight = self._containment.parent_weight
        codes = _token_codes(sorted(weights))
        self._child_norms = [c.norm for c in child]
        self._parent_norms = [p.norm for p in parent]
        self._child_codes = [[codes[t] for t in toks] for toks in child_tokens]
        self._parent_codes = [[codes[t] for t in toks] for toks in parent_tokens]

    def score(self, start: int, stop: int) -> ClauseScores:
        """Scores of child clauses start..stop-1 against every parent clause."""
        covers = self._containment.score(start, stop)
        # rapidfuzz's batch API, on characters and on token sequences (one integer per token);
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
        return replace(covers, similarity=similarity)


def _token_codes(tokens: list[str]) -> dict[str, int]:
    """Each token as one integer, so rapidfuzz compares token sequences (lists of integers).

    Integers have no ceiling a vocabulary can reach (one private-use character per token ran
    out at 131,072 distinct tokens: `chr() arg not in range`), and rapidfuzz scores integer
    sequences exactly as it scored those strings, a little faster."""
    return {t: i for i, t in enumerate(tokens)}
