"""Tokens for the comparison, cached: the segmenter's cut of each text, validated on the way back.

The cache (`duizhao.corpus.cache`) holds the segmenter's raw cut of a list of texts; a cut
is used only if it is a segmentation of those very texts (its words join back to each text),
so a doctored entry cannot change what is compared, only how a text is cut. Keys carry the
segmenter's version (its source and dictionary).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeGuard

from duizhao.corpus.cache import key, open_cache

TOKEN_KIND = "tokens"
Cutter = Callable[[list[str]], list[list[str]]]
"""texts → the segmenter's cut of each (e.g. `EarlySegmenter.cut`, from a helper process)."""


def tokenize(texts: list[str], *, cutter: Cutter | None = None) -> list[list[str]]:
    """Content tokens of each text: the segmenter's answer, from the cache when it has it.

    The cache holds the segmenter's raw cut of each text list; a cached cut is used only if
    it is a segmentation of those very texts (its words join back to each text), so a
    doctored entry cannot change what is compared, only how a text is cut. Texts the cache
    does not have are cut by `cutter` (default: the segmenter, in this process).
    """
    from duizhao.compare import segment

    store = open_cache()
    entry = key(segmenter_version(), *texts) if store.enabled else ""
    cuts = _cached_cuts(store.get(TOKEN_KIND, entry), texts) if store.enabled else None
    if cuts is None:
        cuts = (cutter or cut_here)(texts)
        if store.enabled:
            import json

            store.put(TOKEN_KIND, entry, json.dumps(cuts, ensure_ascii=False).encode("utf-8"))
    return [segment.content_tokens(words) for words in cuts]


def cut_here(texts: list[str]) -> list[list[str]]:
    """The segmenter's cut of each text, in this process."""
    from duizhao.compare.segment import segmenter

    cut = segmenter()
    return [cut(t) for t in texts]


def segmenter_version() -> str:
    """What shapes a cut: the segmenter's source and its dictionary (cache keys include it)."""
    from duizhao.compare import segment

    return segment.version()


def _cached_cuts(raw: bytes | None, texts: list[str]) -> list[list[str]] | None:
    if raw is None:
        return None
    import json

    try:
        cuts = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return cuts if is_cut_of(cuts, texts) else None


def is_cut_of(cuts: object, texts: list[str]) -> TypeGuard[list[list[str]]]:
    """Whether `cuts` is a segmentation of `texts`: one list of non-empty words per text,
    joining back to it (what a cached cut and a helper's answer are both held to)."""
    if not isinstance(cuts, list) or len(cuts) != len(texts):
        return False
    for words, text in zip(cuts, texts, strict=True):
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            return False
        if "".join(words) != text:
            return False
    return True
