"""The truth of `owners_changed` for the generators, by the definition of comparison.md.

Every role is compared after level normalisation (lead and responsible units are one tier,
participating units the other), and a unit moving between tiers is a change. A merged measure
is changed only when it differs from each of its sources and from their union, where units
only the absorbed measures name may take either tier. Written apart from the engine on
purpose: the generator knows which units it renamed by level, so its own key (`gen_text.unit_key`
or the key a generator passes) is the truth, not duizhao's grammar.
"""

from __future__ import annotations

from collections.abc import Callable

Tiered = dict[str, int]
"""Unit key → tier (0: lead or responsible, 1: participating)."""


def tiered(owners: dict[str, list[str]] | object, key: Callable[[str], str]) -> Tiered:
    """Key → tier for an Owners object or an owners dict (roles lead/responsible/participating)."""

    def role(name: str) -> list[str]:
        if isinstance(owners, dict):
            return list(owners.get(name, ()))
        return list(getattr(owners, name))

    out: Tiered = {}
    for name, tier in (("lead", 0), ("responsible", 0), ("participating", 1)):
        for unit in role(name):
            out.setdefault(key(unit), tier)
    return out


def differs(before: Tiered, after: Tiered, free: frozenset[str] = frozenset()) -> bool:
    if set(before) != set(after):
        return True
    return any(before[k] != after[k] for k in after if k not in free)


def owners_changed(sources: list[Tiered], after: Tiered) -> bool:
    """Whether a child measure's owners changed against its sources (main source first)."""
    named = [s for s in sources if s]
    if not after or not named:
        return False
    if not differs(named[0], after):
        return False
    if any(not differs(s, after) for s in named[1:]):
        return False
    if len(named) > 1:
        union: Tiered = {}
        for s in named:
            for k, t in s.items():
                union[k] = min(t, union.get(k, t))
        free = frozenset(k for s in named[1:] for k in s) - frozenset(named[0])
        return differs(union, after, free)
    return True
