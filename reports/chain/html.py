"""A chain as one self-contained HTML page: plans, each pair's counts, the measures lost and
restored, the trace table, and for every top-level measure its text and, at each lower plan, the measures that carry it, their
text, the coverage and the matching clauses; the measures each level added, with their text.

No script and no external resource; every piece of plan text is escaped.
"""

from __future__ import annotations

from duizhao.compare.chain import Chain
from duizhao.reports.chain.views import (
    STATUS_TONES,
    TracedMeasure,
    added_measures,
    level_header,
    pair_line,
    plan_name,
    trace_headers,
    trace_rows,
    traced,
    where_lost,
)
from duizhao.reports.common.escape import h
from duizhao.reports.common.i18n import _, html_lang, level_word, note_text, using, word

STYLE = (
    "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
    "sans-serif;margin:2em;color:#222;line-height:1.5}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}th{background:#f3f3f3}"
    ".carried{background:#e3f2e6}.partial{background:#fff4d6}.dropped{background:#fbe0e0}"
    ".note{color:#8a5a00}.text{color:#444;font-size:.95em}.evidence{color:#555;font-size:.9em}"
    "details{margin:.4em 0}summary{cursor:pointer}code{color:#555}"
    ".steps th{white-space:nowrap;text-align:left}"
)


def render_chain_html(chain: Chain, *, lang: str = "zh") -> str:
    """The chain view as one page (in `lang`: zh or en), ending in one newline."""
    with using(lang):
        return "\n".join(_page(chain, lang)) + "\n"


def _page(chain: Chain, lang: str) -> list[str]:
    names = " → ".join(plan_name(chain, i) for i in range(len(chain.plans)))
    title = f"{_('Comparison')}: {names}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang(lang)}"><head><meta charset="utf-8">',
        f"<title>{h(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{h(title)}</h1><ol start='0'>",
    ]
    for plan in chain.plans:
        j = plan.jurisdiction
        parts.append(
            f"<li><strong>{h(plan.title or plan.path)}</strong> — {h(j.name or '?')} "
            f"({h(level_word(j.level))}), <code>{h(plan.path)}</code></li>"
        )
    parts.append("</ol>")
    parts += [f'<p class="note">{h(_("Note"))}: {h(note_text(n))}</p>' for n in chain.notes]
    parts.append(f"<h2>{h(_('Pairs'))}</h2><ul>")
    parts += [f"<li>{h(pair_line(chain, i))}</li>" for i in range(len(chain.pairs))]
    parts.append("</ul>")
    measures = traced(chain)
    lost = [t for t in measures if t.lost_at is not None]
    parts.append(f"<h2>{h(_('Lost and restored'))} ({len(lost)})</h2><ul>")
    parts += [
        f'<li><a href="#m-{h(t.measure.id)}"><strong>{h(t.measure.name)}</strong></a> '
        f"<code>{h(t.measure.id)}</code>: {h(where_lost(chain, t))}</li>"
        for t in lost
    ]
    if not lost:
        parts.append(f"<li>{h(_('Every measure of the top plan reaches the bottom plan.'))}</li>")
    parts.append("</ul>")
    parts += _trace_table(chain)
    parts.append(f"<h2>{h(_('Measures of the top plan'))} ({len(measures)})</h2>")
    parts += [_measure(chain, t) for t in measures]
    parts += _added(chain)
    parts.append("</body></html>")
    return parts


def _trace_table(chain: Chain) -> list[str]:
    rows = trace_rows(chain)
    headers = trace_headers(chain)
    levels = range(2, 2 + len(chain.plans) - 1)
    out = [f"<h2>{h(_('Trace'))}</h2><table><tr>"]
    out.append("".join(f"<th>{h(x)}</th>" for x in headers) + "</tr>")
    for t, row in zip(traced(chain), rows, strict=True):
        cells = []
        for n, value in enumerate(row):
            css = ""
            if n in levels and t.steps[n - 2].status in STATUS_TONES:
                css = f' class="{t.steps[n - 2].status}"'
            cells.append(f"<td{css}>{h(value)}</td>")
        out.append(f'<tr id="t-{h(t.measure.id)}">' + "".join(cells) + "</tr>")
    out.append("</table>")
    return out


def _measure(chain: Chain, t: TracedMeasure) -> str:
    """One top-level measure: its text, then what happens to it at each lower plan."""
    lost = where_lost(chain, t)
    head = f"<strong>{h(t.measure.name)}</strong> <code>{h(t.measure.id)}</code>"
    if lost:
        head += f' <span class="note">{h(lost)}</span>'
    out = [
        f'<details id="m-{h(t.measure.id)}"><summary>{head}</summary>',
        f'<p class="text">{h(t.measure.text)}</p>',
    ]
    out.append('<table class="steps">')
    for step in t.steps:
        status = h(word(step.status))
        coverage = (
            " " + h(_("coverage {coverage:.0%}").format(coverage=step.coverage))
            if step.coverage is not None
            else ""
        )
        against = h(_("against {plan}").format(plan=level_header(chain, step.against)))
        cell = [f"{status}{coverage}, {against}"]
        for node in step.via:
            cell.append(
                f"<div><strong>{h(node.name)}</strong> <code>{h(node.id)}</code>"
                f'<div class="text">{h(node.text)}</div></div>'
            )
        if step.closest is not None:
            near = _("Closest child measure: {name} (share {share:.0%}).")
            cell.append(
                f'<div class="evidence">{h(near.format(name=step.closest.name, share=step.closest_share))}'
                f'<div class="text">{h(step.closest.text)}</div></div>'
            )
        for above, here, similarity in step.evidence:
            cell.append(
                f'<div class="evidence">{h(_("matching clauses"))} ({similarity:.0%}): '
                f"{h(above)} ⇒ {h(here)}</div>"
            )
        css = f' class="{step.status}"' if step.status in STATUS_TONES else ""
        out.append(
            f"<tr><th>{h(level_header(chain, step.plan))}</th><td{css}>{''.join(cell)}</td></tr>"
        )
    out.append("</table></details>")
    return "".join(out)


def _added(chain: Chain) -> list[str]:
    out = [f"<h2>{h(_('Added at each level'))}</h2>"]
    for i, nodes in added_measures(chain).items():
        count = _("{n} measure(s) whose substance appears in no plan above").format(n=len(nodes))
        out.append(f"<h3>{h(level_header(chain, i))}: {h(count)}</h3><ul>")
        out += [
            f"<li><strong>{h(n.name)}</strong> <code>{h(n.id)}</code>"
            f'<div class="text">{h(n.text)}</div></li>'
            for n in nodes
        ]
        out.append("</ul>")
    return out
