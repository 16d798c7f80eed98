"""`duizhao check` as SARIF 2.1.0 for GitHub code scanning: stable rule ids and fingerprints.

Results keep their ruleId and a fingerprint of (rule, plan, subject) across runs, and paths
are relative to the repository root, so alerts do not duplicate when a plan is edited.
"""

from __future__ import annotations

import hashlib
from typing import Any

from duizhao.compare.check.model import PARENT_RULES, WAIVER_RULES, CheckReport, Finding, RuleId
from duizhao.reports.check.messages import rule_text, with_fix
from duizhao.reports.common.i18n import N_, gettext_for
from duizhao.reports.pair.json import dump_json

_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_WAIVE_HELP = N_(
    "Restore the measure in the plan, or waive it in duizhao.toml with a reason: the finding "
    "prints the exact TOML to add."
)


def _sarif_rule(rule: RuleId, lang: str | None) -> dict[str, Any]:
    _ = gettext_for(lang)
    short, full = rule_text(rule, lang)
    return {
        "id": str(rule),
        "name": str(rule),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": full + (f" {_(_WAIVE_HELP)}" if rule in PARENT_RULES else "")},
        "defaultConfiguration": {"level": "warning" if rule in WAIVER_RULES else "error"},
    }


def _sarif_result(
    f: Finding, index: dict[RuleId, int], report: CheckReport, lang: str | None
) -> dict[str, Any]:
    fingerprint = hashlib.sha1(f"{f.rule}|{f.plan}|{f.subject}".encode()).hexdigest()[:16]
    result: dict[str, Any] = {
        "ruleId": str(f.rule),
        "ruleIndex": index[f.rule],
        "level": str(f.severity),
        "message": {"text": with_fix(f, report, lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path},
                    "region": {"startLine": f.line, "endLine": max(f.end_line, f.line)},
                }
            }
        ],
        "partialFingerprints": {"duizhaoFinding/v1": fingerprint},
        "properties": {"subject": f.subject, "label": f.label, "title": f.title},
    }
    if f.waived is not None:
        result["suppressions"] = [{"kind": "external", "justification": f.waived}]
    if report.baseline is not None:
        result["baselineState"] = "unchanged" if f.baseline is not None else "new"
    return result


def render_sarif(report: CheckReport, *, lang: str | None = None) -> str:
    """SARIF 2.1.0 JSON text."""
    rules = list(RuleId)
    index = {rule: i for i, rule in enumerate(rules)}
    sarif = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "duizhao",
                        "informationUri": "https://github.com/duizhao/duizhao",
                        "rules": [_sarif_rule(r, lang) for r in rules],
                    }
                },
                "results": [_sarif_result(f, index, report, lang) for f in report.findings],
            }
        ],
    }
    return dump_json(sarif)
