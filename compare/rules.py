"""The rules of `duizhao check`: a Comparison, the configured rules and waivers → findings. No I/O."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from duizhao.compare.localise import normalise_width
from duizhao.compare.result import ChildResult, Comparison, ParentResult
from duizhao.compare.waivers import MeasureKeys, Waiver, WaiverMatch, looks_like_key, match_all
from duizhao.corpus.model import Node, Plan

FAIL_ON = ("dropped", "partial", "added", "moved", "merged", "split", "owners_changed")
"""What `rules.fail_on` may list: parent statuses, the child status `added`, child flags."""

RULES: dict[str, tuple[str, str]] = {
    "dropped-measure": (
        "A parent measure is dropped",
        "Nothing substantial of a parent measure reaches the checked plan. Fails when the "
        "unwaived drops exceed rules.max_dropped (0 when fail_on lists dropped).",
    ),
    "regression": (
        "The plan lost ground since the baseline revision",
        "With --baseline REV: a parent measure carried or partial at REV is dropped now, or "
        "the coverage of parent measures went down.",
    ),
    "coverage": (
        "Too few parent measures reach the plan",
        "The share of (unwaived) parent measures that are carried or partial, overall or in "
        "one parent section, is below rules.min_coverage or rules.min_coverage_by_section.",
    ),
    "partial-measure": (
        "A parent measure is only partly carried",
        "Some of a parent measure reaches the plan, a substantial part does not (fail_on = "
        "partial).",
    ),
    "owners-changed": (
        "A measure's owners changed",
        "A child measure and its main source both name owners, and they differ after level "
        "normalisation (fail_on = owners_changed).",
    ),
    "moved-measure": (
        "A measure moved to another section",
        "A child measure's main source sits in a parent section that does not correspond to "
        "the child's section (fail_on = moved).",
    ),
    "merged-measure": (
        "A measure merges several parent measures",
        "A child measure draws substantially on two or more parent measures (fail_on = merged).",
    ),
    "split-measure": (
        "A parent measure is split",
        "A child measure's main source also feeds other child measures (fail_on = split).",
    ),
    "added-measure": (
        "A measure has no source in the parent",
        "Most of a child measure has no source in the parent plan (fail_on = added).",
    ),
    "stale-waiver": (
        "A waiver no longer applies",
        "A waiver matches no parent measure, or its measure is no longer dropped or partial. "
        "A warning; an error with rules.strict_waivers = true.",
    ),
    "waiver-reason": (
        "A waiver has no reason",
        "A waiver's reason is empty or still the 'TODO: reason' that check --init wrote. "
        "A warning; an error with rules.strict_waivers = true.",
    ),
}
"""Stable rule ids → (short description, full description). Also SARIF `ruleId`s."""

FLAG_RULES = {
    "added": "added-measure",
    "moved": "moved-measure",
    "merged": "merged-measure",
    "split": "split-measure",
    "owners_changed": "owners-changed",
}
PARENT_RULES = ("dropped-measure", "partial-measure", "regression")
"""Rules whose findings are about one parent measure (subject = its measure key)."""
SEVERITIES = ("error", "warning", "note")
PLACEHOLDER_REASON = "TODO: reason"


@dataclass(frozen=True)
class Rules:
    """What `[rules]` asks of a checked plan."""

    fail_on: tuple[str, ...] = ("dropped",)
    """Statuses and flags that fail the check (subset of FAIL_ON)."""
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
        return 0 if "dropped" in self.fail_on else None

    def active(self, *, baseline: bool) -> tuple[str, ...]:
        """Rule ids this configuration evaluates, in RULES order."""
        on = {"dropped-measure", "stale-waiver", "waiver-reason"}
        on |= {FLAG_RULES[f] for f in self.fail_on if f in FLAG_RULES}
        if "partial" in self.fail_on:
            on.add("partial-measure")
        if self.min_coverage is not None or self.min_coverage_by_section:
            on.add("coverage")
        if baseline:
            on.add("regression")
        return tuple(r for r in RULES if r in on)


@dataclass(frozen=True)
class WaiverStyle:
    """How the configuration writes waivers, so a finding can print the exact TOML to add."""

    config: str = "duizhao.toml"
    table: str = "waivers"
    """`waivers` or `tool.duizhao.waivers`."""
    array: bool = False
    """True when the file uses `[[waivers]]` tables, False for `[waivers] "key" = "reason"`."""

    def snippet(self, key: str, node: Node) -> str:
        """The instruction and TOML that waive the measure with this key."""
        name = f"{node.label} {node.title or ''}".strip()
        if self.array:
            toml = "\n".join(
                [
                    f"[[{self.table}]]",
                    f"key = {toml_string(key)}",
                    f"label = {toml_string(node.label)}",
                    f"title = {toml_string(node.title or '')}",
                    f"reason = {toml_string(PLACEHOLDER_REASON)}",
                ]
            )
            return f"to waive it, add to {self.config}:\n{toml}"
        line = f"{toml_string(key)} = {toml_string(PLACEHOLDER_REASON)}  # {name}"
        return f"to waive it, add under [{self.table}] in {self.config}:\n{line}"


@dataclass(frozen=True)
class Finding:
    """One thing a rule found, located in a file for annotations."""

    rule: str
    """A RULES id."""
    severity: str
    """error | warning | note (what it would be without a waiver)."""
    message: str
    path: str
    """The file annotated: the checked (child) plan, or the configuration for waiver findings."""
    line: int
    end_line: int
    plan: str = ""
    """The checked plan this came from; empty for configuration findings."""
    subject: str = ""
    """Stable identity: a measure key, `section:<heading>`, `coverage` or `waiver:<key>`."""
    label: str | None = None
    title: str | None = None
    parent_line: int | None = None
    """For parent measures: first line in the parent plan."""
    waived: str | None = None
    """The waiver's reason when a waiver covers this finding."""
    fix: str | None = None
    """How to make it pass (for drops: the TOML that waives it)."""
    baseline: bool = False
    """True when --baseline found the same failure at the baseline revision (then not failing)."""

    @property
    def failing(self) -> bool:
        return self.severity == "error" and self.waived is None

    @property
    def shown(self) -> bool:
        """Worth an annotation: neither waived nor a note."""
        return self.waived is None and self.severity != "note"

    @property
    def name(self) -> str:
        """The measure as people name it: label and title."""
        return f"{self.label or ''} {self.title or ''}".strip()


@dataclass(frozen=True)
class MeasureRow:
    """One parent measure of a checked plan: one JUnit test case, one row in JSON."""

    id: str
    key: str
    label: str
    title: str | None
    status: str
    coverage: float
    parent_lines: tuple[int, int]
    line: int
    """Where it lives (or would live) in the child plan."""
    waived: str | None = None


@dataclass(frozen=True)
class PlanCheck:
    """The rules evaluated on one checked plan against its nearest parent."""

    plan: str
    parent: str
    comparison: Comparison
    rows: tuple[MeasureRow, ...]
    coverage: float
    """Share of unwaived parent measures carried or partial (1.0 when none is left)."""
    findings: tuple[Finding, ...]
    matches: tuple[WaiverMatch, ...]
    """One per configured waiver, in waiver order."""
    used: frozenset[int] = frozenset()
    """Indexes of waivers that covered a finding."""
    unmatched_sections: tuple[str, ...] = ()
    """min_coverage_by_section keys naming no section of this parent."""


@dataclass(frozen=True)
class CheckReport:
    """Everything one `duizhao check` run found; what every output format renders."""

    config: str
    plans: tuple[PlanCheck, ...]
    findings: tuple[Finding, ...]
    """All findings in `ordered` order."""
    rules: tuple[str, ...]
    """Active rule ids."""
    baseline: str | None = None
    exit_code: int = 0

    @property
    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.failing)

    @property
    def counts(self) -> dict[str, int]:
        return count(self.findings)


def toml_string(text: str) -> str:
    """A TOML basic string (JSON escaping is valid TOML, plus DEL)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def measure_name(node: Node) -> str:
    return f"{node.label} {node.title or ''}".strip()


def _pct(x: float) -> str:
    return f"{x:.0%}"


# --- locating things in the child plan -------------------------------------------------------


def child_section(result: Comparison, parent_section: str | None) -> Node | None:
    """The child section a parent section flows into (corresponding first, then most links)."""
    if parent_section is None:
        return None
    flows = [f for f in result.sections if f.parent_section == parent_section]
    if not flows:
        return None
    best = max(flows, key=lambda f: (f.corresponds, f.links, -len(f.child_section)))
    try:
        return result.child.node(best.child_section)
    except KeyError:
        return None


def _heading_lines(node: Node | None) -> tuple[int, int]:
    return (node.lines[0], node.lines[0]) if node else (1, 1)


def parent_location(result: Comparison, p: ParentResult) -> tuple[int, int]:
    """Child lines for a parent measure: its best carrier, else its section's heading, else 1."""
    links = [link for link in result.links if link.parent == p.measure.id]
    if p.status != "dropped" and links:
        best = max(links, key=lambda link: (link.parent_share, link.score))
        return result.child.node(best.child).lines
    return _heading_lines(child_section(result, p.measure.section or None))


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
    waivers: Sequence[Waiver],
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
    coverage = _coverage(result.parent_measures, waived_by)
    findings = [*_dropped(ctx), *_partial(ctx), *_child_flags(ctx)]
    findings += _overall_coverage(ctx, coverage)
    section_findings, unmatched = _section_coverage(ctx)
    findings += section_findings
    waivable = {r.measure.id for r in result.parent_measures if r.status in _waivable(rules)}
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


def _waivable(rules: Rules) -> tuple[str, ...]:
    """Parent statuses a waiver is for: dropped always, partial when it would fail."""
    return ("dropped", "partial") if "partial" in rules.fail_on else ("dropped",)


def _coverage(results: Iterable[ParentResult], waived_by: dict[str, int]) -> float:
    counted = [r for r in results if r.measure.id not in waived_by]
    if not counted:
        return 1.0
    return sum(r.status != "dropped" for r in counted) / len(counted)


def _row(ctx: _Context, r: ParentResult) -> MeasureRow:
    index = ctx.waived_by.get(r.measure.id)
    waived = ctx.waivers[index].reason if index is not None else None
    return MeasureRow(
        id=r.measure.id,
        key=ctx.keys.keys[r.measure.id],
        label=r.measure.label,
        title=r.measure.title,
        status=r.status,
        coverage=r.coverage,
        parent_lines=r.measure.lines,
        line=parent_location(ctx.result, r)[0],
        waived=waived if r.status in _waivable(ctx.rules) else None,
    )


def _parent_finding(ctx: _Context, r: ParentResult, rule: str, severity: str, message: str):
    node = r.measure
    key = ctx.keys.keys[node.id]
    index = ctx.waived_by.get(node.id)
    line, end = parent_location(ctx.result, r)
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        path=ctx.plan,
        line=line,
        end_line=end,
        plan=ctx.plan,
        subject=key,
        label=node.label,
        title=node.title,
        parent_line=node.lines[0],
        waived=ctx.waivers[index].reason if index is not None else None,
        fix=None if index is not None else ctx.style.snippet(key, node),
    )


def _where(ctx: _Context, r: ParentResult) -> str:
    section = child_section(ctx.result, r.measure.section or None)
    if section is None:
        return ""
    return f"; its section in this plan: {section.heading} (line {section.lines[0]})"


def _dropped(ctx: _Context) -> list[Finding]:
    dropped = [r for r in ctx.result.parent_measures if r.status == "dropped"]
    unwaived = [r for r in dropped if r.measure.id not in ctx.waived_by]
    limit = ctx.rules.dropped_limit
    failing = limit is not None and len(unwaived) > limit
    tally = "" if limit is None else f" ({len(unwaived)} unwaived drops, max_dropped = {limit})"
    out = []
    for r in dropped:
        closest = ""
        if r.closest:
            near = ctx.result.child.node(r.closest)
            closest = f"; closest child measure: {measure_name(near)} (line {near.lines[0]})"
        message = (
            f"parent measure {measure_name(r.measure)} ({ctx.parent} line {r.measure.lines[0]}) "
            f"is dropped: only {_pct(r.coverage)} of it reaches this plan"
            f"{_where(ctx, r)}{closest}{tally}"
        )
        severity = "error" if failing else "warning"
        out.append(_parent_finding(ctx, r, "dropped-measure", severity, message))
    return out


def _partial(ctx: _Context) -> list[Finding]:
    if "partial" not in ctx.rules.fail_on:
        return []
    return [
        _parent_finding(
            ctx,
            r,
            "partial-measure",
            "error",
            f"parent measure {measure_name(r.measure)} ({ctx.parent} line "
            f"{r.measure.lines[0]}) is only partly carried: {_pct(r.coverage)} of it reaches "
            "this plan",
        )
        for r in ctx.result.parent_measures
        if r.status == "partial"
    ]


def _child_flags(ctx: _Context) -> list[Finding]:
    child_keys = MeasureKeys(ctx.result.child).keys
    out = []
    for c in ctx.result.child_measures:
        found = [f for f in c.flags if f in ctx.rules.fail_on]
        if c.status == "added" and "added" in ctx.rules.fail_on:
            found.insert(0, "added")
        for flag in found:
            node = c.measure
            out.append(
                Finding(
                    rule=FLAG_RULES[flag],
                    severity="error",
                    message=f"measure {measure_name(node)} (line {node.lines[0]}) "
                    + _flag_detail(ctx.result, c, flag),
                    path=ctx.plan,
                    line=node.lines[0],
                    end_line=node.lines[1],
                    plan=ctx.plan,
                    subject=child_keys[node.id],
                    label=node.label,
                    title=node.title,
                )
            )
    return out


def _source_name(result: Comparison, measure_id: str | None) -> str:
    if measure_id is None:
        return "?"
    node = result.parent.node(measure_id)
    return f"{measure_name(node)} (parent line {node.lines[0]})"


def _flag_detail(result: Comparison, c: ChildResult, flag: str) -> str:
    if flag == "added":
        return f"has no source in the parent: {_pct(c.novelty)} of it is new"
    if flag == "moved":
        return (
            f"moved: its source {_source_name(result, c.main_source)} sits in "
            f"{' > '.join(c.moved_from) or 'another section'}"
        )
    if flag == "merged":
        names = ", ".join(_source_name(result, s.parent) for s in c.sources)
        return f"merges parent measures {names}"
    if flag == "split":
        return f"takes part of {_source_name(result, c.main_source)}, which is split"
    now = "、".join(c.measure.owners.all()) or "none"
    before = "、".join(c.owners_before) or "none"
    return f"changes owners: {before} in {_source_name(result, c.main_source)} → {now} here"


def _overall_coverage(ctx: _Context, coverage: float) -> list[Finding]:
    least = ctx.rules.min_coverage
    if least is None or coverage >= least:
        return []
    counted = [r for r in ctx.result.parent_measures if r.measure.id not in ctx.waived_by]
    covered = sum(r.status != "dropped" for r in counted)
    message = (
        f"coverage {_pct(coverage)} ({covered} of {len(counted)} unwaived parent measures "
        f"carried or partial) is below min_coverage = {least}"
    )
    return [_plain(ctx, "coverage", message, "coverage", (1, 1))]


def _plain(ctx: _Context, rule: str, message: str, subject: str, lines: tuple[int, int]):
    return Finding(
        rule=rule,
        severity="error",
        message=message,
        path=ctx.plan,
        line=lines[0],
        end_line=lines[1],
        plan=ctx.plan,
        subject=subject,
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
        share = _coverage(results, ctx.waived_by)
        if share >= least:
            continue
        here = child_section(ctx.result, section.id)
        where = f" (here: {here.heading}, line {here.lines[0]})" if here else ""
        message = (
            f"coverage of parent section {section.heading}{where} is {_pct(share)}, below "
            f"min_coverage_by_section = {least}"
        )
        out.append(
            _plain(
                ctx, "coverage", message, f"section:{_flat(section.heading)}", _heading_lines(here)
            )
        )
    return out, tuple(unmatched)


# --- across plans: waivers, baseline, order ----------------------------------------------------


def waiver_findings(
    waivers: Sequence[Waiver], checks: Sequence[PlanCheck], rules: Rules, config: str
) -> list[Finding]:
    """Stale waivers, waivers matched only by text or title, and waivers without a reason."""
    severity = "error" if rules.strict_waivers else "warning"
    out = []
    for index, waiver in enumerate(waivers):
        matched = [(c, c.matches[index]) for c in checks if c.matches[index].measure_ids]
        name = " ".join(x for x in (waiver.label, waiver.title) if x)
        named = f"waiver {waiver.key!r}" + (f" ({name})" if name else "")
        subject = f"waiver:{waiver.key}"

        def finding(rule: str, sev: str, message: str, w: Waiver = waiver, s: str = subject):
            return Finding(rule, sev, message, config, w.line, w.line, subject=s)

        if not matched:
            out.append(
                finding(
                    "stale-waiver",
                    severity,
                    f"{named} matches no parent measure: " + _why_unmatched(waiver),
                )
            )
            continue
        if not any(index in c.used for c in checks):
            check, match = matched[0]
            row = next(r for r in check.rows if r.id == match.measure_ids[0])
            out.append(
                finding(
                    "stale-waiver",
                    severity,
                    f"{named} is no longer needed: {row.label} "
                    f"{row.title or ''} is {row.status} ({_pct(row.coverage)}) in {check.plan}; "
                    "delete the waiver",
                )
            )
        elif not waiver.has_reason:
            out.append(
                finding(
                    "waiver-reason",
                    severity,
                    f"{named} has no reason yet: say why the measure may be dropped",
                )
            )
        for check, match in matched:
            if match.how != "key":
                row = next(r for r in check.rows if r.id == match.measure_ids[0])
                out.append(
                    finding(
                        "stale-waiver",
                        "note",
                        f"waiver {waiver.key!r} matched {row.label} {row.title or ''} by its "
                        f"{match.how}, not its key: the parent measure changed; set key = "
                        f'"{row.key}"',
                    )
                )
    return out


def _why_unmatched(waiver: Waiver) -> str:
    if not looks_like_key(waiver.key):
        return (
            "a waiver key is a measure key of 8 hex characters (printed by a failing check and "
            "by `duizhao check --init`), not a label; labels change when the parent is renumbered"
        )
    return (
        "the measure was removed or rewritten; update its key (a failing check prints it) or "
        "delete the waiver"
    )


def apply_baseline(now: PlanCheck, before: PlanCheck, rev: str) -> PlanCheck:
    """Failures already present at `rev` stop failing; regressions since `rev` are added."""
    known = {(f.rule, f.subject) for f in before.findings if f.failing}
    kept = [
        replace(
            f,
            severity="warning",
            baseline=True,
            message=f"{f.message} (already so at {rev}: not failing with --baseline)",
        )
        if f.failing and (f.rule, f.subject) in known
        else f
        for f in now.findings
    ]
    return replace(now, findings=tuple(kept + regressions(now, before, rev)))


def regressions(now: PlanCheck, before: PlanCheck, rev: str) -> list[Finding]:
    """Parent measures carried or partial at `rev` and dropped now (unwaived); lower coverage."""
    earlier = {row.key: row for row in before.rows}
    result = now.comparison
    out = []
    for r, row in zip(result.parent_measures, now.rows, strict=True):
        old = earlier.get(row.key)
        if row.status != "dropped" or old is None or old.status == "dropped":
            continue
        line, end = parent_location(result, r)
        out.append(
            Finding(
                rule="regression",
                severity="error",
                message=f"parent measure {measure_name(r.measure)} ({now.parent} line "
                f"{r.measure.lines[0]}) was {old.status} at {rev} ({_pct(old.coverage)}) and "
                f"is dropped now ({_pct(row.coverage)})",
                path=now.plan,
                line=line,
                end_line=end,
                plan=now.plan,
                subject=row.key,
                label=row.label,
                title=row.title,
                parent_line=row.parent_lines[0],
                waived=row.waived,
            )
        )
    if now.coverage < before.coverage - 1e-9:
        out.append(
            Finding(
                rule="regression",
                severity="error",
                message=f"coverage went down from {_pct(before.coverage)} at {rev} to "
                f"{_pct(now.coverage)} (unwaived parent measures carried or partial)",
                path=now.plan,
                line=1,
                end_line=1,
                plan=now.plan,
                subject="coverage",
            )
        )
    return out


_RULE_ORDER = {rule: i for i, rule in enumerate(RULES)}


def rank(f: Finding) -> tuple:
    """Sort key: failing first (drops first), then warnings, notes, waived; then place."""
    group = 0 if f.failing else 1 if f.shown and f.severity == "warning" else 2
    if f.waived is not None:
        group = 3
    return (
        group,
        _RULE_ORDER.get(f.rule, len(RULES)),
        f.plan,
        f.path,
        f.line,
        f.parent_line or 0,
        f.subject,
        f.message,
    )


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in the one stable order every output uses."""
    return tuple(sorted(findings, key=rank))


def count(findings: Iterable[Finding]) -> dict[str, int]:
    """How many are failing, warnings (unwaived), notes and waived."""
    findings = list(findings)
    return {
        "errors": sum(f.failing for f in findings),
        "warnings": sum(f.shown and f.severity == "warning" for f in findings),
        "notes": sum(f.waived is None and f.severity == "note" for f in findings),
        "waived": sum(f.waived is not None for f in findings),
    }
