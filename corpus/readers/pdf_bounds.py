"""Bounds on what a PDF's streams inflate to: per stream, per page and per document.

A 2 MB PDF whose one content stream inflates to 2 GB took 4 GB of memory: pdfminer inflates a
Flate stream with `zlib.decompress`, all at once. Inside `bounded(name)` its `zlib` is a stand-in
that inflates in steps and stops at the first byte over a bound, raising `LimitError`; other
filters (LZW, run-length) are checked right after they decode. The budget is per thread (Dask
workers may run threads), and pdfminer outside `bounded` (no budget) keeps only the per-stream
bound. Real plans are far below these: a page's content stream is tens of kilobytes.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from duizhao.corpus.errors import LimitError, Message, message

if TYPE_CHECKING:
    from pdfminer.pdftypes import PDFStream

MAX_STREAM_BYTES = 32 * 1024 * 1024
"""A PDF stream inflating past this (32 MB) is refused."""
MAX_PAGE_BYTES = 64 * 1024 * 1024
"""Streams decoded for one page past this in all (64 MB) are refused."""
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
"""Streams decoded for one PDF past this in all (256 MB) are refused."""
_STEP = 1 << 20


class _Budget(threading.local):
    name: str | None = None
    page = 0
    document = 0
    over: Message | None = None


_BUDGET = _Budget()


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _spend(size: int) -> None:
    """Count `size` decoded bytes against the stream, page and document bounds."""
    budget = _BUDGET
    problem = None
    if size > MAX_STREAM_BYTES:
        problem = message(
            "has a stream that inflates past {limit} (a decompression bomb?)",
            limit=_mb(MAX_STREAM_BYTES),
        )
    elif budget.name is not None:
        budget.page += size
        budget.document += size
        if budget.page > MAX_PAGE_BYTES:
            problem = message(
                "has a page whose content inflates past {limit}", limit=_mb(MAX_PAGE_BYTES)
            )
        elif budget.document > MAX_DOCUMENT_BYTES:
            problem = message(
                "has content inflating past {limit} in all", limit=_mb(MAX_DOCUMENT_BYTES)
            )
    if problem is not None:
        budget.over = problem
        raise LimitError(budget.name or "PDF", problem)


class _BoundedZlib:
    """The part of `zlib` pdfminer uses, inflating within the bounds."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: object) -> bytes:
        inflater = zlib.decompressobj()
        out = bytearray()
        chunk = inflater.decompress(data, _STEP)
        while True:
            out += chunk
            if len(out) > MAX_STREAM_BYTES:
                _spend(len(out))
            if not inflater.unconsumed_tail:
                break
            chunk = inflater.decompress(inflater.unconsumed_tail, _STEP)
        out += inflater.flush()
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        _spend(len(out))
        return bytes(out)

    @staticmethod
    def decompressobj(wbits: int = zlib.MAX_WBITS) -> _CountingInflater:
        return _CountingInflater(zlib.decompressobj(wbits))


class _CountingInflater:
    """A `zlib` decompressor whose output is counted (pdfminer's repair of corrupt streams)."""

    def __init__(self, inner: zlib._Decompress) -> None:
        self._inner, self._out = inner, 0

    def decompress(self, data: bytes, *args: int) -> bytes:
        out = self._inner.decompress(data, *args)
        self._out += len(out)
        if self._out > MAX_STREAM_BYTES:
            _spend(self._out)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


_INSTALLING = threading.Lock()
_installed = False


def install() -> None:
    """Put the bounded inflater into pdfminer, and a size check after every stream decode.

    Once per process, under a lock: two threads reading their first PDFs at once would wrap
    `decode` twice and count every stream twice."""
    global _installed
    from pdfminer import pdftypes

    with _INSTALLING:
        if _installed:
            return
        # Stand-ins for what pdfminer declares as the zlib module and a method of its class.
        pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
        decode = pdftypes.PDFStream.decode

        def checked(self: PDFStream) -> None:
            decode(self)
            _spend_other(self)

        pdftypes.PDFStream.decode = checked  # type: ignore[method-assign]
        _installed = True


def _spend_other(stream: PDFStream) -> None:
    """Streams decoded by a filter other than Flate (LZW, run-length …) are counted after."""
    from pdfminer import pdftypes

    filters = [f for f, _ in stream.get_filters()]
    if all(f in pdftypes.LITERALS_FLATE_DECODE for f in filters):
        return  # counted while inflating (or not encoded at all: bounded by the file's size)
    _spend(len(stream.data or b""))


@contextlib.contextmanager
def bounded(name: str) -> Iterator[None]:
    """Within the block, this thread's PDF reading is bounded and named `name` in errors."""
    install()
    _BUDGET.name, _BUDGET.page, _BUDGET.document, _BUDGET.over = name, 0, 0, None
    try:
        yield
    finally:
        _BUDGET.name = None  # `over` stays for `check(name)` until the next PDF


def next_page() -> None:
    """A new page starts: its own page budget (the document's goes on)."""
    _BUDGET.page = 0


def check(name: str | None = None) -> None:
    """Raise the bound that was hit, even if pdfminer or pdfplumber swallowed the error (or
    turned it into another one: `name` names the file after the block has ended)."""
    if _BUDGET.over is not None:
        raise LimitError(name or _BUDGET.name or "PDF", _BUDGET.over)
