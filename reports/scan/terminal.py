"""A folder's index on the terminal: a rich table sorted by path (unreadable files in place, in
red), then the files not read and the plans found more than once, in the report language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from duizhao.corpus.scan import Index
from duizhao.reports.common.escape import terminal_line
from duizhao.reports.common.i18n import _, using
from duizhao.reports.scan.views import (
    counts_line,
    duplicates,
    level_cell,
    missing_parents,
    parent_cell,
    said,
    skipped,
)

if TYPE_CHECKING:
    from rich.console import Console


def render_scan_terminal(index: Index, console: Console, *, lang: str = "zh") -> None:
    """The index as a rich table sorted by path (unreadable files in place, in red), then the
    files not read and the plans found more than once."""
    with using(lang):
        _terminal(index, console)


def _terminal(index: Index, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    t = terminal_line
    table = Table(title=Text(t(_("Plans in {folder}").format(folder=index.root))), show_lines=True)
    for header in (_("file"), _("title"), _("jurisdiction"), _("period"), _("parent"),
                   _("missing parents")):  # fmt: skip
        table.add_column(header, overflow="fold")
    for e in index.entries:
        if e.error is not None:
            why = _("unreadable: {error}").format(error=t(said(e.error)))
            table.add_row(Text(t(e.path)), Text(why, style="red"), "", "", "", "")
            continue
        title = t(e.title) + (_(" (draft)") if e.draft else "") if e.title else "—"
        missing = Text("\n".join(missing_parents(e)), style="yellow")
        cells = [t(e.path), title, t(level_cell(e)), t(e.period or "—"), t(parent_cell(index, e))]
        table.add_row(*(Text(c) for c in cells), missing)
    console.print(table)
    for path, reason in skipped(index):
        line = _("not read: {path}: {reason}").format(path=t(path), reason=t(said(reason)))
        console.print(Text(line, style="yellow"))
    for chosen, others, reason in duplicates(index):
        line = _("{chosen} chosen over {others}").format(
            chosen=t(chosen), others="、".join(map(t, others))
        )
        console.print(Text(line + (f": {t(said(reason))}" if reason else ""), style="yellow"))
    console.print(Text(counts_line(index)))
