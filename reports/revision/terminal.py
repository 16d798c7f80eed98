"""Two drafts of one plan on the terminal: the summary, then one block per changed measure with
its numbers, status, a redline cut to the edits' surroundings, and what changed in words.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from duizhao.compare.result import Comparison
from duizhao.reports.common.escape import strip_controls
from duizhao.reports.common.i18n import gettext_for
from duizhao.reports.revision.views import (
    RevisionRow,
    draft_lines,
    revision_rows,
    summary_lines,
    title,
)

TERMINAL_ROWS = 12


"""Rows the terminal shows without --all."""


CONTEXT_CHARS = 18


"""Unchanged characters the terminal keeps on each side of an edit (the rest is …); a measure
added or deleted whole shows three times as many of its opening characters."""


def _hidden_note(shown: int, total: int, lang: str) -> str:
    _ = gettext_for(lang)
    return _("{n} more changed measure(s) (use --all to show them).").format(n=total - shown)


def render_revision_terminal(
    result: Comparison, console: Console, *, show_all: bool = False, lang: str = "zh"
) -> None:
    """Summary, then one block per changed measure: numbers, status, redline, explanation."""
    _ = gettext_for(lang)
    console.print(Text(title(result, lang), style="bold"))
    for line in draft_lines(result, lang):
        console.print(Text(strip_controls(line)))
    for line in summary_lines(result, lang):
        console.print(Text(line))
    rows = revision_rows(result, lang, show_all=show_all)
    shown = rows if show_all else rows[:TERMINAL_ROWS]
    for n, row in enumerate(shown, 1):
        console.print()
        numbers = row.new_label or row.old_label
        if row.old_label and row.new_label and row.old_label != row.new_label:
            numbers = f"{row.old_label} → {row.new_label}"
        console.print(
            Text.assemble((f"{n}. ", "bold"), (numbers, "bold"), "  ", (row.status, "cyan"))
        )
        console.print(_terminal_redline(row))
        for note in row.notes:
            console.print(Text("  " + strip_controls(note), style="dim"))
    if len(shown) < len(rows):
        console.print()
        console.print(Text(_hidden_note(len(shown), len(rows), lang)))


def _terminal_redline(row: RevisionRow) -> Text:
    """[-deleted-]{+inserted+} (also coloured on a colour terminal); a whole measure added or
    deleted is shown as it is."""
    out = Text("  ")
    if not row.spans:  # a measure added or deleted whole: its opening words
        text = strip_controls(row.new_text or row.old_text)
        out.append(_context(text, first=False, last=False, whole=True))
        return out
    last = len(row.spans) - 1
    for k, span in enumerate(row.spans):
        text = strip_controls(span.text)
        if span.op == "equal":
            out.append(_context(text, first=k == 0, last=k == last))
        elif span.op == "delete":
            out.append(f"[-{text}-]", style="red strike")
        else:
            out.append(f"{{+{text}+}}", style="green underline")
    return out


def _context(text: str, *, first: bool, last: bool, whole: bool = False) -> str:
    """Unchanged text around edits, shortened to CONTEXT_CHARS on each side that has an edit
    (a measure added or deleted whole: its first 3 × CONTEXT_CHARS characters)."""
    n = CONTEXT_CHARS
    if whole:
        return text if len(text) <= 3 * n else text[: 3 * n] + "…"
    if first and len(text) > n:
        return "…" + text[-n:]
    if last and len(text) > n:
        return text[:n] + "…"
    if not first and not last and len(text) > 2 * n + 1:
        return text[:n] + "…" + text[-n:]
    return text
