"""Folder commands as plain functions (scan, compare --corpus, matrix), run in worker processes.

Files are read and comparisons made in a `ProcessPoolExecutor` (default min(cpu, 4) workers);
results are put back in input order and sorted by path, so the output is the same whatever the
number of workers. Each worker keeps the parent plan and the tokens of every clause it has
segmented, so the parent is parsed and segmented once per worker, not once per child. A
progress bar goes to stderr when it is a terminal and the job has run for more than a second.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from duizhao.cli.progress import DelayedBar
from duizhao.compare import Comparison, Settings, compare_plans
from duizhao.compare.chain import Chain, compare_chain
from duizhao.compare.matrix import Column, Matrix, build_matrix, column_of
from duizhao.corpus.plan_cache import cached_plan
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Plan
from duizhao.corpus.scan import Index, find_chain, scan_folder
from duizhao.reports.json_report import dump_json

"""Seconds a job runs before its progress bar appears (short jobs never flash a bar)."""
IN_FLIGHT = 8
"""Tasks queued per worker at any time."""
TOKEN_MEMO_LIMIT = 500_000
"""Clause texts a worker remembers the tokens of before it starts afresh."""


def default_workers() -> int:
    return min(os.cpu_count() or 1, 4)


# ---------------------------------------------------------------------------------------------
# Running jobs


def parallel_map(
    fn: Callable[..., Any],
    args: Sequence[tuple],
    *,
    workers: int | None = None,
    label: str = "working",
    progress: bool | None = None,
    blas_threads: int | None = None,
) -> list:
    """`[fn(*a) for a in args]`, in worker processes when workers > 1; results in input order.

    `blas_threads` caps numpy's BLAS threads in each worker process: the workers already fill
    the cores, and threaded BLAS in each of them would oversubscribe them.
    """
    workers = max(1, workers or default_workers())
    with DelayedBar(label, enabled=progress) as bar:
        if workers == 1 or len(args) < 2:
            results = []
            for a in args:
                results.append(fn(*a))
                bar(len(results), len(args))
            return results
        return _pooled(fn, args, min(workers, len(args)), bar, blas_threads)


def _context():
    """Forked workers on Linux: they share the parent's str hash seed, so anything that iterates
    a set of strings behaves as in the parent (workers=1 and workers=N agree), and start fast."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _init_worker(blas_threads: int | None) -> None:
    """Cap BLAS threads for the life of the worker (set before numpy loads, enforced after)."""
    if blas_threads:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(blas_threads)
        import numpy  # noqa: F401  (threadpoolctl caps only libraries already loaded)
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=blas_threads, user_api="blas")


def _pooled(
    fn: Callable[..., Any],
    args: Sequence[tuple],
    workers: int,
    bar: DelayedBar,
    blas_threads: int | None,
) -> list:
    results: list = [None] * len(args)
    todo = iter(enumerate(args))
    pool = ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_init_worker, initargs=(blas_threads,)
    )
    with pool:
        # A bounded window of tasks in flight: cheap waits, and little held in the queues.
        index: dict[Future, int] = {}

        def refill() -> None:
            for i, a in itertools.islice(todo, IN_FLIGHT * workers - len(index)):
                index[pool.submit(fn, *a)] = i

        refill()
        finished = 0
        try:
            while index:
                done, _ = wait(index, timeout=0.25, return_when=FIRST_COMPLETED)
                for future in done:
                    results[index.pop(future)] = future.result()
                    finished += 1
                refill()
                bar(finished, len(args))
        except BaseException:
            for future in index:
                future.cancel()
            raise
    return results


def mapper(workers: int | None, label: str, progress: bool | None):
    """A `scan_folder` mapper that runs reads in parallel with a progress bar."""

    def run(fn: Callable[..., Any], args: Sequence[tuple]) -> list:
        return parallel_map(fn, args, workers=workers, label=label, progress=progress)

    return run


# ---------------------------------------------------------------------------------------------
# Commands


def scan(
    root: str | Path,
    *,
    extra: Sequence[Path] = (),
    workers: int | None = None,
    progress: bool | None = None,
) -> Index:
    """Index every plan file under `root`: metadata, declared parents, unreadable files."""
    return scan_folder(root, extra=extra, mapper=mapper(workers, "reading plans", progress))


def compare_in_corpus(
    root: str | Path,
    child: str | Path,
    *,
    workers: int | None = None,
    overrides: list[str] | dict[str, str] | None = None,
    progress: bool | None = None,
) -> Comparison | Chain:
    """Find the declared chain above `child` in `root` and compare it (a pair or a chain)."""
    settings = Settings().with_overrides(overrides or {})
    index = scan(root, extra=[Path(child)], workers=workers, progress=progress)
    files = find_chain(index, child)
    plans = [cached_plan(f, name=str(f)) for f in files]
    if len(plans) == 2:
        return compare_plans(plans[0], plans[1], settings)
    return compare_chain(plans, settings)


def matrix(
    root: str | Path,
    parent: str | Path,
    *,
    workers: int | None = None,
    overrides: list[str] | dict[str, str] | None = None,
    progress: bool | None = None,
    index: Index | None = None,
) -> Matrix:
    """Compare every plan of `root` deriving from `parent` to it; line the answers up."""
    settings = Settings().with_overrides(overrides or {})
    if index is None:
        index = scan(root, extra=[Path(parent)], workers=workers, progress=progress)
    key, _ = index.readable(parent)
    children = index.descendants(key)
    if not children:
        raise InputError(
            str(parent), f"no plan in {index.root} declares it as a parent (directly or above)"
        )
    parent_file = str(index.file(key))
    args = [(parent_file, key, str(index.file(c.path)), c.path, settings) for c in children]
    answers = parallel_map(
        compare_column, args, workers=workers, label="comparing", progress=progress, blas_threads=1
    )
    columns = [a for a in answers if isinstance(a, Column)]
    notes = [a for a in answers if isinstance(a, str)]
    return build_matrix(cached_plan(parent_file, name=key), columns, notes)


# ---------------------------------------------------------------------------------------------
# Output formats of the folder commands

SCAN_FORMATS = ("terminal", "json", "markdown")
MATRIX_FORMATS = ("terminal", "json", "markdown", "xlsx", "png", "svg")


def scan_text(index: Index, kind: str) -> str:
    """The scan index as json (duizhao/scan@1) or markdown."""
    from duizhao.reports import scan_report

    if kind == "json":
        return dump_json(scan_report.scan_dict(index))
    return scan_report.render_scan_markdown(index)


def write_matrix(matrix_: Matrix, kind: str, output: Path | None) -> str | None:
    """Write xlsx / png / svg to `output` and return None; return json or markdown as text."""
    from duizhao.reports import matrix_report

    if kind == "xlsx":
        matrix_report.write_matrix_xlsx(matrix_, output)
    elif kind in ("png", "svg"):
        matrix_report.write_heatmap(matrix_, output, kind)
    elif kind == "json":
        return dump_json(matrix_report.matrix_dict(matrix_))
    else:
        return matrix_report.render_matrix_markdown(matrix_)
    return None


def matrix_inputs(matrix_: Matrix, root: str | Path) -> list[Path]:
    """Files a matrix was built from (never to be overwritten by its report)."""
    return [Path(root) / matrix_.parent_path, *(Path(root) / c.path for c in matrix_.columns)]


# ---------------------------------------------------------------------------------------------
# Worker side: module-level so that the pool can pickle them; memos live per process.

_PARENTS: dict[tuple[str, str], Plan] = {}
_TOKENS: dict[str, list[str]] = {}


def memo_tokenize(texts: list[str]) -> list[list[str]]:
    """Tokens of each text, remembered per text in this process (same answer as jieba's)."""
    from duizhao.cli.token_cache import tokenize_all

    missing = [t for t in dict.fromkeys(texts) if t not in _TOKENS]
    if missing:
        if len(_TOKENS) + len(missing) > TOKEN_MEMO_LIMIT:
            _TOKENS.clear()
        _TOKENS.update(zip(missing, tokenize_all(missing), strict=True))
    return [_TOKENS[t] for t in texts]


def compare_column(
    parent_file: str, parent_name: str, child_file: str, child_name: str, settings: Settings
) -> Column | str:
    """Compare one child to the parent and keep only its column (or a one-line reason it failed)."""
    from duizhao.compare.engine import compare_plans as engine_compare

    key = (parent_file, parent_name)
    if key not in _PARENTS:
        _PARENTS.clear()
        _PARENTS[key] = cached_plan(parent_file, name=parent_name)
    try:
        child = cached_plan(child_file, name=child_name)
        result = engine_compare(_PARENTS[key], child, settings, tokenize=memo_tokenize)
    except InputError as exc:
        return f"{child_name}: {exc.problem}"
    return column_of(result)
