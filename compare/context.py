"""Whole-measure resemblance by character n-grams: the context channel for restated measures.

A child measure that restates its parent measure's topic in its own words shares no clause
that passes on its own, yet its vocabulary is still that measure's (社区矫正, 安置帮教 …).
Character n-grams do well on Chinese without a segmenter, and TF-IDF over the measures of both
plans makes the vocabulary every measure shares (法治, 建设, 工作) count for little. The
similarity is only ever consulted for parents the section context supports (links.py), so it
ranks a handful of plausible sources rather than searching the whole parent plan.

Resemblance alone cannot tell a restatement from a measure of the child's own that merely
sits in the same field (text the parent omits, taken from a grandparent plan, shares the
section's vocabulary with every neighbour). `concentration` is the evidence that does: of the
child's vocabulary the parent plan uses at all (IDF-weighted over the parent's measures), the
share the candidate holds. A restatement draws its topic words from its one source; a measure
of its own spreads its vocabulary over many parent measures, none holding much of it.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

GRAM = 2
"""Character bigrams: most Chinese words are two characters, and a bigram survives re-cutting."""


def _grams(text: str) -> Counter[str]:
    chars = [ch for ch in text if ch.isalnum()]
    return Counter("".join(chars[k : k + GRAM]) for k in range(len(chars) - GRAM + 1))


def similarity(
    parent_texts: list[str], child_texts: list[str], pairs: list[tuple[int, int]]
) -> np.ndarray:
    """Cosine similarity of TF-IDF character-bigram vectors for each (parent, child) pair.

    IDF is over every measure of both sides; only the asked pairs are computed, so the cost is
    the sum of the measures' lengths plus one dot product per pair.
    """
    parents = [_grams(t) for t in parent_texts]
    children = [_grams(t) for t in child_texts]
    df: Counter[str] = Counter()
    for g in (*parents, *children):
        df.update(g.keys())
    n = len(parents) + len(children)
    idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}

    def vector(g: Counter[str]) -> tuple[dict[str, float], float]:
        v = {t: (1 + math.log(c)) * idf[t] for t, c in g.items()}
        return v, math.sqrt(math.fsum(x * x for x in v.values()))

    pv = [vector(g) for g in parents]
    cv = [vector(g) for g in children]
    out = np.zeros(len(pairs))
    for k, (i, j) in enumerate(pairs):
        (a, na), (b, nb) = pv[i], cv[j]
        if na == 0 or nb == 0:
            continue
        small, large = (a, b) if len(a) < len(b) else (b, a)
        dot = math.fsum(w * large[t] for t, w in sorted(small.items()) if t in large)
        out[k] = dot / (na * nb)
    return out


def concentration(
    parent_words: list[frozenset[str]],
    child_words: list[frozenset[str]],
    pairs: list[tuple[int, int]],
) -> np.ndarray:
    """For each (parent, child) pair: the IDF-weighted share of the child's words found in the
    parent plan that this parent measure holds (0 when the parent plan holds none of them).

    IDF is over the parent's measures only: a word in every parent measure says nothing about
    which one a child measure restates; a word in one says a lot."""
    df: Counter[str] = Counter()
    for words in parent_words:
        df.update(words)
    n = len(parent_words)
    out = np.zeros(len(pairs))
    for k, (i, j) in enumerate(pairs):
        known = sorted(w for w in child_words[j] if df[w])
        total = math.fsum(math.log(n / df[w]) for w in known)
        if total > 0:
            held = math.fsum(math.log(n / df[w]) for w in known if w in parent_words[i])
            out[k] = held / total
    return out
