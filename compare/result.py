"""The comparison result: one object that every report renders; nothing downstream recomputes it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from duizhao.compare.owner_change import OwnerChange
from duizhao.compare.revision_result import RevisionFacts
from duizhao.compare.settings import Settings
from duizhao.corpus.model import Node, Plan


class ParentStatus(StrEnum):
    """What became of a parent measure in the child (values are the compare@1 JSON strings)."""

    CARRIED = "carried"
    PARTIAL = "partial"
    DROPPED = "dropped"


class ChildStatus(StrEnum):
    """Where a child measure comes from (values are the compare@1 JSON strings)."""

    INHERITED = "inherited"
    MODIFIED = "modified"
    ADDED = "added"


class Flag(StrEnum):
    """Reassignment flags of a child measure, in the order reports list them."""

    MOVED = "moved"
    MERGED = "merged"
    SPLIT = "split"
    OWNERS_CHANGED = "owners_changed"


class Basis(StrEnum):
    """What a link rests on: matched clauses (text) or whole-measure resemblance within
    corresponding sections (context, weaker: no clause pair passed on its own)."""

    TEXT = "text"
    CONTEXT = "context"


class SpanKind(StrEnum):
    """What a changed span of a redline holds: ordinary text, or a number, year or unit whose
    change reports highlight (到2025年 → 到2026年 is substantive however short)."""

    TEXT = "text"
    NUMBER = "number"
    MOVED = "moved"
    """(revisions) a sentence or clause deleted at one place of a measure and inserted at another."""


PARENT_STATUSES = tuple(ParentStatus)
FLAGS = tuple(Flag)


@dataclass(frozen=True)
class Evidence:
    """A matched clause pair: why a link exists."""

    parent_text: str
    child_text: str
    similarity: float


@dataclass(frozen=True)
class Link:
    """Parent measure P feeds child measure C."""

    parent: str
    child: str
    score: float
    """Overall strength of the link, 0–1 (the larger of the two shares, weighted)."""
    parent_share: float
    """Part of P's text that survives in C."""
    child_share: float
    """Part of C's text explained by P."""
    evidence: tuple[Evidence, ...]
    basis: Basis = Basis.TEXT
    """text: clause evidence; context: whole-measure resemblance supported by sections."""


@dataclass(frozen=True)
class SourceShare:
    """One parent measure a child measure draws on, and how much of the child it explains."""

    parent: str
    child_share: float


@dataclass(frozen=True)
class Span:
    """A run of characters in a redline: equal, delete (parent only), insert (child only)."""

    op: str
    text: str
    kind: SpanKind = SpanKind.TEXT
    """For delete/insert spans: `number` when the span changes a number, year or unit."""


@dataclass(frozen=True)
class ClauseDiff:
    """One clause of a modified measure: kept, changed (with a character redline), removed or added."""

    op: str
    """kept | changed | removed | added."""
    parent_text: str
    child_text: str
    similarity: float
    spans: tuple[Span, ...] = ()
    """Character-level redline for `changed` clauses; localisation differences are equal spans."""


@dataclass(frozen=True)
class ParentResult:
    """What became of one parent measure in the child."""

    measure: Node
    status: ParentStatus
    coverage: float
    """Part of the measure's text that reaches the child, over all its links."""
    closest: str | None = None
    """For a dropped measure: the child measure with the weakest-but-nonzero resemblance, if any."""
    closest_score: float = 0.0


@dataclass(frozen=True)
class ChildResult:
    """Where one child measure comes from, and what it changed."""

    measure: Node
    status: ChildStatus
    novelty: float
    """Part of the measure's text with no source in the parent."""
    sources: tuple[SourceShare, ...]
    """Parent measures it draws on substantially, strongest first."""
    flags: tuple[Flag, ...]
    """Subset of FLAGS, in FLAGS order."""
    main_source: str | None = None
    moved_from: tuple[str, ...] = ()
    """For `moved`: heading path of the main source's section in the parent."""
    owners_before: tuple[str, ...] = ()
    """For `owners_changed`: the main source's owners (as printed)."""
    diff: tuple[ClauseDiff, ...] = ()
    """Clause-level diff against the sources: for every measure whose text differs from its
    main source's (an inherited measure that lost a clause shows the loss too). Every clause
    of every source appears exactly once: kept, changed or removed."""
    counterpart: bool = False
    """It is its main source's one-to-one counterpart (compare/assign.py): the local version
    of that measure, as opposed to a measure that borrows from it."""
    owner_change: OwnerChange | None = None
    """For `owners_changed`: the real difference (units added, removed, moved between roles),
    after level normalisation (owner_change.py). None exactly when the flag is not set."""


@dataclass(frozen=True)
class SectionFlow:
    """How many links run from a parent section to a child section (for the flow diagram)."""

    parent_section: str
    child_section: str
    parent_heading: str
    child_heading: str
    links: int
    corresponds: bool


@dataclass(frozen=True)
class Summary:
    """Counts of each status on both sides."""

    parent_measures: int
    carried: int
    partial: int
    dropped: int
    child_measures: int
    inherited: int
    modified: int
    added: int
    moved: int
    merged: int
    split: int
    owners_changed: int

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Comparison:
    """Everything `duizhao compare PARENT CHILD` found."""

    parent: Plan
    child: Plan
    parent_measures: tuple[ParentResult, ...]
    child_measures: tuple[ChildResult, ...]
    links: tuple[Link, ...]
    summary: Summary
    settings: Settings
    sections: tuple[SectionFlow, ...] = ()
    mode: str = "levels"
    """levels (parent plan → lower-level plan) or revision (same plan, two dates)."""
    notes: tuple[str, ...] = ()
    """Warnings for the user (e.g. no measures in common, parent looks lower than child)."""
    revision: RevisionFacts | None = None
    """In revision mode: the numbering map, renamed headings, owner differences, N changes."""

    def parent_result(self, measure_id: str) -> ParentResult:
        return next(r for r in self.parent_measures if r.measure.id == measure_id)

    def child_result(self, measure_id: str) -> ChildResult:
        return next(r for r in self.child_measures if r.measure.id == measure_id)
