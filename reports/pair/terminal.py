"""The comparison in the terminal (rich): notes, summary panel, dropped/added/reassigned tables.

Each table stops at MAX_ROWS rows with a "… N more (use --all)" line unless `show_all`.

Colour comes from the console: rich leaves it off when output is not a terminal or NO_COLOR is
set, and nothing here forces it. Plan text is passed as `Text`, never parsed as rich markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from duizhao.compare.result import Comparison, SpanKind
from duizhao.corpus.model import Node, Plan
from duizhao.reports.common.escape import percent, terminal_line
from duizhao.reports.common.i18n import gettext_for, note_text, word
from duizhao.reports.common.owner_words import owner_sentences
from duizhao.reports.pair.views import REASSIGNED, partial_measures, split_partners

if TYPE_CHECKING:
    from collections.abc import Sequence

    from duizhao.compare.result import ClauseDiff

MAX_ROWS = 15
STYLES = {
    "carried": "green", "partial": "yellow", "dropped": "bold red",
    "inherited": "green", "modified": "yellow", "added": "bold green",
    "moved": "magenta", "merged": "magenta", "split": "magenta", "owners_changed": "magenta",
}  # fmt: skip
TITLE_STYLES = {"dropped": "bold red", "added": "bold green", "partial": "bold yellow"}
"""Table titles in colour; the reassigned tables use the default bold."""


def render_compare(
    result: Comparison, console: Console, *, show_all: bool = False, lang: str = "zh"
) -> None:
    """Print the comparison to `console`: notes, summary, dropped, partial, added, reassigned."""
    _ = gettext_for(lang)
    r = result
    for note in r.notes:
        text = terminal_line(note_text(note, lang))
        console.print(Text.assemble((_("warning: "), "bold yellow"), text))
    console.print(_summary(r, lang))
    dropped = [p for p in r.parent_measures if p.status == "dropped"]
    heads = [word("parent", lang), _("section"), _("text")]
    _table(console, "dropped", word("dropped", lang),
           _("parent measures with nothing substantial in the child"), heads,
           [[_name(p.measure), p.measure.section_heading, p.measure.text] for p in dropped],
           show_all, lang)  # fmt: skip
    _table(console, "partial", word("partial", lang),
           _("parent measures of which a substantial part does not reach the child"),
           [word("parent", lang), _("coverage"), _("not carried")],
           [[_name(p.measure), percent_of(p.coverage), " / ".join(cut)]
            for p, cut in partial_measures(r)], show_all, lang)  # fmt: skip
    added = [c for c in r.child_measures if c.status == "added"]
    _table(console, "added", word("added", lang), _("child measures with no source in the parent"),
           [word("child", lang), _("section"), _("text")],
           [[_name(c.measure), c.measure.section_heading, c.measure.text] for c in added],
           show_all, lang)  # fmt: skip
    flagged = {f: [c for c in r.child_measures if f in c.flags] for f in REASSIGNED}
    _table(console, "moved", word("moved", lang),
           _("main source in a parent section that does not correspond"),
           [word("child", lang), _("now in"), _("was in")],
           [[_name(c.measure), c.measure.section_heading, " › ".join(c.moved_from)]
            for c in flagged["moved"]], show_all, lang)  # fmt: skip
    _table(console, "merged", word("merged", lang), _("drawing on two or more parent measures"),
           [word("child", lang), _("sources")],
           [[_name(c.measure), tuple(f"{s.child_share:.0%} "
                                     f"{_name(r.parent_result(s.parent).measure)}"
                                     for s in c.sources)]
            for c in flagged["merged"]], show_all, lang)  # fmt: skip
    _table(console, "split", word("split", lang), _("main source also feeds other child measures"),
           [word("child", lang), _("main source"), _("also feeds")],
           [[_name(c.measure), _name(r.parent_result(c.main_source).measure),
             "；".join(_name(r.child_result(k.child).measure) for k in split_partners(r, c)
                       if k.child != c.measure.id)]
            for c in flagged["split"] if c.main_source], show_all, lang)  # fmt: skip
    if r.mode == "revision":
        _changes(console, r, show_all, lang)
    # One change per line, so that a cut at 80 columns never hides a second change.
    rows: list[list[str | tuple[str, ...]]] = [
        [_name(c.measure), tuple(owner_sentences(c.owner_change, lang))]
        for c in flagged["owners_changed"]]  # fmt: skip
    _table(console, "owners_changed", word("owners_changed", lang),
           _("units added, removed or moved between roles, after level normalisation"),
           [word("child", lang), _("what changed")], rows, show_all, lang)  # fmt: skip


CONTEXT_CHARS = 8
"""Characters of unchanged text kept on each side of a change in the terminal's redline."""


def redline_text(diff: Sequence[ClauseDiff]) -> Text:
    """What changed in a measure, wdiff style: `[-deleted-]{+inserted+}` with a little context.

    The markers make the change readable without colour (a log, NO_COLOR); with colour,
    deletions are red and struck through, insertions green, changed numbers reversed."""
    out = Text()
    for d in diff:
        if d.op == "kept":
            continue
        if out:
            out.append(" … ")
        if d.op == "removed":
            out.append(f"[-{terminal_line(d.parent_text)}-]", style="red strike")
            continue
        if d.op == "added":
            out.append(f"{{+{terminal_line(d.child_text)}+}}", style="green")
            continue
        spans = list(d.spans)
        for k, span in enumerate(spans):
            text = terminal_line(span.text)
            if span.op == "equal":
                if k > 0 and k < len(spans) - 1 and len(text) > 2 * CONTEXT_CHARS:
                    text = f"{text[:CONTEXT_CHARS]}…{text[-CONTEXT_CHARS:]}"
                elif k == 0:
                    text = text[-CONTEXT_CHARS:]
                elif k == len(spans) - 1:
                    text = text[:CONTEXT_CHARS]
                out.append(text)
                continue
            number = span.kind == SpanKind.NUMBER
            if span.op == "delete":
                out.append(f"[-{text}-]", style="red strike" + (" reverse" if number else ""))
            else:
                out.append(f"{{+{text}+}}", style="green" + (" reverse" if number else ""))
    return out


def _changes(console: Console, r: Comparison, show_all: bool, lang: str) -> None:
    """Between revisions every edit counts: each modified measure with what changed in it."""
    _ = gettext_for(lang)
    changed = [c for c in r.child_measures if c.status == "modified" and c.diff]
    console.print()
    title = word("modified", lang)
    if not changed:
        console.print(Text.assemble((f"{title}: ", "bold"), _("none")))
        return
    heading = Text.assemble(
        (f"{title} ({len(changed)})", "bold yellow"), " — ", _("what changed in each measure")
    )
    table = Table(title=heading, title_justify="left", expand=True, show_lines=False)
    table.add_column(word("new", lang), no_wrap=True, overflow="ellipsis", max_width=28)
    table.add_column(_("changes"), ratio=3, overflow="fold")
    shown = changed if show_all else changed[:MAX_ROWS]
    for c in shown:
        table.add_row(Text(_name(c.measure)), redline_text(c.diff))
    console.print(table)
    if len(shown) < len(changed):
        more = _("… {n} more (use --all)").format(n=len(changed) - len(shown))
        console.print(Text(more, style="dim"))


def percent_of(share: float) -> str:
    """A share as a whole percentage."""
    return f"{share:.0%}"


def _cell(cell: str | tuple[str, ...]) -> Text:
    """A table cell: text on one line, or a tuple of items one per line. Each line may be cut
    at its end (an ellipsis), so items that carry a figure put it first (`26% 21.完善…`):
    a cut never takes a number."""
    if isinstance(cell, tuple):
        return Text("\n".join(terminal_line(item) for item in cell))
    return Text(terminal_line(cell))


def _name(node: Node) -> str:
    return terminal_line(node.name)


def _summary(r: Comparison, lang: str) -> Panel:
    _ = gettext_for(lang)
    s = r.summary

    def counts(whole: int, pairs: Sequence[tuple[str, int]]) -> Text:
        text = Text()
        for n, (name, count) in enumerate(pairs):
            text.append(" · " if n else "")
            text.append(f"{word(name, lang)} {count}", style=STYLES[name] if count else "")
            text.append(f" ({percent(count, whole)})", style="dim")
        return text

    def plan(p: Plan, n: int) -> Text:
        j = p.jurisdiction
        facts = [j.name, p.period or "", _("draft") if p.draft else "",
                 _("{n} measures").format(n=n)]  # fmt: skip
        return Text.assemble((terminal_line(p.title), "bold"), "  ",
                             terminal_line(" · ".join(x for x in facts if x)))  # fmt: skip

    sides = ("old", "new") if r.mode == "revision" else ("parent", "child")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(word(sides[0], lang), plan(r.parent, s.parent_measures))
    grid.add_row(word(sides[1], lang), plan(r.child, s.child_measures))
    grid.add_row("", "")
    grid.add_row(
        word(sides[0], lang),
        counts(
            s.parent_measures,
            [("carried", s.carried), ("partial", s.partial), ("dropped", s.dropped)],
        ),
    )
    grid.add_row(
        word(sides[1], lang),
        counts(
            s.child_measures,
            [("inherited", s.inherited), ("modified", s.modified), ("added", s.added)],
        ),
    )
    grid.add_row(word("reassigned", lang), counts(s.child_measures, [
        ("moved", s.moved), ("merged", s.merged), ("split", s.split),
        ("owners_changed", s.owners_changed)]))  # fmt: skip
    mode = _("revision") if r.mode == "revision" else _("levels")
    return Panel(grid, title=Text(_("Comparison ({mode})").format(mode=mode)), title_align="left")


def _table(
    console: Console,
    key: str,
    title: str,
    caption: str,
    columns: list[str],
    rows: list[list[str | tuple[str, ...]]],
    show_all: bool,
    lang: str,
) -> None:
    """A titled table whose last column takes the remaining width; lines are cut with …
    (see `_cell`)."""
    _ = gettext_for(lang)
    console.print()
    if not rows:
        console.print(Text.assemble((f"{title}: ", "bold"), _("none")))
        return
    heading = Text.assemble(
        (f"{title} ({len(rows)})", TITLE_STYLES.get(key, "bold")), f" — {caption}"
    )
    table = Table(title=heading, title_justify="left", expand=True, show_lines=False)
    for n, name in enumerate(columns):
        last = n == len(columns) - 1
        table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=3 if last else 1,
                         max_width=None if last else 28)  # fmt: skip
    shown = rows if show_all else rows[:MAX_ROWS]
    for row in shown:
        table.add_row(*map(_cell, row))
    console.print(table)
    if len(shown) < len(rows):
        more = _("… {n} more (use --all)").format(n=len(rows) - len(shown))
        console.print(Text(more, style="dim"))
