"""`duizhao check` as GitHub Actions workflow commands: the most important annotations first.

GitHub shows 10 error and 10 warning annotations per step and drops the rest silently, so
failing findings come first and a notice says how many were left out. Every value put in a
command is escaped as the Actions toolkit does (%25 %0D %0A; also %3A %2C in properties),
and every line printed starts with text of ours, so nothing from a plan, a file name or a
configuration can start a workflow command (`::add-mask::`, `::stop-commands::`).
"""

from __future__ import annotations

import unicodedata

from duizhao.compare.check.model import CheckReport, Finding
from duizhao.reports.check.messages import plain, tally, verdict, with_fix
from duizhao.reports.common.i18n import gettext_for

ANNOTATIONS_PER_KIND = 10
"""GitHub shows at most 10 error and 10 warning annotations per step."""


def escape_data(text: str) -> str:
    """A workflow-command message: %, CR and LF escaped (as @actions/core does), and every
    other control or line-separator character too (%0C, %2028: shown, never a line break)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return "".join(f"%{ord(ch):02X}" if _breaks(ch) else ch for ch in text)


def _breaks(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch == "\x85"


def escape_property(text: str) -> str:
    """A workflow-command property value: also : and , escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(kind: str, f: Finding, report: CheckReport, lang: str | None = None) -> str:
    """One `::error file=…,line=…,endLine=…,title=…::message` line."""
    title = f"duizhao {f.rule}" + (f": {plain(f.name)}" if f.name else "")
    props = {"file": f.path, "line": str(f.line), "endLine": str(f.end_line), "title": title}
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{kind} {joined}::{escape_data(with_fix(f, report, lang))}"


def render_github(report: CheckReport, *, summary: bool = False, lang: str | None = None) -> str:
    """Annotations, most important first: 10 errors, 10 warnings, then a notice of the rest."""
    _ = gettext_for(lang)
    lines = [f"duizhao check: {verdict(report, lang)}: {tally(report, lang)}"]
    errors = [f for f in report.findings if f.failing]
    warnings = [f for f in report.findings if f.shown and not f.failing]
    lines += [annotation("error", f, report, lang) for f in errors[:ANNOTATIONS_PER_KIND]]
    lines += [annotation("warning", f, report, lang) for f in warnings[:ANNOTATIONS_PER_KIND]]
    more_errors = max(len(errors) - ANNOTATIONS_PER_KIND, 0)
    more_warnings = max(len(warnings) - ANNOTATIONS_PER_KIND, 0)
    if more_errors or more_warnings:
        where = (
            _("the step summary") if summary else _("the output of `duizhao check --format text`")
        )
        text = _(
            "{more} more finding(s) not shown as annotations ({errors} error(s), {warnings} "
            "warning(s)): read them in {where}"
        ).format(
            more=more_errors + more_warnings,
            errors=more_errors,
            warnings=more_warnings,
            where=where,
        )
        lines.append(f"::notice title={escape_property('duizhao check')}::{escape_data(text)}")
    return "\n".join(lines) + "\n"
