"""Between two drafts, a measure rewritten in place is the same measure, modified.

The alignment links measures by shared clauses; a measure whose wording changed a lot (one of
its two sentences rewritten) may share too little to be linked, and would come out deleted
and added. Drafts keep their order, so the measures between two measures the alignment did
pair are looked at in order: an old measure no new one carries and a new measure with no
source, in the same gap and resembling each other (character similarity ≥
`IN_PLACE_SIMILARITY` after width folding, or one sentence kept word for word, or the same
run-in title: 指导思想。… rewritten whole under its title is still that measure), are one
measure rewritten.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from rapidfuzz.distance import Indel

from duizhao.compare.localise import normalise_width
from duizhao.compare.result import ChildResult, ChildStatus, Flag, SourceShare
from duizhao.corpus.model import Node

IN_PLACE_SIMILARITY = 0.4
"""Normalised Indel similarity above which an unpaired old and new measure in one gap of the
pairing are one measure rewritten (an inserted measure next to a deleted one shares far less)."""
BROUGHT = 0.5
"""Share of an old measure's text a measure must hold to be merged from it (besides its main
source): less is a sentence repeated, and the old measure, gone from its place, is deleted."""
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
            titled = [i for i in free_old if c.measure.title and pm[i].title == c.measure.title]
            best = max(
                titled or free_old,
                key=lambda i: Indel.normalized_similarity(_fold(pm[i].text), text),
            )
            similarity = Indel.normalized_similarity(_fold(pm[best].text), text)
            if (
                titled
                or similarity >= IN_PLACE_SIMILARITY
                or _shares_sentence(pm[best].text, c.measure.text)
            ):
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


def release_carried(children: list[ChildResult], pm: list[Node]) -> list[ChildResult]:
    """`children` with every source that still stands in its own place taken off the measures
    that only echo it.

    Drafts restate one outline, so an inserted or reworded sentence may nearly repeat a sentence
    of another measure. The alignment then lists that other old measure as a source (even the
    main one) of the edited measure. Between drafts an old measure is a source of a measure that
    is not its counterpart only if its text left its own place. A measure that draws on an old
    measure with no counterpart of its own (deleted from its place, or the one it rewrites)
    comes from that one: an old measure still carried by its own counterpart is no merge
    source of it. A measure whose every source has its own counterpart is a split part only of
    those whose counterpart lacks what it takes (`echoes` is false); if it only echoes them all,
    it is new (added), and `pair_in_place` may still find the old measure it rewrites in its
    gap. The largest share of what is left is the main source."""
    old = {n.id: k for k, n in enumerate(pm)}
    own = {
        c.main_source: c
        for c in children
        if c.status != ChildStatus.ADDED and c.main_source and c.counterpart
    }
    out = []
    for c in children:
        if c.status == ChildStatus.ADDED or not c.main_source:
            out.append(c)
            continue
        free = c.counterpart or any(s.parent not in own or own[s.parent] is c for s in c.sources)
        kept = tuple(
            s
            for s in c.sources
            if (
                s.parent not in own
                or own[s.parent] is c
                or not (
                    free
                    or echoes(c.measure.text, pm[old[s.parent]].text, own[s.parent].measure.text)
                )
            )
            and (s.parent == c.main_source or _brought(pm[old[s.parent]].text, c.measure.text))
        )
        if kept == c.sources:
            out.append(c)
        elif not kept:
            out.append(replace(c, status=ChildStatus.ADDED, flags=(), sources=(), main_source=None))
        else:
            flags = tuple(f for f in c.flags if len(kept) > 1 or f != Flag.MERGED)
            main = max(kept, key=lambda s: s.child_share).parent
            out.append(replace(c, sources=kept, main_source=main, flags=flags))
    return out


def echoes(text: str, source: str, other: str) -> bool:
    """`text` holds no sentence of `source` that `other` lacks, and most of what it shares with
    `source` (three-character runs) is in `other` too: it repeats, it does not take a part."""
    source_f, other_f = _fold(source), _fold(other)
    for sentence in re.split(r"[。；;！!？?]", _fold(text)):
        if len(sentence) >= 4 and sentence in source_f and sentence not in other_f:
            return False
    shared = _grams(text) & _grams(source)
    return bool(shared) and len(shared & _grams(other)) > 0.5 * len(shared)


def _brought(source: str, text: str) -> bool:
    """Most of `source` (three-character runs, width folded) is in `text`: a measure merged
    into another brings its text along; one sentence of it echoed is no merge."""
    mine = _grams(source)
    return bool(mine) and len(mine & _grams(text)) >= BROUGHT * len(mine)


def _grams(text: str) -> set[str]:
    folded = _fold(text)
    return {folded[k : k + 3] for k in range(len(folded) - 2)}


def _shares_sentence(old: str, new: str) -> bool:
    """Both hold one sentence of SHARED_SENTENCE_CHARS or more, word for word."""
    mine = {s for s in re.split(r"[。；;！!？?]", _fold(old)) if len(s) >= SHARED_SENTENCE_CHARS}
    return any(s in mine for s in re.split(r"[。；;！!？?]", _fold(new)))


def _fold(text: str) -> str:
    return "".join(normalise_width(text).split())
