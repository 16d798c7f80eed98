"""Relating plan models: localisation, segmentation, scoring, alignment, classification. No I/O.

The names below are imported on first use (PEP 562), so that a process needing one
submodule (the segmenter, say) does not pay for the result model and the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from duizhao.compare.align import Progress
    from duizhao.compare.engine import Tokenize
    from duizhao.compare.result import (
        Basis,
        ChildStatus,
        Comparison,
        Flag,
        ParentStatus,
        SpanKind,
    )
    from duizhao.compare.settings import Settings
    from duizhao.corpus.model import Plan

__all__ = [
    "Basis",
    "ChildStatus",
    "Comparison",
    "Flag",
    "ParentStatus",
    "Settings",
    "SpanKind",
    "compare_plans",
]

_RESULT = ("Basis", "ChildStatus", "Comparison", "Flag", "ParentStatus", "SpanKind")


def __getattr__(name: str) -> Any:
    if name in _RESULT:
        from duizhao.compare import result

        return getattr(result, name)
    if name == "Settings":
        from duizhao.compare.settings import Settings

        return Settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def compare_plans(
    parent: Plan,
    child: Plan,
    settings: Settings | None = None,
    *,
    revision: bool = False,
    progress: Progress | None = None,
    tokenize: Tokenize | None = None,
) -> Comparison:
    """Align `child` to `parent` and classify every measure (see `duizhao.compare.engine`).

    `progress(done, total)`, when given, is called as blocks of clauses are scored;
    `tokenize(texts)` replaces jieba segmentation (e.g. by a cached one with the same tokens).
    """
    from duizhao.compare.engine import compare_plans as _compare
    from duizhao.compare.settings import Settings

    return _compare(
        parent,
        child,
        settings or Settings(),
        revision=revision,
        progress=progress,
        tokenize=tokenize,
    )
