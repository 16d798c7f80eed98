"""Child-side results: each child measure's sources, status, flags and clause diff."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from duizhao.compare import classify
from duizhao.compare.align import Alignment
from duizhao.compare.clauses import Clause
from duizhao.compare.links import LinkSet
from duizhao.compare.localise import Localiser
from duizhao.compare.owner_change import owner_change
from duizhao.compare.redline import SourceClauses, faithful_diff, identical
from duizhao.compare.result import (
    Basis,
    ChildResult,
    ChildStatus,
    ClauseDiff,
    Flag,
    SourceShare,
)
from duizhao.compare.settings import Settings
from duizhao.corpus.model import Node


def rounded(x: float) -> float:
    """Shares are rounded so that reports are byte-identical across machines."""
    return round(float(x), 4)


@dataclass(frozen=True)
class Sides:
    """Both plans' measures and clauses, as the engine prepared them."""

    pm: list[Node]
    cm: list[Node]
    pcl: list[Clause]
    ccl: list[Clause]
    localise: Localiser

    def rows(self, clauses: list[Clause], n: int) -> list[list[int]]:
        rows: list[list[int]] = [[] for _ in range(n)]
        for row, clause in enumerate(clauses):
            rows[clause.measure].append(row)
        return rows


def child_results(
    sides: Sides,
    chosen: LinkSet,
    assigned: set[tuple[int, int]],
    s: Settings,
    *,
    revision: bool,
) -> list[ChildResult]:
    """One ChildResult per child measure, in document order."""
    al = chosen.alignment
    pm, cm = sides.pm, sides.cm
    sources_of: dict[int, list[int]] = {}
    basis_of: dict[tuple[int, int], Basis] = {}
    fed: dict[int, list[int]] = {}
    for link in chosen.links:
        sources_of.setdefault(link.child, []).append(link.parent)
        basis_of[(link.parent, link.child)] = link.basis
        fed.setdefault(link.parent, []).append(link.child)
    main_in_section = Counter((cm[j].section, srcs[0]) for j, srcs in sources_of.items())
    c_rows = sides.rows(sides.ccl, len(cm))
    p_rows = sides.rows(sides.pcl, len(pm))
    out = []
    for j, node in enumerate(cm):
        srcs = sources_of.get(j, [])
        main = srcs[0] if srcs else None
        novelty = float(al.novelty[j])
        if main is None:
            out.append(ChildResult(node, ChildStatus.ADDED, rounded(novelty), (), ()))
            continue
        is_assigned = (main, j) in assigned
        if revision:
            status = classify.revision_status(
                identical(pm[main].text, node.text), True, novelty, s, assigned=is_assigned
            )
        else:
            status = classify.child_status(
                novelty,
                float(al.parent_share[main, j]),
                float(al.child_share[main, j]),
                s,
                assigned=is_assigned,
                expansion=main_in_section[(node.section, main)] - 1 >= s.expansion_min_siblings,
                context_only=all(basis_of[(i, j)] == Basis.CONTEXT for i in srcs),
            )
        substantial = [
            i
            for i in srcs
            if basis_of[(i, j)] == Basis.TEXT
            and classify.is_substantial_source(al.child_share[i, j], al.parent_share[i, j], s)
        ]
        source = pm[main]
        moved = (source.section, node.section) not in chosen.corresponding
        feeds_others = any(
            k != j
            and (
                al.parent_share[main, k] >= s.split_min_share
                or al.child_share[main, k] >= s.merge_min_share
            )
            for k in fed.get(main, [])
        )
        owner_sources = [pm[i] for i in substantial] if len(substantial) >= 2 else [source]
        change = owner_change([n.owners for n in owner_sources], node.owners, sides.localise.names)
        owners_differ = change is not None
        flags = classify.child_flags(
            moved=moved,
            sources=len(substantial),
            feeds_others=feeds_others,
            owners_differ=owners_differ,
        )
        changed = status != ChildStatus.INHERITED or not identical(source.text, node.text)
        diff = _diff(j, srcs, al, sides, c_rows, p_rows, s, revision) if changed else ()
        out.append(
            ChildResult(
                measure=node,
                status=status,
                novelty=rounded(novelty),
                sources=tuple(SourceShare(pm[i].id, rounded(al.child_share[i, j])) for i in srcs),
                flags=flags,
                main_source=source.id,
                moved_from=source.path if moved else (),
                owners_before=source.owners.all() if owners_differ else (),
                owner_change=change,
                diff=diff,
                counterpart=is_assigned,
            )
        )
    return _one_story(out)


def _one_story(out: list[ChildResult]) -> list[ChildResult]:
    """One story per measure (issue 19): a split is a parent measure restated in several of
    the child's measures, so an added measure (a local measure that borrows from it) is never
    split itself. The measure it borrows from keeps its flag: its source does feed another
    measure substantially, and the reports name that measure."""
    fixed = []
    for c in out:
        if Flag.SPLIT in c.flags and c.status == ChildStatus.ADDED:
            c = replace(c, flags=tuple(f for f in c.flags if f != Flag.SPLIT))
        fixed.append(c)
    return fixed


def _diff(
    j: int,
    srcs: list[int],
    al: Alignment,
    sides: Sides,
    c_rows: list[list[int]],
    p_rows: list[list[int]],
    s: Settings,
    revision: bool,
) -> tuple[ClauseDiff, ...]:
    """Faithful clause diff of child measure j against its sources (main source first)."""
    rows = c_rows[j]
    sources = []
    for i in srcs:
        cols = p_rows[i]
        position = {col: b for b, col in enumerate(cols)}
        hints = {}
        for a, row in enumerate(rows):
            col = int(al.best_clause[row, i])
            if al.best_credit[row, i] > 0 and col in position:
                hints[a] = (position[col], float(al.best_similarity[row, i]))
        sources.append(SourceClauses(tuple(sides.pcl[c].text for c in cols), hints))
    diff = faithful_diff(
        [sides.ccl[r].text for r in rows],
        sources,
        sides.localise,
        s.clause_strong_similarity,
        s.clause_min_similarity,
        strict=revision,
    )
    if all(d.op == "kept" for d in diff) and not revision:
        return ()
    return diff
