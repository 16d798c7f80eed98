"""Turn a file into paragraphs of text with source positions; the format is chosen by content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from duizhao.corpus.errors import InputError


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text and where it starts in the source."""

    text: str
    line: int
    """1-based line number for text files; 1-based paragraph index for docx, html and pdf."""


@dataclass(frozen=True)
class Source:
    """What a reader hands to the parser."""

    path: str
    format: str
    """txt | md | docx | html | pdf."""
    paragraphs: tuple[Paragraph, ...]
    sha256: str


MAX_BYTES = 50 * 1024 * 1024
PLAN_SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm", ".pdf")
"""File endings that name plans when a folder is searched (the format itself is sniffed)."""


def read_source(path: str | Path) -> Source:
    """Read `path` (never writing to it) and return its paragraphs; InputError on bad input."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, not a plan file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(name, "is empty")
    if len(data) > MAX_BYTES:
        raise InputError(name, f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
    kind = sniff(data, p.suffix.lower())
    paragraphs = _READERS[kind](name, data)
    if not any(par.text.strip() for par in paragraphs):
        raise InputError(name, f"has no text ({kind})")
    return Source(name, kind, tuple(paragraphs), hashlib.sha256(data).hexdigest())


def sniff(data: bytes, suffix: str) -> str:
    """The format by content, with the extension only as a hint between text and markdown."""
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    from duizhao.corpus.readers.text import looks_like_html

    if looks_like_html(head):
        return "html"
    return "md" if suffix in (".md", ".markdown") else "txt"


def _read_text(name: str, data: bytes) -> list[Paragraph]:
    from duizhao.corpus.readers.text import read_text

    return read_text(name, data)


def _read_docx(name: str, data: bytes) -> list[Paragraph]:
    from duizhao.corpus.readers.docx import read_docx

    return read_docx(name, data)


def _read_html(name: str, data: bytes) -> list[Paragraph]:
    from duizhao.corpus.readers.html import read_html

    return read_html(name, data)


def _read_pdf(name: str, data: bytes) -> list[Paragraph]:
    from duizhao.corpus.readers.pdf import read_pdf

    return read_pdf(name, data)


def _refuse_ole(name: str, data: bytes) -> list[Paragraph]:
    if "EncryptedPackage".encode("utf-16-le") in data:
        # Office wraps a password-protected .docx/.xlsx in an OLE container.
        raise InputError(
            name, "is a password-protected Office file; remove the password and save as .docx"
        )
    raise InputError(name, "is a legacy Word/Excel binary (.doc/.xls); save it as .docx first")


def _refuse_rtf(name: str, data: bytes) -> list[Paragraph]:
    raise InputError(name, "is RTF, which is not supported; save it as .docx first")


_READERS = {
    "txt": _read_text,
    "md": _read_text,
    "docx": _read_docx,
    "html": _read_html,
    "pdf": _read_pdf,
    "ole": _refuse_ole,
    "rtf": _refuse_rtf,
}
