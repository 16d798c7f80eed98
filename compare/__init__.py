"""Relating plan models: localisation, segmentation, scoring, alignment, classification. No I/O."""

from duizhao.compare.result import Basis, ChildStatus, Comparison, Flag, ParentStatus, SpanKind
from duizhao.compare.settings import Settings

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


def compare_plans(
    parent,
    child,
    settings: Settings | None = None,
    *,
    revision: bool = False,
    progress=None,
    tokenize=None,
):
    """Align `child` to `parent` and classify every measure (see `duizhao.compare.engine`).

    `progress(done, total)`, when given, is called as blocks of clauses are scored;
    `tokenize(texts)` replaces jieba segmentation (e.g. by a cached one with the same tokens).
    """
    from duizhao.compare.engine import compare_plans as _compare

    return _compare(
        parent,
        child,
        settings or Settings(),
        revision=revision,
        progress=progress,
        tokenize=tokenize,
    )
