"""Statuses and flags from shares: carried/partial/dropped, inherited/modified/added, and the
reassignment flags moved, merged, split and owners_changed (definitions in comparison.md)."""

from __future__ import annotations

from collections import Counter, defaultdict

from duizhao.compare.result import ChildStatus, ParentStatus
from duizhao.compare.settings import Settings


def parent_status(coverage: float, s: Settings, *, linked: bool = False) -> ParentStatus:
    """carried / partial / dropped by coverage; a measure that is a source of some child measure
    (a link) reaches the child substantially by definition, so it is at least partial."""
    if coverage >= s.carried_coverage:
        return ParentStatus.CARRIED
    if coverage >= s.partial_coverage or linked:
        return ParentStatus.PARTIAL
    return ParentStatus.DROPPED


def child_status(novelty: float, retained: float, s: Settings) -> ChildStatus:
    """For a child measure with at least one source (one without any is added).

    `retained`: share of the main source that survives in this measure."""
    if novelty > s.added_novelty:
        return ChildStatus.ADDED
    if novelty <= s.inherited_novelty and retained >= 1.0 - s.inherited_novelty:
        return ChildStatus.INHERITED
    return ChildStatus.MODIFIED


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
