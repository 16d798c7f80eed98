"""Shared views of a comparison: row orders, groupings and the evidence in words.

Every renderer lists things through here, so that terminal, markdown, HTML, CSV, xlsx and docx
tell the same story: the same rows in the same order, the same partial measures with the same
cut clauses, the same owner changes. Nothing here decides a status; counts shown to a reader
come from `Comparison.summary`.

Two row orders:
- `comparison_rows`: one row per link (plus unlinked measures), for the alignment tables;
- `table_rows`: the 对照表 of docx and xlsx, one row per parent measure in parent order with
  the child measures drawn mainly from it, and added child measures in their place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from duizhao.compare.result import (
    Basis,
    ChildResult,
    ClauseDiff,
    Comparison,
    Link,
    ParentResult,
    SpanKind,
)
from duizhao.corpus.model import Node

if TYPE_CHECKING:
    from collections.abc import Iterable

TONES = ("dropped", "added", "moved", "reassigned", "partial")
"""Row colours, strongest first: the first that applies to a row colours it."""
REASSIGNED = ("moved", "merged", "split", "owners_changed")
_CLAUSE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")


@dataclass(frozen=True)
class Lookup:
    """A comparison's results and links by id, built once per result: the 对照表 explains every
    row, and searching the tuples each time made 2,000 measures quadratic."""

    parents: dict[str, ParentResult]
    children: dict[str, ChildResult]
    child_order: dict[str, int]
    links: dict[tuple[str, str], Link]
    from_parent: dict[str, list[Link]]


_LAST: list[tuple[Comparison, Lookup]] = []


def lookup(result: Comparison) -> Lookup:
    """The `Lookup` of `result` (the last one is kept: renderers ask for it row after row)."""
    if _LAST and _LAST[0][0] is result:
        return _LAST[0][1]
    from_parent: dict[str, list[Link]] = {}
    for k in result.links:
        from_parent.setdefault(k.parent, []).append(k)
    found = Lookup(
        parents={r.measure.id: r for r in result.parent_measures},
        children={r.measure.id: r for r in result.child_measures},
        child_order={r.measure.id: j for j, r in enumerate(result.child_measures)},
        links={(k.parent, k.child): k for k in result.links},
        from_parent=from_parent,
    )
    _LAST[:] = [(result, found)]
    return found


def measure_name(node: Node) -> str:
    """How every report names a measure: label and title, or label and its first words."""
    return node.name


def context_based(link: Link | None) -> bool:
    """True for a link with no clause evidence (weaker: found from sections and wording)."""
    return link is not None and link.basis == Basis.CONTEXT


@dataclass(frozen=True)
class Row:
    """One line of the alignment table: a link, or a measure with no link (other side empty)."""

    parent: ParentResult | None
    child: ChildResult | None
    link: Link | None

    @property
    def statuses(self) -> tuple[str, ...]:
        """Parent status, child status and child flags: what a status filter matches."""
        out: tuple[str, ...] = (str(self.parent.status),) if self.parent else ()
        return out + ((str(self.child.status), *map(str, self.child.flags)) if self.child else ())

    @property
    def tone(self) -> str:
        """Colour key from TONES, or "" for a plain row."""
        return tone_of(self.statuses)


def tone_of(statuses: Iterable[str]) -> str:
    """The strongest tone among statuses and flags ("" when none applies)."""
    marks = set(statuses)
    if marks & {"merged", "split", "owners_changed"}:
        marks.add("reassigned")
    return next((t for t in TONES if t in marks), "")


def comparison_rows(result: Comparison) -> list[Row]:
    """Links in parent order (then child order), unlinked parents in place, unlinked children
    after the row of the child measure before them."""
    p_index = {r.measure.id: i for i, r in enumerate(result.parent_measures)}
    c_index = {r.measure.id: j for j, r in enumerate(result.child_measures)}
    parents, children = result.parent_measures, result.child_measures
    keyed = [
        ((p_index[k.parent], c_index[k.child]),
         Row(parents[p_index[k.parent]], children[c_index[k.child]], k))
        for k in result.links
    ]  # fmt: skip
    linked_parents = {k.parent for k in result.links}
    keyed += [
        ((i, -1), Row(p, None, None))
        for i, p in enumerate(parents)
        if p.measure.id not in linked_parents
    ]
    rows = [row for _, row in sorted(keyed, key=lambda kv: kv[0])]
    linked_children = {k.child for k in result.links}
    for j, c in enumerate(children):
        if c.measure.id in linked_children:
            continue
        best, at = -1, 0
        for n, row in enumerate(rows):
            k = c_index[row.child.measure.id] if row.child else j
            if best <= k < j:
                best, at = k, n + 1
        rows.insert(at, Row(None, c, None))
    return rows


@dataclass(frozen=True)
class TableRow:
    """One row of the 对照表: a parent measure and the child measures drawn mainly from it
    (`children`), or an added child measure alone (`parent` None)."""

    parent: ParentResult | None
    children: tuple[ChildResult, ...]
    also: tuple[ChildResult, ...] = ()
    """Child measures that draw on this parent measure but mainly on another one."""

    @property
    def statuses(self) -> tuple[str, ...]:
        out: tuple[str, ...] = (str(self.parent.status),) if self.parent else ()
        for c in self.children:
            out += (str(c.status), *map(str, c.flags))
        return out

    @property
    def tone(self) -> str:
        return tone_of(self.statuses)


def table_rows(result: Comparison) -> list[TableRow]:
    """Every parent measure once, in parent order; every child measure that comes from the
    parent once, under its main source; added child measures in rows of their own, after the
    row of the child measure before them."""
    by_main: dict[str, list[ChildResult]] = {}
    also: dict[str, list[ChildResult]] = {}
    for c in result.child_measures:
        if c.main_source is not None and c.status != "added":
            by_main.setdefault(c.main_source, []).append(c)
        for s in c.sources:
            if s.parent != c.main_source:
                also.setdefault(s.parent, []).append(c)
    rows = [
        TableRow(p, tuple(by_main.get(p.measure.id, ())), tuple(also.get(p.measure.id, ())))
        for p in result.parent_measures
    ]
    placed = {c.measure.id for row in rows for c in row.children}
    order = {c.measure.id: j for j, c in enumerate(result.child_measures)}
    for j, c in enumerate(result.child_measures):
        if c.measure.id in placed:
            continue
        at, best = 0, -1
        for n, row in enumerate(rows):
            for k in (order[x.measure.id] for x in row.children):
                if best <= k < j:
                    best, at = k, n + 1
        rows.insert(at, TableRow(None, (c,)))
        placed.add(c.measure.id)
    return rows


def section_coverage(result: Comparison) -> list[tuple[tuple[str, ...], Counter[str]]]:
    """Parent measures grouped by heading path, in document order, with a count per status."""
    groups: dict[tuple[str, ...], Counter[str]] = {}
    for r in result.parent_measures:
        groups.setdefault(r.measure.path, Counter())[str(r.status)] += 1
    return list(groups.items())


def split_partners(result: Comparison, child: ChildResult) -> list[Link]:
    """Every link from the child measure's main source, in child document order."""
    found = lookup(result)
    links = found.from_parent.get(child.main_source or "", [])
    return sorted(links, key=lambda k: found.child_order[k.child])


def split_groups(result: Comparison) -> list[tuple[ParentResult, list[ChildResult]]]:
    """Each parent measure that split flags point to, with every flagged child it feeds."""
    groups: dict[str, list[ChildResult]] = {}
    for c in result.child_measures:
        if "split" in c.flags and c.main_source is not None:
            groups.setdefault(c.main_source, []).append(c)
    return [(result.parent_result(p), cs) for p, cs in groups.items()]


def flow_sections(result: Comparison) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(section id, heading) of the parent and of the child sections in the flows, each side in
    document order."""

    def key(item: tuple[str, str]) -> tuple[int, ...]:
        return tuple(int(x) for x in item[0].split(".") if x.isdigit())

    parents = dict.fromkeys((f.parent_section, f.parent_heading) for f in result.sections)
    children = dict.fromkeys((f.child_section, f.child_heading) for f in result.sections)
    return sorted(parents, key=key), sorted(children, key=key)


def link_of(result: Comparison, parent: str | None, child: str) -> Link | None:
    """The link between two measures, or None."""
    return lookup(result).links.get((parent or "", child))


def cut_clauses(result: Comparison, parent: ParentResult) -> tuple[str, ...]:
    """The clauses of a parent measure that do not reach the child.

    First the `removed` entries of the clause diffs of the child measures it feeds (those whose
    text belongs to this measure); when no diff says so, the clauses of the measure that no
    link's evidence uses.
    """
    text = parent.measure.text
    found = lookup(result)
    links = found.from_parent.get(parent.measure.id, [])
    fed = sorted({k.child for k in links}, key=found.child_order.__getitem__)
    cut: list[str] = []
    for c in (found.children[child] for child in fed):
        for d in c.diff:
            if d.op == "removed" and d.parent_text and d.parent_text in text:
                cut.append(d.parent_text)
    if not cut:
        used = [e.parent_text for k in links for e in k.evidence]
        for clause in _CLAUSE.findall(text):
            core = clause.strip()
            if core and not any(core[:-1] in u or u in core for u in used if u):
                cut.append(core)
    return tuple(dict.fromkeys(cut))


def partial_measures(result: Comparison) -> list[tuple[ParentResult, tuple[str, ...]]]:
    """Partly carried parent measures in parent order, each with what was cut."""
    return [(p, cut_clauses(result, p)) for p in result.parent_measures if p.status == "partial"]


def redline_pieces(diffs: tuple[ClauseDiff, ...]) -> list[tuple[str, str]]:
    """The clause diff as (kind, text) pieces: equal, delete, insert or number (a changed
    number, year or unit, inserted side)."""
    out: list[tuple[str, str]] = []
    for d in diffs:
        if d.op == "kept":
            out.append(("equal", d.child_text))
        elif d.op == "removed":
            out.append(("delete", d.parent_text))
        elif d.op == "added":
            out.append(("insert", d.child_text))
        elif not d.spans:
            out.append(("equal", d.child_text))
        else:
            for s in d.spans:
                number = s.kind == SpanKind.NUMBER
                kind = "number" if number and s.op == "insert" else s.op
                out.append((kind, s.text))
    return [(k, t) for k, t in out if t]
