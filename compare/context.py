"""Whole-measure resemblance by character n-grams: the context channel for restated measures.

A child measure that restates its parent measure's topic in its own words shares no clause
that passes on its own, yet its vocabulary is still that measure's (社区矫正, 安置帮教 …).
Character n-grams do well on Chinese without a segmenter, and TF-IDF over the measures of both
plans makes the vocabulary every measure shares (法治, 建设, 工作) count for little. The
similarity is only ever consulted for parents the section context supports (links.py), so it
ranks a handful of plausible sources rather than searching the whole parent plan.
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


def similarity(parent_texts: list[str], child_texts: list[str], pairs: list[tuple[int, int]]):
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
