"""Clause evidence aggregated into measure-pair shares (links are chosen in links.py).

Each child clause is credited to the parent measure that explains it best (document order and
the child's main source break ties), so a phrase repeated in two parent measures does not make a
false merge. Parent clauses are not exclusive: one parent clause may survive in two child
measures (a split).

Two channels score every clause pair (score.py): word tokens, and IDF-weighted character
bigrams, whose containment does not depend on how jieba cuts a compound (社会主义法治文化 as one
token in one plan and three in the other). A pair's cover is the larger of the two.

Clause pairs are scored in blocks of whole child measures and reduced at once to per-measure
maxima, so memory grows with clauses × measures, not clauses × clauses. Every matrix here is
stored (parent, child) or (child clause, parent) as its name says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from duizhao.compare.clauses import Clause
from duizhao.compare.containment import ClauseScores, Containment
from duizhao.compare.score import ClauseScorer
from duizhao.compare.settings import Settings

TIE = 0.02
"""Clause credits this close count as a tie."""
MIN_SHARED_TOKENS = 2
"""A clause pair must share this many distinct tokens (or be near-identical) to count."""
BLOCK_CELLS = 4_000_000
"""Clause pairs scored at once (bounds memory: a few float64 matrices of this many cells)."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Alignment:
    """Measure-level results of aligning one child plan to one parent plan."""

    child_share: np.ndarray
    """(n_parent, n_child): share of each child measure credited to each parent measure."""
    parent_share: np.ndarray
    """(n_parent, n_child): share of each parent measure surviving in each child measure."""
    coverage: np.ndarray
    """(n_parent,): share of each parent measure found anywhere in the child."""
    novelty: np.ndarray
    """(n_child,): share of each child measure found nowhere in the parent."""
    best_credit: np.ndarray
    """(n_child_clauses, n_parent): best credit of each child clause within each parent measure."""
    best_clause: np.ndarray
    """(n_child_clauses, n_parent): which parent clause gives that credit (global index)."""
    best_similarity: np.ndarray
    """(n_child_clauses, n_parent): similarity of that clause pair, shown as evidence."""
    in_child: np.ndarray
    """(n_child, n_parent_clauses): best credit of each parent clause within each child measure."""
    parent_clause_found: np.ndarray
    """(n_parent_clauses,): best credit of each parent clause anywhere in the child."""
    main: np.ndarray
    """(n_child,): the parent measure explaining most of each child measure (by child side)."""
    overall: np.ndarray
    """(n_parent, n_child): share of each child measure each parent measure could explain if
    it had every tied clause (before clauses are credited to one measure each)."""
    clause_measure: np.ndarray
    """(n_child_clauses,): the child measure of each child clause."""
    clause_weight: np.ndarray
    """(n_child_clauses,): each child clause's token weight."""
    parent_clause_measure: np.ndarray | None = None
    """(n_parent_clauses,): the parent measure of each parent clause."""
    parent_clause_weight: np.ndarray | None = None
    """(n_parent_clauses,): each parent clause's token weight."""

    def kept_whole(self, i: int, j: int) -> float:
        """How wholly the best-kept clause of parent measure i survives in child measure j
        (parent-side credit: 1.0 when a parent clause is inside a clause of the child)."""
        if self.parent_clause_measure is None:
            return 0.0
        cols = np.flatnonzero(self.parent_clause_measure == i)
        return float(self.in_child[j, cols].max(initial=0.0))

    def carried_by(self, i: int, children: list[int]) -> float:
        """Coverage of parent measure i by the child measures `children` alone: each of its
        clauses credited with its best match inside one of them (issue 19: a status rests on
        the measures that carry it, never on similar clauses elsewhere in the child)."""
        measure, weights = self.parent_clause_measure, self.parent_clause_weight
        if not children or measure is None or weights is None:
            return 0.0
        cols = np.flatnonzero(measure == i)
        weight = weights[cols]
        total = float(weight.sum())
        if total <= 0:
            return 0.0
        found = self.in_child[np.ix_(np.asarray(children, dtype=np.intp), cols)].max(axis=0)
        return float(np.clip(float(np.dot(weight, found)) / total, 0.0, 1.0))


def align(
    child: list[Clause],
    parent: list[Clause],
    n_child: int,
    n_parent: int,
    scorer: ClauseScorer,
    settings: Settings,
    progress: Progress | None = None,
    grams: Containment | None = None,
) -> Alignment:
    """Aggregate clause scores (token channel, and the character-bigram channel `grams`) into
    shares."""
    c_measure = np.array([c.measure for c in child], dtype=np.int64)
    p_measure = np.array([p.measure for p in parent], dtype=np.int64)
    cw, pw = scorer.child_weight, scorer.parent_weight
    n_c, n_p = len(child), len(parent)

    best_credit = np.zeros((n_c, n_parent))
    best_clause = np.zeros((n_c, n_parent), dtype=np.int64)
    best_similarity = np.zeros((n_c, n_parent))
    in_child = np.zeros((n_child, n_p))
    parent_found = np.zeros(n_p)
    child_found = np.zeros(n_c)
    p_starts, p_groups = _group_starts(p_measure)

    blocks = _blocks(c_measure, max(1, BLOCK_CELLS // max(1, n_p)))
    for done, (start, stop) in enumerate(blocks, start=1):
        if n_p:
            scores = scorer.score(start, stop)
            if grams is not None:
                scores = _combine(scores, grams.score(start, stop))
            credit_c, credit_p, similarity = _credits(scores, settings)
            rows = slice(start, stop)
            if p_groups.size:
                best_credit[rows, p_groups] = np.maximum.reduceat(credit_c, p_starts, axis=1)
                arg = _group_argmax(credit_c, p_starts)
                best_clause[rows, p_groups] = arg
                best_similarity[rows, p_groups] = np.take_along_axis(similarity, arg, axis=1)
            child_found[rows] = credit_c.max(axis=1)
            parent_found = np.maximum(parent_found, credit_p.max(axis=0))
            # Child measures are runs of consecutive clauses, never cut by a block.
            starts, measures = _group_starts(c_measure[rows])
            for m, a, b in zip(measures, starts, np.r_[starts[1:], stop - start], strict=True):
                in_child[m] = credit_p[a:b].max(axis=0)
        if progress is not None:
            progress(done, len(blocks))

    c_total = _bincount(c_measure, cw, n_child)
    p_total = _bincount(p_measure, pw, n_parent)
    weighted = best_credit * cw[:, None]
    overall = _group_rows(weighted, c_measure, n_child) / _safe(c_total)[:, None]
    main = np.argmax(overall, axis=1) if n_parent else np.zeros(n_child, dtype=np.int64)
    exclusive = _exclusive(best_credit, main[c_measure]) if n_parent else best_credit
    child_share = _group_rows(exclusive * cw[:, None], c_measure, n_child) / _safe(c_total)[:, None]
    parent_share = (
        _group_rows((in_child * pw[None, :]).T, p_measure, n_parent) / _safe(p_total)[:, None]
    )
    coverage = _bincount(p_measure, pw * parent_found, n_parent) / _safe(p_total)
    explained = _bincount(c_measure, cw * child_found, n_child) / _safe(c_total)
    novelty = np.where(c_total > 0, 1.0 - explained, 1.0)

    return Alignment(
        child_share=np.clip(child_share, 0.0, 1.0).T.copy(),
        parent_share=np.clip(parent_share, 0.0, 1.0),
        coverage=np.clip(coverage, 0.0, 1.0),
        novelty=np.clip(novelty, 0.0, 1.0),
        best_credit=best_credit,
        best_clause=best_clause,
        best_similarity=best_similarity,
        in_child=in_child,
        parent_clause_found=parent_found,
        main=main,
        overall=overall.T.copy(),
        clause_measure=c_measure,
        clause_weight=cw,
        parent_clause_measure=p_measure,
        parent_clause_weight=pw,
    )


def with_main(al: Alignment, main: np.ndarray) -> Alignment:
    """The alignment with each child measure's main source fixed to `main` (e.g. a tie broken
    by structure): child shares recomputed so tied clauses go to that source."""
    n_child, n_parent = al.novelty.shape[0], al.coverage.shape[0]
    if not n_parent or not n_child:
        return replace(al, main=main)
    exclusive = _exclusive(al.best_credit, main[al.clause_measure])
    total = _bincount(al.clause_measure, al.clause_weight, n_child)
    share = _group_rows(exclusive * al.clause_weight[:, None], al.clause_measure, n_child)
    share = share / _safe(total)[:, None]
    return replace(al, main=main, child_share=np.clip(share, 0.0, 1.0).T.copy())


GRAM_SHARED_PER_TOKEN = 2
"""Character bigrams that count as one shared token for MIN_SHARED_TOKENS (a two-character
word is one bigram, a longer one more; two per token keeps one-word matches out)."""


def _combine(tokens: ClauseScores, grams: ClauseScores) -> ClauseScores:
    """The token channel with covers raised to the character-bigram channel's where larger
    (in place: both blocks are fresh, and blocks are large)."""
    np.maximum(tokens.child_cover, grams.child_cover, out=tokens.child_cover)
    np.maximum(tokens.parent_cover, grams.parent_cover, out=tokens.parent_cover)
    np.floor_divide(grams.shared_tokens, GRAM_SHARED_PER_TOKEN, out=grams.shared_tokens)
    np.maximum(tokens.shared_tokens, grams.shared_tokens, out=tokens.shared_tokens)
    return tokens


def _credits(s: ClauseScores, settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Child-side credit, parent-side credit and evidence similarity of each clause pair."""
    tau = settings.clause_min_similarity
    strong = s.similarity >= settings.clause_strong_similarity
    matched = ((s.child_cover >= tau) | (s.parent_cover >= tau) | (s.similarity >= tau)) & (
        (s.shared_tokens >= MIN_SHARED_TOKENS) | strong
    )
    credit_c = np.where(matched, np.maximum(s.child_cover, s.similarity), 0.0)
    credit_p = np.where(matched, np.maximum(s.parent_cover, s.similarity), 0.0)
    total = s.child_cover + s.parent_cover
    dice = 2 * s.child_cover * s.parent_cover / np.where(total > 0, total, np.inf)
    return credit_c, credit_p, np.where(matched, np.maximum(s.similarity, dice), 0.0)


def _exclusive(best_credit: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Each child clause credited to one parent measure: its best, or among near-ties its
    child's main source, else the tied measure nearest to it in document order."""
    top = best_credit.max(axis=1)
    tied = (best_credit >= (top - TIE)[:, None]) & (top > 0)[:, None]
    columns = np.arange(best_credit.shape[1])
    distance = np.where(tied, np.abs(columns[None, :] - own[:, None]), np.iinfo(np.int64).max)
    pick = np.argmin(distance, axis=1)
    out = np.zeros_like(best_credit)
    rows = np.flatnonzero(top > 0)
    out[rows, pick[rows]] = best_credit[rows, pick[rows]]
    return out


def _blocks(c_measure: np.ndarray, rows: int) -> list[tuple[int, int]]:
    """Row ranges of about `rows` child clauses, never cutting a child measure in two."""
    blocks, start, n = [], 0, len(c_measure)
    while start < n:
        stop = min(n, start + rows)
        while stop < n and c_measure[stop] == c_measure[stop - 1]:
            stop += 1
        blocks.append((start, stop))
        start = stop
    return blocks


def _group_starts(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start index of each run of equal group ids (clauses are in measure order), and the ids."""
    if not len(groups):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return starts, groups[starts]


def _group_argmax(matrix: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Column index of the maximum within each column group, per row."""
    out = np.zeros((matrix.shape[0], len(starts)), dtype=np.int64)
    ends = np.r_[starts[1:], matrix.shape[1]]
    for g, (a, b) in enumerate(zip(starts, ends, strict=True)):
        out[:, g] = a + np.argmax(matrix[:, a:b], axis=1)
    return out


def _group_rows(matrix: np.ndarray, groups: np.ndarray, n: int) -> np.ndarray:
    """Sum of `matrix` rows belonging to each group: (n, matrix.shape[1])."""
    out = np.zeros((n, matrix.shape[1]))
    if len(groups):
        np.add.at(out, groups, matrix)
    return out


def _bincount(groups: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(groups, weights=weights, minlength=n) if len(groups) else np.zeros(n)


def _safe(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 1.0)
