"""The plan model: metadata plus a tree of numbered units (parts, sections, measures) with owners."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

LEVELS = ("province", "city", "district", "unknown")
NAME_CHARS = 16
"""How many characters of its text name a measure that has no title."""


@dataclass(frozen=True)
class Owners:
    """Who carries out a measure: lead (牵头单位), participating (参加单位), responsible (责任单位)."""

    lead: tuple[str, ...] = ()
    participating: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lead or self.participating or self.responsible)

    def all(self) -> tuple[str, ...]:
        """Every unit named, lead first, without repeats."""
        return tuple(dict.fromkeys(self.lead + self.responsible + self.participating))

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "lead": list(self.lead),
            "participating": list(self.participating),
            "responsible": list(self.responsible),
        }


@dataclass(frozen=True)
class Node:
    """One numbered unit of the body. A measure is a node with text and no numbered children."""

    id: str
    """Stable position in the tree: "2.1.3" = third child of the first child of the second part."""
    label: str
    """The number as printed, e.g. "（三）", "12.", "一、"."""
    style: str
    """Numbering style key (see `duizhao.corpus.numbering.STYLES`)."""
    depth: int
    """0 for top-level nodes."""
    title: str | None
    """Heading or short title sentence; None when the unit has no separate title."""
    body: str
    """Text after the title, without label and owners. For headings: the introduction."""
    owners: Owners
    lines: tuple[int, int]
    """1-based first and last source line (paragraph index for docx/html/pdf)."""
    path: tuple[str, ...]
    """Headings above this node, outermost first, each as label + title."""
    children: tuple[Node, ...] = ()
    deadline: str | None = None
    """Completion deadline from a task table's 完成时限 / 时间节点 column, as printed."""

    @property
    def is_measure(self) -> bool:
        return not self.children and bool(self.title or self.body)

    @property
    def text(self) -> str:
        """Full text as printed, without label and owners: title and body joined."""
        if self.title and self.body:
            return f"{self.title}{'' if self.title[-1] in '。；;！？!?' else '。'}{self.body}"
        return self.title or self.body

    @property
    def section(self) -> str:
        """Id of the unit this node sits in ("" at the top level): its section."""
        return self.id.rsplit(".", 1)[0] if "." in self.id else ""

    @property
    def section_heading(self) -> str:
        """The heading of that section, as printed ("(top level)" at the top level)."""
        return self.path[-1] if self.path else "(top level)"

    @property
    def name(self) -> str:
        """How every report names this unit: label and title, or label and the first words.

        A measure without a title ("6." or "(85)" alone says nothing) is named by the
        first `NAME_CHARS` characters of its text, cut at a clause end when one is near.
        """
        gap = " " if self.label[-1:].isdigit() else ""  # `1 组织…`: a bare number is apart
        if self.title:
            return f"{self.label}{gap}{self.title}".strip()
        words = self.body.strip()
        if len(words) > NAME_CHARS:
            cut = min(
                (words.find(p) for p in "，。；,;：:" if 0 < words.find(p) <= NAME_CHARS),
                default=NAME_CHARS,
            )
            words = words[:cut] + "…"
        return f"{self.label}{gap}{words}".strip()

    @property
    def heading(self) -> str:
        """Label and title, the way the node is named in a heading path."""
        return f"{self.label}{self.title or ''}".strip()

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Jurisdiction:
    """The government a plan belongs to."""

    name: str
    """As the plan names itself, e.g. "湖北省", "高新区"; empty when unknown."""
    level: str
    """province | city | district | unknown."""
    short: str = ""
    """Short form used in running text and slogans (湖北, 襄阳, 高新)."""
    parents: tuple[str, ...] = ()
    """Higher jurisdictions named in the document's context (e.g. 襄阳 for 高新区)."""


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment (批注) in a draft: never part of the plan's text."""

    author: str
    text: str
    anchor_line: int
    """Paragraph index (as in `Node.lines`) of the text the comment is attached to; 0 if unknown."""


@dataclass(frozen=True)
class Revisions:
    """Tracked changes (修订) and comments found in a document, and which text was read."""

    changes: int
    """Insertions, deletions and moves recorded in the file."""
    authors: tuple[str, ...]
    """Who made the changes, in order of first appearance."""
    comments: tuple[Comment, ...] = ()
    original: bool = False
    """True when the text before the changes was read (`original=True`), else the accepted text."""

    def __bool__(self) -> bool:
        return bool(self.changes or self.comments)


@dataclass(frozen=True)
class OcrLine:
    """A line read by OCR with its confidence (0–1): low ones are listed for a drafter to check."""

    page: int
    """1-based page (or image) number."""
    text: str
    confidence: float
    paragraph: int = 0
    """Paragraph index (as in `Node.lines`) the line ended up in; 0 if it was dropped."""


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR: how many lines and how sure the engine was on average."""

    page: int
    lines: int
    confidence: float
    """Mean confidence of the page's lines (0–1), weighted by their length."""


@dataclass(frozen=True)
class Ocr:
    """How a scanned plan was read: the engine, every page, and the lines it was least sure of."""

    engine: str
    """rapidocr | tesseract, with the engine's version."""
    pages: tuple[OcrPage, ...]
    low: tuple[OcrLine, ...] = ()
    """Lines below the low-confidence threshold, in page order."""

    @property
    def confidence(self) -> float:
        """Mean confidence over the pages, weighted by their lines."""
        total = sum(p.lines for p in self.pages)
        return sum(p.confidence * p.lines for p in self.pages) / total if total else 0.0


@dataclass(frozen=True)
class Plan:
    """A parsed implementation plan."""

    path: str
    title: str
    jurisdiction: Jurisdiction
    period: str | None
    draft: bool
    cites: tuple[str, ...]
    """Documents named in 《》 in the preamble, in order (the declared parents)."""
    preamble: str
    closing: str
    issuer: str | None
    date: str | None
    nodes: tuple[Node, ...]
    warnings: tuple[str, ...] = ()
    format: str = "txt"
    sha256: str = ""
    revisions: Revisions | None = None
    """Tracked changes and comments of a .docx draft; None when the file has neither."""
    converted_from: str | None = None
    """"doc", "wps", "odt" or "rtf" when LibreOffice converted the file before it was read."""
    ocr: Ocr | None = None
    """How the pages were read when the file is a scan (a PDF of images, page images)."""

    def walk(self) -> Iterator[Node]:
        for node in self.nodes:
            yield from node.walk()

    def measures(self) -> list[Node]:
        """Measures in document order."""
        return [n for n in self.walk() if n.is_measure]

    def node(self, node_id: str) -> Node:
        for n in self.walk():
            if n.id == node_id:
                return n
        raise KeyError(node_id)
