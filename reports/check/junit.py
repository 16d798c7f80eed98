"""`duizhao check` as JUnit XML: one test case per parent measure and one per rule.

GitLab shows `classname` as the suite and `name` as the test, so each checked plan is a
suite whose cases are its parent measures (failing when dropped unwaived, skipped when
waived) and its rules; the configuration is a suite of the waiver rules. Every value is
passed through `plain`, so the XML stays well-formed whatever the plans contain.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from duizhao.compare.check.model import PARENT_RULES, WAIVER_RULES, CheckReport, Finding, PlanCheck
from duizhao.reports.check.messages import message, plain, with_fix


def _case(suite: ET.Element, classname: str, name: str, path: str, line: int) -> ET.Element:
    attrs = {
        "classname": plain(classname),
        "name": plain(name),
        "file": plain(path),
        "line": str(line),
    }
    return ET.SubElement(suite, "testcase", attrs)


def _fail(case: ET.Element, findings: list[Finding], report: CheckReport, lang: str | None) -> None:
    first = findings[0]
    failure = ET.SubElement(
        case, "failure", {"message": message(first, lang), "type": str(first.rule)}
    )
    failure.text = "\n\n".join(
        f"{plain(f.path)}:{f.line} {f.rule}: {with_fix(f, report, lang)}" for f in findings
    )


def _plan_suite(root: ET.Element, report: CheckReport, check: PlanCheck, lang: str | None) -> None:
    suite = ET.SubElement(root, "testsuite", {"name": plain(check.plan)})
    mine = [f for f in report.findings if f.plan == check.plan]
    for row in check.rows:
        case = _case(suite, check.plan, row.name, check.plan, row.line)
        failing = [f for f in mine if f.failing and f.rule in PARENT_RULES and f.subject == row.key]
        if failing:
            _fail(case, failing, report, lang)
        elif row.waived is not None:
            ET.SubElement(case, "skipped", {"message": f"waived: {plain(row.waived)}"})
    for rule in report.rules:
        if rule in WAIVER_RULES:
            continue
        case = _case(suite, check.plan, f"rule {rule}", check.plan, 1)
        failing = [f for f in mine if f.failing and f.rule == rule]
        if failing:
            _fail(case, failing, report, lang)


def _config_suite(root: ET.Element, report: CheckReport, lang: str | None) -> None:
    suite = ET.SubElement(root, "testsuite", {"name": plain(report.config)})
    for rule in WAIVER_RULES:
        case = _case(suite, report.config, f"rule {rule}", report.config, 1)
        failing = [f for f in report.findings if f.failing and f.rule == rule]
        if failing:
            _fail(case, failing, report, lang)


def _count_cases(element: ET.Element) -> None:
    cases = element.findall(".//testcase")
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    element.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))


def render_junit(report: CheckReport, *, lang: str | None = None) -> str:
    """JUnit XML text (UTF-8 declaration, final newline)."""
    root = ET.Element("testsuites", {"name": "duizhao check"})
    for check in report.plans:
        _plan_suite(root, report, check, lang)
    _config_suite(root, report, lang)
    for suite in root.findall("testsuite"):
        _count_cases(suite)
    _count_cases(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
