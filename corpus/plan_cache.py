"""Parsed plans served from the cache by the sha256 of the file's bytes: a folder is parsed once.

The key is the file's bytes, how it was read (`original`), the duizhao version and a hash of
every corpus source that shapes a parsed plan, so a change to the parser never serves a stale
plan. Values are the plan as JSON (`duizhao.corpus.codec`); one that does not decode is a miss
and is parsed again. Only successful parses are cached: a file that fails fails again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

from duizhao.corpus.cache import Cache, key, open_cache, source_digest
from duizhao.corpus.codec import CodecError, plan_from_bytes, plan_to_bytes
from duizhao.corpus.errors import display_path
from duizhao.corpus.model import Plan
from duizhao.corpus.stdin import is_stdin, read_input

KIND = "plan"
_NOT_PARSER = (
    "cache.py",
    "plan_cache.py",
    "scan.py",
    "folder_files.py",
    "samples.py",
    "parallel.py",
    "work.py",
    "parallel_dask.py",
    "children.py",
    "git.py",
    "config_file.py",
)
"""Corpus modules that do not shape a parsed plan: editing them keeps cached plans valid."""


@cache
def parser_version() -> str:
    """A short hash of the corpus sources that shape a plan: cached plans fit this parser only.

    (See `duizhao.corpus.cache.source_digest`.)"""
    return source_digest(
        "duizhao.corpus", folders=("", "readers", "readers/ocr"), exclude=_NOT_PARSER, salt="plan@1"
    )


def plan_key(data: bytes, *, original: bool = False) -> str:
    """The cache key of the plan parsed from these bytes (a scan's by the OCR engine chosen)."""
    mode = "original" if original else "accepted"
    if data[:5] == b"%PDF-" or data[:4] in _IMAGE_MAGIC or data[:3] == b"\xff\xd8\xff":
        mode += "/" + os.environ.get("DUIZHAO_OCR", "").strip().lower()
    return key(parser_version(), mode, data)


_IMAGE_MAGIC = (b"\x89PNG", b"II*\x00", b"MM\x00*")


def cached_plan(
    path: str | Path,
    *,
    name: str | None = None,
    original: bool = False,
    before_parse: Callable[[], None] | None = None,
) -> Plan:
    """`load_plan(path, name=name)`, served from the cache when these bytes were parsed before.

    `before_parse()` is called when the file has to be parsed (not served from the cache):
    a caller starts there what only a never-seen plan needs."""
    if os.path.isdir(path) and not is_stdin(path):  # a folder of page images: cached page by page
        if before_parse is not None:
            before_parse()
        return _load(path, name, original, None)
    # The same bounded read as the readers' (a special file or an oversized one is refused
    # here with the reader's own message), once: a parse reads these very bytes.
    data = read_input(path)
    shown = display_path(name or os.fsdecode(path))
    parse = partial(_load, path, name, original, data)
    return _through_cache(open_cache(), data, shown, original, before_parse, parse)


def cached_plan_data(
    data: bytes,
    name: str,
    *,
    original: bool = False,
    before_parse: Callable[[], None] | None = None,
) -> Plan:
    """A plan file held in memory (its bytes and file name), parsed or served from the cache
    like a file on disk (the key is the bytes: an upload of a file read before is a hit)."""
    from duizhao.corpus.load import load_data

    parse = partial(load_data, data, name, original=original)
    return _through_cache(open_cache(), data, display_path(name), original, before_parse, parse)


def _through_cache(
    store: Cache,
    data: bytes,
    shown: str,
    original: bool,
    before_parse: Callable[[], None] | None,
    parse: Callable[[], Plan],
) -> Plan:
    """The plan of `data` from the cache when it holds a valid one, else `parse()`d (and stored
    when the cache is on); `before_parse()` first when it is parsed."""
    if not store.enabled:
        if before_parse is not None:
            before_parse()
        return parse()
    entry = plan_key(data, original=original)
    raw = store.get(KIND, entry)
    if raw is not None:
        try:
            plan = plan_from_bytes(raw)
        except CodecError:
            store.discard(KIND, entry)
        else:
            if plan.sha256 == hashlib.sha256(data).hexdigest():
                return plan if plan.path == shown else replace(plan, path=shown)
            store.discard(KIND, entry)
    if before_parse is not None:
        before_parse()
    plan = parse()
    store.put(KIND, entry, plan_to_bytes(plan))
    return plan


def _load(path: str | Path, name: str | None, original: bool, data: bytes | None) -> Plan:
    # The readers are imported only for a parse: a plan served from the cache needs none.
    from duizhao.corpus.load import load_plan

    return load_plan(path, name=name, original=original, data=data)
