"""The comparison in the terminal (rich): notes, summary panel, dropped/added/reassigned tables.

Each table stops at MAX_ROWS rows with a "… N more (use --all)" line unless `show_all`.

Colour comes from the console: rich leaves it off when output is not a terminal or NO_COLOR is
set, and nothing here forces it. Plan text is passed as `Text`, never parsed as rich markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from duizhao.compare.result import Comparison
from duizhao.corpus.model import Node, Plan
from duizhao.reports.comparison_table import measure_name, split_partners
from duizhao.reports.escape import one_line, percent

MAX_ROWS = 15
STYLES = {
    "carried": "green", "partial": "yellow", "dropped": "bold red",
    "inherited": "green", "modified": "yellow", "added": "bold green",
    "moved": "magenta", "merged": "magenta", "split": "magenta", "owners_changed": "magenta",
}  # fmt: skip
TITLE_STYLES = {"Dropped": "bold red", "Added": "bold green"}
"""Table titles in colour; the reassigned tables use the default bold."""


def render_compare(
    result: Comparison, console: Console, *, show_all: bool = False, lang: str = "zh"
) -> None:
    """Print the comparison to `console`: notes, summary, dropped, added, reassigned."""
    for note in result.notes:
        console.print(Text.assemble(("warning: ", "bold yellow"), one_line(note)))
    console.print(_summary(result))
    r = result
    dropped = [p for p in r.parent_measures if p.status == "dropped"]
    _table(console, "Dropped", "parent measures with nothing substantial in the child",
           ["parent", "section", "text"],
           [[_name(p.measure), p.measure.section_heading, one_line(p.measure.text)] for p in dropped],
           show_all)  # fmt: skip
    added = [c for c in r.child_measures if c.status == "added"]
    _table(console, "Added", "child measures with no source in the parent",
           ["child", "section", "text"],
           [[_name(c.measure), c.measure.section_heading, one_line(c.measure.text)] for c in added],
           show_all)  # fmt: skip
    flagged = {f: [c for c in r.child_measures if f in c.flags]
               for f in ("moved", "merged", "split", "owners_changed")}  # fmt: skip
    _table(console, "Moved", "main source in a parent section that does not correspond",
           ["child", "now in", "was in"],
           [[_name(c.measure), c.measure.section_heading, " › ".join(c.moved_from)]
            for c in flagged["moved"]], show_all)  # fmt: skip
    _table(console, "Merged", "drawing on two or more parent measures", ["child", "sources"],
           [[_name(c.measure), "; ".join(f"{_name(r.parent_result(s.parent).measure)} "
                                         f"{s.child_share:.0%}" for s in c.sources)]
            for c in flagged["merged"]], show_all)  # fmt: skip
    _table(console, "Split", "main source also feeds other child measures",
           ["child", "main source", "also feeds"],
           [[_name(c.measure), _name(r.parent_result(c.main_source).measure),
             "; ".join(_name(r.child_result(k.child).measure) for k in split_partners(r, c)
                       if k.child != c.measure.id)]
            for c in flagged["split"] if c.main_source], show_all)  # fmt: skip
    _table(console, "Owners changed", "lead or responsible units differ",
           ["child", "before", "after"],
           [[_name(c.measure), "、".join(c.owners_before), "、".join(c.measure.owners.all())]
            for c in flagged["owners_changed"]], show_all)  # fmt: skip


def _name(node: Node) -> str:
    return one_line(measure_name(node)) if node.title else node.label


def _summary(r: Comparison) -> Panel:
    s = r.summary

    def counts(whole: int, pairs: Sequence[tuple[str, int]]) -> Text:
        text = Text()
        for n, (name, count) in enumerate(pairs):
            text.append(" · " if n else "")
            text.append(f"{name.replace('_', ' ')} {count}", style=STYLES[name] if count else "")
            text.append(f" ({percent(count, whole)})", style="dim")
        return text

    def plan(p: Plan, n: int) -> Text:
        j = p.jurisdiction
        facts = [j.name, j.level, p.period or "", "draft" if p.draft else "", f"{n} measures"]
        return Text.assemble((p.title, "bold"), "  ", " · ".join(x for x in facts if x))

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("parent", plan(r.parent, s.parent_measures))
    grid.add_row("child", plan(r.child, s.child_measures))
    grid.add_row("", "")
    grid.add_row(
        "parent",
        counts(
            s.parent_measures,
            [("carried", s.carried), ("partial", s.partial), ("dropped", s.dropped)],
        ),
    )
    grid.add_row(
        "child",
        counts(
            s.child_measures,
            [("inherited", s.inherited), ("modified", s.modified), ("added", s.added)],
        ),
    )
    grid.add_row(
        "reassigned",
        counts(
            s.child_measures,
            [
                ("moved", s.moved),
                ("merged", s.merged),
                ("split", s.split),
                ("owners_changed", s.owners_changed),
            ],
        ),
    )
    return Panel(grid, title=Text(f"对照 ({r.mode})"), title_align="left")


def _table(
    console: Console,
    title: str,
    caption: str,
    columns: list[str],
    rows: list[list[str]],
    show_all: bool,
) -> None:
    """A titled table whose last column takes the remaining width and is cut with …."""
    console.print()
    if not rows:
        console.print(Text.assemble((f"{title}: ", "bold"), "none"))
        return
    heading = Text.assemble(
        (f"{title} ({len(rows)})", TITLE_STYLES.get(title, "bold")), f" — {caption}"
    )
    table = Table(title=heading, title_justify="left", expand=True, show_lines=False)
    for n, name in enumerate(columns):
        last = n == len(columns) - 1
        table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=3 if last else 1,
                         max_width=None if last else 28)  # fmt: skip
    shown = rows if show_all else rows[:MAX_ROWS]
    for row in shown:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
    if len(shown) < len(rows):
        console.print(Text(f"… {len(rows) - len(shown)} more (use --all)", style="dim"))
