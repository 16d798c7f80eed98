"""Compare a parent plan and a child plan: the pipeline from plan models to a `Comparison`.

localise → clauses → tokens → clause scores → measure shares and links → statuses and flags.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from duizhao.compare import classify
from duizhao.compare.align import Alignment, Progress, align
from duizhao.compare.clauses import Clause, measure_clauses
from duizhao.compare.levels import level_notes
from duizhao.compare.localise import Localiser, owners_key
from duizhao.compare.redline import clause_diff
from duizhao.compare.result import (
    ChildResult,
    ChildStatus,
    Comparison,
    Evidence,
    Flag,
    Link,
    ParentResult,
    ParentStatus,
    SectionFlow,
    SourceShare,
    Summary,
)
from duizhao.compare.score import ClauseScorer, idf_weights
from duizhao.compare.settings import Settings
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Node, Plan

Tokenize = Callable[[list[str]], list[list[str]]]


def _r(x: float) -> float:
    """Shares are rounded so that reports are byte-identical across machines."""
    return round(float(x), 4)


def compare_plans(
    parent: Plan,
    child: Plan,
    settings: Settings,
    *,
    revision: bool = False,
    tokenize: Tokenize | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Align every child measure to the parent measure(s) it comes from and classify both sides."""
    if parent.sha256 and parent.sha256 == child.sha256:
        raise InputError(child.path, f"is the same document as {parent.path}: nothing to compare")
    if tokenize is None:
        from duizhao.compare.segment import tokenize_all as tokenize
    notes = level_notes(parent, child, revision=revision)
    localise = Localiser.for_plans(parent, child, enabled=not revision)
    pm, cm = parent.measures(), child.measures()
    pcl = measure_clauses(pm, localise, settings.long_clause_chars)
    ccl = measure_clauses(cm, localise, settings.long_clause_chars)
    ptok = tokenize([c.norm for c in pcl])
    ctok = tokenize([c.norm for c in ccl])
    docs: list[set[str]] = [set() for _ in range(len(pm) + len(cm))]
    for c, toks in zip(pcl, ptok, strict=True):
        docs[c.measure].update(toks)
    for c, toks in zip(ccl, ctok, strict=True):
        docs[len(pm) + c.measure].update(toks)
    scorer = ClauseScorer(ccl, pcl, ctok, ptok, idf_weights(docs))
    al = align(ccl, pcl, len(cm), len(pm), scorer, settings, progress)
    return _build(parent, child, pm, cm, pcl, ccl, al, settings, localise, notes, revision)


def _build(
    parent: Plan,
    child: Plan,
    pm: list[Node],
    cm: list[Node],
    pcl: list[Clause],
    ccl: list[Clause],
    al: Alignment,
    s: Settings,
    localise: Localiser,
    notes: list[str],
    revision: bool,
) -> Comparison:
    links_by_child: dict[int, list[int]] = {}
    links_by_parent: dict[int, list[int]] = {}
    for i, j in al.links:
        links_by_child.setdefault(j, []).append(i)
        links_by_parent.setdefault(i, []).append(j)
    c_rows = _rows_by_measure(ccl, len(cm))
    p_rows = _rows_by_measure(pcl, len(pm))

    links = tuple(
        Link(
            parent=pm[i].id,
            child=cm[j].id,
            score=_r((al.child_share[j, i] + al.parent_share[i, j]) / 2),
            parent_share=_r(al.parent_share[i, j]),
            child_share=_r(al.child_share[j, i]),
            evidence=_evidence(al, ccl, pcl, c_rows[j], i),
        )
        for i, j in al.links
    )

    main_of = {j: srcs[0] for j, srcs in links_by_child.items()}
    main_sections = [(pm[i].section, cm[j].section) for j, i in sorted(main_of.items())]
    corresponding = classify.section_correspondence(main_sections, s)

    child_results = []
    for j, node in enumerate(cm):
        srcs = links_by_child.get(j, [])
        main = srcs[0] if srcs else None
        novelty = float(al.novelty[j])
        retained = float(al.parent_share[main, j]) if main is not None else 0.0
        status = classify.child_status(novelty, retained, s) if srcs else ChildStatus.ADDED
        flags: list[Flag] = []
        substantial = [
            i
            for i in srcs
            if classify.is_substantial_source(al.child_share[j, i], al.parent_share[i, j], s)
        ]
        moved_from: tuple[str, ...] = ()
        owners_before: tuple[str, ...] = ()
        if main is not None:
            source = pm[main]
            if (source.section, node.section) not in corresponding:
                flags.append(Flag.MOVED)
                moved_from = source.path
            if len(substantial) >= 2:
                flags.append(Flag.MERGED)
            if any(
                k != j
                and (
                    al.parent_share[main, k] >= s.split_min_share
                    or al.child_share[k, main] >= s.merge_min_share
                )
                for k in links_by_parent.get(main, [])
            ):
                flags.append(Flag.SPLIT)
            owner_sources = [pm[i] for i in substantial] if len(substantial) >= 2 else [source]
            if node.owners and source.owners and _owners_differ(owner_sources, node, localise):
                flags.append(Flag.OWNERS_CHANGED)
                owners_before = source.owners.all()
        diff = _diff(j, srcs, main, al, ccl, pcl, c_rows, p_rows, localise, s) if srcs else ()
        child_results.append(
            ChildResult(
                measure=node,
                status=status,
                novelty=_r(novelty),
                sources=tuple(SourceShare(pm[i].id, _r(al.child_share[j, i])) for i in srcs),
                flags=tuple(f for f in Flag if f in flags),
                main_source=pm[main].id if main is not None else None,
                moved_from=moved_from,
                owners_before=owners_before,
                diff=diff,
            )
        )

    parent_results = []
    for i, node in enumerate(pm):
        coverage = float(al.coverage[i])
        status = classify.parent_status(coverage, s, linked=i in links_by_parent)
        closest, closest_score = None, 0.0
        if status == ParentStatus.DROPPED and len(cm):
            k = int(np.argmax(al.parent_share[i]))
            if al.parent_share[i, k] >= s.closest_min_share:
                closest, closest_score = cm[k].id, _r(al.parent_share[i, k])
        parent_results.append(ParentResult(node, status, _r(coverage), closest, closest_score))

    if not links:
        notes.append(
            "no measures in common: the child shares no substantial text with the parent "
            "(are these plans related?)"
        )
    summary = _summary(parent_results, child_results)
    flows = _flows(pm, cm, main_of, corresponding)
    return Comparison(
        parent=parent,
        child=child,
        parent_measures=tuple(parent_results),
        child_measures=tuple(child_results),
        links=links,
        summary=summary,
        settings=s,
        sections=flows,
        mode="revision" if revision else "levels",
        notes=tuple(notes),
    )


def _rows_by_measure(clauses: list[Clause], n: int) -> list[list[int]]:
    rows: list[list[int]] = [[] for _ in range(n)]
    for row, clause in enumerate(clauses):
        rows[clause.measure].append(row)
    return rows


def _evidence(
    al: Alignment, ccl: list[Clause], pcl: list[Clause], c_rows: list[int], i: int
) -> tuple[Evidence, ...]:
    """The child clauses of a link with the parent clause that explains each."""
    out = []
    for row in c_rows:
        if al.best_credit[row, i] > 0:
            col = int(al.best_clause[row, i])
            out.append(Evidence(pcl[col].text, ccl[row].text, _r(al.best_similarity[row, i])))
    return tuple(out)


def _diff(
    j: int,
    srcs: list[int],
    main: int | None,
    al: Alignment,
    ccl: list[Clause],
    pcl: list[Clause],
    c_rows: list[list[int]],
    p_rows: list[list[int]],
    localise: Localiser,
    s: Settings,
):
    """Clause diff of child measure j against its sources (removed: main-source clauses lost)."""
    entries: list[tuple[str, str | None, float]] = []
    matched_cols: dict[int, int] = {}
    for pos, row in enumerate(c_rows[j]):
        i = max(srcs, key=lambda k: al.best_credit[row, k])
        if al.best_credit[row, i] > 0:
            col = int(al.best_clause[row, i])
            matched_cols.setdefault(col, pos)
            entries.append((ccl[row].text, pcl[col].text, float(al.best_similarity[row, i])))
        else:
            entries.append((ccl[row].text, None, 0.0))
    removed: list[tuple[int, str]] = []
    if main is not None:
        tau = s.clause_min_similarity
        position = 0
        for col in p_rows[main]:
            if col in matched_cols:
                position = matched_cols[col] + 1
            elif al.in_child[j, col] < tau and al.parent_clause_found[col] < tau:
                removed.append((position, pcl[col].text))
    return clause_diff(
        entries, removed, localise, s.clause_strong_similarity, s.clause_min_similarity
    )


def _owners_differ(sources: list[Node], node: Node, localise: Localiser) -> bool:
    """Lead/responsible units differ after level normalisation (省司法厅 = 区司法局).

    A merged measure is compared with its main source and with the union of its sources'
    units, since naming every merged measure's units is not a reassignment.
    """

    def principal(n: Node) -> tuple[str, ...]:
        return (n.owners.lead + n.owners.responsible) or n.owners.all()

    mine = owners_key(principal(node), localise)
    main = owners_key(principal(sources[0]), localise)
    union = frozenset().union(*(owners_key(principal(n), localise) for n in sources))
    return mine not in (main, union)


def _summary(parents: list[ParentResult], children: list[ChildResult]) -> Summary:
    def count(items, attr, value):
        return sum(1 for x in items if getattr(x, attr) == value)

    def flagged(flag):
        return sum(1 for c in children if flag in c.flags)

    return Summary(
        parent_measures=len(parents),
        carried=count(parents, "status", "carried"),
        partial=count(parents, "status", "partial"),
        dropped=count(parents, "status", "dropped"),
        child_measures=len(children),
        inherited=count(children, "status", "inherited"),
        modified=count(children, "status", "modified"),
        added=count(children, "status", "added"),
        moved=flagged("moved"),
        merged=flagged("merged"),
        split=flagged("split"),
        owners_changed=flagged("owners_changed"),
    )


def _flows(
    pm: list[Node], cm: list[Node], main_of: dict[int, int], corresponding: set[tuple[str, str]]
) -> tuple[SectionFlow, ...]:
    counts: dict[tuple[str, str], int] = {}
    headings: dict[tuple[str, str], tuple[str, str]] = {}
    for j, i in sorted(main_of.items()):
        key = (pm[i].section, cm[j].section)
        counts[key] = counts.get(key, 0) + 1
        headings[key] = (pm[i].section_heading, cm[j].section_heading)
    return tuple(
        SectionFlow(ps, cs, *headings[(ps, cs)], n, (ps, cs) in corresponding)
        for (ps, cs), n in sorted(counts.items(), key=lambda kv: (_key(kv[0][0]), _key(kv[0][1])))
    )


def _key(section_id: str) -> tuple[int, ...]:
    return tuple(int(x) for x in section_id.split(".")) if section_id else ()
