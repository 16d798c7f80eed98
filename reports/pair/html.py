"""The comparison as one self-contained HTML page: the plans, the summary with its shares in
per cent, the sections the markdown report has (未落实, 部分落实, 新增, 调整, 修改: `html_sections`),
the section flow, and the 对照表 side by side with filter buttons (`html_table`: the rows of the
Word and Excel table). Printed, it is A4 landscape without the filter controls, and no row is
split across pages (the print rules in `html_assets.CSS`).

No network: CSS, JS and the section-flow picture (inline SVG drawn here) are in the page.
Every piece of document text goes through `escape.h`, so a plan containing <script> shows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from duizhao.compare.result import Comparison
from duizhao.corpus.model import Plan
from duizhao.reports.common.escape import h, percent, truncate
from duizhao.reports.common.html_assets import CSS, JS
from duizhao.reports.common.i18n import _, html_lang, level_word, note_text, using, word
from duizhao.reports.pair.html_sections import sections
from duizhao.reports.pair.html_table import side_by_side
from duizhao.reports.pair.markdown import MODES
from duizhao.reports.pair.table_view import measure_rows, table_lines
from duizhao.reports.pair.views import TableRow, flow_sections, section_coverage

FILTERS = ("carried", "partial", "dropped", "inherited", "modified", "added", "moved", "merged",
           "split", "owners_changed")  # fmt: skip


def render_html(
    result: Comparison, *, lang: str = "zh", reasons: Mapping[str, str] | None = None
) -> str:
    """The whole report as an HTML document (UTF-8 text ending in one newline), in `lang`."""
    with using(lang):
        return _page(result, lang, reasons)


def _page(result: Comparison, lang: str, reasons: Mapping[str, str] | None = None) -> str:
    title = f"{_('Comparison')}: {result.parent.title} → {result.child.title}"
    rows = measure_rows(table_lines(result))
    body = [
        f"<h1>{h(title)}</h1>",
        _plans(result),
        _notes(result.notes),
        _summary(result),
        sections(result, reasons),
        _flow(result),
        f"<h2>{h(_('Comparison table'))}</h2>",
        _filters(result, rows),
        side_by_side(result, reasons),
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


def _filters(r: Comparison, rows: list[TableRow]) -> str:
    """Filter buttons; each counts measures as the summary does (a row of the 对照表 may hold
    two child measures: the counter beside the buttons counts rows shown)."""
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


def _settings(r: Comparison) -> str:
    rows = "".join(f'<tr><td>{h(k)}</td><td class="n">{h(v)}</td></tr>'
                   for k, v in r.settings.to_dict().items())  # fmt: skip
    return (
        f"<footer><details><summary>{h(_('Thresholds used'))}</summary><table>{rows}</table>"
        "</details></footer>"
    )
