"""Levels of government: which plan sits above which, and what to say when a pair looks off."""

from __future__ import annotations

import re
import unicodedata

from duizhao.compare.notes import Note, note
from duizhao.corpus.jurisdiction import LEVEL_RANK, short_form
from duizhao.corpus.model import Plan


def level_notes(parent: Plan, child: Plan, *, revision: bool = False) -> list[Note]:
    """Warnings for a pair: the parent looks lower than the child, or a level is skipped."""
    if revision:
        return []
    p_rank = LEVEL_RANK.get(parent.jurisdiction.level)
    c_rank = LEVEL_RANK.get(child.jurisdiction.level)
    if p_rank is None or c_rank is None:
        return []
    if p_rank > c_rank:
        return [
            note(
                "the parent {parent} ({parent_level}) looks lower than the child {child} "
                "({child_level}): give the higher-level plan first (duizhao compare {child} "
                "{parent})",
                parent=parent.path,
                parent_level=parent.jurisdiction.level,
                child=child.path,
                child_level=child.jurisdiction.level,
            )
        ]
    if p_rank == c_rank and parent.jurisdiction.name != child.jurisdiction.name:
        # Two plans of one level (a neighbouring district's plan given as the parent): the
        # comparison runs, but every 未落实 then means "the neighbour has it", not "dropped".
        return [
            note(
                "the parent {parent} ({parent_level}) is at the same level as the child {child}: "
                "is it the plan above?",
                parent=parent.path,
                parent_level=parent.jurisdiction.level,
                child=child.path,
            )
        ]
    if c_rank - p_rank > 1:
        return [
            note(
                "{child} ({child_level}) is compared straight to {parent} ({parent_level}): "
                "the level between them is missing",
                child=child.path,
                child_level=child.jurisdiction.level,
                parent=parent.path,
                parent_level=parent.jurisdiction.level,
            )
        ]
    return []


def citation_notes(parent: Plan, child: Plan, *, revision: bool = False) -> list[Note]:
    """A note when the child's preamble cites plans of other jurisdictions than the parent's.

    A child names the plans it implements (`cites`); compared with a parent of a jurisdiction
    it does not name, the comparison is probably against the wrong parent, and the user must
    be told whatever the output format. Nothing is said when either side names no
    jurisdiction (a national outline, a plan whose preamble cites nothing)."""
    if revision:
        return []
    cited = child.jurisdiction.parents
    name = parent.jurisdiction.name
    if not cited or not name or name == child.jurisdiction.name:
        return _uncited(parent, child)
    mine = {name, parent.jurisdiction.short or short_form(name), short_form(name)}
    if any(n in mine or short_form(n) in mine for n in cited):
        return _uncited(parent, child)
    return [
        note(
            "{child} cites plans of {cited}, not of {name}: is {parent} the right parent?",
            child=child.path,
            cited="、".join(cited),
            name=name,
            parent=parent.path,
        )
    ]


_PERIOD = re.compile(
    r"[(（][^()（）]*\d{4}[^()（）]*[)）]|征求意见稿|送审稿|草案|修订稿|[《》〈〉\s]"
)


def _title_key(title: str) -> str:
    """A plan title as cited and as printed compared alike: width folded, without period,
    draft marker, brackets and spaces."""
    return _PERIOD.sub("", unicodedata.normalize("NFKC", title))


def _uncited(parent: Plan, child: Plan) -> list[Note]:
    """A note when the child's preamble cites plans but not the parent.

    A plan names the plans it implements; given a parent it does not name while it names
    others, the user has probably picked the wrong file (a plan of the right place but
    another field, an older edition). Nothing is said when the child cites nothing or the
    parent has no title to look for."""
    if not child.cites or not parent.title:
        return []
    own = _title_key(parent.title)
    if not own:
        return []
    for cited in child.cites:
        key = _title_key(cited)
        if key and (own in key or key in own):
            return []
    return [
        note(
            "{child} does not cite {parent} ({title}), while it cites {cited}: is it the "
            "right parent?",
            child=child.path,
            parent=parent.path,
            title=parent.title,
            cited="、".join(f"《{c}》" for c in child.cites),
        )
    ]
