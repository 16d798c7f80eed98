"""`duizhao check` findings as text, JSON, GitHub annotations, JUnit XML, SARIF 2.1.0 and markdown."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from duizhao.compare.rules import PARENT_RULES, RULES, CheckReport, Finding, PlanCheck
from duizhao.reports.escape import md_cell, one_line
from duizhao.reports.json_report import dump_json

SCHEMA = "duizhao/check@1"
ANNOTATIONS_PER_KIND = 10
"""GitHub shows at most 10 error and 10 warning annotations per step."""
_MARK = {"error": "✗", "warning": "!", "note": "·"}


def _tally(report: CheckReport) -> str:
    c = report.counts
    parts = [f"{c['errors']} error(s)", f"{c['warnings']} warning(s)", f"{c['waived']} waived"]
    if c["notes"]:
        parts.append(f"{c['notes']} note(s)")
    return ", ".join(parts)


def _verdict(report: CheckReport) -> str:
    if report.failing:
        return "failed" if report.exit_code else "failed (not failing the run: --exit-zero)"
    return "passed"


def _plan_line(check: PlanCheck) -> str:
    s = check.comparison.summary
    waived = sum(r.waived is not None for r in check.rows)
    return (
        f"{check.plan} ← {check.parent}: {s.parent_measures} parent measures, {s.carried} "
        f"carried, {s.partial} partial, {s.dropped} dropped ({waived} waived); coverage "
        f"{check.coverage:.0%}"
    )


def _where(f: Finding) -> str:
    return f"{f.path}:{f.line}"


# --- text ------------------------------------------------------------------------------------


def render_text(report: CheckReport, stream: TextIO) -> None:
    """A readable report on a rich console (colour only on a terminal)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    console.print(Text(f"duizhao check · {report.config}", style="bold"))
    for check in report.plans:
        console.print(Text(_plan_line(check)))
    styles = {"error": "bold red", "warning": "yellow", "note": "dim"}
    for f in report.findings:
        if f.waived is not None:
            continue
        kind = "error" if f.failing else f.severity
        console.print()
        console.print(
            Text.assemble(
                (f"{kind:<7}", styles[kind]),
                " ",
                (_where(f), "bold"),
                "  ",
                (f.rule, "cyan"),
                f"  {f.name}" if f.name else "",
            )
        )
        console.print(Text(f"  {f.message}"))
        if f.fix:
            console.print(Text("  " + f.fix.replace("\n", "\n  "), style="green"))
    waived = [f for f in report.findings if f.waived is not None]
    if waived:
        console.print()
        console.print(Text("waived", style="bold"))
        for f in waived:
            console.print(Text(f"  {f.rule}  {f.name}: {f.waived}", style="dim"))
    console.print()
    style = "bold red" if report.failing else "bold green"
    console.print(Text(f"{_verdict(report)}: {_tally(report)}", style=style))


# --- json --------------------------------------------------------------------------------------


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "failing": f.failing,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "end_line": f.end_line,
        "plan": f.plan,
        "subject": f.subject,
        "label": f.label,
        "title": f.title,
        "parent_line": f.parent_line,
        "waived": f.waived,
        "fix": f.fix,
        "baseline": f.baseline,
    }


def report_dict(report: CheckReport) -> dict[str, Any]:
    """The report as `duizhao/check@1`."""
    return {
        "schema": SCHEMA,
        "ok": not report.failing,
        "exit_code": report.exit_code,
        "config": report.config,
        "baseline": report.baseline,
        "rules": list(report.rules),
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
        "findings": [finding_dict(f) for f in report.findings],
    }


def render_json(report: CheckReport) -> str:
    return dump_json(report_dict(report))


# --- github --------------------------------------------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow-command message: %, CR and LF escaped (as @actions/core does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow-command property value: also : and , escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(kind: str, f: Finding) -> str:
    """One `::error file=…,line=…,endLine=…,title=…::message` line."""
    title = f"duizhao {f.rule}" + (f": {f.name}" if f.name else "")
    message = f.message + (f"\n{f.fix}" if f.fix else "")
    props = {"file": f.path, "line": str(f.line), "endLine": str(f.end_line), "title": title}
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{kind} {joined}::{escape_data(message)}"


def render_github(report: CheckReport, *, summary: bool = False) -> str:
    """Annotations, most important first: 10 errors, 10 warnings, then a notice of the rest."""
    lines = [f"duizhao check: {_verdict(report)}: {_tally(report)}"]
    errors = [f for f in report.findings if f.failing]
    warnings = [f for f in report.findings if f.shown and not f.failing]
    lines += [annotation("error", f) for f in errors[:ANNOTATIONS_PER_KIND]]
    lines += [annotation("warning", f) for f in warnings[:ANNOTATIONS_PER_KIND]]
    more_errors = max(len(errors) - ANNOTATIONS_PER_KIND, 0)
    more_warnings = max(len(warnings) - ANNOTATIONS_PER_KIND, 0)
    if more_errors or more_warnings:
        where = "the step summary" if summary else "the output of `duizhao check --format text`"
        text = (
            f"{more_errors + more_warnings} more finding(s) not shown as annotations "
            f"({more_errors} error(s), {more_warnings} warning(s)): read them in {where}"
        )
        lines.append(f"::notice title={escape_property('duizhao check')}::{escape_data(text)}")
    return "\n".join(lines) + "\n"


# --- junit ---------------------------------------------------------------------------------------


def _case(suite: ET.Element, classname: str, name: str, path: str, line: int) -> ET.Element:
    attrs = {"classname": classname, "name": name, "file": path, "line": str(line)}
    return ET.SubElement(suite, "testcase", attrs)


def _fail(case: ET.Element, findings: list[Finding]) -> None:
    first = findings[0]
    failure = ET.SubElement(
        case, "failure", {"message": one_line(first.message), "type": first.rule}
    )
    failure.text = "\n\n".join(
        f"{_where(f)} {f.rule}: {f.message}" + (f"\n{f.fix}" if f.fix else "") for f in findings
    )


def _plan_suite(root: ET.Element, report: CheckReport, check: PlanCheck) -> None:
    suite = ET.SubElement(root, "testsuite", {"name": check.plan})
    mine = [f for f in report.findings if f.plan == check.plan]
    for row in check.rows:
        case = _case(
            suite, check.plan, f"{row.label} {row.title or ''}".strip(), check.plan, row.line
        )
        failing = [f for f in mine if f.failing and f.rule in PARENT_RULES and f.subject == row.key]
        if failing:
            _fail(case, failing)
        elif row.waived is not None:
            ET.SubElement(case, "skipped", {"message": f"waived: {one_line(row.waived)}"})
    for rule in report.rules:
        if rule in ("stale-waiver", "waiver-reason"):
            continue
        case = _case(suite, check.plan, f"rule {rule}", check.plan, 1)
        failing = [f for f in mine if f.failing and f.rule == rule]
        if failing:
            _fail(case, failing)


def _config_suite(root: ET.Element, report: CheckReport) -> None:
    suite = ET.SubElement(root, "testsuite", {"name": report.config})
    for rule in ("stale-waiver", "waiver-reason"):
        case = _case(suite, report.config, f"rule {rule}", report.config, 1)
        failing = [f for f in report.findings if f.failing and f.rule == rule]
        if failing:
            _fail(case, failing)


def _count_cases(element: ET.Element) -> None:
    cases = element.findall(".//testcase")
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    element.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))


def render_junit(report: CheckReport) -> str:
    """One test case per parent measure (failing when dropped unwaived) and one per rule."""
    root = ET.Element("testsuites", {"name": "duizhao check"})
    for check in report.plans:
        _plan_suite(root, report, check)
    _config_suite(root, report)
    for suite in root.findall("testsuite"):
        _count_cases(suite)
    _count_cases(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# --- sarif ---------------------------------------------------------------------------------------

_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_WAIVE_HELP = (
    " Restore the measure in the plan, or waive it in duizhao.toml with a reason: the finding "
    "prints the exact TOML to add."
)
_DEFAULT_LEVEL = {"stale-waiver": "warning", "waiver-reason": "warning"}


def _sarif_rule(rule: str) -> dict[str, Any]:
    short, full = RULES[rule]
    return {
        "id": rule,
        "name": rule,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": full + (_WAIVE_HELP if rule in PARENT_RULES else "")},
        "defaultConfiguration": {"level": _DEFAULT_LEVEL.get(rule, "error")},
    }


def _sarif_result(f: Finding, rule_index: dict[str, int], baseline: bool) -> dict[str, Any]:
    fingerprint = hashlib.sha1(f"{f.rule}|{f.plan}|{f.subject}".encode()).hexdigest()[:16]
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": f.severity,
        "message": {"text": f.message + (f"\n{f.fix}" if f.fix else "")},
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
    if baseline:
        result["baselineState"] = "unchanged" if f.baseline else "new"
    return result


def render_sarif(report: CheckReport) -> str:
    """SARIF 2.1.0 for GitHub code scanning: stable rule ids, repository-relative paths."""
    rules = list(RULES)
    index = {rule: i for i, rule in enumerate(rules)}
    results = [_sarif_result(f, index, report.baseline is not None) for f in report.findings]
    sarif = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "duizhao",
                        "informationUri": "https://github.com/duizhao/duizhao",
                        "rules": [_sarif_rule(r) for r in rules],
                    }
                },
                "results": results,
            }
        ],
    }
    return dump_json(sarif)


# --- markdown step summary -------------------------------------------------------------------


def _md_table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]


def render_summary(report: CheckReport) -> str:
    """Markdown for GITHUB_STEP_SUMMARY: verdict, plans, every finding, then each comparison."""
    icon = "❌" if report.failing else "✅"
    lines = [f"## duizhao check {icon} {_verdict(report)}", "", md_cell(_tally(report)), ""]
    lines += _md_table(
        [
            "plan",
            "parent",
            "parent measures",
            "carried",
            "partial",
            "dropped",
            "waived",
            "coverage",
        ],
        (
            [
                c.plan,
                c.parent,
                str(c.comparison.summary.parent_measures),
                str(c.comparison.summary.carried),
                str(c.comparison.summary.partial),
                str(c.comparison.summary.dropped),
                str(sum(r.waived is not None for r in c.rows)),
                f"{c.coverage:.0%}",
            ]
            for c in report.plans
        ),
    )
    shown = [f for f in report.findings if f.waived is None]
    if shown:
        lines += ["", "### Findings", ""]
        lines += _md_table(
            ["", "rule", "where", "message"],
            (
                ["error" if f.failing else f.severity, f.rule, _where(f), _with_fix(f)]
                for f in shown
            ),
        )
    waived = [f for f in report.findings if f.waived is not None]
    if waived:
        lines += ["", "### Waived", ""]
        lines += _md_table(
            ["rule", "measure", "reason"], ([f.rule, f.name, f.waived or ""] for f in waived)
        )
    lines += _comparisons(report)
    return "\n".join(lines) + "\n"


def _with_fix(f: Finding) -> str:
    return f.message + (f"\n{f.fix}" if f.fix else "")


def _comparisons(report: CheckReport) -> list[str]:
    """Each comparison's own markdown report, folded, when that renderer is available."""
    try:
        from duizhao.reports.markdown import render_markdown
    except ImportError:
        return []
    out = []
    for check in report.plans:
        try:
            body = render_markdown(check.comparison)
        except Exception as exc:  # a report detail must never break the check
            body = md_cell(f"(the comparison report could not be rendered: {exc})")
        title = md_cell(f"Comparison: {check.plan} ← {check.parent}")
        out += ["", f"<details><summary>{title}</summary>", "", body.rstrip("\n"), "", "</details>"]
    return out


def truncated(text: str, budget: int) -> str:
    """`text` cut at a line end to fit `budget` UTF-8 bytes, ending with a line saying so.

    Open `<details>` blocks are closed first, so the notice is never folded away.
    """
    if len(text.encode("utf-8")) <= budget:
        return text
    notice = (
        "\n\n> **Truncated**: this report reached GitHub's step-summary size limit; run "
        "`duizhao check --format json` for every finding.\n"
    )
    closer = "\n</details>"
    room = budget - len(notice.encode("utf-8")) - len(closer) * _max_depth(text)
    kept, used, depth = [], 0, 0
    for line in text.splitlines(keepends=True):
        size = len(line.encode("utf-8"))
        if used + size > room:
            break
        kept.append(line)
        used += size
        depth += line.count("<details>") + line.count("<details ") - line.count("</details>")
    if room <= 0:
        return notice.lstrip("\n") if len(notice.encode("utf-8")) <= budget else ""
    return "".join(kept).rstrip("\n") + closer * max(depth, 0) + notice


def _max_depth(text: str) -> int:
    depth = deepest = 0
    for line in text.splitlines():
        depth += line.count("<details>") + line.count("<details ") - line.count("</details>")
        deepest = max(deepest, depth)
    return deepest


def append_step_summary(path: Path, text: str, limit: int) -> str | None:
    """Append `text` to the step summary file within `limit` bytes; the problem, if any."""
    try:
        existing = path.stat().st_size if path.exists() else 0
        with path.open("a", encoding="utf-8") as handle:
            handle.write(truncated(text, max(limit - existing, 0)))
    except OSError as exc:  # the summary is a courtesy: the check's verdict stands without it
        return f"{path}: the step summary cannot be written ({exc.strerror or exc})"
    return None
