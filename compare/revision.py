"""Two drafts of one plan: statuses that follow from the edits, word-grade redlines, owners by role.

The engine aligns the drafts as it aligns any pair (which old measure each new one comes from,
moves, splits and merges); this module then decides what a drafting office asks of a revision:
- a new measure whose text equals its old measure's after width folding, punctuation
  conversion and whitespace is inherited (沿用); any other difference is modified (修改), with
  the token redline of `token_diff` against the old text (of every merged source, in old order);
- an old measure that no new measure carries in substance is dropped (删除);
- owners are compared in every role: units added, removed, or moved between roles;
- renumbering is a map listed once, a reworded section heading one structural change.
"""

from __future__ import annotations

import re
from dataclasses import replace

from duizhao.compare.localise import normalise_width
from duizhao.compare.owner_change import OwnerChange, compare_owners, owner_change
from duizhao.compare.result import (
    ChildResult,
    ChildStatus,
    ClauseDiff,
    Flag,
    ParentResult,
    ParentStatus,
    SectionFlow,
)
from duizhao.compare.revision_pairs import echoes, pair_in_place, release_carried
from duizhao.compare.revision_result import (
    HeadingRename,
    Renumbered,
    RevisionFacts,
)
from duizhao.compare.token_diff import Cut, edits, same_text, token_spans
from duizhao.corpus.model import Node, Owners


def revise(
    pm: list[Node],
    children: list[ChildResult],
    parents: list[ParentResult],
    sections: tuple[SectionFlow, ...],
    cut: Cut,
) -> tuple[list[ChildResult], list[ParentResult], RevisionFacts]:
    """The child and parent results of a revision, and the facts its reports list once."""
    old = {n.id: k for k, n in enumerate(pm)}
    children = _structure(pair_in_place(release_carried(children, pm), pm), pm, old)
    new_children = [_child(c, pm, old, cut) for c in children]
    carried = {
        s.parent for c in new_children if c.status != ChildStatus.ADDED for s in c.sources[:1]
    } | {s for c in new_children if Flag.MERGED in c.flags for s in _merged(c)}
    new_parents = [
        replace(
            p,
            status=ParentStatus.CARRIED if p.measure.id in carried else ParentStatus.DROPPED,
            closest=None if p.measure.id in carried else p.closest,
        )
        for p in parents
    ]
    owners = tuple(c.measure.id for c in new_children if c.owner_change)
    numbering = tuple(
        Renumbered(c.measure.id, pm[old[c.main_source]].label, c.measure.label, Flag.MOVED in c.flags)
        for c in new_children
        if c.main_source and c.status != ChildStatus.ADDED
        and _label(pm[old[c.main_source]].label) != _label(c.measure.label)
    )  # fmt: skip
    headings = tuple(
        HeadingRename(s.parent_heading, s.child_heading)
        for s in sections
        if s.corresponds and _heading(s.parent_heading) != _heading(s.child_heading)
    )
    text_edits = sum(
        len(edits(tuple(sp for d in c.diff for sp in d.spans)))
        for c in new_children
        if c.status == ChildStatus.MODIFIED
    )
    structural = sum(c.status == ChildStatus.ADDED for c in new_children) + sum(
        p.status == ParentStatus.DROPPED for p in new_parents
    )
    structural += sum(
        bool({Flag.MOVED, Flag.SPLIT, Flag.MERGED} & set(c.flags)) for c in new_children
    )
    facts = RevisionFacts(
        numbering,
        headings,
        owners,
        text_edits,
        text_edits + structural + len(owners) + len(headings),
    )
    return new_children, new_parents, facts


def _structure(
    children: list[ChildResult], pm: list[Node], old: dict[str, int]
) -> list[ChildResult]:
    """Added, split and merged as a revision means them.

    A new measure that is not its old measure's counterpart and whose text that measure's
    counterpart already carries is a new measure that echoes an old one (added), not a split;
    split is an old measure whose text went to two new measures, each with a part the other
    lacks. A merge joins old measures that have no counterpart of their own elsewhere."""
    holders: dict[str, list[ChildResult]] = {}
    for c in children:
        if c.status != ChildStatus.ADDED and c.main_source:
            holders.setdefault(c.main_source, []).append(c)
    out = []
    for c in children:
        if c.status == ChildStatus.ADDED or c.main_source is None:
            out.append(c)
            continue
        source = pm[old[c.main_source]].text
        twin = next((k for k in holders[c.main_source] if k.counterpart and k is not c), None)
        if (
            not c.counterpart
            and twin is not None
            and echoes(c.measure.text, source, twin.measure.text)
        ):
            out.append(replace(c, status=ChildStatus.ADDED, flags=(), sources=(), main_source=None))
            continue
        parts = [
            k for k in holders[c.main_source]
            if k is c or not echoes(k.measure.text, source, c.measure.text)
        ]  # fmt: skip
        merged = [
            s.parent
            for s in c.sources
            if s.parent == c.main_source or all(k is c for k in holders.get(s.parent, [c]))
        ]
        flags: set[Flag] = {f for f in c.flags if f not in (Flag.SPLIT, Flag.MERGED)}
        if len(parts) >= 2:
            flags.add(Flag.SPLIT)
        if len(merged) >= 2 and Flag.MERGED in c.flags:
            flags.add(Flag.MERGED)
        keep = (
            tuple(s for s in c.sources if s.parent in merged) if Flag.MERGED in flags else c.sources
        )
        out.append(replace(c, flags=tuple(f for f in Flag if f in flags), sources=keep))
    return out


def _merged(c: ChildResult) -> list[str]:
    return [s.parent for s in c.sources]


def _child(c: ChildResult, pm: list[Node], old: dict[str, int], cut: Cut) -> ChildResult:
    """Status, owners flag and redline of one new measure against its old text."""
    main = c.main_source
    if c.status == ChildStatus.ADDED or main is None:
        return replace(c, diff=(), flags=(), owner_change=None)
    sources = [main]
    if Flag.MERGED in c.flags:
        sources = sorted({s.parent for s in c.sources}, key=lambda i: old[i])
    before = (
        "".join(_sentence(pm[old[i]].text) for i in sources)
        if len(sources) > 1
        else pm[old[main]].text
    )
    node = c.measure
    flags: list[Flag] = [f for f in c.flags if f != Flag.OWNERS_CHANGED]
    change = _owner_change(c, main, pm, old)
    if change:
        flags.append(Flag.OWNERS_CHANGED)
    flags = [f for f in Flag if f in flags]
    c = replace(c, owner_change=change)
    if same_text(before, node.text, cut):
        return replace(
            c, status=ChildStatus.INHERITED, diff=(), flags=tuple(flags), owners_before=()
        )
    spans = token_spans(before, node.text, cut)
    diff = (ClauseDiff("changed", before, node.text, 0.0, spans),)
    return replace(c, status=ChildStatus.MODIFIED, diff=diff, flags=tuple(flags), owners_before=())


def _sentence(text: str) -> str:
    """A merged source as it reads when joined to the next: closed by 。."""
    return text if text.endswith(("。", "；", "！", "？")) else text + "。"


def _owner_change(
    c: ChildResult, main: str, pm: list[Node], old: dict[str, int]
) -> OwnerChange | None:
    """Units added, removed or moved between roles (compare.owner_change, names compared as
    printed: both drafts are of one level), against the old measure `main`; a merged measure
    against its sources, as any merge. Between drafts, owners named where there were none (or
    none left) are a change too."""
    ids = [s.parent for s in c.sources] if Flag.MERGED in c.flags else [main]
    sources = [pm[old[i]].owners for i in ids]
    after = c.measure.owners
    if any(sources) and after:
        return owner_change(sources, after, ())
    before = next((s for s in sources if s), Owners())
    return compare_owners(before, after, ()) or None


def _label(label: str) -> str:
    return "".join(normalise_width(label).split())


_LABEL = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇0-9]+[部分章条节]|[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百0-9]+[）)]|[0-9]+[.、．]?)"
)


def _heading(heading: str) -> str:
    """A section heading without its number (a section renumbered is not renamed)."""
    folded = "".join(normalise_width(heading).split())
    return _LABEL.sub("", folded)
