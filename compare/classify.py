"""Statuses and flags from shares: carried/partial/dropped, inherited/modified/added, and the
reassignment flags moved, merged, split and owners_changed (definitions in comparison.md)."""

from __future__ import annotations

from collections import Counter, defaultdict

from duizhao.compare.result import ChildStatus, Flag, ParentStatus
from duizhao.compare.settings import Settings


def parent_status(coverage: float, s: Settings, *, linked: bool = False) -> ParentStatus:
    """carried / partial / dropped by coverage; a measure that is a source of some child measure
    (a link) reaches the child substantially by definition, so it is at least partial, and one
    that is nobody's source is dropped whatever its coverage (a status needs carriers)."""
    if not linked:
        return ParentStatus.DROPPED
    if coverage >= s.carried_coverage:
        return ParentStatus.CARRIED
    return ParentStatus.PARTIAL


def child_status(
    novelty: float,
    retained: float,
    main_share: float,
    s: Settings,
    *,
    assigned: bool,
    expansion: bool = False,
    context_only: bool = False,
) -> ChildStatus:
    """For a child measure with at least one source (one without any is added).

    `retained`: share of the main source that survives in this measure; `main_share`: share of
    this measure its main source explains; `assigned`: it is its main source's one-to-one
    counterpart (assign.py). Outside the assignment "most of it new" (`added_novelty`) is
    added; a counterpart is added only when essentially nothing matches. A context-only link
    is a restatement in the child's own words: modified, unless it is nobody's counterpart and
    mostly new. `expansion`: its section restates its main source as several fine measures,
    so rewording hides more of its source than usual (see expansion_added_novelty)."""
    if context_only:
        return ChildStatus.MODIFIED if assigned or expansion else ChildStatus.ADDED
    if novelty > added_threshold(s, assigned=assigned, expansion=expansion):
        return ChildStatus.ADDED
    light = 1.0 - s.inherited_novelty
    if novelty <= s.inherited_novelty and retained >= light and main_share >= light:
        return ChildStatus.INHERITED
    return ChildStatus.MODIFIED


def added_threshold(s: Settings, *, assigned: bool, expansion: bool = False) -> float:
    """Novelty above which a linked child measure is still added (see the settings)."""
    if assigned:
        return s.assigned_added_novelty
    return s.expansion_added_novelty if expansion else s.added_novelty


def revision_status(
    identical: bool, linked: bool, novelty: float, s: Settings, *, assigned: bool
) -> ChildStatus:
    """Between two revisions nothing is light: inherited only when the text is the same after
    whitespace and width normalisation; any other change is modified (or added, as above)."""
    if not linked:
        return ChildStatus.ADDED
    if identical:
        return ChildStatus.INHERITED
    if novelty > added_threshold(s, assigned=assigned):
        return ChildStatus.ADDED
    return ChildStatus.MODIFIED


def child_flags(
    *, moved: bool, sources: int, feeds_others: bool, owners_differ: bool
) -> tuple[Flag, ...]:
    """The reassignment flags of a child measure, in Flag order.

    `moved`: its main source's section does not correspond to its own; `sources`: how many
    parent measures it draws on substantially (two or more: merged); `feeds_others`: its main
    source also feeds another child measure substantially (split); `owners_differ`: owners
    differ from its source's after level normalisation."""
    chosen = {
        Flag.MOVED: moved,
        Flag.MERGED: sources >= 2,
        Flag.SPLIT: feeds_others,
        Flag.OWNERS_CHANGED: owners_differ,
    }
    return tuple(f for f in Flag if chosen[f])


def is_substantial_source(child_share: float, parent_share: float, s: Settings) -> bool:
    """A source that explains `merge_min_share` of the child, or most of which ("most" as in
    carried_coverage) lives in the child while being a linked source at all."""
    return child_share >= s.merge_min_share or (
        parent_share >= s.carried_coverage and child_share >= s.link_min_child_share
    )


def section_correspondence(main_links: list[tuple[str, str]], s: Settings) -> set[tuple[str, str]]:
    """(parent section, child section) pairs that correspond.

    `main_links` holds one (parent section, child section) pair per child measure with a main
    source. Sections correspond when more than `section_correspondence` of either side's links
    run between them (so two parent sections merged into one child section both correspond).
    """
    pair_count = Counter(main_links)
    from_parent: defaultdict[str, int] = defaultdict(int)
    from_child: defaultdict[str, int] = defaultdict(int)
    for ps, cs in main_links:
        from_parent[ps] += 1
        from_child[cs] += 1
    t = s.section_correspondence
    return {
        (ps, cs)
        for (ps, cs), n in pair_count.items()
        if n > t * from_child[cs] or n > t * from_parent[ps]
    }
