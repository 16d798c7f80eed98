"""The work the folder commands hand to worker processes (or a Dask cluster), one task a call.

Module-level functions so that a process pool and Dask can pickle them by name. Each worker
process keeps the parent plan and the tokens of every clause it has segmented, so a parent is
parsed and segmented once per worker, not once per child. A task returns data (a matrix
column, or a one-line reason it failed), never raises for a bad child plan: one unreadable
district must not sink a national matrix.
"""

from __future__ import annotations

from duizhao.compare import Settings
from duizhao.compare.matrix import Column, column_from
from duizhao.corpus.errors import DuizhaoError, message
from duizhao.corpus.model import Plan
from duizhao.corpus.plan_cache import cached_plan

TOKEN_MEMO_LIMIT = 500_000
"""Clause texts a worker remembers the tokens of before it starts afresh."""

_PARENTS: dict[tuple[str, str], Plan] = {}
_TOKENS: dict[str, list[str]] = {}


def memo_tokenize(texts: list[str]) -> list[list[str]]:
    """Tokens of each text, remembered per text in this process (the same as the segmenter's)."""
    from duizhao.reports.api.tokens import tokenize

    missing = [t for t in dict.fromkeys(texts) if t not in _TOKENS]
    if missing:
        if len(_TOKENS) + len(missing) > TOKEN_MEMO_LIMIT:
            _TOKENS.clear()
        _TOKENS.update(zip(missing, tokenize(missing), strict=True))
    return [_TOKENS[t] for t in texts]


def compare_column(
    parent_file: str, parent_name: str, child_file: str, child_name: str, settings: Settings
) -> Column | str:
    """Compare one child to the parent and keep only its column (or why it could not be).

    Only the parent side is built (`engine.parent_side`): the same statuses and coverage as a
    full comparison, without the child's diffs, which a column does not hold."""
    from duizhao.compare.engine import parent_side

    key = (parent_file, parent_name)
    if key not in _PARENTS:
        _PARENTS.clear()
        _PARENTS[key] = cached_plan(parent_file, name=parent_name)
    try:
        child = cached_plan(child_file, name=child_name)
        parents = parent_side(_PARENTS[key], child, settings, tokenize=memo_tokenize)
    except DuizhaoError as exc:
        return message("{plan}: {problem}", plan=child_name, problem=exc.problem)
    return column_from(child, parents)


def forget() -> None:
    """Drop this process's memos: a matrix run in the caller's own process (one worker) keeps
    no plan or tokens after it returns."""
    _PARENTS.clear()
    _TOKENS.clear()


def apply(task: tuple) -> object:
    """Run `(fn, args)`: how a `scan_folder` mapper's calls travel as single items."""
    fn, args = task
    return fn(*args)
