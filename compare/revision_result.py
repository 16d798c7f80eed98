"""What a comparison of two drafts of one plan adds to a `Comparison`: the numbering map, heading
renames, owner differences by role, and the number of changes (共修改 N 处)."""

from __future__ import annotations

from dataclasses import dataclass

from duizhao.compare.owner_change import Role


@dataclass(frozen=True)
class RoleMove:
    """A unit named in both drafts, in another role."""

    unit: str
    old_role: Role
    new_role: Role


@dataclass(frozen=True)
class OwnerDifference:
    """How a measure's owners differ between the old and the new draft, role by role."""

    measure: str
    """Id of the measure in the new draft."""
    added: tuple[tuple[Role, str], ...] = ()
    """Units only the new draft names, with their role."""
    removed: tuple[tuple[Role, str], ...] = ()
    """Units only the old draft named, with their role."""
    moved: tuple[RoleMove, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.moved)


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
    owners: tuple[OwnerDifference, ...]
    text_edits: int
    """Edits of measure text (each maximal changed run of a redline is one)."""
    changes: int
    """共修改 N 处: text edits + measures added, deleted, moved, split, merged + measures whose
    owners changed + headings renamed."""

    def owners_of(self, measure_id: str) -> OwnerDifference | None:
        return next((o for o in self.owners if o.measure == measure_id), None)
