"""Two drafts of one plan as one standalone HTML page: the drafts named, the summary, and the
修改对照表 with redlines.
"""

from __future__ import annotations

from duizhao.compare.result import Comparison
from duizhao.reports.common.escape import h
from duizhao.reports.common.i18n import html_lang
from duizhao.reports.revision.views import (
    columns,
    draft_lines,
    revision_rows,
    summary_lines,
    tagged,
    title,
)

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
            "".join(tagged(s, h) for s in row.spans) if row.spans else h(row.new_text)
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
