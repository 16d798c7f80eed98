"""Whole chains (province → city → district): trace every top-level measure down the levels.

Each adjacent pair is compared; a measure's status at plan i is judged against the nearest plan
above that still carries it, so a measure the city dropped is looked for directly in the
district ("restored at district"). Every lower-level measure gets an origin: the highest plan
where its substance appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from duizhao.compare.result import Comparison
from duizhao.compare.settings import Settings
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Node, Plan

RANK = {"carried": 2, "partial": 1, "dropped": 0}


@dataclass(frozen=True)
class LevelStatus:
    plan: int
    status: str
    """carried | partial | dropped, judged against the nearest plan above that carries it."""
    via: tuple[str, ...]
    """Measures of this plan that carry it."""
    against: int
    """Index of the plan it was judged against."""


@dataclass(frozen=True)
class Trace:
    measure: str
    title: str | None
    label: str
    levels: tuple[LevelStatus, ...]
    lost_at: int | None
    restored_at: int | None


@dataclass(frozen=True)
class Origin:
    plan: int
    measure: str
    origin: int
    """Highest plan where the measure's substance appears; == plan when added there."""


@dataclass(frozen=True)
class Chain:
    plans: tuple[Plan, ...]
    pairs: tuple[Comparison, ...]
    """plans[i] → plans[i+1]."""
    direct: tuple[tuple[int, int, Comparison], ...]
    """Extra comparisons the trace used: (parent index, child index, result)."""
    trace: tuple[Trace, ...]
    origins: tuple[Origin, ...]
    notes: tuple[str, ...] = ()


Compare = Callable[[Plan, Plan], Comparison]


def compare_chain(plans: list[Plan], settings: Settings, compare: Compare | None = None) -> Chain:
    """Compare each adjacent pair of `plans` (highest level first) and trace the measures."""
    if len(plans) < 2:
        raise InputError("compare", "a chain needs at least two plans")
    if compare is None:
        from duizhao.compare.engine import compare_plans

        def compare(p: Plan, c: Plan) -> Comparison:
            return compare_plans(p, c, settings)

    pairs = [compare(plans[i], plans[i + 1]) for i in range(len(plans) - 1)]
    cache: dict[tuple[int, int], Comparison] = {(i, i + 1): r for i, r in enumerate(pairs)}

    def result(k: int, i: int) -> Comparison:
        if (k, i) not in cache:
            cache[(k, i)] = compare(plans[k], plans[i])
        return cache[(k, i)]

    trace = tuple(_trace(m, len(plans), result) for m in plans[0].measures())
    memo: dict[tuple[int, str], int] = {}
    origins = tuple(
        Origin(i, m.id, _origin(i, m.id, result, memo))
        for i in range(1, len(plans))
        for m in plans[i].measures()
    )
    direct = tuple(
        (k, i, r) for (k, i), r in sorted(cache.items(), key=lambda kv: kv[0]) if i != k + 1
    )
    # every pair's notes (levels, citations, nothing in common), each said once
    notes = tuple(dict.fromkeys(n for r in pairs for n in r.notes))
    return Chain(tuple(plans), tuple(pairs), direct, trace, origins, notes)


def _status_of(result: Comparison, parent_ids: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Best status among the parent measures, and the child measures linked to them."""
    statuses = [result.parent_result(pid).status for pid in parent_ids]
    best = max(statuses, key=RANK.__getitem__) if statuses else "dropped"
    via = tuple(dict.fromkeys(link.child for link in result.links if link.parent in parent_ids))
    return best, via if best != "dropped" else ()


def _trace(measure: Node, n: int, result: Callable[[int, int], Comparison]) -> Trace:
    levels: list[LevelStatus] = []
    carrier = 0
    carried_ids: tuple[str, ...] = (measure.id,)
    lost_at = restored_at = None
    for i in range(1, n):
        # Against the nearest plan above that still carries it (directly, once it was lost).
        status, via = _status_of(result(carrier, i), carried_ids)
        levels.append(LevelStatus(i, status, via, carrier))
        if status == "dropped":
            if lost_at is None:
                lost_at = i
            continue
        if lost_at is not None and restored_at is None:
            restored_at = i
        carrier, carried_ids = i, via
    return Trace(measure.id, measure.title, measure.label, tuple(levels), lost_at, restored_at)


def _origin(
    i: int,
    measure_id: str,
    result: Callable[[int, int], Comparison],
    memo: dict[tuple[int, str], int],
) -> int:
    """Highest plan whose text the measure carries, following sources up the chain."""
    key = (i, measure_id)
    if key in memo:
        return memo[key]
    origin = i
    if i > 0:
        # An added measure is mostly new where it stands: only the others follow their sources.
        found = result(i - 1, i).child_result(measure_id)
        if found.status != "added":
            origin = min(_origin(i - 1, s.parent, result, memo) for s in found.sources)
        else:
            for k in range(i - 1):
                direct = result(k, i).child_result(measure_id)
                if direct.status != "added":
                    origin = min(_origin(k, s.parent, result, memo) for s in direct.sources)
                    break
    memo[key] = origin
    return origin
