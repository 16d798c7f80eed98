"""The 修改对照表 of two drafts, as rows and sentences every revision format renders alike.

Rows follow the new draft (修改稿), a deleted measure in the place it had; by default only the
measures that changed, every one with `show_all`. Each row says what the engine found in the
vocabulary of a revision (原稿 / 修改稿, 沿用 / 修改 / 新增 / 删除 / 移位 / 合并 / 拆分 /
责任单位变化) and explains it: the edits in words, the old and new numbers of a move, the
owners added, removed or moved between roles. The summary says 共修改 N 处 and lists the
renumbering once. Nothing here decides a status: `compare.revision` did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from duizhao.compare.result import ChildResult, Comparison, Flag, ParentResult, Span, SpanKind
from duizhao.compare.revision_result import RevisionFacts
from duizhao.compare.token_diff import edits
from duizhao.reports.common.i18n import gettext_for, normalise, word
from duizhao.reports.common.owner_words import say_owner_change

QUOTE_CHARS = 24
"""Longest quotation of an edit in the 修改说明 before it is shortened with …."""


@dataclass(frozen=True)
class RevisionRow:
    """One row of the 修改对照表."""

    old_label: str
    old_text: str
    new_label: str
    new_text: str
    spans: tuple[Span, ...]
    """The redline of the new text against the old (empty when there is nothing to mark)."""
    status: str
    """The row's status and flags in words (修改、移位)."""
    notes: tuple[str, ...]
    """修改说明: one sentence per kind of change."""
    changed: bool


def revision_rows(result: Comparison, lang: str, *, show_all: bool = False) -> list[RevisionRow]:
    """The rows of the table, in the new draft's order (changed ones only unless `show_all`)."""
    _facts(result)
    old_index = {p.measure.id: k for k, p in enumerate(result.parent_measures)}
    dropped = [p for p in result.parent_measures if p.status == "dropped"]
    rows: list[RevisionRow] = []
    for c in result.child_measures:
        at = old_index.get(c.main_source or "")
        while dropped and at is not None and old_index[dropped[0].measure.id] < at:
            rows.append(_deleted_row(dropped.pop(0), lang))
        rows.append(_row(result, c, lang))
    rows.extend(_deleted_row(p, lang) for p in dropped)
    return rows if show_all else [r for r in rows if r.changed]


def _facts(result: Comparison) -> RevisionFacts:
    if result.revision is None:
        raise ValueError("a 修改对照表 needs a comparison made with revision=True")
    return result.revision


def _deleted_row(p: ParentResult, lang: str) -> RevisionRow:
    _ = gettext_for(lang)
    m = p.measure
    return RevisionRow(
        m.label, m.text, "", "", (), word("deleted", lang), (_("Measure deleted."),), True
    )


def _row(result: Comparison, c: ChildResult, lang: str) -> RevisionRow:
    _ = gettext_for(lang)
    m = c.measure
    if c.status == "added":
        return RevisionRow(
            "", "", m.label, m.text, (), word("added", lang), (_("Measure added."),), True
        )
    main_id = c.main_source
    assert main_id is not None, "a measure that is not added has a main source"
    olds = [result.parent_result(s.parent).measure for s in c.sources] or [
        result.parent_result(main_id).measure
    ]
    main = result.parent_result(main_id).measure
    spans = tuple(s for d in c.diff for s in d.spans)
    notes: list[str] = []
    changes = edits(spans)
    if changes:
        said = _sep(lang, "；").join(
            _edit_words(d, i, spans, lang) for d, i in _distinct(changes, spans)
        )
        notes.append(_("{n} edit(s): {edits}.").format(n=len(changes), edits=said))
    if Flag.MOVED in c.flags:
        notes.append(
            _("Moved: formerly {old} in {old_section}, now {new} in {new_section}.").format(
                old=main.label,
                new=m.label,
                old_section=main.section_heading,
                new_section=m.section_heading,
            )
        )
    if Flag.MERGED in c.flags:
        labels = _sep(lang, "、").join(o.label for o in olds)
        notes.append(_("Merged from {labels} of the old draft.").format(labels=labels))
    if Flag.SPLIT in c.flags:
        notes.append(_("Split from {label} of the old draft.").format(label=main.label))
    if c.owner_change:
        said = say_owner_change(c.owner_change, lang)
        notes.append(_("Owners changed: {change}.").format(change=said))
    status = [word(c.status, lang), *(word(f, lang) for f in c.flags)]
    changed = c.status != "inherited" or bool(c.flags)
    old_label = (
        _sep(lang, "、").join(o.label for o in olds) if Flag.MERGED in c.flags else main.label
    )
    old_text = c.diff[0].parent_text if c.diff else main.text
    return RevisionRow(
        old_label,
        old_text,
        m.label,
        m.text,
        spans,
        _sep(lang, "、").join(status),
        tuple(notes),
        changed,
    )


def _distinct(changes: list[tuple[str, str]], spans: tuple[Span, ...]) -> list[tuple[str, str]]:
    """The edits, a moved sentence said once (its deletion and its insertion are one move)."""
    moved = {s.text for s in spans if s.kind == SpanKind.MOVED}
    out, seen = [], set()
    for d, i in changes:
        key = (d or i) if (d in moved or i in moved) and not (d and i) else None
        if key is not None:
            core = key.strip("。；;，, ")
            if core in seen:
                continue
            seen.add(core)
        out.append((d, i))
    return out


def _edit_words(deleted: str, inserted: str, spans: tuple[Span, ...], lang: str) -> str:
    _ = gettext_for(lang)
    moved = {s.text for s in spans if s.kind == SpanKind.MOVED}
    if (deleted in moved or inserted in moved) and not (deleted and inserted):
        return _("“{text}” moved within the measure").format(text=quote(deleted or inserted))
    if deleted and inserted:
        return _("“{old}” changed to “{new}”").format(old=quote(deleted), new=quote(inserted))
    if deleted:
        return _("deleted “{text}”").format(text=quote(deleted))
    return _("inserted “{text}”").format(text=quote(inserted))


def quote(text: str) -> str:
    """An edit as quoted in a sentence: stripped, and shortened when long."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def summary_lines(result: Comparison, lang: str) -> list[str]:
    """共修改 N 处 with the count of each kind, then the renumbering and renamed headings."""
    _ = gettext_for(lang)
    facts = _facts(result)
    s = result.summary
    counts = [
        (word("modified", lang), s.modified),
        (word("added", lang), s.added),
        (word("deleted", lang), s.dropped),
        (word("moved", lang), s.moved),
        (word("merged", lang), s.merged),
        (word("split", lang), s.split),
        (word("owners_changed", lang), s.owners_changed),
    ]
    lines = [
        _("{n} change(s) in all: {counts}; {edits} edit(s) of measure text.").format(
            n=facts.changes,
            counts=_sep(lang, "，").join(
                _("{word} {n} measure(s)").format(word=name, n=n) for name, n in counts if n
            ),
            edits=facts.text_edits,
        )
        if facts.changes
        else _("No changes: the new draft carries every measure of the old one unchanged.")
    ]
    lines.append(
        _("Old draft {old} measures, new draft {new} measures, {same} unchanged.").format(
            old=s.parent_measures,
            new=s.child_measures,
            same=sum(c.status == "inherited" and not c.flags for c in result.child_measures),
        )
    )
    renumbered = [n for n in facts.numbering if not n.moved]
    if renumbered:
        pairs = _sep(lang, "、").join(f"{n.old_label}→{n.new_label}" for n in renumbered)
        lines.append(_("Renumbered (not counted as changes): {pairs}.").format(pairs=pairs))
    for h in facts.headings:
        lines.append(
            _("Heading renamed: “{old}” → “{new}”.").format(old=h.old_heading, new=h.new_heading)
        )
    return lines


def _sep(lang: str, chinese: str) -> str:
    """A separator in the report's language: 、，；： in Chinese, their English forms otherwise."""
    if normalise(lang) == "zh":
        return chinese
    return {"、": ", ", "，": ", ", "；": "; ", "：": ": "}[chinese]


def columns(lang: str) -> tuple[str, str, str, str]:
    """序号 | 原稿 | 修改稿 | 修改说明."""
    _ = gettext_for(lang)
    return (_("No."), word("old", lang), word("new", lang), _("Explanation of changes"))


def title(result: Comparison, lang: str) -> str:
    _ = gettext_for(lang)
    return _("Revision table: {title}").format(title=result.child.title or result.parent.title)


def draft_lines(result: Comparison, lang: str) -> list[str]:
    """原稿：path / 修改稿：path."""
    return [
        f"{word('old', lang)}{_sep(lang, '：')}{result.parent.path}",
        f"{word('new', lang)}{_sep(lang, '：')}{result.child.path}",
    ]


def tagged(span: Span, escape: Callable[[str], str]) -> str:
    """One span of a redline as markup: an edit inside <del> or <ins> (class "number" for a
    number changed, "moved" for a sentence moved), its text through `escape`."""
    text = escape(span.text)
    if span.op == "equal" or not text:
        return text
    tag = "del" if span.op == "delete" else "ins"
    mark = (
        ' class="moved"'
        if span.kind == "moved"
        else ' class="number"'
        if span.kind == "number"
        else ""
    )
    return f"<{tag}{mark}>{text}</{tag}>"
