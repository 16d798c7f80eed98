"""The 对照表 as an office reads it: section rows, the parent's own numbers, owners, the child text.

Word, Excel, CSV, markdown and HTML all list `table_lines`: the rows of `views.table_rows`
(every parent measure once in parent order, every added child measure in its place) with a
full-width row before them for each heading of the parent plan (一、… / （一）…) that opens
there. The cells are said here once — 序号 (the parent measure's own label), the child text
with what it added marked, 责任单位 and 完成时限 of both plans, 对照情况 — so that every view
shows the same words. Nothing here decides a status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from duizhao.compare.result import ChildResult, Comparison
from duizhao.corpus.model import Node, Owners, Plan
from duizhao.reports.common.i18n import _, level_word, word
from duizhao.reports.pair.views import TableRow, redline_pieces, table_rows

EDGES = " \t\n，,。；;、："
"""Punctuation and space a quoted passage neither starts nor ends with."""
ADDED_KINDS = ("insert", "number")
"""Pieces of the redline that the child added (a changed number, year or unit is one too)."""


@dataclass(frozen=True)
class SectionLine:
    """A full-width row of the 对照表: a heading of the parent plan, where its measures start."""

    depth: int
    """0 for a part (一、), 1 for a section under it (（一）), and so on."""
    text: str
    """The heading as printed: label and title."""


Line = SectionLine | TableRow
"""One row of the 对照表 body: a section heading or a row of measures."""


def table_lines(result: Comparison) -> list[Line]:
    """The rows of `views.table_rows` with the parent's headings inserted where they open.

    A heading row comes before the first parent measure under it; added child measures sit in
    the rows `table_rows` gives them and open no heading."""
    out: list[Line] = []
    shown: tuple[str, ...] = ()
    for row in table_rows(result):
        if row.parent is not None:
            out += opened(shown, row.parent.measure.path)
            shown = row.parent.measure.path
        out.append(row)
    return out


def opened(shown: tuple[str, ...], path: tuple[str, ...]) -> list[SectionLine]:
    """The heading rows a measure under `path` opens after rows under `shown`: every heading
    of its path from the first one that differs."""
    same = 0
    while same < min(len(path), len(shown)) and path[same] == shown[same]:
        same += 1
    return [SectionLine(depth, path[depth]) for depth in range(same, len(path))]


def measure_rows(lines: list[Line]) -> list[TableRow]:
    """The rows of measures of `table_lines`, without the heading rows."""
    return [line for line in lines if isinstance(line, TableRow)]


_LABEL_END = re.compile(r"[、.．,，\s]+$")


def number(row: TableRow) -> str:
    """序号: the parent measure's own label as printed ("6", "（三）"); a dash for a row of an
    added measure (its own number opens the child cell)."""
    if row.parent is None:
        return "—"
    node = row.parent.measure
    return _LABEL_END.sub("", node.label) or node.label


def cited(node: Node) -> str:
    """A measure named by number in a sentence: 第6条, 第（三）项 (a label as printed otherwise)."""
    core = _LABEL_END.sub("", node.label)
    if core.isdigit():
        return _("measure {n}").format(n=core)
    if core:
        return _("item {n}").format(n=core)
    return node.name


def plan_facts(plan: Plan) -> str:
    """Jurisdiction, level, period and draft state of a plan (no file path): the title block."""
    j = plan.jurisdiction
    parts = [j.name, level_word(j.level) if j.level != "unknown" else "", plan.period or ""]
    if plan.draft:
        parts.append(_("draft"))
    return "，".join(p for p in parts if p)


def without_paths(text: str, plans: tuple[Plan, ...]) -> str:
    """`text` with every plan's file path (and file name) replaced by its title in 《》:
    a note written for the terminal names files, a 对照表 handed on names plans."""
    for plan in plans:
        if not plan.path:
            continue
        for form in dict.fromkeys((plan.path, PurePath(plan.path).name)):
            if form:
                text = text.replace(form, f"《{plan.title}》")
    return text


def child_pieces(child: ChildResult) -> list[tuple[str, str]]:
    """The child measure's own text as (kind, text) pieces: `equal`, or `insert` / `number` for
    what it added to its source (deleted source text is not in it: the 说明 says it).

    The pieces come from the clause diff when they spell the measure's text exactly; otherwise
    the text is one `equal` piece with each added clause marked where it is found."""
    text = child.measure.text
    if child.status == "added" or not child.diff:
        return [("equal", text)]
    pieces = [(k, t) for k, t in redline_pieces(child.diff) if k != "delete"]
    if _squash("".join(t for _, t in pieces)) == _squash(text):
        return _merge(pieces)
    out: list[tuple[str, str]] = []
    at = 0
    for d in child.diff:
        found = text.find(d.child_text, at) if d.op == "added" and d.child_text else -1
        if found >= 0:
            out += [("equal", text[at:found]), ("insert", d.child_text)]
            at = found + len(d.child_text)
    out.append(("equal", text[at:]))
    return _merge([(k, t) for k, t in out if t])


def removed_texts(child: ChildResult) -> list[str]:
    """What the child dropped from its source, in source order (clauses and spans)."""
    if child.status == "added":
        return []
    texts = (t.strip(EDGES) for k, t in redline_pieces(child.diff) if k == "delete")
    return [t for t in texts if t]


def added_texts(child: ChildResult) -> list[str]:
    """What the child added to its source, in its own order."""
    texts = (t.strip(EDGES) for k, t in child_pieces(child) if k in ADDED_KINDS)
    return [t for t in texts if t]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _merge(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for kind, text in pieces:
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + text)
        else:
            out.append((kind, text))
    return out


ROLES = (("lead", "lead"), ("responsible", "responsible"), ("participating", "participating"))


def owners_text(owners: Owners) -> str:
    """Owners by role: 牵头 省司法厅；参加 省发展改革委、省市场监管局."""
    names = {"lead": _("lead"), "responsible": _("responsible"), "participating": _("with")}
    parts = [
        f"{names[role]} {'、'.join(getattr(owners, role))}"
        for role, _attr in ROLES
        if getattr(owners, role)
    ]
    return "；".join(parts)


def owner_lines(row: TableRow) -> list[str]:
    """责任单位 (and 完成时限 where read) of both plans: 上级：… / 本级：… ."""
    out: list[str] = []
    if row.parent is not None:
        out += _side_owners(_("parent side"), row.parent.measure)
    for c in row.children:
        side = _("child side")
        label = side if len(row.children) == 1 else f"{side}{number_of(c)}"
        out += _side_owners(label, c.measure)
    return out


def number_of(child: ChildResult) -> str:
    """A child measure's label without its trailing punctuation."""
    return _LABEL_END.sub("", child.measure.label) or child.measure.label


def _side_owners(side: str, node: Node) -> list[str]:
    out = []
    if node.owners:
        out.append(_("{side}: {owners}").format(side=side, owners=owners_text(node.owners)))
    if node.deadline:
        out.append(_("{side} deadline: {deadline}").format(side=side, deadline=node.deadline))
    return out


def finding(row: TableRow) -> str:
    """对照情况: the parent measure's status, then each child's status and flags, once each."""
    parts = [word(row.parent.status)] if row.parent else []
    for c in row.children:
        parts += [word(c.status), *(word(f) for f in c.flags)]
    return "、".join(dict.fromkeys(parts))
