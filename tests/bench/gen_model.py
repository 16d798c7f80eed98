"""The child plan under construction in the bench generator: pieces, measures, containers."""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# The child under construction


@dataclass
class Piece:
    """A sentence of a child measure and the parent measure it comes from (None: new text)."""

    text: str
    source: str | None


@dataclass
class ChildMeasure:
    pieces: list[Piece]
    kind: str
    """carried | merged | split | added"""
    owners: dict[str, list[str]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def contribution(self) -> dict[str, int]:
        """Characters contributed by each parent measure, in first-appearance order."""
        out: dict[str, int] = {}
        for p in self.pieces:
            if p.source is not None:
                out[p.source] = out.get(p.source, 0) + len(p.text)
        return out

    @property
    def main(self) -> str | None:
        share = self.contribution()
        return max(share, key=lambda k: share[k]) if share else None


@dataclass
class Container:
    """A group of child measures under one heading; `origin` is the parent section it restates."""

    origin: str | None
    part: str
    section: str | None
    measures: list[ChildMeasure]


@dataclass
class Derived:
    """A generated child plan: the document as text and the truth of what was done."""

    text: str
    truth: dict
    name: str


def _section_key(node_id: str) -> str:
    return node_id.rsplit(".", 1)[0] if "." in node_id else ""
