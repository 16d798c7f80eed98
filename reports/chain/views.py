"""Shared views of a chain (province → city → district): what every chain format lists.

Terminal, markdown, HTML, CSV and xlsx name the same measures in the same order: the trace of
each top-level measure (its status at every lower plan, the measures that carry it there, how
much of it they cover and the matching clauses), the measures lost and restored, and the
measures each lower plan added itself. Counts are counted from these lists, so a count and
the names beside it cannot disagree. Nothing here decides a status (compare.chain does).
"""

from __future__ import annotations

from dataclasses import dataclass

from duizhao.compare.chain import Chain, Trace
from duizhao.compare.result import Comparison
from duizhao.corpus.model import Node
from duizhao.reports.common.i18n import _, word

STATUS_TONES = ("carried", "partial", "dropped")
"""Statuses of a measure at a level, each coloured in the HTML and xlsx views."""


def plan_name(chain: Chain, index: int) -> str:
    """Short name of a plan in the chain: its jurisdiction, else its file."""
    plan = chain.plans[index]
    return plan.jurisdiction.name or plan.path


def level_header(chain: Chain, index: int) -> str:
    """Column header of a plan in trace tables: its index and name (two plans may share a name)."""
    return f"{index} {plan_name(chain, index)}"


def comparison(chain: Chain, parent: int, child: int) -> Comparison | None:
    """The comparison of plans[parent] → plans[child] the chain holds, or None."""
    if child == parent + 1 and 0 <= parent < len(chain.pairs):
        return chain.pairs[parent]
    return next((r for k, i, r in chain.direct if (k, i) == (parent, child)), None)


@dataclass(frozen=True)
class Step:
    """A top-level measure at one lower plan: its status there, judged against a plan above."""

    plan: int
    status: str
    against: int
    via: tuple[Node, ...]
    """Measures of this plan that carry it (empty when dropped)."""
    coverage: float | None
    """Share of the measure (as carried at `against`) that reaches this plan."""
    evidence: tuple[tuple[str, str, float], ...]
    """Matching clauses: (text above, text here, similarity), strongest first, at most three."""
    closest: Node | None = None
    """When dropped: the measure of this plan nearest to it (too little of it to count)."""
    closest_share: float = 0.0


@dataclass(frozen=True)
class TracedMeasure:
    """One measure of the top plan and its steps down the chain."""

    measure: Node
    steps: tuple[Step, ...]
    lost_at: int | None
    restored_at: int | None


def nodes_by_id(chain: Chain) -> list[dict[str, Node]]:
    """Per plan of the chain: its units by id (Plan.node walks the tree on every call)."""
    return [{n.id: n for n in plan.walk()} for plan in chain.plans]


def traced(chain: Chain) -> list[TracedMeasure]:
    """Every top-level measure in document order, with text, carriers and evidence per level."""
    nodes = nodes_by_id(chain)
    return [_traced(chain, t, nodes) for t in chain.trace]


def _traced(chain: Chain, t: Trace, nodes: list[dict[str, Node]]) -> TracedMeasure:
    carried_at: dict[int, tuple[str, ...]] = {0: (t.measure,)}
    steps = []
    for lv in t.levels:
        above = carried_at.get(lv.against, ())
        result = comparison(chain, lv.against, lv.plan)
        coverage: float | None = None
        evidence: tuple[tuple[str, str, float], ...] = ()
        closest: Node | None = None
        share = 0.0
        if result is not None and above:
            judged = [result.parent_result(pid) for pid in above]
            coverage = max(r.coverage for r in judged)
            near = max(judged, key=lambda r: r.closest_score)
            if not lv.via and near.closest is not None:
                closest, share = nodes[lv.plan][near.closest], near.closest_score
            found = [
                (e.parent_text, e.child_text, e.similarity)
                for k in result.links
                if k.parent in above and k.child in lv.via
                for e in k.evidence
            ]
            evidence = tuple(sorted(found, key=lambda x: -x[2])[:3])
        via = tuple(nodes[lv.plan][v] for v in lv.via)
        steps.append(
            Step(lv.plan, str(lv.status), lv.against, via, coverage, evidence, closest, share)
        )
        if lv.via:
            carried_at[lv.plan] = tuple(lv.via)
    top = nodes[0][t.measure]
    return TracedMeasure(top, tuple(steps), t.lost_at, t.restored_at)


def added_measures(chain: Chain) -> dict[int, list[Node]]:
    """The measures each lower plan added itself (their substance is in no plan above)."""
    nodes = nodes_by_id(chain)
    out: dict[int, list[Node]] = {i: [] for i in range(1, len(chain.plans))}
    for o in chain.origins:
        if o.origin == o.plan:
            out[o.plan].append(nodes[o.plan][o.measure])
    return out


def added_counts(chain: Chain) -> dict[int, int]:
    """How many measures each lower plan added itself (origin at that plan)."""
    return {i: len(nodes) for i, nodes in added_measures(chain).items()}


def pair_line(chain: Chain, i: int) -> str:
    """Counts of the pair plans[i] → plans[i+1], in words (added: against the plan above)."""
    s = chain.pairs[i].summary
    line = _("{parent} → {child}: {carried} {c}, {partial} {p}, {dropped} {d}; "
             "{added} {a} against the plan above")  # fmt: skip
    return line.format(
        parent=plan_name(chain, i), child=plan_name(chain, i + 1),
        carried=word("carried"), partial=word("partial"), dropped=word("dropped"),
        added=word("added"), c=s.carried, p=s.partial, d=s.dropped, a=s.added,
    )  # fmt: skip


def where_lost(chain: Chain, t: TracedMeasure) -> str:
    """ "lost at 1 襄阳市, restored at 2 高新区" in the language of the enclosing `using`."""
    if t.lost_at is None:
        return ""
    where = _("lost at {plan}").format(plan=level_header(chain, t.lost_at))
    if t.restored_at is not None:
        where += _(", restored at {plan}").format(plan=level_header(chain, t.restored_at))
    return where


def step_cell(step: Step) -> str:
    """A trace cell: the status word and the labels of the measures that carry it."""
    labels = " ".join(n.label for n in step.via)
    return f"{word(step.status)} {labels}".strip()


def trace_headers(chain: Chain) -> list[str]:
    """Columns of the trace table: label, title, one per lower plan, lost at, restored at."""
    levels = [level_header(chain, i) for i in range(1, len(chain.plans))]
    return [_("label"), _("measure"), *levels, _("lost at"), _("restored at")]


def trace_rows(chain: Chain) -> list[list[str]]:
    """One row per top-level measure, in `trace_headers` order (statuses as words)."""
    rows = []
    for t in traced(chain):
        lost = level_header(chain, t.lost_at) if t.lost_at is not None else ""
        restored = level_header(chain, t.restored_at) if t.restored_at is not None else ""
        rows.append([t.measure.label, t.measure.name, *map(step_cell, t.steps), lost, restored])
    return rows
