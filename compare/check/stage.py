"""The check as one pure stage: a Config and the I/O it needs, passed in → a CheckReport.

The caller hands over how to read a plan, how to read one at a git revision and how to
compare two plans, so this module does no I/O and tests can run it on hand-made plans.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from duizhao.compare.check.across import apply_baseline, waiver_findings
from duizhao.compare.check.config import Config, PlanEntry
from duizhao.compare.check.model import CheckReport, PlanCheck, ordered
from duizhao.compare.check.rules import evaluate
from duizhao.compare.result import Comparison
from duizhao.compare.settings import Settings
from duizhao.corpus.errors import ConfigError, InputError
from duizhao.corpus.model import Plan

ReadPlan = Callable[[Path], Plan]
ReadPlanAt = Callable[[str, Path], Plan]
Compare = Callable[[Plan, Plan, Settings], Comparison]


def run(
    config: Config,
    *,
    read_plan: ReadPlan,
    compare: Compare,
    read_plan_at: ReadPlanAt | None = None,
    baseline: str | None = None,
) -> CheckReport:
    """Compare every configured plan to its nearest parent and judge the result.

    Each `[[plans]]` entry is compared to the last of its `parents`; the higher ones are read
    too, so a missing or unreadable one is an error. With `baseline`, the checked plan is
    also read at that revision and compared to the same parent: failures already there stop
    failing, regressions since then fail.
    """
    if baseline is not None and read_plan_at is None:
        raise InputError("--baseline", "needs a git repository to read the plan at a revision")
    cache: dict[Path, Plan] = {}

    def plan(path: Path) -> Plan:
        if path not in cache:
            cache[path] = read_plan(path)
        return cache[path]

    checks = []
    for entry in config.plans:
        for higher in entry.parents[:-1]:
            plan(higher)
        checks.append(_check_entry(config, entry, plan, compare, read_plan_at, baseline))
    _unmatched_sections(config, checks)
    config_name = config.display(config.path)
    findings = [f for c in checks for f in c.findings]
    findings += waiver_findings(config.waivers, checks, config.rules, config_name)
    return CheckReport(
        config=config_name,
        plans=tuple(checks),
        findings=ordered(findings),
        rules=config.rules.active(baseline=baseline is not None),
        baseline=baseline,
        waivers_table=config.style.table,
        lang=config.lang,
        inputs=config.inputs,
    )


def _check_entry(
    config: Config,
    entry: PlanEntry,
    plan: ReadPlan,
    compare: Compare,
    read_plan_at: ReadPlanAt | None,
    baseline: str | None,
) -> PlanCheck:
    child_name, parent_name = config.display(entry.file), config.display(entry.parent)
    parent = plan(entry.parent)
    now = _judge(
        config, compare(parent, plan(entry.file), config.settings), child_name, parent_name
    )
    if baseline is None or read_plan_at is None:
        return now
    old = compare(parent, read_plan_at(baseline, entry.file), config.settings)
    return apply_baseline(now, _judge(config, old, child_name, parent_name), baseline)


def _judge(config: Config, result: Comparison, child: str, parent: str) -> PlanCheck:
    return evaluate(
        result, config.rules, config.waivers, plan=child, parent=parent, style=config.style
    )


def _unmatched_sections(config: Config, checks: Sequence[PlanCheck]) -> None:
    for name, _ in config.rules.min_coverage_by_section:
        if all(name in c.unmatched_sections for c in checks):
            example = next(
                (n.heading for n in checks[0].comparison.parent.walk() if n.children), "一、…"
            )
            raise ConfigError(
                config.path,
                "{prefix}rules.min_coverage_by_section: {name!r} names no section of the parent plan (use a heading such as {example!r})",
                prefix=config.prefix,
                name=name,
                example=example,
            )
