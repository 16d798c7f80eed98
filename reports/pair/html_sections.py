"""The sections of the HTML report that the markdown report has too, with the same counts:
未落实, 部分落实, 新增, 调整 (移位, 合并, 拆分, 责任单位变化) and 修改.

Each heading's count is the number of entries under it, and it is the count of the summary:
a reader who counts the entries finds the number in the heading. Every piece of plan text
goes through `escape.h`.
"""

from __future__ import annotations

from collections.abc import Mapping

from duizhao.compare.result import ChildResult, Comparison
from duizhao.corpus.model import Node
from duizhao.reports.common.escape import h, truncate
from duizhao.reports.common.i18n import _, word
from duizhao.reports.common.owner_words import say_owner_change
from duizhao.reports.pair.html_table import clause, meta, owners
from duizhao.reports.pair.table_notes import share, waiver_sentence
from duizhao.reports.pair.views import link_of, measure_name, partial_measures, split_groups


def sections(r: Comparison, reasons: Mapping[str, str] | None = None) -> str:
    """Every section, in the markdown report's order (`reasons`: the waivers' reasons for
    dropped parent measures, by id)."""
    parts = [_dropped(r, reasons or {}), _partial(r), _added(r), _reassigned(r), _modified(r)]
    return "\n".join(parts)


def _name(node: Node) -> str:
    return f"<strong>{h(truncate(measure_name(node), 40))}</strong> <code>{h(node.id)}</code>"


def _section(key: str, title: str, count: int, intro: str, entries: list[str]) -> str:
    body = "".join(f'<div class="entry">{e}</div>' for e in entries) or f"<p>{h(_('None.'))}</p>"
    return (f'<section class="entries" id="{key}"><h2>{h(title)} ({count})</h2>'
            f'<p class="meta">{h(intro)}</p>{body}</section>')  # fmt: skip


def _dropped(r: Comparison, reasons: Mapping[str, str]) -> str:
    entries = []
    for p in (p for p in r.parent_measures if p.status == "dropped"):
        m = p.measure
        entry = f'{meta(m)}<h3>{_name(m)}</h3><div class="text">{h(m.text)}</div>{owners(m)}'
        if m.id in reasons:
            entry += f'<div class="note">{h(waiver_sentence(reasons[m.id]))}</div>'
        if p.closest:
            c = r.child_result(p.closest).measure
            entry += (f'<div class="note">{h(_("closest"))}: {_name(c)} '
                      f"({h(_('share'))} {share(p.closest_score)})</div>")  # fmt: skip
        entries.append(entry)
    intro = _("Parent measures of which nothing substantial reaches the child.")
    return _section("dropped", word("dropped"), r.summary.dropped, intro, entries)


def _partial(r: Comparison) -> str:
    entries = []
    for p, cut in partial_measures(r):
        clauses = "".join(f"<li><del>{h(t)}</del></li>" for t in cut)
        entries.append(f"<h3>{_name(p.measure)}</h3><p>{h(_('coverage'))} "
                       f"{share(p.coverage)}</p><ul>{clauses}</ul>")  # fmt: skip
    intro = _("Parent measures of which a substantial part does not reach the child, with what "
              "was cut.")  # fmt: skip
    return _section("partial", word("partial"), r.summary.partial, intro, entries)


def _added(r: Comparison) -> str:
    entries = [
        f'{meta(c.measure)}<h3>{_name(c.measure)}</h3><div class="text">{h(c.measure.text)}'
        f"</div>{owners(c.measure)}"
        for c in r.child_measures
        if c.status == "added"
    ]
    intro = _("Child measures with no source in the parent.")
    return _section("added", word("added"), r.summary.added, intro, entries)


def _flagged(r: Comparison, flag: str) -> list[ChildResult]:
    return [c for c in r.child_measures if flag in c.flags]


def _reassigned(r: Comparison) -> str:
    s = r.summary
    parts = [f'<section class="entries" id="reassigned"><h2>{h(word("reassigned"))}</h2>']
    moved = [f"{_name(c.measure)} — {h(_('was in parent section'))} "
             f"{h(' › '.join(c.moved_from))}" for c in _flagged(r, "moved")]  # fmt: skip
    merged = [f"{_name(c.measure)} — " + "；".join(
        f"{_name(r.parent_result(x.parent).measure)} ({share(x.child_share)})" for x in c.sources)
        for c in _flagged(r, "merged")]  # fmt: skip
    split = []
    for parent, children in split_groups(r):
        for c in children:
            k = link_of(r, parent.measure.id, c.measure.id)
            keeps = f" ({share(k.parent_share)})" if k else ""
            split.append(f"{_name(parent.measure)} → {_name(c.measure)}{keeps}")
    owner = [f"{_name(c.measure)} — {h(say_owner_change(c.owner_change))}"
             for c in _flagged(r, "owners_changed")]  # fmt: skip
    for key, count, items in (("moved", s.moved, moved), ("merged", s.merged, merged),
                              ("split", s.split, split),
                              ("owners_changed", s.owners_changed, owner)):  # fmt: skip
        lis = "".join(f'<li class="entry">{x}</li>' for x in items)
        parts.append(f"<h3>{h(word(key))} ({count})</h3>"
                     + (f"<ul>{lis}</ul>" if items else f"<p>{h(_('None.'))}</p>"))  # fmt: skip
    return "".join(parts) + "</section>"


def _modified(r: Comparison) -> str:
    entries = []
    for c in (c for c in r.child_measures if c.status == "modified"):
        text = "".join(clause(d) for d in c.diff) or h(c.measure.text)
        entries.append(f'{meta(c.measure)}<h3>{_name(c.measure)}</h3>'
                       f'<div class="text">{text}</div>'
                       f'<p class="meta">{h(_("novelty"))} {share(c.novelty)}</p>')  # fmt: skip
    intro = _("Clause by clause against the sources: struck is in the parent only, underlined "
              "in the child only, marked a changed number, year or unit.")  # fmt: skip
    return _section("modified", word("modified"), r.summary.modified, intro, entries)
