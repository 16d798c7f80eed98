"""`duizhao check` as a readable report: each plan's counts, unwaived findings, waived, verdict."""

from __future__ import annotations

import io

from duizhao.compare.check.model import CheckReport
from duizhao.reports.check.messages import (
    fix,
    message,
    plain,
    plan_line,
    severity_word,
    tally,
    verdict,
)
from duizhao.reports.common.i18n import gettext_for

_STYLES = {"error": "bold red", "warning": "yellow", "note": "dim"}


def render_text(
    report: CheckReport, *, lang: str | None = None, color: bool = False, width: int = 100
) -> str:
    """The report as text; ANSI colour only with `color` (the CLI passes isatty and NO_COLOR)."""
    from rich.console import Console
    from rich.text import Text

    _ = gettext_for(lang)
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
    )
    console.print(Text(f"duizhao check · {plain(report.config)}", style="bold"))
    for check in report.plans:
        console.print(Text(plan_line(check, lang)))
    for f in report.findings:
        if f.waived is not None:
            continue
        kind = str(f.kind)
        console.print()
        console.print(
            Text.assemble(
                (f"{severity_word(kind, lang):<7}", _STYLES[kind]),
                " ",
                (f"{plain(f.path)}:{f.line}", "bold"),
                "  ",
                (str(f.rule), "cyan"),
                f"  {plain(f.name)}" if f.name else "",
            )
        )
        console.print(Text(f"  {message(f, lang)}"))
        recipe = fix(f, report, lang)
        if recipe:
            console.print(Text("  " + recipe.replace("\n", "\n  "), style="green"))
    waived = [f for f in report.findings if f.waived is not None]
    if waived:
        console.print()
        console.print(Text(_("waived"), style="bold"))
        for f in waived:
            console.print(Text(f"  {f.rule}  {plain(f.name)}: {plain(f.waived)}", style="dim"))
    console.print()
    style = "bold red" if report.failed else "bold green"
    console.print(Text(f"{verdict(report, lang)}: {tally(report, lang)}", style=style))
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()
