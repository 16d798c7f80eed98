"""Between two drafts, a measure rewritten in place is the same measure, modified.

The alignment links measures by shared clauses; a measure whose wording changed a lot (one of
its two sentences rewritten) may share too little to be linked, and would come out deleted
and added. Drafts keep their order, so the measures between two measures the alignment did
pair are looked at in order: an old measure no new one carries and a new measure with no
source, in the same gap and resembling each other (character similarity ≥
`IN_PLACE_SIMILARITY` after width folding, or one sentence kept word for word), are one
measure rewritten.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from rapidfuzz.distance import Indel

from duizhao.compare.localise import normalise_width
from duizhao.compare.result import ChildResult, ChildStatus, SourceShare
from duizhao.corpus.model import Node

IN_PLACE_SIMILARITY = 0.4
"""Normalised Indel similarity above which an unpaired old and new measure in one gap of the
pairing are one measure rewritten (an inserted measure next to a deleted one shares far less)."""
SHARED_SENTENCE_CHARS = 10
"""A sentence this long that both hold word for word also makes them one measure rewritten."""


def pair_in_place(children: list[ChildResult], pm: list[Node]) -> list[ChildResult]:
    """`children` with each rewritten-in-place measure given its old measure as counterpart."""
    old = {n.id: k for k, n in enumerate(pm)}
    anchors: list[tuple[int, int]] = []  # (old index, new index), increasing on both sides
    for j, c in enumerate(children):
        if c.status != ChildStatus.ADDED and c.main_source and c.counterpart:
            i = old[c.main_source]
            if not anchors or i > anchors[-1][0]:
                anchors.append((i, j))
    used = {old[s.parent] for c in children if c.status != ChildStatus.ADDED for s in c.sources}
    out = list(children)
    bounds = [(-1, -1), *anchors, (len(pm), len(children))]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        free_old = [i for i in range(i0 + 1, i1) if i not in used]
        for j in range(j0 + 1, j1):
            c = out[j]
            if c.status != ChildStatus.ADDED or not free_old:
                continue
            text = _fold(c.measure.text)
            best = max(free_old, key=lambda i: Indel.normalized_similarity(_fold(pm[i].text), text))
            similarity = Indel.normalized_similarity(_fold(pm[best].text), text)
            if similarity >= IN_PLACE_SIMILARITY or _shares_sentence(pm[best].text, c.measure.text):
                free_old.remove(best)
                out[j] = replace(
                    c,
                    status=ChildStatus.MODIFIED,
                    sources=(SourceShare(pm[best].id, round(similarity, 4)),),
                    main_source=pm[best].id,
                    counterpart=True,
                    flags=(),
                )
    return out


def _shares_sentence(old: str, new: str) -> bool:
    """Both hold one sentence of SHARED_SENTENCE_CHARS or more, word for word."""
    mine = {s for s in re.split(r"[。；;！!？?]", _fold(old)) if len(s) >= SHARED_SENTENCE_CHARS}
    return any(s in mine for s in re.split(r"[。；;！!？?]", _fold(new)))


def _fold(text: str) -> str:
    return "".join(normalise_width(text).split())
