"""What a comparison of two drafts of one plan adds to a `Comparison`: the numbering map, heading
renames, owner differences by role, and the number of changes (共修改 N 处)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Renumbered:
    """A measure whose number changed (renumbering, or a move): old and new label."""

    measure: str
    """Id in the new draft."""
    old_label: str
    new_label: str
    moved: bool
    """It also changed section (移位); otherwise only the numbers around it changed."""


@dataclass(frozen=True)
class HeadingRename:
    """A section heading reworded between drafts: one structural change, not an edit of every
    measure under it."""

    old_heading: str
    new_heading: str


@dataclass(frozen=True)
class RevisionFacts:
    """Everything a revision report lists once, besides the measures' own statuses."""

    numbering: tuple[Renumbered, ...]
    headings: tuple[HeadingRename, ...]
    owners: tuple[str, ...]
    """Ids of the new measures whose owners changed (the change is `ChildResult.owner_change`)."""
    text_edits: int
    """Edits of measure text (each maximal changed run of a redline is one)."""
    changes: int
    """共修改 N 处: text edits + measures added, deleted, moved, split, merged + measures whose
    owners changed + headings renamed."""
