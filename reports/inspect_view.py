"""Terminal view of a parsed plan: metadata, the tree with measure counts and owners, warnings."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from duizhao.corpus.model import Node, Plan

LEVEL_NAMES = {"province": "省级", "city": "市级", "district": "区县级", "unknown": "级别不明"}


def render_plan(plan: Plan, console: Console, *, lang: str = "zh") -> None:
    """Print the plan's metadata panel, its tree and its warnings."""
    console.print(Panel(_metadata(plan), title=f"[bold]{plan.path}", expand=False))
    tree = Tree(Text(plan.title or "(untitled)", style="bold"))
    for node in plan.nodes:
        _add(tree, node)
    console.print(tree)
    if plan.warnings:
        console.print(Text(f"{len(plan.warnings)} numbering warning(s):", style="yellow"))
        for warning in plan.warnings:
            console.print(Text(f"  ! {warning}", style="yellow"))


def _metadata(plan: Plan) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    j = plan.jurisdiction
    rows = [
        ("title", plan.title or "—"),
        ("jurisdiction", f"{j.name or '—'} ({j.level}, {LEVEL_NAMES[j.level]})"),
        ("period", plan.period or "—"),
        ("draft", "yes" if plan.draft else "no"),
        ("issuer", " ".join(x for x in (plan.issuer, plan.date) if x) or "—"),
        ("cites", "\n".join(f"《{c}》" for c in plan.cites) or "—"),
        ("measures", str(len(plan.measures()))),
        ("format", plan.format),
    ]
    for key, value in rows:
        grid.add_row(key, Text(value))
    return grid


def _count(node: Node) -> int:
    return sum(1 for n in node.walk() if n.is_measure)


def _add(parent: Tree, node: Node) -> None:
    line = Text()
    line.append(node.label, style="bold cyan")
    line.append(node.title or _excerpt(node.body), style="bold" if node.children else "")
    if node.children:
        line.append(f"  [{_count(node)} measures]", style="dim")
    if node.owners:
        line.append("  ← " + "、".join(node.owners.all()), style="green")
    line.append(f"  L{node.lines[0]}", style="dim")
    branch = parent.add(line)
    for child in node.children:
        _add(branch, child)


def _excerpt(text: str, limit: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_flat(plan: Plan, console: Console, *, lang: str = "zh") -> None:
    """`inspect --flat`: one row per measure (label, title, text, owners, first line)."""
    from duizhao.reports.tables import measures_frame
    from duizhao.reports.terminal import print_frame

    frame = measures_frame(plan)
    owners = frame["lead"].where(frame["lead"] != "", frame["responsible"])
    view = frame[["label", "title", "text"]].assign(owners=owners, line=frame["first_line"])
    print_frame(view, console, title=plan.title)
