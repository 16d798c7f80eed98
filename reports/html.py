"""The comparison as one self-contained HTML page: parent and child side by side, a row per link.

No network: CSS, JS and the section-flow picture (inline SVG drawn here) are in the page.
Every piece of document text goes through `escape.h`, so a plan containing <script> shows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from duizhao.compare.result import ChildResult, ClauseDiff, Comparison, ParentResult, SpanKind
from duizhao.corpus.model import Node, Plan
from duizhao.reports.escape import h, percent, truncate
from duizhao.reports.html_assets import CSS, JS
from duizhao.reports.i18n import _, html_lang, level_word, note_text, using, word
from duizhao.reports.markdown import MODES
from duizhao.reports.owner_words import say_owner_change
from duizhao.reports.views import (
    Row,
    comparison_rows,
    context_based,
    flow_sections,
    measure_name,
    partial_measures,
    section_coverage,
    split_partners,
)

FILTERS = ("carried", "partial", "dropped", "inherited", "modified", "added", "moved", "merged",
           "split", "owners_changed")  # fmt: skip


def render_html(
    result: Comparison, *, lang: str = "zh", reasons: Mapping[str, str] | None = None
) -> str:
    """The whole report as an HTML document (UTF-8 text ending in one newline), in `lang`."""
    with using(lang):
        return _page(result, lang)


def _page(result: Comparison, lang: str) -> str:
    title = f"{_('Comparison')}: {result.parent.title} → {result.child.title}"
    rows = comparison_rows(result)
    body = [
        f"<h1>{h(title)}</h1>",
        _plans(result),
        _notes(result.notes),
        _summary(result),
        _partial(result),
        _flow(result),
        f"<h2>{h(_('Side by side'))}</h2>",
        _filters(result, rows),
        _side_by_side(result, rows),
        _settings(result),
    ]
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{html_lang(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *(part for part in body if part),
        f"<script>{JS}</script>",
        "</body>",
        "</html>",
    ]) + "\n"  # fmt: skip


def _plans(r: Comparison) -> str:
    def cells(plan: Plan) -> list[str]:
        j = plan.jurisdiction
        return [plan.title, j.name or "–", level_word(j.level), plan.period or "–",
                _("yes") if plan.draft else _("no"), plan.path]  # fmt: skip

    names = (_("title"), _("jurisdiction"), _("level"), _("period"), _("draft"), _("file"))
    sides = ("old", "new") if r.mode == "revision" else ("parent", "child")
    rows = "".join(
        f"<tr><th>{h(n)}</th><td>{h(a)}</td><td>{h(b)}</td></tr>"
        for n, a, b in zip(names, cells(r.parent), cells(r.child), strict=True)
    )
    mode = _("Mode: {mode}.").format(mode=_(MODES[r.mode]) if r.mode in MODES else r.mode)
    return (f'<table class="plans"><tr><th></th><th>{h(word(sides[0]))}</th>'
            f"<th>{h(word(sides[1]))}</th></tr>{rows}</table><p>{h(mode)}</p>")  # fmt: skip


def _notes(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{h(note_text(n))}</li>" for n in notes)
    return (f'<div class="notes" role="alert"><strong>{h(_("Warning"))}</strong>'
            f"<ul>{items}</ul></div>")  # fmt: skip


def _counts(title: str, pairs: list[tuple[str, int]], whole: int) -> str:
    rows = "".join(
        f'<tr><td><span class="badge {k}">{h(word(k))}</span></td>'
        f'<td class="n">{n}</td><td class="n">{percent(n, whole)}</td></tr>'
        for k, n in pairs
    )
    return f"<table><tr><th colspan=3>{h(title)}</th></tr>{rows}</table>"


def _summary(r: Comparison) -> str:
    s = r.summary
    tables = [
        _counts(_("{side}: {n} measures").format(side=word("parent"), n=s.parent_measures),
                [("carried", s.carried), ("partial", s.partial), ("dropped", s.dropped)],
                s.parent_measures),
        _counts(_("{side}: {n} measures").format(side=word("child"), n=s.child_measures),
                [("inherited", s.inherited), ("modified", s.modified), ("added", s.added)],
                s.child_measures),
        _counts(word("reassigned"), [("moved", s.moved), ("merged", s.merged), ("split", s.split),
                               ("owners_changed", s.owners_changed)], s.child_measures),
    ]  # fmt: skip
    cov = []
    for path, counts in section_coverage(r):
        n = sum(counts.values())
        bar = "".join(f'<span class="{k}" style="width:{100 * counts[k] / n:.1f}%"></span>'
                      for k in ("carried", "partial", "dropped"))  # fmt: skip
        cells = "".join(f'<td class="n">{counts[k]} ({percent(counts[k], n)})</td>'
                        for k in ("carried", "partial", "dropped"))  # fmt: skip
        name = " › ".join(path) or _("(top level)")
        cov.append(f'<tr><td>{h(name)}</td><td class="n">{n}</td>{cells}'
                   f'<td><span class="bar">{bar}</span></td></tr>')  # fmt: skip
    head = "<tr>" + "".join(f"<th>{h(x)}</th>" for x in (
        _("parent section"), _("measures"), word("carried"), word("partial"), word("dropped"), ""
    )) + "</tr>"  # fmt: skip
    return (f'<h2>{h(_("Summary"))}</h2><div class="summary">{"".join(tables)}</div>'
            f'<h3>{h(_("Coverage by parent section"))}</h3>'
            f'<table class="coverage">{head}{"".join(cov)}</table>')  # fmt: skip


def _flow(r: Comparison) -> str:
    """Parent sections on the left, child sections on the right, a curve per flow (width ~ links)."""
    flows = r.sections
    if not flows:
        return ""
    parents, children = flow_sections(r)
    width, box, pitch, top = 900, 330, 40, 40
    left, right = 10, width - 10 - box
    height = top + pitch * max(len(parents), len(children)) + 10
    py = {sid: top + i * pitch + 14 for i, (sid, _) in enumerate(parents)}
    cy = {sid: top + i * pitch + 14 for i, (sid, _) in enumerate(children)}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
           f'width="100%" style="max-width:{width}px" aria-label="section flow">',
           f'<text x="{left}" y="20" font-weight="600">{h(truncate(r.parent.title, 26))}</text>',
           f'<text x="{right}" y="20" font-weight="600">{h(truncate(r.child.title, 26))}</text>']  # fmt: skip
    for f in flows:
        x1, y1, x2, y2 = left + box, py[f.parent_section], right, cy[f.child_section]
        mid = (x1 + x2) / 2
        dash = "" if f.corresponds else ' stroke-dasharray="6 4"'
        colour = "#98a2b3" if f.corresponds else "#f79009"
        stroke = min(2 + 1.5 * f.links, 12)
        tip = f"{f.parent_heading} → {f.child_heading}: {f.links}"
        out.append(f'<path d="M{x1} {y1} C{mid} {y1}, {mid} {y2}, {x2} {y2}" fill="none" '
                   f'stroke="{colour}" stroke-opacity="0.7" stroke-width="{stroke:g}"{dash}>'
                   f"<title>{h(tip)}</title></path>")  # fmt: skip
        mx, my = mid, (y1 + y2) / 2
        out.append(f'<circle cx="{mx:g}" cy="{my:g}" r="10" fill="#fff" stroke="{colour}"/>'
                   f'<text x="{mx:g}" y="{my + 4:g}" text-anchor="middle">{f.links}</text>')  # fmt: skip
    for x, items, ys in ((left, parents, py), (right, children, cy)):
        for sid, heading in items:
            y = ys[sid]
            out.append(f'<g><title>{h(heading)}</title><rect x="{x}" y="{y - 14}" width="{box}" '
                       f'height="28" rx="4" fill="#f4f5f7" stroke="#d0d5dd"/>'
                       f'<text x="{x + 8}" y="{y + 4}">{h(truncate(heading, 24))}</text></g>')  # fmt: skip
    out.append("</svg>")
    note = _("Links from parent sections (left) to child sections (right); dashed: sections that "
             "do not correspond.")  # fmt: skip
    return f'<h2>{h(_("Section flow"))}</h2><p class="meta">{h(note)}</p>' + "".join(out)


def _filters(r: Comparison, rows: list[Row]) -> str:
    """Filter buttons; each counts measures as the summary does (a row is a link, and a measure
    with two links has two rows: the counter beside the buttons counts rows shown)."""
    counts = r.summary.to_dict()
    buttons = [f'<button type="button" data-filter="all" aria-pressed="true">{h(_("all"))}'
               f'<span class="count">{len(rows)}</span></button>']  # fmt: skip
    tip = _("{n} measures")
    buttons += [f'<button type="button" data-filter="{k}" aria-pressed="false" '
                f'title="{h(tip.format(n=counts[k]))}">'
                f'{h(word(k))}<span class="count">{counts[k]}</span></button>'
                for k in FILTERS]  # fmt: skip
    label = _("filter rows by status")
    return (f'<div class="filters" role="toolbar" aria-label="{h(label)}">'
            f'{"".join(buttons)}<span id="shown" title="{h(_("rows shown"))}"></span></div>')  # fmt: skip


def _side_by_side(r: Comparison, rows: list[Row]) -> str:
    head = ('<colgroup><col class="side"><col class="mid"><col class="side"></colgroup>'
            f"<thead><tr><th>{h(word('parent'))}: {h(r.parent.title)}</th>"
            f"<th>{h(_('status'))}</th>"
            f"<th>{h(word('child'))}: {h(r.child.title)}</th></tr></thead>")  # fmt: skip
    body = "\n".join(_row(r, row) for row in rows)
    return f'<table class="sxs">{head}<tbody>\n{body}\n</tbody></table>'


def _row(r: Comparison, row: Row) -> str:
    tone = f' class="tone-{row.tone}"' if row.tone else ""
    parent = (
        _parent_cell(r, row.parent)
        if row.parent
        else f'<span class="empty">{h(_("no source in the parent"))}</span>'
    )
    child = _child_cell(r, row) if row.child else _missing(r, row.parent)
    badges = "".join(f'<span class="badge {s}">{h(word(s))}</span>' for s in row.statuses)
    score = ""
    if row.link:
        k = row.link
        weak = f"<br>{h(_('context only, weaker'))}" if context_based(k) else ""
        score = (f'<div class="score">{h(_("score"))} {k.score:.2f}<br>'
                 f'{h(_("parent share"))} {k.parent_share:.2f}'
                 f'<br>{h(_("child share"))} {k.child_share:.2f}{weak}</div>')  # fmt: skip
    return (f'<tr data-status="{h(" ".join(row.statuses))}"{tone}><td class="parent">{parent}</td>'
            f'<td class="mid">{badges}{score}</td><td class="child">{child}</td></tr>')  # fmt: skip


def _meta(node: Node) -> str:
    path = " › ".join(node.path) or _("(top level)")
    lines = _("lines {first}–{last}").format(first=node.lines[0], last=node.lines[1])
    return (f'<div class="meta"><span class="label">{h(node.label)}</span> {h(path)} · '
            f"<code>{h(node.id)}</code> · {h(lines)}</div>")  # fmt: skip


def _owners(node: Node) -> str:
    return (
        f'<div class="owners">{h(_("Owners"))}: {h("、".join(node.owners.all()))}</div>'
        if node.owners
        else ""
    )


def _parent_cell(r: Comparison, p: ParentResult) -> str:
    m = p.measure
    return f'{_meta(m)}<div class="text">{h(m.text)}</div>{_owners(m)}'


def _missing(r: Comparison, p: ParentResult | None) -> str:
    out = f'<span class="empty">{h(_("not in the child"))}</span>'
    if p and p.closest:
        c = r.child_result(p.closest).measure
        out += (f'<div class="note">{h(_("closest"))}: {h(truncate(measure_name(c), 30))} '
                f"<code>{h(c.id)}</code> ({h(_('share'))} {p.closest_score:.2f})</div>")  # fmt: skip
    return out


def _child_cell(r: Comparison, row: Row) -> str:
    c = row.child
    assert c is not None
    m = c.measure
    redline = c.diff and row.link is not None and row.link.parent == c.main_source
    text = "".join(_clause(d) for d in c.diff) if redline else h(m.text)
    return f'{_meta(m)}<div class="text">{text}</div>{_owners(m)}{_reassigned(r, c)}'


def _clause(d: ClauseDiff) -> str:
    if d.op == "removed":
        body = f"<del>{h(d.parent_text)}</del>"
    elif d.op == "added":
        body = f"<ins>{h(d.child_text)}</ins>"
    elif d.spans:
        tags = {"delete": "del", "insert": "ins"}
        body = "".join(_span(s, tags) for s in d.spans)
    else:
        body = h(d.child_text)
    return f'<span class="clause {d.op}">{body}</span>'


def _reassigned(r: Comparison, c: ChildResult) -> str:
    def name(node: Node) -> str:
        return f"{h(truncate(measure_name(node), 24))} <code>{h(node.id)}</code>"

    notes = []
    if "moved" in c.flags:
        notes.append(h(_("moved from {section}").format(section=" › ".join(c.moved_from))))
    if "merged" in c.flags:
        parts = ", ".join(f"{name(r.parent_result(s.parent).measure)} ({s.child_share:.0%})"
                          for s in c.sources)  # fmt: skip
        notes.append(h(_("merged from")) + f" {parts}")
    if "split" in c.flags:
        others = [k for k in split_partners(r, c) if k.child != c.measure.id]
        parts = ", ".join(name(r.child_result(k.child).measure) for k in others)
        notes.append(h(_("split: its source also feeds")) + f" {parts}")
    if c.owner_change:
        notes.append(h(_("Owners changed: {change}.").format(
            change=say_owner_change(c.owner_change))))  # fmt: skip
    return "".join(f'<div class="note">{n}</div>' for n in notes)


def _settings(r: Comparison) -> str:
    rows = "".join(f'<tr><td>{h(k)}</td><td class="n">{h(v)}</td></tr>'
                   for k, v in r.settings.to_dict().items())  # fmt: skip
    return (
        f"<footer><details><summary>{h(_('Thresholds used'))}</summary><table>{rows}</table>"
        "</details></footer>"
    )


def _span(s, tags: dict[str, str]) -> str:
    """One span of a redline; a changed number, year or unit is also marked."""
    if s.op not in tags:
        return h(s.text)
    body = f"<{tags[s.op]}>{h(s.text)}</{tags[s.op]}>"
    return f"<mark>{body}</mark>" if s.kind == SpanKind.NUMBER else body


def _partial(r: Comparison) -> str:
    """Partly carried parent measures with the clauses that do not reach the child."""
    items = partial_measures(r)
    if not items:
        return ""
    out = [f'<h2>{h(word("partial"))} ({r.summary.partial})</h2><ul class="partial">']
    for p, cut in items:
        clauses = "".join(f"<li><del>{h(t)}</del></li>" for t in cut)
        out.append(f"<li><strong>{h(truncate(measure_name(p.measure), 40))}</strong> "
                   f"<code>{h(p.measure.id)}</code> ({h(_('coverage'))} {p.coverage:.0%})"
                   f"<ul>{clauses}</ul></li>")  # fmt: skip
    return "".join(out) + "</ul>"
