"""Terminal view of a parsed plan (inspect): metadata, the tree with measure counts, owners and
deadlines, tracked changes and the reviewers' comments with the measure each is anchored in,
and numbering warnings; `--flat` as one row per measure. In the report language.

Plan text is stripped of terminal control sequences. The revision and deadline fields are read
with getattr: plans parsed by an older model (the cache) have neither.
"""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from duizhao.corpus.errors import reworded, say
from duizhao.corpus.model import Node, Plan
from duizhao.corpus.tree import WARNINGS
from duizhao.reports.common.escape import terminal_line, truncate
from duizhao.reports.common.i18n import _, level_word, using
from duizhao.reports.plan.csv import anchored_in, deadline, measure_rows


def render_plan(plan: Plan, console: Console, *, lang: str = "zh") -> None:
    """Print the plan's metadata panel, its tree, its revisions and comments, its warnings."""
    with using(lang):
        _plan(plan, console)


def _plan(plan: Plan, console: Console) -> None:
    console.print(Panel(_metadata(plan), title=Text(terminal_line(plan.path)), expand=False))
    tree = Tree(Text(terminal_line(plan.title) or _("(untitled)"), style="bold"))
    for node in plan.nodes:
        _add(tree, node)
    console.print(tree)
    _revisions(plan, console)
    _ocr(plan, console)
    if plan.warnings:
        head = _("{n} numbering warning(s):").format(n=len(plan.warnings))
        console.print(Text(head, style="yellow"))
        for warning in plan.warnings:
            said = str(say(reworded(warning, WARNINGS), _))
            console.print(Text(f"  ! {terminal_line(said)}", style="yellow"))


def _metadata(plan: Plan) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    j = plan.jurisdiction
    level = level_word(j.level)
    rows = [
        (_("title"), plan.title or "—"),
        (_("jurisdiction"), f"{j.name or '—'} ({level})"),
        (_("period"), plan.period or "—"),
        (_("draft"), _("yes") if plan.draft else _("no")),
        (_("issuer"), " ".join(x for x in (plan.issuer, plan.date) if x) or "—"),
        (_("cites"), "\n".join(f"《{c}》" for c in plan.cites) or "—"),
        (_("measures"), str(len(plan.measures()))),
        (_("format"), plan.converted_from or plan.format),
    ]
    dated = sum(1 for m in plan.measures() if deadline(m))
    if dated:
        rows.append((_("deadline"), _("{n} measure(s) with a deadline").format(n=dated)))
    for key, value in rows:
        grid.add_row(key, Text("\n".join(terminal_line(v) for v in value.split("\n"))))
    return grid


def _count(node: Node) -> int:
    return sum(1 for n in node.walk() if n.is_measure)


def _add(parent: Tree, node: Node) -> None:
    line = Text()
    gap = " " if node.label[-1:].isdigit() else ""  # `1 组织…`: a bare number, never glued
    line.append(terminal_line(node.label) + gap, style="bold cyan")
    text = node.title or truncate(node.body, 30)
    line.append(terminal_line(text), style="bold" if node.children else "")
    if node.children:
        line.append("  " + _("[{n} measures]").format(n=_count(node)), style="dim")
    if node.owners:
        line.append("  ← " + terminal_line("、".join(node.owners.all())), style="green")
    if deadline(node):
        when = _("deadline: {when}").format(when=terminal_line(deadline(node)))
        line.append(f"  {when}", style="magenta")
    line.append(f"  L{node.lines[0]}", style="dim")
    branch = parent.add(line)
    for child in node.children:
        _add(branch, child)


def _revisions(plan: Plan, console: Console) -> None:
    revisions = plan.revisions
    if not revisions:
        return
    changes = revisions.changes
    if changes:
        authors = "、".join(revisions.authors) or "—"
        text = (
            _("{n} tracked change(s) by {authors}; the text before them was read")
            if revisions.original
            else _("{n} tracked change(s) by {authors}; the text with them accepted was read")
        )
        console.print(Text(text.format(n=changes, authors=terminal_line(authors)), style="yellow"))
    comments = revisions.comments
    if comments:
        console.print(Text(_("{n} comment(s):").format(n=len(comments)), style="yellow"))
    for c in comments:
        anchor = anchored_in(plan, c.anchor_line)
        where = (
            _("on {name} (line {line})").format(
                name=terminal_line(truncate(anchor.name, 30)), line=c.anchor_line
            )
            if anchor is not None
            else _("not on a measure")
        )
        author = terminal_line(c.author or "—")
        console.print(Text(f"  {author} — {where}: {terminal_line(c.text)}"))


def untitled_name(row: dict[str, object]) -> str:
    """The title cell of a measure that has none: its first words (`Node.name` without the
    label), so a row never reads as an empty title."""
    name, label = str(row["name"]), str(row["label"])
    return name.removeprefix(label).strip()


LOW_LINES_SHOWN = 30
"""Low-confidence lines listed in the terminal (all of them are in `inspect --json`)."""


def _ocr(plan: Plan, console: Console) -> None:
    """Which pages were read by OCR, with what confidence, and the lines to check by eye."""
    ocr = getattr(plan, "ocr", None)
    if ocr is None:
        return
    head = _("read by OCR ({engine}): {pages} page(s), mean confidence {confidence}")
    console.print(
        Text(
            head.format(
                engine=terminal_line(ocr.engine),
                pages=len(ocr.pages),
                confidence=f"{ocr.confidence:.1%}",
            ),
            style="yellow",
        )
    )
    pages = "  ".join(
        _("page {page}: {confidence}").format(page=p.page, confidence=f"{p.confidence:.1%}")
        for p in ocr.pages
    )
    console.print(Text(f"  {pages}", style="dim"))
    if not ocr.low:
        return
    low = _("{n} line(s) read with low confidence (below {limit}); check them:")
    console.print(Text(low.format(n=len(ocr.low), limit="90%"), style="yellow"))
    for line in ocr.low[:LOW_LINES_SHOWN]:
        where = _("page {page}, paragraph {paragraph}").format(
            page=line.page, paragraph=line.paragraph
        )
        console.print(Text(f"  {where} ({line.confidence:.0%}): {terminal_line(line.text)}"))
    if len(ocr.low) > LOW_LINES_SHOWN:
        console.print(Text(f"  … (+{len(ocr.low) - LOW_LINES_SHOWN})", style="dim"))


def render_flat(plan: Plan, console: Console, *, lang: str = "zh") -> None:
    """`inspect --flat`: one row per measure (label, title, text, owners, deadline, line)."""
    with using(lang):
        _flat(plan, console)


def _flat(plan: Plan, console: Console) -> None:
    rows = measure_rows(plan)
    dated = any(r["deadline"] for r in rows)
    heads = [_("label"), _("title"), _("text"), _("owners")]
    heads += [_("deadline")] if dated else []
    heads.append(_("line"))
    table = Table(title=Text(terminal_line(plan.title)), show_lines=False, expand=True)
    caps = [12, 16, 0, 16] + ([12] if dated else []) + [6]
    for head, cap in zip(heads, caps, strict=True):
        if cap:
            table.add_column(head, overflow="ellipsis", no_wrap=True, width=cap)
        else:
            table.add_column(head, overflow="ellipsis", no_wrap=True, ratio=1)
    for r in rows:
        owners = r["lead"] or r["responsible"]
        cells = [r["label"], r["title"] or untitled_name(r), r["text"], owners]
        cells += [r["deadline"]] if dated else []
        cells.append(r["first_line"])
        table.add_row(*(Text(terminal_line(str(c))) for c in cells))
    console.print(table)
