"""The comparison as a GitHub-flavoured markdown report that also reads well as plain text.

Sections: plans, summary and coverage by section, notes, dropped, added, reassigned (moved,
merged, split, owners changed), modified (clause redlines), alignment table, section flow
(mermaid), thresholds. Every piece of plan text goes through `escape.md_text`/`md_cell`.
"""

from __future__ import annotations

from collections.abc import Iterable

from duizhao.compare.result import ChildResult, ClauseDiff, Comparison, ParentResult
from duizhao.corpus.model import Node, Plan
from duizhao.reports.comparison_table import (
    comparison_rows,
    flow_sections,
    measure_name,
    section_coverage,
    split_partners,
)
from duizhao.reports.escape import md_cell, md_text, mermaid_label, percent, truncate

MODES = {
    "levels": "levels (parent plan → lower-level plan)",
    "revision": "revision (the same plan, earlier → later)",
}
BAR = 20
"""Width of the coverage bar in characters."""


def render_markdown(result: Comparison, *, lang: str = "zh") -> str:
    """The whole report as markdown text ending in one newline."""
    parts = [
        _header(result),
        _notes(result.notes),
        _summary(result),
        _dropped(result),
        _added(result),
        _reassigned(result),
        _modified(result),
        _alignment(result),
        _flow(result),
        _settings(result),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _lines(items: Iterable[str]) -> str:
    return "\n".join(items)


def _table(head: list[str], rows: Iterable[list[str]], align: str = "") -> str:
    """A pipe table; `align` holds one character per column: l (default) or r."""
    marks = ["--:" if a == "r" else "---" for a in align.ljust(len(head), "l")]
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join(marks) + " |"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return _lines(out)


def _ref(node: Node, limit: int = 30) -> str:
    """A measure named by label and (short) title, escaped, with its id as code."""
    return f"`{node.id}` {md_text(truncate(measure_name(node), limit))}"


def _title(node: Node) -> str:
    """A measure's heading: label and title, or label and the start of its text."""
    return md_text(truncate(measure_name(node), 60))


def _path(node: Node) -> str:
    return " › ".join(md_text(p) for p in node.path) or "(top level)"


def _owners(node: Node) -> str:
    return "、".join(node.owners.all())


def _header(r: Comparison) -> str:
    def yes_no(flag: bool) -> str:
        return "yes" if flag else "no"

    def column(plan: Plan, n: int) -> list[str]:
        j = plan.jurisdiction
        return [plan.title, j.name or "–", j.level, plan.period or "–", yes_no(plan.draft),
                plan.path, str(n)]  # fmt: skip

    names = ["title", "jurisdiction", "level", "period", "draft", "file", "measures"]
    p, c = column(r.parent, len(r.parent_measures)), column(r.child, len(r.child_measures))
    rows = [[name, md_cell(a), md_cell(b)] for name, a, b in zip(names, p, c, strict=True)]
    title = f"# 对照: {md_text(r.parent.title)} → {md_text(r.child.title)}"
    mode = f"Mode: {MODES.get(r.mode, md_text(r.mode))}."
    return _lines([title, "", _table(["", "parent", "child"], rows), "", mode])


def _notes(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    return _lines(["> [!WARNING]", *(f"> - {md_text(n)}" for n in notes)])


def _summary(r: Comparison) -> str:
    s = r.summary
    left = [("carried", s.carried), ("partial", s.partial), ("dropped", s.dropped), ("", 0)]
    mid = [("inherited", s.inherited), ("modified", s.modified), ("added", s.added), ("", 0)]
    right = [("moved", s.moved), ("merged", s.merged), ("split", s.split),
             ("owners changed", s.owners_changed)]  # fmt: skip

    def cells(name: str, n: int, whole: int) -> list[str]:
        return [name, str(n), percent(n, whole)] if name else ["", "", ""]

    rows = [
        cells(*a, s.parent_measures) + cells(*b, s.child_measures) + cells(*c, s.child_measures)
        for a, b, c in zip(left, mid, right, strict=True)
    ]
    head = [f"parent ({s.parent_measures})", "n", "%", f"child ({s.child_measures})", "n", "%",
            "reassigned", "n", "%"]  # fmt: skip
    return _lines(["## Summary", "", _table(head, rows, "lrrlrrlrr"), "", _coverage(r)])


def _coverage(r: Comparison) -> str:
    rows = []
    for path, counts in section_coverage(r):
        n = sum(counts.values())
        carried, partial, dropped = counts["carried"], counts["partial"], counts["dropped"]
        full = round(BAR * carried / n)
        half = round(BAR * (carried + partial) / n) - full
        bar = "█" * full + "▒" * half + "░" * (BAR - full - half)
        name = " › ".join(md_text(p) for p in path) or "(top level)"
        rows.append([name, str(n), f"{carried} ({percent(carried, n)})",
                     f"{partial} ({percent(partial, n)})", f"{dropped} ({percent(dropped, n)})",
                     f"`{bar}`"])  # fmt: skip
    head = [
        "parent section",
        "measures",
        "carried",
        "partial",
        "dropped",
        "█ carried ▒ partial ░ dropped",
    ]
    return _lines(["### Coverage by parent section", "", _table(head, rows, "lrrrrl")])


def _quote(text: str) -> str:
    return f"> {md_text(text, starts_line=True)}"


def _dropped(r: Comparison) -> str:
    items = [p for p in r.parent_measures if p.status == "dropped"]
    out = [f"## Dropped ({len(items)})", "",
           "Parent measures of which nothing substantial reaches the child."]  # fmt: skip
    for p in items:
        out += ["", _dropped_item(r, p)]
    return _lines(out)


def _dropped_item(r: Comparison, p: ParentResult) -> str:
    m = p.measure
    out = [f"### {_title(m)}", "",
           f"`{m.id}` · {_path(m)} · lines {m.lines[0]}–{m.lines[1]} · coverage {p.coverage:.2f}",
           "", _quote(m.text)]  # fmt: skip
    if m.owners:
        out += ["", f"Owners: {md_text(_owners(m))}"]
    if p.closest:
        c = r.child_result(p.closest).measure
        out += ["", f"Closest in the child: {_ref(c)} (share {p.closest_score:.2f})", "",
                _quote(c.text)]  # fmt: skip
    return _lines(out)


def _added(r: Comparison) -> str:
    items = [c for c in r.child_measures if c.status == "added"]
    out = [f"## Added ({len(items)})", "", "Child measures with no source in the parent."]
    for c in items:
        m = c.measure
        out += ["", f"### {_title(m)}", "",
                f"`{m.id}` · {_path(m)} · lines {m.lines[0]}–{m.lines[1]} · novelty {c.novelty:.2f}",
                "", _quote(m.text)]  # fmt: skip
        if m.owners:
            out += ["", f"Owners: {md_text(_owners(m))}"]
    return _lines(out)


def _flagged(r: Comparison, flag: str) -> list[ChildResult]:
    return [c for c in r.child_measures if flag in c.flags]


def _reassigned(r: Comparison) -> str:
    out = ["## Reassigned", ""]
    moved = _flagged(r, "moved")
    out += [f"### Moved ({len(moved)})", ""]
    if moved:
        rows = [[_ref(c.measure), _path(c.measure), _ref(r.parent_result(c.main_source).measure),
                 " › ".join(md_text(p) for p in c.moved_from)]
                for c in moved if c.main_source]  # fmt: skip
        out.append(
            _table(
                ["child measure", "now in child section", "main source", "was in parent section"],
                rows,
            )
        )
    else:
        out.append("None.")
    merged = _flagged(r, "merged")
    out += ["", f"### Merged ({len(merged)})", ""]
    for c in merged:
        sources = ", ".join(f"{_ref(r.parent_result(s.parent).measure)} (explains {s.child_share:.0%})"
                            for s in c.sources)  # fmt: skip
        out.append(f"- {_ref(c.measure)} draws on {sources}")
    out += ["None."] if not merged else []
    out += ["", *_split(r)]
    owners = _flagged(r, "owners_changed")
    out += ["", f"### Owners changed ({len(owners)})", ""]
    rows = [[_ref(c.measure), md_cell("、".join(c.owners_before)), md_cell(_owners(c.measure))]
            for c in owners]  # fmt: skip
    out.append(
        _table(["child measure", "before (parent)", "after (child)"], rows) if rows else "None."
    )
    return _lines(out)


def _split(r: Comparison) -> list[str]:
    """Split measures grouped by their main source, with every child measure that source feeds."""
    split = _flagged(r, "split")
    out = [f"### Split ({len(split)})", ""]
    seen: list[str] = []
    for c in split:
        if c.main_source is None or c.main_source in seen:
            continue
        seen.append(c.main_source)
        feeds = ", ".join(
            f"{_ref(r.child_result(k.child).measure)} (keeps {k.parent_share:.0%})"
            for k in split_partners(r, c)
        )
        out.append(f"- {_ref(r.parent_result(c.main_source).measure)} feeds {feeds}")
    return out + (["None."] if not split else [])


def _modified(r: Comparison) -> str:
    items = [c for c in r.child_measures if c.status == "modified"]
    out = [f"## Modified ({len(items)})", "",
           "Clause by clause against the sources: <del>struck</del> is in the parent only, "
           "<ins>underlined</ins> in the child only; localisation (place names, level words such "
           "as 省/区) counts as unchanged."]  # fmt: skip
    for c in items:
        m = c.measure
        sources = ", ".join(f"{_ref(r.parent_result(s.parent).measure)} ({s.child_share:.0%})"
                            for s in c.sources)  # fmt: skip
        out += ["", f"### {_title(m)}", "",
                f"`{m.id}` · {_path(m)} · from {sources or 'no source'} · novelty {c.novelty:.2f}",
                ""]  # fmt: skip
        out += [_clause(d) for d in c.diff] or ["(no clause diff)"]
    return _lines(out)


def _clause(d: ClauseDiff) -> str:
    if d.op == "removed":
        return f"- removed: <del>{md_text(d.parent_text)}</del>"
    if d.op == "added":
        return f"- added: <ins>{md_text(d.child_text)}</ins>"
    if not d.spans:
        return f"- {d.op}: {md_text(d.child_text)}"
    marks = {"delete": "<del>{}</del>", "insert": "<ins>{}</ins>", "equal": "{}"}
    text = "".join(marks.get(s.op, "{}").format(md_text(s.text)) for s in d.spans)
    return f"- {d.op} ({d.similarity:.2f}): {text}"


def _alignment(r: Comparison) -> str:
    rows = []
    for row in comparison_rows(r):
        k = row.link
        rows.append([
            _ref(row.parent.measure, 20) if row.parent else "–",
            _ref(row.child.measure, 20) if row.child else "–",
            row.parent.status if row.parent else "",
            row.child.status if row.child else "",
            f"{k.score:.2f}" if k else "",
            f"{k.parent_share:.2f}" if k else "",
            f"{k.child_share:.2f}" if k else "",
            " ".join(row.child.flags) if row.child else "",
        ])  # fmt: skip
    head = ["parent", "child", "parent status", "child status", "score", "parent share",
            "child share", "flags"]  # fmt: skip
    return _lines(["## Alignment", "", _table(head, rows, "llllrrrl")])


def _flow(r: Comparison) -> str:
    if not r.sections:
        return ""
    out = ["## Section flow", "",
           "Links from parent sections (left) to child sections (right); dashed: sections that "
           "do not correspond.", "", "```mermaid", "flowchart LR"]  # fmt: skip
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
    return _lines(["<details><summary>Thresholds used</summary>", "",
                   _table(["setting", "value"], rows, "lr"), "", "</details>"])  # fmt: skip
