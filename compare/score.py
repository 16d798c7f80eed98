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
    return {t: base_weight(t) * (math.log((n + 1) / (d + 0.5)) + 0.5) for t, d in df.items()}


def score_clauses(
    child: list[Clause],
    parent: list[Clause],
    child_tokens: list[list[str]],
    parent_tokens: list[list[str]],
    weights: dict[str, float],
) -> ClauseScores:
    """All clause-pair scores as (n_child, n_parent) matrices."""
    # Only tokens found on both sides can be shared; the rest matter only for clause weights.
    child_vocab = {t for toks in child_tokens for t in toks}
    shared_vocab = sorted(child_vocab.intersection(t for toks in parent_tokens for t in toks))
    vocab = {t: i for i, t in enumerate(shared_vocab)}
    w = np.array([weights[t] for t in shared_vocab], dtype=np.float64)
    bc = _incidence(child_tokens, vocab)
    bp = _incidence(parent_tokens, vocab)
    overlap = (bc * w) @ bp.T
    shared = bc @ bp.T
    cw = np.array([sum(weights[t] for t in set(toks)) for toks in child_tokens])
    pw = np.array([sum(weights[t] for t in set(toks)) for toks in parent_tokens])
    with np.errstate(divide="ignore", invalid="ignore"):
        child_cover = np.where(cw[:, None] > 0, overlap / cw[:, None], 0.0)
        parent_cover = np.where(pw[None, :] > 0, overlap / pw[None, :], 0.0)
    chars = process.cdist([c.norm for c in child], [p.norm for p in parent], scorer=fuzz.ratio)
    codes = _token_codes(sorted(weights))
    seq = process.cdist(
        ["".join(codes[t] for t in toks) for toks in child_tokens],
        ["".join(codes[t] for t in toks) for toks in parent_tokens],
        scorer=fuzz.ratio,
    )
    similarity = np.maximum(chars, seq).astype(np.float64) / 100.0
    return ClauseScores(child_cover, parent_cover, similarity, cw, pw, shared)


def _incidence(token_lists: list[list[str]], vocab: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(token_lists), len(vocab)), dtype=np.float64)
    for row, toks in enumerate(token_lists):
        for t in toks:
            if t in vocab:
                matrix[row, vocab[t]] = 1.0
    return matrix


def _token_codes(tokens: list[str]) -> dict[str, str]:
    """Each token as one private-use character, so rapidfuzz compares token sequences."""
    return {t: chr(0xF0000 + i) for i, t in enumerate(tokens)}
