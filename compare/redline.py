"""Clause-level diff of a child measure against its sources, with character redlines inside.

Localisation differences (湖北 → 高新, 省委 → 区委) are shown as equal text, not as changes.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from duizhao.compare.localise import Localiser
from duizhao.compare.result import ClauseDiff, Span


def char_spans(parent: str, child: str, localise: Localiser) -> tuple[Span, ...]:
    """A character redline from `parent` to `child`; localisation-only replacements are equal."""
    spans: list[Span] = []
    ops = Indel.opcodes(parent, child)
    i = 0
    blocks = list(ops)
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
    return tuple(_merge(spans))


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and out[-1].op == span.op:
            out[-1] = Span(span.op, out[-1].text + span.text)
        else:
            out.append(span)
    return out


def clause_diff(
    child_clauses: list[tuple[str, str | None, float]],
    removed: list[tuple[int, str]],
    localise: Localiser,
    strong: float,
    weak: float = 0.5,
) -> tuple[ClauseDiff, ...]:
    """Diff entries from child clauses (text, matched parent text, similarity) and removed ones.

    `removed` holds (position, parent text): the removed parent clause is shown before the child
    clause at that position (or at the end).
    """
    out: list[ClauseDiff] = []
    # Stable sort on position only: removed clauses keep the parent's order.
    pending = sorted(removed, key=lambda item: item[0])
    for pos, (text, source, similarity) in enumerate(child_clauses):
        while pending and pending[0][0] <= pos:
            out.append(ClauseDiff("removed", pending.pop(0)[1], "", 0.0))
        if source is None:
            out.append(ClauseDiff("added", "", text, 0.0))
        elif localise(source) == localise(text):
            out.append(ClauseDiff("kept", source, text, round(similarity, 4)))
        else:
            if similarity >= weak:
                spans = char_spans(source, text, localise)
            else:
                # A character redline of two loosely related clauses is noise: show both whole.
                spans = (Span("delete", source), Span("insert", text))
            op = "kept" if similarity >= strong and _only_light(spans) else "changed"
            out.append(ClauseDiff(op, source, text, round(similarity, 4), spans))
    out.extend(ClauseDiff("removed", text, "", 0.0) for _, text in pending)
    return tuple(out)


def _only_light(spans: tuple[Span, ...]) -> bool:
    """True when nothing but punctuation changed."""
    changed = "".join(s.text for s in spans if s.op != "equal")
    return all(not ch.isalnum() for ch in changed)
