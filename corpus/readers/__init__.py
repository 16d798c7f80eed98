"""Turn a file into paragraphs of text with source positions; the format is chosen by content.

Every input is bounded before it is read (`duizhao.corpus.limits`): regular files only, the
size checked by `stat`. Word 97 `.doc`, Kingsoft `.wps` and `.odt` are converted to `.docx`
by LibreOffice (`office.py`) and read by the docx reader. Every reader's text goes through
`lookalike.unify`, so Kangxi radicals and compatibility ideographs compare as what they show.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from duizhao.corpus.errors import InputError, display_path, message
from duizhao.corpus.limits import MAX_FILE_BYTES
from duizhao.corpus.readers.source import Paragraph, Source
from duizhao.corpus.stdin import read_input

MAX_BYTES = MAX_FILE_BYTES
PLAN_SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm", ".pdf", ".doc", ".wps", ".odt",
                 ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # fmt: skip
"""File endings that name plans when a folder is searched (the format itself is sniffed)."""
CONVERTED = ("doc", "wps", "odt", "rtf")
"""Formats read through a LibreOffice conversion to docx."""


def read_source(path: str | Path, *, original: bool = False, data: bytes | None = None) -> Source:
    """Read `path` (never writing to it) and return its paragraphs; InputError on bad input.

    `original=True` reads a draft with tracked changes as it was before the changes (docx,
    and .doc/.odt through conversion); by default the accepted text is read. `data` is the
    file's bytes when the caller has read them already (`stdin.read_input`), else they are read
    here.
    """
    p = Path(path)
    name = display_path(path)
    from duizhao.corpus.readers.ocr.folder import is_folder
    from duizhao.corpus.stdin import is_stdin

    if data is None:
        if not is_stdin(path) and is_folder(p):
            return read_page_folder(p)
        data = read_input(path)
    return _read_file_bytes(name, data, p.suffix.lower(), original)


def read_data(name: str, data: bytes, *, original: bool = False) -> Source:
    """A plan file held in memory (an upload, a pipe): bounded like a file on disk, its format
    sniffed from its bytes, with the extension of `name` only as a hint (a `.xyz` is refused)."""
    from duizhao.corpus.limits import check_extension, check_size

    shown = display_path(name)
    check_extension(Path(name))
    check_size(shown, len(data))
    return _read_file_bytes(shown, data, Path(name).suffix.lower(), original)


def _read_file_bytes(name: str, data: bytes, suffix: str, original: bool) -> Source:
    """The bytes of a plan file, from disk, a pipe or memory: refused when empty, else read as
    the format they are (`sniff`, the extension `suffix` only a hint)."""
    if not data.strip():
        raise InputError(name, "is empty")
    return read_bytes(name, data, sniff(data, suffix), original=original)


def read_bytes(name: str, data: bytes, kind: str, *, original: bool = False) -> Source:
    """Paragraphs of `data` read as `kind` (from `sniff`)."""
    from duizhao.corpus.readers.lookalike import unify

    sha = hashlib.sha256(data).hexdigest()
    converted = None
    if kind in ("ole", "odt"):
        kind, converted = _office_kind(name, data, kind)
    elif kind == "rtf":  # portals often publish RTF named .doc: LibreOffice reads it too
        kind, converted = "docx", "rtf"
    revisions = ocr = None
    if converted:
        from duizhao.corpus.readers.office import to_docx

        data = to_docx(name, data, converted)
        kind = "docx"
    if kind == "docx":
        from duizhao.corpus.readers.docx import read_docx_document

        paragraphs, revisions = read_docx_document(name, data, original=original)
    elif kind == "image":
        from duizhao.corpus.readers.ocr import read_scanned

        paragraphs, ocr = read_scanned(name, data, "image")
    else:
        try:
            paragraphs = _READERS[kind](name, data)
        except _scanned() as scan:
            from duizhao.corpus.readers.ocr import read_scanned

            if scan.subject != name:
                raise
            paragraphs, ocr = read_scanned(name, data, "pdf")
    paragraphs = [replace(par, text=unify(par.text)) for par in paragraphs]
    if not any(par.text.strip() for par in paragraphs):
        raise InputError(name, "has no text ({converted})", converted=converted or kind)
    return Source(name, kind, tuple(paragraphs), sha, revisions, converted, ocr)


def read_page_folder(folder: Path) -> Source:
    """A folder of page images read as one scanned plan (`ocr.folder`), the folder its path."""
    from duizhao.corpus.readers.lookalike import unify
    from duizhao.corpus.readers.ocr import read_scanned
    from duizhao.corpus.readers.ocr.folder import open_folder

    name = display_path(folder)
    pages, sha = open_folder(folder)
    paragraphs, ocr = read_scanned(name, b"", "folder", pages)
    paragraphs = [replace(par, text=unify(par.text)) for par in paragraphs]
    return Source(name, "image", tuple(paragraphs), sha, ocr=ocr)


def _scanned() -> type[InputError]:
    """The PDF reader's signal that a PDF is a scan (imported only when a PDF is read)."""
    import sys

    pdf = sys.modules.get("duizhao.corpus.readers.pdf")
    return pdf.ScannedPdf if pdf is not None else _NeverRaised


class _NeverRaised(InputError):
    """Stands for the scan signal when the PDF reader was never imported."""


def sniff(data: bytes, suffix: str) -> str:
    """The format by content, with the extension only as a hint between text and markdown."""
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:200]:
            return "odt"
        return "docx"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    from duizhao.corpus.readers.text import looks_like_html

    if looks_like_html(head):
        return "html"
    return "md" if suffix in (".md", ".markdown") else "txt"


def _office_kind(name: str, data: bytes, kind: str) -> tuple[str, str | None]:
    """For an OLE compound file or an ODF zip: the format to convert from, or a refusal."""
    if kind == "odt":
        return "docx", "odt"
    if "EncryptedPackage".encode("utf-16-le") in data:
        # Office wraps a password-protected .docx/.xlsx in an OLE container.
        raise InputError(
            name, "is a password-protected Office file; remove the password and save as .docx"
        )
    for stream, what in (
        ("Workbook", message("an Excel workbook")),
        ("PowerPoint Document", message("a PowerPoint presentation")),
    ):
        if (
            stream.encode("utf-16-le") + b"\x00\x00" in data
            and "WordDocument".encode("utf-16-le") not in data
        ):
            raise InputError(name, "is {what} (.xls/.ppt), not a Word document", what=what)
    wps = name.lower().endswith(".wps")
    if not wps and "WordDocument".encode("utf-16-le") not in data:
        raise InputError(name, "is an Office binary file with no Word document in it (.doc)")
    return "docx", ("wps" if wps else "doc")


def _read_text(name: str, data: bytes) -> list[Paragraph]:
    from duizhao.corpus.readers.text import read_text

    return read_text(name, data)


def _read_html(name: str, data: bytes) -> list[Paragraph]:
    from duizhao.corpus.readers.html import read_html

    return read_html(name, data)


def _read_pdf(name: str, data: bytes) -> list[Paragraph]:
    from duizhao.corpus.readers.pdf import read_pdf

    return read_pdf(name, data)


_READERS = {
    "txt": _read_text,
    "md": _read_text,
    "html": _read_html,
    "pdf": _read_pdf,
}

__all__ = [
    "CONVERTED", "MAX_BYTES", "PLAN_SUFFIXES", "Paragraph", "Source", "read_bytes", "read_data",
    "read_source", "sniff",
]  # fmt: skip
