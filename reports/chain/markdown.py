"""A chain as markdown: the plans, each pair's counts, measures lost and restored (named), the
measures each level added (named), and the trace table. All plan text is escaped."""

from __future__ import annotations

from duizhao.compare.chain import Chain
from duizhao.reports.chain.views import (
    added_measures,
    level_header,
    pair_line,
    plan_name,
    trace_headers,
    trace_rows,
    traced,
    where_lost,
)
from duizhao.reports.common.escape import md_code, md_text
from duizhao.reports.common.i18n import _, level_word, note_text, using
from duizhao.reports.common.md_table import markdown_table


def render_chain_markdown(chain: Chain, *, lang: str = "zh") -> str:
    """The chain view as markdown text ending in one newline (in `lang`: zh or en)."""
    with using(lang):
        return _render(chain)


def _render(chain: Chain) -> str:
    names = [plan_name(chain, i) for i in range(len(chain.plans))]
    out = [f"# {_('Comparison')}: " + " → ".join(md_text(n) for n in names), ""]
    for i, plan in enumerate(chain.plans):
        j = plan.jurisdiction
        out.append(
            f"{i}. **{md_text(plan.title or plan.path)}** — {md_text(j.name or '?')} "
            f"({md_text(level_word(j.level))}), {md_code(plan.path)}"
        )
    out.append("")
    for note in chain.notes:
        out.append(f"> **{_('Note')}:** {md_text(note_text(note))}")
    if chain.notes:
        out.append("")
    out += [f"## {_('Pairs')}", ""]
    for i in range(len(chain.pairs)):
        out.append(f"- {md_text(pair_line(chain, i))}")
    measures = traced(chain)
    lost = [t for t in measures if t.lost_at is not None]
    out += ["", f"## {_('Lost and restored')} ({len(lost)})", ""]
    if not lost:
        out.append(_("Every measure of the top plan reaches the bottom plan."))
    for t in lost:
        out.append(f"- **{md_text(t.measure.name)}** `{t.measure.id}`: {where_lost(chain, t)}")
    out += ["", f"## {_('Added at each level')}", ""]
    for i, nodes in added_measures(chain).items():
        out.append(
            f"- {md_text(level_header(chain, i))}: "
            + _("{n} measure(s) whose substance appears in no plan above").format(n=len(nodes))
        )
        out += [f"  - `{n.id}` {md_text(n.name)}" for n in nodes]
    rows = trace_rows(chain)
    if rows:
        out += ["", f"## {_('Trace')}", "", markdown_table(trace_headers(chain), rows)]
    return "\n".join(out) + "\n"
