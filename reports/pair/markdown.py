"""The comparison as a GitHub-flavoured markdown report that also reads well as plain text.

Sections: plans, summary and coverage by section, notes, dropped, added, reassigned (moved,
merged, split, owners changed), modified (clause redlines), alignment table, section flow
(mermaid), thresholds. Every piece of plan text goes through `escape.md_text`/`md_cell`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from duizhao.compare.result import ChildResult, ClauseDiff, Comparison, ParentResult, SpanKind
from duizhao.corpus.model import Node, Plan
from duizhao.reports.common.escape import md_cell, md_text, mermaid_label, percent, truncate
from duizhao.reports.common.i18n import N_, _, level_word, note_text, using, word
from duizhao.reports.common.md_table import Md, markdown_table
from duizhao.reports.common.owner_words import say_owner_change
from duizhao.reports.pair.markdown_table import duizhao_section
from duizhao.reports.pair.table_notes import share, waiver_sentence
from duizhao.reports.pair.views import (
    context_based,
    flow_sections,
    measure_name,
    partial_measures,
    section_coverage,
    split_groups,
)

if TYPE_CHECKING:
    from duizhao.compare.result import Link, Span

MODES = {
    "levels": N_("levels (parent plan → lower-level plan)"),
    "revision": N_("revision (the same plan, earlier → later)"),
}
BAR = 20
"""Width of the coverage bar in characters."""


def render_markdown(
    result: Comparison, *, lang: str = "zh", reasons: Mapping[str, str] | None = None
) -> str:
    """The whole report as markdown text ending in one newline (in `lang`: zh or en)."""
    with using(lang):
        return _render(result, reasons)


def _render(result: Comparison, reasons: Mapping[str, str] | None = None) -> str:
    parts = [
        _header(result),
        _notes(result.notes),
        _summary(result),
        _dropped(result, reasons or {}),
        _partial(result),
        _added(result),
        _reassigned(result),
        _modified(result),
        _retouched(result),
        duizhao_section(result, reasons),
        _flow(result),
        _settings(result),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _lines(items: Iterable[str]) -> str:
    return "\n".join(items)


def _table(head: list[str], rows: Iterable[list[str]], align: str = "") -> str:
    """A pipe table of cells that are already markdown (see `md_table` for plain text)."""
    return markdown_table(head, ([Md(c) for c in row] for row in rows), align)


def _ref(node: Node, limit: int = 30) -> str:
    """A measure named by label and (short) title, escaped, with its id as code."""
    return Md(f"`{node.id}` {md_text(truncate(measure_name(node), limit))}")


def _title(node: Node) -> str:
    """A measure's heading: label and title, or label and the start of its text."""
    return md_text(truncate(measure_name(node), 60))


def _path(node: Node) -> str:
    return " › ".join(md_text(p) for p in node.path) or _("(top level)")


def _owners(node: Node) -> str:
    return "、".join(node.owners.all())


def _header(r: Comparison) -> str:
    def yes_no(flag: bool) -> str:
        return _("yes") if flag else _("no")

    def column(plan: Plan, n: int) -> list[str]:
        j = plan.jurisdiction
        return [plan.title, j.name or "–", level_word(j.level), plan.period or "–", yes_no(plan.draft),
                plan.path, str(n)]  # fmt: skip

    names = [_("title"), _("jurisdiction"), _("level"), _("period"), _("draft"), _("file"),
             _("measures")]  # fmt: skip
    p, c = column(r.parent, len(r.parent_measures)), column(r.child, len(r.child_measures))
    rows = [[name, md_cell(a), md_cell(b)] for name, a, b in zip(names, p, c, strict=True)]
    title = f"# {_('Comparison')}: {md_text(r.parent.title)} → {md_text(r.child.title)}"
    mode = _("Mode: {mode}.").format(mode=_(MODES[r.mode]) if r.mode in MODES else md_text(r.mode))
    sides = ("old", "new") if r.mode == "revision" else ("parent", "child")
    return _lines([title, "", _table(["", word(sides[0]), word(sides[1])], rows), "", mode])


def _notes(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    return _lines(["> [!WARNING]", *(f"> - {md_text(note_text(n))}" for n in notes)])


def _summary(r: Comparison) -> str:
    s = r.summary
    left = [
        (word("carried"), s.carried),
        (word("partial"), s.partial),
        (word("dropped"), s.dropped),
        ("", 0),
    ]
    mid = [
        (word("inherited"), s.inherited),
        (word("modified"), s.modified),
        (word("added"), s.added),
        ("", 0),
    ]
    right = [(word("moved"), s.moved), (word("merged"), s.merged), (word("split"), s.split),
             (word("owners_changed"), s.owners_changed)]  # fmt: skip

    def cells(name: str, n: int, whole: int) -> list[str]:
        return [name, str(n), percent(n, whole)] if name else ["", "", ""]

    rows = [
        cells(*a, s.parent_measures) + cells(*b, s.child_measures) + cells(*c, s.child_measures)
        for a, b, c in zip(left, mid, right, strict=True)
    ]
    n = _("n")
    head = [f"{word('parent')} ({s.parent_measures})", n, "%",
            f"{word('child')} ({s.child_measures})", n, "%", word("reassigned"), n, "%"]  # fmt: skip
    return _lines([f"## {_('Summary')}", "", _table(head, rows, "lrrlrrlrr"), "", _coverage(r)])


def _coverage(r: Comparison) -> str:
    rows = []
    for path, counts in section_coverage(r):
        n = sum(counts.values())
        carried, partial, dropped = counts["carried"], counts["partial"], counts["dropped"]
        full = round(BAR * carried / n)
        half = round(BAR * (carried + partial) / n) - full
        bar = "█" * full + "▒" * half + "░" * (BAR - full - half)
        name = " › ".join(md_text(p) for p in path) or _("(top level)")
        rows.append([name, str(n), f"{carried} ({percent(carried, n)})",
                     f"{partial} ({percent(partial, n)})", f"{dropped} ({percent(dropped, n)})",
                     f"`{bar}`"])  # fmt: skip
    c, p, d = word("carried"), word("partial"), word("dropped")
    head = [_("parent section"), _("measures"), c, p, d, f"█ {c} ▒ {p} ░ {d}"]
    return _lines([f"### {_('Coverage by parent section')}", "", _table(head, rows, "lrrrrl")])


def _quote(text: str) -> str:
    return f"> {md_text(text, starts_line=True)}"


def _dropped(r: Comparison, reasons: Mapping[str, str]) -> str:
    items = [p for p in r.parent_measures if p.status == "dropped"]
    out = [f"## {word('dropped')} ({r.summary.dropped})", "",
           _("Parent measures of which nothing substantial reaches the child.")]  # fmt: skip
    for p in items:
        out += ["", _dropped_item(r, p, reasons.get(p.measure.id))]
    return _lines(out)


def _dropped_item(r: Comparison, p: ParentResult, reason: str | None = None) -> str:
    m = p.measure
    out = [f"### {_title(m)}", "",
           f"`{m.id}` · {_path(m)} · {_lines_of(m)} · {_('coverage')} {share(p.coverage)}",
           "", _quote(m.text)]  # fmt: skip
    if m.owners:
        out += ["", f"{_('Owners')}: {md_text(_owners(m))}"]
    if reason:
        out += ["", md_text(waiver_sentence(reason))]
    if p.closest:
        c = r.child_result(p.closest).measure
        out += ["", _("Closest in the child: {ref} (share {share:.0%})").format(
            ref=_ref(c), share=p.closest_score), "",
                _quote(c.text)]  # fmt: skip
    return _lines(out)


def _added(r: Comparison) -> str:
    items = [c for c in r.child_measures if c.status == "added"]
    out = [
        f"## {word('added')} ({r.summary.added})",
        "",
        _("Child measures with no source in the parent."),
    ]
    for c in items:
        m = c.measure
        out += ["", f"### {_title(m)}", "",
                f"`{m.id}` · {_path(m)} · {_lines_of(m)} · {_('novelty')} {share(c.novelty)}",
                "", _quote(m.text)]  # fmt: skip
        if m.owners:
            out += ["", f"{_('Owners')}: {md_text(_owners(m))}"]
    return _lines(out)


def _flagged(r: Comparison, flag: str) -> list[ChildResult]:
    return [c for c in r.child_measures if flag in c.flags]


def _reassigned(r: Comparison) -> str:
    out = [f"## {word('reassigned')}", ""]
    moved = _flagged(r, "moved")
    out += [f"### {word('moved')} ({r.summary.moved})", ""]
    if moved:
        rows = [[_ref(c.measure), _path(c.measure),
                 _ref(r.parent_result(c.main_source).measure) if c.main_source else "–",
                 " › ".join(md_text(p) for p in c.moved_from)]
                for c in moved]  # fmt: skip
        out.append(
            _table(
                [
                    _("child measure"),
                    _("now in child section"),
                    _("main source"),
                    _("was in parent section"),
                ],
                rows,
            )
        )
    else:
        out.append(_("None."))
    merged = _flagged(r, "merged")
    out += ["", f"### {word('merged')} ({r.summary.merged})", ""]
    for c in merged:
        sources = "；".join(_("{ref} (explains {share:.0%})").format(
            ref=_ref(r.parent_result(s.parent).measure), share=s.child_share) for s in c.sources)  # fmt: skip
        out.append(
            "- " + _("{ref} draws on {sources}").format(ref=_ref(c.measure), sources=sources)
        )
    out += [_("None.")] if not merged else []
    out += ["", *_split(r)]
    owners = _flagged(r, "owners_changed")
    out += ["", f"### {word('owners_changed')} ({r.summary.owners_changed})", ""]
    rows = [[_ref(c.measure), md_cell(say_owner_change(c.owner_change))] for c in owners]
    head = [_("child measure"), _("what changed")]
    out.append(_table(head, rows) if rows else _("None."))
    return _lines(out)


def _split(r: Comparison) -> list[str]:
    """Split measures under the parent measure they come from: one entry per flagged child
    measure (the heading counts them), with how much of the source each keeps."""
    out = [f"### {word('split')} ({r.summary.split})", ""]
    for parent, children in split_groups(r):
        out.append("- " + _("{ref} is split into:").format(ref=_ref(parent.measure)))
        for c in children:
            k = _link(r, parent.measure.id, c.measure.id)
            keeps = _(" (keeps {share})").format(share=share(k.parent_share)) if k else ""
            out.append(f"  - {_ref(c.measure)}{keeps}")
    return out + ([_("None.")] if not r.summary.split else [])


def _modified(r: Comparison) -> str:
    items = [c for c in r.child_measures if c.status == "modified"]
    out = [f"## {word('modified')} ({r.summary.modified})", "",
           _("Clause by clause against the sources: <del>struck</del> is in the parent only, "
             "<ins>underlined</ins> in the child only, <mark>marked</mark> a changed number, "
             "year or unit; localisation (place names, level words such as 省/区) counts as "
             "unchanged.")]  # fmt: skip
    return _lines(out + _diffs(r, items))


def _retouched(r: Comparison) -> str:
    """Inherited measures whose text still differs from the source (a clause dropped): not
    counted as modified, listed under a heading of their own that counts them."""
    items = [c for c in r.child_measures
             if c.status == "inherited" and any(d.op != "kept" for d in c.diff)]  # fmt: skip
    if not items:
        return ""
    out = [
        f"## {_('Inherited, wording changed')} ({len(items)})",
        "",
        _("Inherited measures whose clauses differ from the source, marked as above."),
    ]
    return _lines(out + _diffs(r, items))


def _diffs(r: Comparison, items: list[ChildResult]) -> list[str]:
    out: list[str] = []
    for c in items:
        m = c.measure
        sources = "；".join(f"{_ref(r.parent_result(s.parent).measure)} ({s.child_share:.0%})"
                            + (f" ({_('context only, weaker')})" if context_based(
                                _link(r, s.parent, m.id)) else "")
                            for s in c.sources)  # fmt: skip
        out += ["", f"### {_title(m)}", "",
                f"`{m.id}` · {word(c.status)} · {_path(m)} · {_('from')} "
                f"{sources or _('no source')} · {_('novelty')} {share(c.novelty)}", ""]  # fmt: skip
        out += [_clause(d) for d in c.diff] or [_("(no clause diff)")]
    return out


def _clause(d: ClauseDiff) -> str:
    op = _(CLAUSE_OPS.get(d.op, d.op))
    if d.op == "removed":
        return f"- {op}: <del>{md_text(d.parent_text)}</del>"
    if d.op == "added":
        return f"- {op}: <ins>{md_text(d.child_text)}</ins>"
    if not d.spans:
        return f"- {op}: {md_text(d.child_text)}"
    marks = {"delete": "<del>{}</del>", "insert": "<ins>{}</ins>", "equal": "{}"}

    def piece(s: Span) -> str:
        text = marks.get(s.op, "{}").format(md_text(s.text))
        number = s.op != "equal" and s.kind == SpanKind.NUMBER
        return f"<mark>{text}</mark>" if number else text

    return f"- {op} ({share(d.similarity)}): {''.join(piece(s) for s in d.spans)}"


def _flow(r: Comparison) -> str:
    if not r.sections:
        return ""
    out = [f"## {_('Section flow')}", "",
           _("Links from parent sections (left) to child sections (right); dashed: sections that "
             "do not correspond."), "", "```mermaid", "flowchart LR"]  # fmt: skip
    parents, children = flow_sections(r)
    for side, plan, nodes in (("p", r.parent, parents), ("c", r.child, children)):
        out.append(f'  subgraph {side}["{mermaid_label(truncate(plan.title, 24))}"]')
        out += [
            f'    {_node(side, sid)}["{mermaid_label(truncate(head, 14))}"]' for sid, head in nodes
        ]
        out.append("  end")
    for f in r.sections:
        arrow = "-->" if f.corresponds else "-.->"
        out.append(
            f"  {_node('p', f.parent_section)} {arrow}|{f.links}| {_node('c', f.child_section)}"
        )
    return _lines([*out, "```"])


def _node(side: str, section: str) -> str:
    return f"{side}_{section.replace('.', '_') or 'top'}"


def _settings(r: Comparison) -> str:
    rows = [[name, str(value)] for name, value in r.settings.to_dict().items()]
    return _lines([f"<details><summary>{_('Thresholds used')}</summary>", "",
                   _table([_("setting"), _("value")], rows, "lr"), "", "</details>"])  # fmt: skip


CLAUSE_OPS = {"kept": N_("kept"), "changed": N_("changed"), "removed": N_("removed"),
              "added": N_("added clause")}  # fmt: skip


def _lines_of(m: Node) -> str:
    return _("lines {first}–{last}").format(first=m.lines[0], last=m.lines[1])


def _link(r: Comparison, parent: str, child: str) -> Link | None:
    return next((k for k in r.links if k.parent == parent and k.child == child), None)


def _partial(r: Comparison) -> str:
    """Partly carried parent measures, each with the clauses that do not reach the child."""
    items = partial_measures(r)
    out = [f"## {word('partial')} ({r.summary.partial})", "",
           _("Parent measures of which a substantial part does not reach the child, with what "
             "was cut.")]  # fmt: skip
    for p, cut in items:
        m = p.measure
        out += ["", f"### {_title(m)}", "",
                f"`{m.id}` · {_path(m)} · {_lines_of(m)} · {_('coverage')} {share(p.coverage)}"]  # fmt: skip
        out += ["", f"{_('Not carried')}:"] + [f"- <del>{md_text(t)}</del>" for t in cut]
    return _lines(out)
