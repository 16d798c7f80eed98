"""What every format of a folder's index lists: files not read and why, plans found more than
once and the one chosen, each plan's level, nearest parent and missing parents, the counts.
"""

from __future__ import annotations

from duizhao.corpus.errors import say
from duizhao.corpus.scan import Entry, Index
from duizhao.reports.common.i18n import _, level_word


def said(reason: str) -> str:
    """A reason (why a file was skipped, unreadable, or chosen among duplicates) in the report
    language: the index keeps it as an English `Message` (the JSON's words), said here."""
    return str(say(reason, _))


def skipped(index: Index) -> list[tuple[str, str]]:
    """Files of the folder that were not read, and why: (path, reason), sorted by path (the
    reasons as the index holds them, in English: `said` words them for a reader)."""
    return sorted((s.path, s.reason) for s in index.skipped)


def duplicates(index: Index) -> list[tuple[str, tuple[str, ...], str]]:
    """Plans found in several files: (file chosen, the others, why that one), by chosen path."""
    return sorted((d.chosen, tuple(d.others), d.reason) for d in index.duplicates)


def level_cell(entry: Entry) -> str:
    j = entry.jurisdiction
    return f"{j.name or '—'} ({level_word(j.level)})"


def parent_cell(index: Index, entry: Entry) -> str:
    """The nearest found parent: its jurisdiction and file."""
    parent = index.get(entry.parent) if entry.parent else None
    if parent is None:
        return "—"
    return (
        f"{parent.jurisdiction.name} ({parent.path})" if parent.jurisdiction.name else parent.path
    )


def missing_parents(entry: Entry) -> list[str]:
    """Missing parents by title (period and draft marker stripped), in preamble order."""
    return [f"《{c.title}》" for c in entry.parents if c.path is None]


def counts_line(index: Index) -> str:
    return _("{plans} plan(s), {unreadable} unreadable, {skipped} not read, "
             "{duplicates} found more than once; {parented} with a parent in the folder.").format(
        plans=len(index.plans), unreadable=len(index.unreadable), skipped=len(skipped(index)),
        duplicates=len(duplicates(index)),
        parented=sum(1 for e in index.plans if e.parent))  # fmt: skip
