"""What `duizhao check` finds, as data: rule ids, severities, findings, per-plan results, report.

Findings carry facts (numbers, names, lines), never sentences: the renderers in
`duizhao.reports.check` write the words, in the user's language. No exit code lives here
either: the command decides 0 or 1 from `CheckReport.failed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from duizhao.compare.check.waivers import WaiverMatch
from duizhao.compare.result import Comparison

Fact = str | int | float | bool | tuple[str | int, ...] | None
"""A value a finding carries for its sentence (and for the JSON output)."""


class RuleId(StrEnum):
    """Stable rule ids (also SARIF `ruleId`s and JUnit failure types), in report order."""

    DROPPED = "dropped-measure"
    REGRESSION = "regression"
    COVERAGE = "coverage"
    PARTIAL = "partial-measure"
    OWNERS_CHANGED = "owners-changed"
    MOVED = "moved-measure"
    MERGED = "merged-measure"
    SPLIT = "split-measure"
    ADDED = "added-measure"
    SWAPPED = "swapped-pair"
    STALE_WAIVER = "stale-waiver"
    WAIVER_REASON = "waiver-reason"


class Severity(StrEnum):
    """How bad a finding is before waivers (SARIF levels)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class FailOn(StrEnum):
    """What `rules.fail_on` may list: parent statuses, the child status `added`, child flags."""

    DROPPED = "dropped"
    PARTIAL = "partial"
    ADDED = "added"
    MOVED = "moved"
    MERGED = "merged"
    SPLIT = "split"
    OWNERS_CHANGED = "owners_changed"
    SWAPPED = "swapped"
    """The parent looks lower than the checked plan (the pair given the wrong way round)."""


class Detail(StrEnum):
    """Which sentence a finding reads as: one per distinct situation a rule reports."""

    DROPPED = "dropped"
    PARTIAL = "partial"
    ADDED = "added"
    MOVED = "moved"
    MERGED = "merged"
    SPLIT = "split"
    OWNERS_CHANGED = "owners_changed"
    COVERAGE = "coverage"
    SECTION_COVERAGE = "section_coverage"
    WAIVER_NOT_A_KEY = "waiver_not_a_key"
    WAIVER_UNMATCHED = "waiver_unmatched"
    WAIVER_UNNEEDED = "waiver_unneeded"
    WAIVER_NO_REASON = "waiver_no_reason"
    WAIVER_BY_TEXT = "waiver_by_text"
    REGRESSED_MEASURE = "regressed_measure"
    REGRESSED_COVERAGE = "regressed_coverage"
    SWAPPED = "swapped"


FLAG_RULES = {
    FailOn.ADDED: RuleId.ADDED,
    FailOn.MOVED: RuleId.MOVED,
    FailOn.MERGED: RuleId.MERGED,
    FailOn.SPLIT: RuleId.SPLIT,
    FailOn.OWNERS_CHANGED: RuleId.OWNERS_CHANGED,
}
PARENT_RULES = (RuleId.DROPPED, RuleId.PARTIAL, RuleId.REGRESSION)
"""Rules whose findings are about one parent measure (subject = its measure key)."""
WAIVER_RULES = (RuleId.STALE_WAIVER, RuleId.WAIVER_REASON)
"""Rules whose findings are about the configuration (one per waiver)."""


@dataclass(frozen=True)
class Finding:
    """One thing a rule found, located in a file for annotations."""

    rule: RuleId
    severity: Severity
    """What it is without a waiver (a baseline failure is lowered to a warning)."""
    detail: Detail
    """Which situation: the renderers pick the sentence by it."""
    path: str
    """The file annotated: the checked plan, or the configuration for waiver findings."""
    line: int
    end_line: int
    plan: str = ""
    """The checked plan this came from; empty for configuration findings."""
    subject: str = ""
    """Stable identity: a measure key, `section:<heading>`, `coverage` or `waiver:<key>`."""
    label: str | None = None
    title: str | None = None
    name: str = ""
    """The measure as every report names it (`Node.name`); empty when not about a measure."""
    parent_line: int | None = None
    """For parent measures: first line in the parent plan."""
    waived: str | None = None
    """The waiver's reason when a waiver covers this finding."""
    waiver_toml: str | None = None
    """For an unwaived parent measure: the TOML that waives it (reason still to write)."""
    baseline: str | None = None
    """The --baseline revision when the same failure was there already (then not failing)."""
    facts: tuple[tuple[str, Fact], ...] = field(default=())
    """Named values the sentence uses (coverages, counts, other measures, lines), sorted."""

    @property
    def failing(self) -> bool:
        return self.severity == Severity.ERROR and self.waived is None

    @property
    def shown(self) -> bool:
        """Worth an annotation: neither waived nor a note."""
        return self.waived is None and self.severity != Severity.NOTE

    @property
    def kind(self) -> Severity:
        """What the user sees it as: error only when failing."""
        if self.severity == Severity.ERROR and not self.failing:
            return Severity.WARNING
        return self.severity

    def fact(self, name: str, default: Fact = None) -> Fact:
        """One named fact (`default` when the finding has none by that name)."""
        return dict(self.facts).get(name, default)


def facts(values: Mapping[str, Fact]) -> tuple[tuple[str, Fact], ...]:
    """Facts in a fixed (sorted) order, so findings compare and serialise the same every run."""
    return tuple(sorted(values.items()))


@dataclass(frozen=True)
class MeasureRow:
    """One parent measure of a checked plan: one JUnit test case, one row in JSON."""

    id: str
    key: str
    label: str
    title: str | None
    name: str
    status: str
    coverage: float
    parent_lines: tuple[int, int]
    line: int
    """Where it lives (or would live) in the checked plan."""
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

    @property
    def waived(self) -> int:
        return sum(r.waived is not None for r in self.rows)


@dataclass(frozen=True)
class CheckReport:
    """Everything one `duizhao check` run found; what every output format renders."""

    config: str
    """The configuration, as annotated (relative to the repository)."""
    plans: tuple[PlanCheck, ...]
    findings: tuple[Finding, ...]
    """All findings in `ordered` order."""
    rules: tuple[RuleId, ...]
    """Active rule ids."""
    baseline: str | None = None
    waivers_table: str = "waivers"
    """Where the configuration keeps waivers (`waivers` or `tool.duizhao.waivers`)."""
    lang: str | None = None
    """The configuration's report language (zh or en), when it names one."""
    inputs: tuple[Path, ...] = ()
    """Every file the check read (configuration and plans): outputs must never replace them."""

    @property
    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.failing)

    @property
    def failed(self) -> bool:
        """A rule fails: the command exits 1 (unless told --exit-zero)."""
        return any(f.failing for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        return count(self.findings)


_RULE_ORDER = {rule: i for i, rule in enumerate(RuleId)}


def rank(f: Finding) -> tuple:
    """Sort key: failing first (drops first), then warnings, notes, waived; then place."""
    group = 0 if f.failing else 1 if f.shown else 2
    if f.waived is not None:
        group = 3
    return (
        group,
        _RULE_ORDER[f.rule],
        f.plan,
        f.path,
        f.line,
        f.parent_line or 0,
        f.subject,
        f.detail,
        repr(f.facts),
    )


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in the one stable order every output uses."""
    return tuple(sorted(findings, key=rank))


def count(findings: Iterable[Finding]) -> dict[str, int]:
    """How many are failing, warnings (unwaived), notes and waived."""
    findings = list(findings)
    return {
        "errors": sum(f.failing for f in findings),
        "warnings": sum(f.shown and not f.failing for f in findings),
        "notes": sum(f.waived is None and f.severity == Severity.NOTE for f in findings),
        "waived": sum(f.waived is not None for f in findings),
    }
