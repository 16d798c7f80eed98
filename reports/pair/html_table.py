"""The 对照表 of the HTML report: the rows of the Word and Excel table, side by side.

序号 | 上级方案 | 对照情况 | 本级方案 | 说明, a full-width row for each heading of the parent plan,
then the measure rows of `table_view.table_lines` (every parent measure once, added measures in
their place). The child cell shows each child measure's clause redline against its source
(<del> parent only, <ins> child only, <mark> a changed number, year or unit); 说明 is
`table_notes.row_notes`, the same sentences as the Word table. Every piece of plan text goes
through `escape.h`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from duizhao.compare.result import ChildResult, ClauseDiff, Comparison, SpanKind
from duizhao.corpus.model import Node
from duizhao.reports.common.escape import h
from duizhao.reports.common.i18n import _, word
from duizhao.reports.pair.table_notes import row_notes, share
from duizhao.reports.pair.table_view import SectionLine, number, table_lines
from duizhao.reports.pair.views import TableRow

if TYPE_CHECKING:
    from duizhao.compare.result import Span


def side_by_side(r: Comparison, reasons: Mapping[str, str] | None = None) -> str:
    """The table (its rows carry data-status for the filter buttons; heading rows do not)."""
    head = ('<colgroup><col class="no"><col class="side"><col class="mid"><col class="side">'
            '<col class="notes"></colgroup>'
            f"<thead><tr><th>{h(_('No.'))}</th><th>{h(word('parent'))}: {h(r.parent.title)}</th>"
            f"<th>{h(_('Finding'))}</th><th>{h(word('child'))}: {h(r.child.title)}</th>"
            f"<th>{h(_('Notes'))}</th></tr></thead>")  # fmt: skip
    rows = []
    for line in table_lines(r):
        if isinstance(line, SectionLine):
            rows.append(f'<tr class="section depth-{line.depth}"><th colspan="5">'
                        f"{h(line.text)}</th></tr>")  # fmt: skip
        else:
            rows.append(_row(r, line, reasons))
    body = "\n".join(rows)
    return f'<table class="sxs">{head}<tbody>\n{body}\n</tbody></table>'


def _row(r: Comparison, row: TableRow, reasons: Mapping[str, str] | None) -> str:
    tone = f' class="tone-{row.tone}"' if row.tone else ""
    if row.parent is not None:
        m = row.parent.measure
        parent = f'{meta(m)}<div class="text">{h(m.text)}</div>{owners(m)}'
    else:
        parent = f'<span class="empty">{h(_("no source in the parent"))}</span>'
    children = "".join(_child(c) for c in row.children)
    if not children:
        children = f'<span class="empty">{h(_("not in the child"))}</span>'
    badges = "".join(
        f'<span class="badge {s}">{h(word(s))}</span>' for s in dict.fromkeys(row.statuses)
    )
    coverage = ""
    if row.parent is not None:
        coverage = (f'<div class="score">{h(_("coverage"))} '
                    f"{share(row.parent.coverage)}</div>")  # fmt: skip
    notes = "".join(f"<p>{h(n)}</p>" for n in row_notes(r, row, reasons))
    return (f'<tr data-status="{h(" ".join(row.statuses))}"{tone}>'
            f'<td class="no">{h(number(row))}</td><td class="parent">{parent}</td>'
            f'<td class="mid">{badges}{coverage}</td><td class="child">{children}</td>'
            f'<td class="notes">{notes}</td></tr>')  # fmt: skip


def meta(node: Node) -> str:
    """Label, section, id and lines of a measure, small."""
    path = " › ".join(node.path) or _("(top level)")
    lines = _("lines {first}–{last}").format(first=node.lines[0], last=node.lines[1])
    return (f'<div class="meta"><span class="label">{h(node.label)}</span> {h(path)} · '
            f"<code>{h(node.id)}</code> · {h(lines)}</div>")  # fmt: skip


def owners(node: Node) -> str:
    """The measure's units, when it names any."""
    if not node.owners:
        return ""
    return f'<div class="owners">{h(_("Owners"))}: {h("、".join(node.owners.all()))}</div>'


def _child(c: ChildResult) -> str:
    m = c.measure
    redline = c.status != "added" and any(d.op != "kept" for d in c.diff)
    text = "".join(clause(d) for d in c.diff) if redline else h(m.text)
    return f'<div class="measure">{meta(m)}<div class="text">{text}</div>{owners(m)}</div>'


def clause(d: ClauseDiff) -> str:
    """One clause of a redline: removed, added, changed (span by span) or kept."""
    if d.op == "removed":
        body = f"<del>{h(d.parent_text)}</del>"
    elif d.op == "added":
        body = f"<ins>{h(d.child_text)}</ins>"
    elif d.spans:
        body = "".join(_span(s) for s in d.spans)
    else:
        body = h(d.child_text)
    return f'<span class="clause {d.op}">{body}</span>'


def _span(s: Span) -> str:
    """One span of a redline; a changed number, year or unit is also marked."""
    tags = {"delete": "del", "insert": "ins"}
    if s.op not in tags:
        return h(s.text)
    body = f"<{tags[s.op]}>{h(s.text)}</{tags[s.op]}>"
    return f"<mark>{body}</mark>" if s.kind == SpanKind.NUMBER else body
