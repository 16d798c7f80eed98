"""Two drafts of one plan in the terminal, markdown, HTML and CSV: the 修改对照表 in words of a
revision (rows and sentences from `revision_view`; the Word and Excel files are revision_office)."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.text import Text

from duizhao.compare.result import Comparison, Span
from duizhao.reports.common.escape import h, md_cell, md_text, spreadsheet_cell, strip_controls
from duizhao.reports.common.i18n import gettext_for, html_lang, normalise
from duizhao.reports.revision.views import (
    RevisionRow,
    columns,
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


def render_revision_markdown(
    result: Comparison, *, lang: str = "zh", show_all: bool = False
) -> str:
    """The table in markdown: 序号 | 原稿 | 修改稿 | 修改说明, <del>/<ins> in the new text."""
    lines = [f"# {md_text(title(result, lang))}", ""]
    lines += [md_text(line) + "  " for line in draft_lines(result, lang)]
    lines.append("")
    lines += [f"- {md_text(line)}" for line in summary_lines(result, lang)]
    lines += ["", "| " + " | ".join(columns(lang)) + " |", "| --- | --- | --- | --- |"]
    for n, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        old = md_cell(f"{row.old_label}{row.old_text}")
        new = md_cell(row.new_label) + _md_redline(row)
        notes = md_cell(
            f"{row.status}{'：' if normalise(lang) == 'zh' else ': '}" + " ".join(row.notes)
        )
        lines.append(f"| {n} | {old} | {new} | {notes} |")
    return "\n".join(lines) + "\n"


def _md_redline(row: RevisionRow) -> str:
    if not row.spans:
        return md_cell(row.new_text)
    return "".join(_tagged(s, md_cell) for s in row.spans)


def _tagged(span: Span, escape) -> str:
    text = escape(span.text)
    if span.op == "equal" or not text:
        return text
    tag = "del" if span.op == "delete" else "ins"
    mark = (
        ' class="moved"'
        if span.kind == "moved"
        else ' class="number"'
        if span.kind == "number"
        else ""
    )
    return f"<{tag}{mark}>{text}</{tag}>"


_CSS = """
body { font-family: "Noto Serif CJK SC", "仿宋", serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: 0.4em; vertical-align: top; }
th { background: #eee; }
del { color: #b00; } ins { color: #060; }
del.number, ins.number { background: #ffef99; }
del.moved, ins.moved { color: #36c; }
td.no { width: 3em; text-align: center; } td.notes { width: 24%; }
"""


def render_revision_html(result: Comparison, *, lang: str = "zh", show_all: bool = False) -> str:
    """A standalone page: the drafts named, the summary, the table with redlines."""
    head = columns(lang)
    rows = []
    for n, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        new = h(row.new_label) + (
            "".join(_tagged(s, h) for s in row.spans) if row.spans else h(row.new_text)
        )
        notes = "".join(f"<p>{h(x)}</p>" for x in row.notes)
        rows.append(
            f'<tr><td class="no">{n}</td><td>{h(row.old_label)}{h(row.old_text)}</td>'
            f'<td>{new}</td><td class="notes"><p><b>{h(row.status)}</b></p>{notes}</td></tr>'
        )
    summary = "".join(f"<li>{h(line)}</li>" for line in summary_lines(result, lang))
    drafts = "".join(f"<p>{h(line)}</p>" for line in draft_lines(result, lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang(lang)}"><head><meta charset="utf-8">'
        f"<title>{h(title(result, lang))}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{h(title(result, lang))}</h1>{drafts}<ul>{summary}</ul>\n"
        f"<table><thead><tr>{''.join(f'<th>{h(x)}</th>' for x in head)}</tr></thead>\n"
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table></body></html>\n"
    )


def render_revision_csv(result: Comparison, *, lang: str = "zh", show_all: bool = False) -> str:
    """One row per table row behind a UTF-8 byte order mark (so Excel reads the Chinese)."""
    _ = gettext_for(lang)
    no, old, new, notes = columns(lang)
    header = [no, _("{side} number").format(side=old), old, _("{side} number").format(side=new),
              new, _("Status"), notes]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for n, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        cells = [n, row.old_label, row.old_text, row.new_label, row.new_text, row.status,
                 " ".join(row.notes)]  # fmt: skip
        writer.writerow([spreadsheet_cell(c) for c in cells])
    return "\ufeff" + buffer.getvalue()
