"""Clause-level diff of a child measure against its sources, with character redlines inside.

Localisation differences (湖北 → 高新, 省委 → 区委) are shown as equal text, not as changes.
The diff is faithful (issue 10): every clause of every source appears exactly once, kept,
changed or removed; child clauses are paired with source clauses one to one (a maximum-weight
assignment per source, main source first), so no parent clause is shown twice and none
disappears. Deleted and inserted spans that change a number, a year or a unit carry
`SpanKind.NUMBER`, so reports can highlight 到2025年 → 到2026年 however short it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from duizhao.compare.localise import Localiser, normalise_width
from duizhao.compare.result import ClauseDiff, Span, SpanKind
from duizhao.compare.solver import max_weight_assignment

NUMERALS = frozenset("0123456789〇零一二两三四五六七八九十百千万亿%‰")
"""Characters that make a changed span a change of number (after width folding)."""
UNITS = frozenset("年月日时分秒个家次项件元米里克吨天周倍人户所处座批期届台套条")
"""Characters that are a unit when they stand next to a numeral (3个 → 3家)."""


def span_kind(text: str, before: str, after: str) -> SpanKind:
    """NUMBER when a changed span holds a numeral, or is a unit next to a numeral."""
    folded = normalise_width(text)
    if any(ch in NUMERALS for ch in folded):
        return SpanKind.NUMBER
    near = normalise_width(before[-1:] + after[:1])
    if folded and all(ch in UNITS for ch in folded) and any(ch in NUMERALS for ch in near):
        return SpanKind.NUMBER
    return SpanKind.TEXT


def char_spans(parent: str, child: str, localise: Localiser) -> tuple[Span, ...]:
    """A character redline from `parent` to `child`; localisation-only replacements are equal."""
    spans: list[Span] = []
    blocks = list(Indel.opcodes(parent, child))
    i = 0
    while i < len(blocks):
        op = blocks[i]
        if op.tag == "equal":
            spans.append(Span("equal", child[op.dest_start : op.dest_end]))
            i += 1
            continue
        # Gather a run of inserts and deletes between equal blocks.
        run = []
        while i < len(blocks) and blocks[i].tag != "equal":
            run.append(blocks[i])
            i += 1
        removed = "".join(parent[o.src_start : o.src_end] for o in run if o.tag == "delete")
        added = "".join(child[o.dest_start : o.dest_end] for o in run if o.tag == "insert")
        if removed and added and localise(removed) == localise(added):
            spans.append(Span("equal", added))
            continue
        if removed:
            spans.append(Span("delete", removed))
        if added:
            spans.append(Span("insert", added))
    return tuple(_kinds(_merge(spans)))


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and out[-1].op == span.op:
            out[-1] = Span(span.op, out[-1].text + span.text)
        else:
            out.append(span)
    return out


def _kinds(spans: list[Span]) -> list[Span]:
    """Mark changed spans that alter a number, year or unit (looking at the equal text around)."""
    out = []
    for k, span in enumerate(spans):
        if span.op == "equal":
            out.append(span)
            continue
        before = next((x.text for x in reversed(spans[:k]) if x.op == "equal"), "")
        after = next((x.text for x in spans[k + 1 :] if x.op == "equal"), "")
        out.append(Span(span.op, span.text, span_kind(span.text, before, after)))
    return out


@dataclass(frozen=True)
class SourceClauses:
    """One source of a child measure: its clauses in order, and for child clauses the source
    clause the alignment found best (child position → (source clause position, similarity))."""

    texts: tuple[str, ...]
    hints: dict[int, tuple[int, float]]


def faithful_diff(
    child: list[str],
    sources: list[SourceClauses],
    localise: Localiser,
    strong: float,
    weak: float,
    *,
    strict: bool = False,
) -> tuple[ClauseDiff, ...]:
    """Clause diff of child clauses against every source, each source clause exactly once.

    For each source in turn (main first), child clauses still unpaired are paired one to one
    with its clauses by a maximum-weight assignment over character similarity (raised to the
    alignment's own similarity where it found the pair), pairs below `weak` left out. Unpaired
    child clauses are added; unpaired source clauses are removed, shown after the child clause
    paired with the source clause before them. `strict` (revisions): nothing is "light", only
    identical text after width folding is kept.
    """
    paired: dict[int, tuple[str, float]] = {}
    removed: list[tuple[float, int, int, str]] = []
    folded_child = [localise(t) for t in child]
    for rank, src in enumerate(sources):
        free = [r for r in range(len(child)) if r not in paired]
        match: dict[int, int] = {}
        if free and src.texts:
            folded = [localise(t) for t in src.texts]
            sim = process.cdist(
                [folded_child[r] for r in free],
                folded,
                scorer=Indel.normalized_similarity,
                dtype=np.float64,
            )
            for a, r in enumerate(free):
                hint = src.hints.get(r)
                if hint is not None and hint[0] < len(src.texts):
                    sim[a, hint[0]] = max(sim[a, hint[0]], hint[1])
            for a, b in max_weight_assignment(np.where(sim >= weak, sim, 0.0)):
                if sim[a, b] >= weak:
                    match[b] = free[a]
                    paired[free[a]] = (src.texts[b], float(sim[a, b]))
        last = -1.0
        for b, text in enumerate(src.texts):
            if b in match:
                last = float(match[b])
            else:
                where = last + 0.5 if last >= 0 or rank == 0 else len(child) + rank
                removed.append((where, rank, b, text))
    out: list[ClauseDiff] = []
    pending = sorted(removed, key=lambda x: (x[0], x[1], x[2]))
    for pos, text in enumerate(child):
        while pending and pending[0][0] < pos:
            out.append(ClauseDiff("removed", pending.pop(0)[3], "", 0.0))
        source, similarity = paired.get(pos, (None, 0.0))
        out.append(_entry(text, source, similarity, localise, strong, weak, strict))
    out.extend(ClauseDiff("removed", item[3], "", 0.0) for item in pending)
    return tuple(out)


def _entry(
    text: str,
    source: str | None,
    similarity: float,
    localise: Localiser,
    strong: float,
    weak: float,
    strict: bool,
) -> ClauseDiff:
    if source is None:
        return ClauseDiff("added", "", text, 0.0)
    if localise(source) == localise(text) and (not strict or identical(source, text)):
        return ClauseDiff("kept", source, text, round(similarity, 4))
    if similarity >= weak:
        spans = char_spans(source, text, localise)
    else:
        # A character redline of two loosely related clauses is noise: show both whole.
        spans = tuple(_kinds([Span("delete", source), Span("insert", text)]))
    light = not strict and similarity >= strong and _only_light(spans)
    return ClauseDiff("kept" if light else "changed", source, text, round(similarity, 4), spans)


def identical(parent: str, child: str) -> bool:
    """Same text after whitespace removal and full-/half-width folding (revision identity)."""

    def fold(t: str) -> str:
        return "".join(normalise_width(t).split())

    return fold(parent) == fold(child)


def _only_light(spans: tuple[Span, ...]) -> bool:
    """True when nothing but punctuation changed."""
    changed = "".join(s.text for s in spans if s.op != "equal")
    return all(not ch.isalnum() for ch in changed)
