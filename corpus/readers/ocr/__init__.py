"""Scanned plans read through OCR: a PDF of page images, or page images, into paragraphs.

Each page is rendered or decoded (`pages`), cleaned (`clean`: red header and seals removed
by colour separation, deskewed, despeckled), recognised by the engine (`engines`: RapidOCR
by default, Tesseract by choice), its labels and punctuation put right (`fix`), and the
pages' lines reflowed into paragraphs as a PDF's text layer is (`layout`). What the engine
read from a page is cached by the hash of the page's pixels (`page_cache`), so a scan read
once is not read again, whichever file it comes in. The caller learns of each page done
through `set_progress` (the command line draws a bar on stderr); the result carries an
`Ocr` record: the engine, each page's mean confidence and the lines it was least sure of.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING

from duizhao.corpus.errors import InputError, LimitError, message
from duizhao.corpus.limits import OCR_PAGE_TIMEOUT_S
from duizhao.corpus.model import Ocr, OcrLine, OcrPage
from duizhao.corpus.readers.source import Paragraph

if TYPE_CHECKING:
    from PIL import Image

    from duizhao.corpus.readers.ocr.pages import PageSource

LOW_CONFIDENCE = 0.9
"""Lines the engine is less sure of than this are listed by `inspect` for a drafter to check."""

_WHAT = {
    "pdf": message("is a scanned PDF (no text layer)"),
    "image": message("is an image"),
    "folder": message("is a folder of page images"),
}

Progress = Callable[[int, int], None]
_progress: ContextVar[Progress | None] = ContextVar("duizhao_ocr_progress", default=None)


def set_progress(callback: Progress | None) -> None:
    """Call `callback(pages_done, pages_total)` as the pages of a scan are read (or None)."""
    _progress.set(callback)


def read_scanned(
    name: str, data: bytes, kind: str, folder: PageSource | None = None
) -> tuple[list[Paragraph], Ocr]:
    """Paragraphs of a scanned PDF (`kind` pdf), image file (`kind` image) or folder of page
    images (`kind` folder, its pages in `folder`), and how they were read; InputError naming
    how to install OCR when no engine is installed."""
    from duizhao.corpus.readers.ocr import engines, layout
    from duizhao.corpus.readers.ocr.clean import clean
    from duizhao.corpus.readers.ocr.page_cache import cached_lines
    from duizhao.corpus.readers.ocr.pages import open_pages, pages

    engine = engines.engine_name()
    what = _WHAT[kind]
    if not engines.available(engine):
        raise InputError(
            name,
            "{what}: reading it needs OCR; {install}",
            what=what,
            install=engines.INSTALL[engine],
        )
    source = folder if folder is not None else open_pages(name, data, kind)
    version = engines.version(engine)
    report = _progress.get()
    read: list[layout.PageLines] = []
    for n, page in enumerate(pages(source), start=1):
        label = f"{name} page {n}"
        started = time.monotonic()

        def run(page: Image.Image = page, label: str = label) -> list[engines.Line]:
            return engines.recognise(engine, clean(page).image, label)

        lines = cached_lines(page, version, run)
        if time.monotonic() - started > OCR_PAGE_TIMEOUT_S:
            raise LimitError(
                name,
                "page {n} took more than {limit} s to read by OCR (the limit)",
                n=n,
                limit=OCR_PAGE_TIMEOUT_S,
            )
        read.append(layout.page_lines(lines, page.size))
        if report is not None:
            report(n, source.count)
    texts = layout.paragraphs(read)
    if not any(t.strip() for t in texts):
        raise InputError(name, "{what}, and OCR found no text in it", what=what)
    found = [Paragraph(text, i) for i, text in enumerate(texts, start=1)]
    return found, _record(version, read, texts)


def _record(version: str, read: list, texts: list[str]) -> Ocr:
    """Per-page mean confidence, and the low-confidence lines with the paragraph each is in."""
    pages, low = [], []
    at = 0
    for n, page in enumerate(read, start=1):
        chars = sum(len(b.text) for b in page.lines)
        mean = sum(b.confidence * len(b.text) for b in page.lines) / chars if chars else 0.0
        pages.append(OcrPage(n, len(page.lines), round(mean, 4)))
        for b in page.lines:
            found = _find(texts, b.text, at)
            if found:
                at = found - 1
            if b.confidence < LOW_CONFIDENCE and found:  # not a page number dropped
                low.append(OcrLine(n, b.text, round(b.confidence, 4), found))
    return Ocr(version, tuple(pages), tuple(low))


def _find(texts: list[str], line: str, start: int) -> int:
    """The 1-based paragraph holding `line`, searching on from paragraph `start` (0: none)."""
    probe = line[:12]
    for i in range(start, len(texts)):
        if probe and probe in texts[i]:
            return i + 1
    return 0
