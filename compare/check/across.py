"""Findings across the checked plans: stale and unexplained waivers, and baseline regressions.

A waiver is judged over every plan of the configuration (one waiver may serve several
plans); a baseline compares the same plan's evaluation now and at a revision, by measure key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from duizhao.compare.check.model import (
    Detail,
    Fact,
    Finding,
    MeasureRow,
    PlanCheck,
    RuleId,
    Severity,
    facts,
)
from duizhao.compare.check.rules import Rules, parent_location
from duizhao.compare.check.waivers import MatchHow, Waiver, looks_like_key


def waiver_findings(
    waivers: Sequence[Waiver], checks: Sequence[PlanCheck], rules: Rules, config: str
) -> list[Finding]:
    """Stale waivers, waivers matched only by text or title, and waivers without a reason."""
    severity = Severity.ERROR if rules.strict_waivers else Severity.WARNING
    out = []
    for index, waiver in enumerate(waivers):
        matched = [(c, c.matches[index]) for c in checks if c.matches[index].measure_ids]

        def finding(
            rule: RuleId, sev: Severity, detail: Detail, w: Waiver = waiver, /, **data: Fact
        ) -> Finding:
            data |= {"key": w.key, "waiver_label": w.label, "waiver_title": w.title}
            return Finding(
                rule, sev, detail, config, w.line, w.line, subject=f"waiver:{w.key}",
                facts=facts(data),
            )  # fmt: skip

        if not matched:
            detail = (
                Detail.WAIVER_UNMATCHED if looks_like_key(waiver.key) else Detail.WAIVER_NOT_A_KEY
            )
            out.append(finding(RuleId.STALE_WAIVER, severity, detail))
            continue
        if not any(index in c.used for c in checks):
            check, match = matched[0]
            row = _row(check, match.measure_ids[0])
            out.append(
                finding(
                    RuleId.STALE_WAIVER,
                    severity,
                    Detail.WAIVER_UNNEEDED,
                    **_row_facts(row),
                    plan=check.plan,
                )
            )
        elif not waiver.has_reason:
            out.append(finding(RuleId.WAIVER_REASON, severity, Detail.WAIVER_NO_REASON))
        for check, match in matched:
            if match.how != MatchHow.KEY:
                row = _row(check, match.measure_ids[0])
                out.append(
                    finding(
                        RuleId.STALE_WAIVER,
                        Severity.NOTE,
                        Detail.WAIVER_BY_TEXT,
                        **_row_facts(row),
                        how=str(match.how),
                        new_key=row.key,
                        plan=check.plan,
                    )
                )
    return out


def _row(check: PlanCheck, measure_id: str) -> MeasureRow:
    return next(r for r in check.rows if r.id == measure_id)


def _row_facts(row: MeasureRow) -> dict[str, Fact]:
    return {"measure": row.name, "status": row.status, "coverage": row.coverage}


def apply_baseline(now: PlanCheck, before: PlanCheck, rev: str) -> PlanCheck:
    """Failures already present at `rev` stop failing; regressions since `rev` are added."""
    known = {(f.rule, f.subject) for f in before.findings if f.failing}
    kept = [
        replace(f, severity=Severity.WARNING, baseline=rev)
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
        data: dict[str, Fact] = {
            "rev": rev,
            "parent": now.parent,
            "old_status": old.status,
            "old_coverage": old.coverage,
            "coverage": row.coverage,
        }
        out.append(
            Finding(
                rule=RuleId.REGRESSION,
                severity=Severity.ERROR,
                detail=Detail.REGRESSED_MEASURE,
                path=now.plan,
                line=line,
                end_line=end,
                plan=now.plan,
                subject=row.key,
                label=row.label,
                title=row.title,
                name=row.name,
                parent_line=row.parent_lines[0],
                waived=row.waived,
                facts=facts(data),
            )
        )
    if now.coverage < before.coverage - 1e-9:
        data = {"rev": rev, "old_coverage": before.coverage, "coverage": now.coverage}
        out.append(
            Finding(
                rule=RuleId.REGRESSION,
                severity=Severity.ERROR,
                detail=Detail.REGRESSED_COVERAGE,
                path=now.plan,
                line=1,
                end_line=1,
                plan=now.plan,
                subject="coverage",
                facts=facts(data),
            )
        )
    return out
