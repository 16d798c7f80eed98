"""What every reader hands the parser: paragraphs of text with where each starts, in a source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duizhao.corpus.model import Ocr, Revisions


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text and where it starts in the source."""

    text: str
    line: int
    """1-based line number for text files; 1-based paragraph index for docx, html and pdf."""
    label: str | None = None
    """The numbering label the text starts with, when the reader knows it is one (a Word list
    label, a task table's 序号 cell): the parser then takes it as a label even when its
    shape alone would not say so (a bare `1`, a number glued to the text)."""


@dataclass(frozen=True)
class Source:
    """What a reader hands to the parser."""

    path: str
    format: str
    """txt | md | docx | html | pdf (a converted .doc/.wps/.odt is docx)."""
    paragraphs: tuple[Paragraph, ...]
    sha256: str
    revisions: Revisions | None = None
    converted_from: str | None = None
    """doc | wps | odt | rtf when LibreOffice converted the file first."""
    ocr: Ocr | None = None
    """How a scanned file's pages were read (OCR), None for a file with text."""
