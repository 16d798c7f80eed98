"""The rules of `duizhao check` on one comparison: dropped, partial, flagged, coverage. No I/O.

Each finding is located in the checked plan: a carried measure at its best carrier, a dropped
one at the heading of the section its parent section flows into (where it would have been),
else line 1. Waivers cover dropped measures (and partial ones when `partial` fails).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from duizhao.compare.check.model import (
    FLAG_RULES,
    Detail,
    Fact,
    FailOn,
    Finding,
    MeasureRow,
    PlanCheck,
    RuleId,
    Severity,
    facts,
)
from duizhao.compare.check.waivers import MeasureKeys, Waiver, WaiverStyle, match_all
from duizhao.compare.localise import normalise_width
from duizhao.compare.result import ChildResult, Comparison, ParentResult
from duizhao.corpus.jurisdiction import LEVEL_RANK
from duizhao.corpus.model import Node, Plan


@dataclass(frozen=True)
class Rules:
    """What `[rules]` asks of a checked plan."""

    fail_on: tuple[FailOn, ...] = (FailOn.DROPPED,)
    """Statuses and flags that fail the check."""
    max_dropped: int | None = None
    """Unwaived drops allowed; None = 0 when fail_on lists dropped, else unlimited."""
    min_coverage: float | None = None
    """Least share of unwaived parent measures that must be carried or partial."""
    min_coverage_by_section: tuple[tuple[str, float], ...] = ()
    """(parent section heading or label, least share) pairs."""
    strict_waivers: bool = False
    """Stale waivers and waivers without a reason fail instead of warning."""

    @property
    def dropped_limit(self) -> int | None:
        if self.max_dropped is not None:
            return self.max_dropped
        return 0 if FailOn.DROPPED in self.fail_on else None

    @property
    def waivable(self) -> tuple[str, ...]:
        """Parent statuses a waiver is for: dropped always, partial when it would fail."""
        return ("dropped", "partial") if FailOn.PARTIAL in self.fail_on else ("dropped",)

    def active(self, *, baseline: bool) -> tuple[RuleId, ...]:
        """Rule ids this configuration evaluates, in RuleId order."""
        on = {RuleId.DROPPED, RuleId.STALE_WAIVER, RuleId.WAIVER_REASON}
        on |= {FLAG_RULES[f] for f in self.fail_on if f in FLAG_RULES}
        if FailOn.PARTIAL in self.fail_on:
            on.add(RuleId.PARTIAL)
        if self.min_coverage is not None or self.min_coverage_by_section:
            on.add(RuleId.COVERAGE)
        if baseline:
            on.add(RuleId.REGRESSION)
        if FailOn.SWAPPED in self.fail_on:
            on.add(RuleId.SWAPPED)
        return tuple(r for r in RuleId if r in on)


# --- locating things in the checked plan ------------------------------------------------------


def child_section(result: Comparison, parent_section: str | None) -> Node | None:
    """The child section a parent section flows into (corresponding first, then most links)."""
    if not parent_section:
        return None
    flows = [f for f in result.sections if f.parent_section == parent_section]
    if not flows:
        return None
    best = max(flows, key=lambda f: (f.corresponds, f.links, -len(f.child_section)))
    try:
        return result.child.node(best.child_section)
    except KeyError:
        return None


def heading_lines(node: Node | None) -> tuple[int, int]:
    return (node.lines[0], node.lines[0]) if node else (1, 1)


def parent_location(result: Comparison, p: ParentResult) -> tuple[int, int]:
    """Child lines for a parent measure: its best carrier, else its section's heading, else 1."""
    links = [link for link in result.links if link.parent == p.measure.id]
    if p.status != "dropped" and links:
        best = max(links, key=lambda link: (link.parent_share, link.score, link.child))
        return result.child.node(best.child).lines
    return heading_lines(child_section(result, p.measure.section))


def coverage_of(results: Iterable[ParentResult], waived_by: dict[str, int]) -> float:
    """Share of the unwaived results that are carried or partial (1.0 when none is left)."""
    counted = [r for r in results if r.measure.id not in waived_by]
    if not counted:
        return 1.0
    return sum(r.status != "dropped" for r in counted) / len(counted)


# --- evaluating one plan ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    result: Comparison
    rules: Rules
    keys: MeasureKeys
    waivers: Sequence[Waiver]
    waived_by: dict[str, int]
    plan: str
    parent: str
    style: WaiverStyle


def evaluate(
    result: Comparison,
    rules: Rules,
    waivers: Sequence[Waiver] = (),
    *,
    plan: str,
    parent: str,
    style: WaiverStyle | None = None,
) -> PlanCheck:
    """Every rule on one comparison. `plan`/`parent` are the paths shown and annotated."""
    keys = MeasureKeys(result.parent)
    matches = match_all(waivers, keys)
    waived_by: dict[str, int] = {}
    for index, match in enumerate(matches):
        for mid in match.measure_ids:
            waived_by.setdefault(mid, index)
    ctx = _Context(result, rules, keys, waivers, waived_by, plan, parent, style or WaiverStyle())
    coverage = coverage_of(result.parent_measures, waived_by)
    findings = [*_dropped(ctx), *_partial(ctx), *_child_flags(ctx)]
    findings += _overall_coverage(ctx, coverage)
    findings += _swapped(ctx)
    section_findings, unmatched = _section_coverage(ctx)
    findings += section_findings
    waivable = {r.measure.id for r in result.parent_measures if r.status in rules.waivable}
    used = frozenset(i for i, m in enumerate(matches) if waivable & set(m.measure_ids))
    return PlanCheck(
        plan=plan,
        parent=parent,
        comparison=result,
        rows=tuple(_row(ctx, r) for r in result.parent_measures),
        coverage=coverage,
        findings=tuple(findings),
        matches=tuple(matches),
        used=used,
        unmatched_sections=unmatched,
    )


def _row(ctx: _Context, r: ParentResult) -> MeasureRow:
    index = ctx.waived_by.get(r.measure.id)
    waived = ctx.waivers[index].reason if index is not None else None
    return MeasureRow(
        id=r.measure.id,
        key=ctx.keys.keys[r.measure.id],
        label=r.measure.label,
        title=r.measure.title,
        name=r.measure.name,
        status=str(r.status),
        coverage=r.coverage,
        parent_lines=r.measure.lines,
        line=parent_location(ctx.result, r)[0],
        waived=waived if r.status in ctx.rules.waivable else None,
    )


def _parent_finding(
    ctx: _Context, r: ParentResult, rule: RuleId, severity: Severity, detail: Detail, **data: Fact
) -> Finding:
    node = r.measure
    key = ctx.keys.keys[node.id]
    index = ctx.waived_by.get(node.id)
    line, end = parent_location(ctx.result, r)
    data |= {"coverage": r.coverage, "parent": ctx.parent}
    return Finding(
        rule=rule,
        severity=severity,
        detail=detail,
        path=ctx.plan,
        line=line,
        end_line=end,
        plan=ctx.plan,
        subject=key,
        label=node.label,
        title=node.title,
        name=node.name,
        parent_line=node.lines[0],
        waived=ctx.waivers[index].reason if index is not None else None,
        waiver_toml=None if index is not None else ctx.style.toml(key, node),
        facts=facts(data),
    )


def _dropped(ctx: _Context) -> list[Finding]:
    dropped = [r for r in ctx.result.parent_measures if r.status == "dropped"]
    unwaived = [r for r in dropped if r.measure.id not in ctx.waived_by]
    limit = ctx.rules.dropped_limit
    failing = limit is not None and len(unwaived) > limit
    out = []
    for r in dropped:
        data: dict[str, Fact] = {"unwaived": len(unwaived), "max_dropped": limit}
        section = child_section(ctx.result, r.measure.section)
        if section is not None:
            data |= {"section": section.heading, "section_line": section.lines[0]}
        if r.closest:
            near = ctx.result.child.node(r.closest)
            data |= {"closest": near.name, "closest_line": near.lines[0]}
        severity = Severity.ERROR if failing else Severity.WARNING
        out.append(_parent_finding(ctx, r, RuleId.DROPPED, severity, Detail.DROPPED, **data))
    return out


def _partial(ctx: _Context) -> list[Finding]:
    if FailOn.PARTIAL not in ctx.rules.fail_on:
        return []
    return [
        _parent_finding(ctx, r, RuleId.PARTIAL, Severity.ERROR, Detail.PARTIAL)
        for r in ctx.result.parent_measures
        if r.status == "partial"
    ]


def _child_flags(ctx: _Context) -> list[Finding]:
    child_keys = MeasureKeys(ctx.result.child).keys
    out = []
    for c in ctx.result.child_measures:
        found = [FailOn(str(f)) for f in c.flags if str(f) in ctx.rules.fail_on]
        if c.status == "added" and FailOn.ADDED in ctx.rules.fail_on:
            found.insert(0, FailOn.ADDED)
        for flag in found:
            node = c.measure
            out.append(
                Finding(
                    rule=FLAG_RULES[flag],
                    severity=Severity.ERROR,
                    detail=Detail(str(flag)),
                    path=ctx.plan,
                    line=node.lines[0],
                    end_line=node.lines[1],
                    plan=ctx.plan,
                    subject=child_keys[node.id],
                    label=node.label,
                    title=node.title,
                    name=node.name,
                    facts=facts(_flag_facts(ctx.result, c, flag)),
                )
            )
    return out


def _source(result: Comparison, measure_id: str | None, prefix: str = "source") -> dict[str, Fact]:
    if measure_id is None:
        return {}
    node = result.parent.node(measure_id)
    return {prefix: node.name, f"{prefix}_line": node.lines[0]}


def _flag_facts(result: Comparison, c: ChildResult, flag: FailOn) -> dict[str, Fact]:
    if flag == FailOn.ADDED:
        return {"novelty": c.novelty}
    data = _source(result, c.main_source)
    if flag == FailOn.MOVED:
        data["moved_from"] = " > ".join(c.moved_from)
    elif flag == FailOn.MERGED:
        nodes = [result.parent.node(s.parent) for s in c.sources]
        data["sources"] = tuple(n.name for n in nodes)
        data["source_lines"] = tuple(n.lines[0] for n in nodes)
    elif flag == FailOn.OWNERS_CHANGED:
        data["owners_before"] = "、".join(c.owners_before)
        data["owners_now"] = "、".join(c.measure.owners.all())
    return data


def _overall_coverage(ctx: _Context, coverage: float) -> list[Finding]:
    least = ctx.rules.min_coverage
    if least is None or coverage >= least:
        return []
    counted = [r for r in ctx.result.parent_measures if r.measure.id not in ctx.waived_by]
    covered = sum(r.status != "dropped" for r in counted)
    data: dict[str, Fact] = {
        "coverage": coverage,
        "covered": covered,
        "counted": len(counted),
        "least": least,
    }
    return [_plain(ctx, Detail.COVERAGE, "coverage", (1, 1), data)]


def _swapped(ctx: _Context) -> list[Finding]:
    """With fail_on = swapped: the parent looks lower than the checked plan (a district plan
    given as the parent of a city plan), so every verdict of the check reads the wrong way."""
    if FailOn.SWAPPED not in ctx.rules.fail_on:
        return []
    parent, child = ctx.result.parent.jurisdiction, ctx.result.child.jurisdiction
    p_rank, c_rank = LEVEL_RANK.get(parent.level), LEVEL_RANK.get(child.level)
    if p_rank is None or c_rank is None or p_rank <= c_rank:
        return []
    data = {"parent": ctx.parent, "parent_level": parent.level, "child_level": child.level}
    return [
        Finding(
            rule=RuleId.SWAPPED,
            severity=Severity.ERROR,
            detail=Detail.SWAPPED,
            path=ctx.plan,
            line=1,
            end_line=1,
            plan=ctx.plan,
            subject="swapped",
            facts=facts(data),
        )
    ]


def _plain(
    ctx: _Context, detail: Detail, subject: str, lines: tuple[int, int], data: dict[str, Fact]
) -> Finding:
    return Finding(
        rule=RuleId.COVERAGE,
        severity=Severity.ERROR,
        detail=detail,
        path=ctx.plan,
        line=lines[0],
        end_line=lines[1],
        plan=ctx.plan,
        subject=subject,
        facts=facts(data),
    )


def _flat(text: str) -> str:
    return "".join(normalise_width(text).split())


def find_section(plan: Plan, name: str) -> Node | None:
    """The section of `plan` named by heading, title or (unique) label; None when none is."""
    want = _flat(name)
    sections = [n for n in plan.walk() if n.children]
    for attr in ("heading", "title", "label"):
        hits = [n for n in sections if _flat(getattr(n, attr) or "") == want]
        if len(hits) == 1:
            return hits[0]
    return None


def _section_coverage(ctx: _Context) -> tuple[list[Finding], tuple[str, ...]]:
    out, unmatched = [], []
    for name, least in ctx.rules.min_coverage_by_section:
        section = find_section(ctx.result.parent, name)
        if section is None:
            unmatched.append(name)
            continue
        inside = {n.id for n in section.walk()}
        results = [r for r in ctx.result.parent_measures if r.measure.id in inside]
        share = coverage_of(results, ctx.waived_by)
        if share >= least:
            continue
        here = child_section(ctx.result, section.id)
        data: dict[str, Fact] = {"section": section.heading, "coverage": share, "least": least}
        if here is not None:
            data |= {"here": here.heading, "here_line": here.lines[0]}
        subject = f"section:{_flat(section.heading)}"
        out.append(_plain(ctx, Detail.SECTION_COVERAGE, subject, heading_lines(here), data))
    return out, tuple(unmatched)
