"""What the 对照表 says in words: the 说明 of each row and the 综述 paragraph above the table.

Sentences an office would write by hand: 全文沿用 / 删去“……”等 2 处，新增“……” / 由上级第5、6条
合并 / 牵头单位由省司法厅调整为区民政局 (`owner_words`, the one phrasing of an owners change) /
未落实原因：<the waiver's reason>. Word, Excel, CSV,
markdown and HTML take them from here, so every view says the same. Counts come from
`Comparison.summary`; nothing here decides a status.
"""

from __future__ import annotations

from collections.abc import Mapping

from duizhao.compare.result import ChildResult, Comparison
from duizhao.reports.common.escape import truncate
from duizhao.reports.common.i18n import _, word
from duizhao.reports.common.owner_words import say_owner_change
from duizhao.reports.pair.table_view import added_texts, cited, number_of, removed_texts
from duizhao.reports.pair.views import TableRow, context_based, cut_clauses, link_of, lookup

QUOTE = 24
"""Characters of a deleted or added passage quoted in a sentence (longer ones end in …)."""


def quoted(texts: list[str]) -> str:
    """The longest passage quoted, with 等 N 处 when there are more: 删去“……”等 2 处 (a reader
    learns most from the longest; the count says how many there are in all)."""
    first = f"“{truncate(max(texts, key=len), QUOTE)}”"
    if len(texts) == 1:
        return first
    return _("{first} and {n} places in all").format(first=first, n=len(texts))


def child_notes(result: Comparison, c: ChildResult) -> list[str]:
    """说明 of one child measure: what it kept, removed and added, where it came from."""
    out: list[str] = []
    found = lookup(result)
    if c.status == "added":
        return [_("A measure of the child plan's own.")]
    removed, added = removed_texts(c), added_texts(c)
    if not removed and not added:
        out.append(_("Carried over in full."))
    else:
        edits = []
        if removed:
            edits.append(_("removed {passages}").format(passages=quoted(removed)))
        if added:
            edits.append(_("added {passages}").format(passages=quoted(added)))
        out.append(_("{edits}.").format(edits="，".join(edits)))
    if "merged" in c.flags:
        names = "、".join(cited(found.parents[s.parent].measure) for s in c.sources)
        out.append(_("Merged from parent {names}.").format(names=names))
    if "split" in c.flags and c.main_source:
        others = [
            k.child for k in found.from_parent.get(c.main_source, []) if k.child != c.measure.id
        ]
        if others:
            names = "、".join(cited(found.children[o].measure) for o in others)
            out.append(_("Split: its source also feeds {names}.").format(names=names))
    if "moved" in c.flags and c.moved_from:
        out.append(_("Moved from parent section “{before}” to “{after}”.").format(
            before=c.moved_from[-1], after=c.measure.section_heading))  # fmt: skip
    if c.owner_change:
        out.append(say_owner_change(c.owner_change) + "。")
    for s in c.sources:
        if context_based(link_of(result, s.parent, c.measure.id)):
            out.append(_("Linked to {name} by context only (weaker).").format(
                name=cited(found.parents[s.parent].measure)))  # fmt: skip
    return out


def waiver_sentence(reason: str) -> str:
    """未落实原因：<the waiver's reason>。 (every view says a waived measure's reason so)."""
    return _("Reason not carried: {reason}").format(reason=reason.rstrip("。.")) + "。"


def row_notes(
    result: Comparison, row: TableRow, reasons: Mapping[str, str] | None = None
) -> list[str]:
    """说明 of a 对照表 row, sentence by sentence. `reasons` maps a parent measure id to the
    reason a waiver gives for not carrying it (`duizhao.toml`)."""
    out: list[str] = []
    p = row.parent
    if p is not None and p.status == "dropped":
        reason = (reasons or {}).get(p.measure.id)
        if reason:
            out.append(waiver_sentence(reason))
        else:
            out.append(_("Not found in the child plan."))
    if p is not None and p.status == "partial" and not row.children:
        cut = cut_clauses(result, p)
        if cut:
            out.append(_("Not carried: {passages}.").format(passages=quoted(list(cut))))
    many = len(row.children) > 1
    for c in row.children:
        notes = child_notes(result, c)
        if many and notes:
            notes[0] = f"{number_of(c)}：{notes[0]}"
        out += notes
    if row.also:
        names = "、".join(cited(c.measure) for c in row.also)
        out.append(_("Also drawn on by child {names}.").format(names=names))
    return out


def overview(result: Comparison) -> str:
    """综述: the counts of the summary in one plain paragraph, the dropped measures named."""
    s = result.summary
    dropped = [p.measure for p in result.parent_measures if p.status == "dropped"]
    named = "；".join(f"{cited(m)} {truncate(m.title or m.text, 20)}" for m in dropped[:5])
    if len(dropped) > 5:
        named += _(" and {n} more").format(n=len(dropped) - 5)
    parent = _("The parent plan has {n} measures; the child plan carries {carried}, partly "
               "carries {partial} and drops {dropped}").format(
        n=s.parent_measures, carried=s.carried, partial=s.partial, dropped=s.dropped)  # fmt: skip
    if named:
        parent += _(" ({named})").format(named=named)
    added = [c.measure for c in result.child_measures if c.status == "added"]
    child = _("adds {n}").format(n=s.added)
    if added:
        child += _(" ({named})").format(
            named="；".join(f"{cited(m)} {truncate(m.title or m.text, 20)}" for m in added[:5])
        )
    reassigned = _("reassigned: {moved} {w_moved}, {merged} {w_merged}, {split} {w_split}, "
                   "{owners} {w_owners}").format(
        moved=s.moved, merged=s.merged, split=s.split, owners=s.owners_changed,
        w_moved=word("moved"), w_merged=word("merged"), w_split=word("split"),
        w_owners=word("owners_changed"))  # fmt: skip
    total = _("The child plan has {n} measures: {inherited} inherited, {modified} modified, "
              "{added} added.").format(
        n=s.child_measures, inherited=s.inherited, modified=s.modified, added=s.added)  # fmt: skip
    return _("{parent}; {child}; {reassigned}. {total}").format(
        parent=parent, child=child, reassigned=reassigned, total=total
    )


def share(value: float) -> str:
    """A share as every view prints it: a whole per cent (35%)."""
    return f"{value:.0%}"
