"""Tokens for many clauses at once, cached on disk by text so repeated runs skip jieba entirely.

Segmenting is deterministic for a given dictionary, so a cache keyed by the clause text and the
dictionary's version returns exactly what jieba would. The cache lives in
$DUIZHAO_CACHE (default: the user cache folder); set DUIZHAO_CACHE=off to disable it.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import resources

from duizhao.corpus.cache import cache_dir

CACHE_VERSION = "1"


def tokenize_all(texts: list[str]) -> list[list[str]]:
    """Tokens of each text, from the cache when every text is there, else from jieba."""
    folder = cache_dir()
    key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()
    path = folder / f"tokens-{_version()}-{key}.json" if folder else None
    if path is not None and path.exists():
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(cached, list) and len(cached) == len(texts):
                return cached
        except (OSError, ValueError):
            pass
    from duizhao.compare.segment import tokenize_all as segment_all

    result = segment_all(texts)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass
    return result


_VERSION: str | None = None


def _version() -> str:
    global _VERSION
    if _VERSION is None:
        data = (resources.files("duizhao.compare") / "data" / "dict.txt").read_bytes()
        segment = (resources.files("duizhao.compare") / "segment.py").read_bytes()
        _VERSION = hashlib.sha256(data + segment + CACHE_VERSION.encode()).hexdigest()[:16]
    return _VERSION
