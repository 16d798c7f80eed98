"""What the OCR engine read from a page, cached by the hash of the page's pixels (data only).

The key is the page image's pixels and size, the engine and its version, and a hash of the
sources that clean and recognise a page, so a page read once is not read again, whether it
comes back in the same file, another file or another format, and a changed cleaner never
serves stale text. Values are JSON lists of lines (text, box, confidence), checked on the way
back; one that does not decode is a miss.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from duizhao.corpus.cache import key, open_cache, source_digest
from duizhao.corpus.readers.ocr.engines import Line

if TYPE_CHECKING:
    from PIL import Image

KIND = "ocr-page"


@cache
def _code() -> str:
    return source_digest(
        "duizhao.corpus.readers.ocr",
        exclude=("__init__.py", "page_cache.py", "layout.py", "fix.py", "pages.py"),
        salt="ocr-page@1",
    )


def page_key(page: Image.Image, engine: str) -> str:
    """The cache key of one page image (a Pillow RGB image) read by `engine`."""
    digest = hashlib.sha256(page.tobytes()).hexdigest()
    return key(_code(), engine, f"{page.size[0]}x{page.size[1]}", digest)


def cached_lines(page: Image.Image, engine: str, read: Callable[[], list[Line]]) -> list[Line]:
    """The lines of `page`, from the cache or by `read()` (then stored)."""
    store = open_cache()
    entry = page_key(page, engine)
    raw = store.get(KIND, entry)
    if raw is not None:
        lines = _decode(raw)
        if lines is not None:
            return lines
        store.discard(KIND, entry)
    lines = read()
    value = [[b.text, b.x0, b.top, b.x1, b.bottom, b.confidence] for b in lines]
    store.put(KIND, entry, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    return lines


def _decode(raw: bytes) -> list[Line] | None:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, list):
        return None
    lines = []
    for item in value:
        if (
            not isinstance(item, list)
            or len(item) != 6
            or not isinstance(item[0], str)
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in item[1:])
        ):
            return None
        lines.append(Line(item[0], *(float(v) for v in item[1:])))
    return lines
