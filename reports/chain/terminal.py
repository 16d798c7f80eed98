"""A chain on the terminal: each pair's counts, the measures lost (or all with --all), the
measures each level added, named. Plan text is stripped of terminal control sequences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from duizhao.compare.chain import Chain
from duizhao.reports.chain.views import (
    added_measures,
    level_header,
    pair_line,
    plan_name,
    trace_headers,
    trace_rows,
    traced,
)
from duizhao.reports.common.escape import terminal_line, truncate
from duizhao.reports.common.i18n import _, note_text, using

if TYPE_CHECKING:
    from rich.console import Console

MAX_NAMES = 15
"""Added measures named per level before "… N more (use --all)"."""


def render_chain_terminal(
    chain: Chain, console: Console, *, show_all: bool = False, lang: str = "zh"
) -> None:
    """Chain summary, lost/restored measures and the trace table (rich)."""
    with using(lang):
        _draw(chain, console, show_all)


def _draw(chain: Chain, console: Console, show_all: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    names = [terminal_line(plan_name(chain, i)) for i in range(len(chain.plans))]
    console.print(Text.assemble((_("Comparison"), "bold"), " ", " → ".join(names)))
    for note in chain.notes:
        console.print(Text(f"! {terminal_line(note_text(note))}", style="yellow"))
    for i in range(len(chain.pairs)):
        console.print(Text(terminal_line(pair_line(chain, i))))
    rows = trace_rows(chain)
    measures = traced(chain)
    shown = [r for r, t in zip(rows, measures, strict=True) if show_all or t.lost_at is not None]
    title = _("measures of the top plan") if show_all else _("lost along the chain")
    table = Table(title=f"{title} ({len(shown)})")
    for header in trace_headers(chain):
        table.add_column(Text(terminal_line(header)), overflow="fold")
    for r in shown:
        table.add_row(*(Text(terminal_line(c)) for c in r))
    console.print(table)
    if not show_all:
        more = len(rows) - len(shown)
        console.print(_("{n} more measures reach every level (use --all).").format(n=more))
    for i, nodes in added_measures(chain).items():
        console.print(
            Text(
                f"{level_header(chain, i)}: "
                + _("{n} measure(s) whose substance appears in no plan above").format(n=len(nodes))
            )
        )
        listed = nodes if show_all else nodes[:MAX_NAMES]
        for n in listed:
            console.print(Text(f"  {terminal_line(truncate(n.name, 60))}"))
        if len(listed) < len(nodes):
            console.print(_("  … {n} more (use --all)").format(n=len(nodes) - len(listed)))
