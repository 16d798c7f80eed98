"""The comparison result: one object that every report renders; nothing downstream recomputes it."""

from __future__ import annotations

from dataclasses import dataclass

from duizhao.compare.settings import Settings
from duizhao.corpus.model import Node, Plan

PARENT_STATUSES = ("carried", "partial", "dropped")
CHILD_STATUSES = ("inherited", "modified", "added")
FLAGS = ("moved", "merged", "split", "owners_changed")


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
    measure: Node
    status: str
    """carried | partial | dropped."""
    coverage: float
    """Part of the measure's text that reaches the child, over all its links."""
    closest: str | None = None
    """For a dropped measure: the child measure with the weakest-but-nonzero resemblance, if any."""
    closest_score: float = 0.0


@dataclass(frozen=True)
class ChildResult:
    measure: Node
    status: str
    """inherited | modified | added."""
    novelty: float
    """Part of the measure's text with no source in the parent."""
    sources: tuple[SourceShare, ...]
    """Parent measures it draws on substantially, strongest first."""
    flags: tuple[str, ...]
    """Subset of FLAGS, in FLAGS order."""
    main_source: str | None = None
    moved_from: tuple[str, ...] = ()
    """For `moved`: heading path of the main source's section in the parent."""
    owners_before: tuple[str, ...] = ()
    """For `owners_changed`: the main source's owners (as printed)."""
    diff: tuple[ClauseDiff, ...] = ()
    """Clause-level diff against the sources, for modified measures."""


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

    def parent_result(self, measure_id: str) -> ParentResult:
        return next(r for r in self.parent_measures if r.measure.id == measure_id)

    def child_result(self, measure_id: str) -> ChildResult:
        return next(r for r in self.child_measures if r.measure.id == measure_id)
