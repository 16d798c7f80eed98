"""`duizhao check` as `duizhao/check@1` JSON: every plan's parent measures and every finding."""

from __future__ import annotations

from typing import Any

from duizhao.compare.check.model import CheckReport, Finding
from duizhao.reports.check.messages import fix, message
from duizhao.reports.pair.json import dump_json

SCHEMA = "duizhao/check@1"


def _value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def finding_dict(f: Finding, report: CheckReport, lang: str | None = None) -> dict[str, Any]:
    """One finding: its data, and its message and fix in `lang`."""
    return {
        "rule": str(f.rule),
        "severity": str(f.severity),
        "failing": f.failing,
        "detail": str(f.detail),
        "message": message(f, lang),
        "path": f.path,
        "line": f.line,
        "end_line": f.end_line,
        "plan": f.plan,
        "subject": f.subject,
        "label": f.label,
        "title": f.title,
        "name": f.name,
        "parent_line": f.parent_line,
        "waived": f.waived,
        "fix": fix(f, report, lang),
        "waiver_toml": f.waiver_toml,
        "baseline": f.baseline is not None,
        "facts": {k: _value(v) for k, v in f.facts},
    }


def report_dict(report: CheckReport, lang: str | None = None) -> dict[str, Any]:
    """The report as `duizhao/check@1` (`ok` is false exactly when the check fails)."""
    return {
        "schema": SCHEMA,
        "ok": not report.failed,
        "config": report.config,
        "baseline": report.baseline,
        "rules": [str(r) for r in report.rules],
        "counts": dict(report.counts),
        "plans": [
            {
                "plan": c.plan,
                "parent": c.parent,
                "coverage": c.coverage,
                "summary": c.comparison.summary.to_dict(),
                "parent_measures": [
                    {
                        "id": r.id,
                        "key": r.key,
                        "label": r.label,
                        "title": r.title,
                        "name": r.name,
                        "status": r.status,
                        "coverage": r.coverage,
                        "parent_lines": list(r.parent_lines),
                        "line": r.line,
                        "waived": r.waived,
                    }
                    for r in c.rows
                ],
            }
            for c in report.plans
        ],
        "findings": [finding_dict(f, report, lang) for f in report.findings],
    }


def render_json(report: CheckReport, *, lang: str | None = None) -> str:
    return dump_json(report_dict(report, lang))
