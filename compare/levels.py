"""Levels of government: which plan sits above which, and what to say when a pair looks off."""

from __future__ import annotations

from duizhao.corpus.jurisdiction import LEVEL_RANK
from duizhao.corpus.model import Plan


def level_notes(parent: Plan, child: Plan, *, revision: bool = False) -> list[str]:
    """Warnings for a pair: the parent looks lower than the child, or a level is skipped."""
    if revision:
        return []
    p_rank = LEVEL_RANK.get(parent.jurisdiction.level)
    c_rank = LEVEL_RANK.get(child.jurisdiction.level)
    if p_rank is None or c_rank is None:
        return []
    if p_rank > c_rank:
        return [
            f"the parent {parent.path} ({parent.jurisdiction.level}) looks lower than the child "
            f"{child.path} ({child.jurisdiction.level}): give the higher-level plan first "
            f"(duizhao compare {child.path} {parent.path})"
        ]
    if c_rank - p_rank > 1:
        return [
            f"{child.path} ({child.jurisdiction.level}) is compared straight to {parent.path} "
            f"({parent.jurisdiction.level}): the level between them is missing"
        ]
    return []
