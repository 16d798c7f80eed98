"""Character-bigram containment of clause pairs: evidence no segmenter's word boundaries hide.

jieba may cut 社会主义法治文化 as one token in one plan and as three in the other, and then the
token channel (score.py) sees nothing in common. Character bigrams of the punctuation-free
clause do not depend on the cut. Each bigram is weighted like a token (IDF over the measures
of both plans, times the boilerplate prior), and a clause pair's covers are the weighted share
of each side's bigrams found on the other side (`containment.Containment`, as for tokens);
align.py takes the larger of the two channels.
"""

from __future__ import annotations

GRAM = 2


def char_grams(texts: list[str], n: int = GRAM) -> list[list[str]]:
    """Character n-grams of each (punctuation-free) clause, in order (the text itself when
    shorter than n)."""
    if n == 2:  # the common case, twice as fast as slicing
        return [list(map(str.__add__, t, t[1:])) or [t] for t in texts]
    return [[t[k : k + n] for k in range(len(t) - n + 1)] or [t] for t in texts]
