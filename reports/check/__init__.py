"""`duizhao check` reports, one module per format: text, json, github, junit, sarif, summary.

`render(report, fmt, lang=…, color=…, summary=…)` is the one dispatch; renderer modules are
imported only when their format is asked for.
"""

from __future__ import annotations

from enum import StrEnum

from duizhao.compare.check.model import CheckReport


class CheckFormat(StrEnum):
    """What `duizhao check --format` takes."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"
    SARIF = "sarif"


def render(
    report: CheckReport,
    fmt: CheckFormat | str,
    *,
    lang: str | None = None,
    color: bool = False,
    summary: bool = False,
) -> str:
    """The report in `fmt`; `summary` tells the github format a step summary is written too."""
    fmt = CheckFormat(fmt)
    if fmt == CheckFormat.TEXT:
        from duizhao.reports.check.text import render_text

        return render_text(report, lang=lang, color=color)
    if fmt == CheckFormat.JSON:
        from duizhao.reports.check.json import render_json

        return render_json(report, lang=lang)
    if fmt == CheckFormat.GITHUB:
        from duizhao.reports.check.github import render_github

        return render_github(report, summary=summary, lang=lang)
    if fmt == CheckFormat.JUNIT:
        from duizhao.reports.check.junit import render_junit

        return render_junit(report, lang=lang)
    from duizhao.reports.check.sarif import render_sarif

    return render_sarif(report, lang=lang)
