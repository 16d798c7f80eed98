"""Run independent tasks on local worker processes or a Dask cluster: the same results in the same order either way.

`run_tasks(fn, items)` is `[fn(item) for item in items]`, spread over processes. Choices:

- Results are put back by input position, so order never depends on which worker finished
  first, and a run on 1 process, N processes or a Dask cluster returns equal lists.
- Local workers are forked on Linux: they share the parent's str hash seed and start fast. On
  a Dask cluster workers have their own hash seeds, so tasks must not let set order leak into
  results (the project's rule anyway); the Dask tests compare real outputs to catch it.
- Items travel in chunks, and only a bounded window of chunks is in flight, so 10^5 items
  never make 10^5 futures (or 10^5 pickled arguments) at once.
- `DuizhaoError`s raised by a task are carried back as data and raised again here with the
  same class, subject and problem (the exceptions themselves do not survive pickling).
- Nothing outlives the run: each local worker dies with the parent (even of SIGKILL), an
  error or a signal kills the workers at once instead of letting their chunks finish, and a
  worker killed mid-run (the OOM killer) is one `WorkerLost` line, never a traceback or a hang.
- On Dask (`parallel_dask`, imported only when an address is given) connecting and running
  are both bounded in time: a missing scheduler, or a cluster that lost its scheduler or every
  worker, is one line within seconds.

`fn` must be a module-level function (workers import it by name), and so must anything it
is given. Workers may keep per-process memos (a parent plan, clause tokens) between tasks.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from duizhao.corpus.errors import WorkerLost
from duizhao.corpus.work import (
    IN_FLIGHT,
    Progress,
    chunks,
    dask_address,
    place,
    run_chunk,
)

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext

T = TypeVar("T")
R = TypeVar("R")
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a Dask scheduler to answer (see `parallel_dask`)."""


def default_workers() -> int:
    """Local worker processes when none are asked for: the cores, at most 4."""
    return min(os.cpu_count() or 1, 4)


def run_tasks(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
    blas_threads: int | None = 1,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> list[R]:
    """`[fn(item) for item in items]` on local processes (default) or the Dask scheduler `dask`.

    `dask` is an address such as ``tcp://10.0.0.5:8786`` (default: $DUIZHAO_DASK; "" forces
    local). `workers` is the number of local processes (default `default_workers()`; 1 runs
    in this process) and is ignored on Dask, where the cluster decides. `blas_threads` caps
    numpy's BLAS threads in each worker process: the workers already fill the cores.
    """
    todo = list(items)
    address = dask_address(dask)
    if address is not None:
        from duizhao.corpus.parallel_dask import on_dask

        _check_importable(fn)
        return on_dask(fn, todo, address, progress, blas_threads, connect_timeout)
    n = max(1, workers or default_workers())
    if n == 1 or len(todo) < 2:
        results = []
        for item in todo:
            results.append(fn(item))
            if progress:
                progress(len(results), len(todo))
        return results
    _check_importable(fn)
    return _on_processes(fn, todo, min(n, len(todo)), progress, blas_threads)


def _check_importable(fn: Callable) -> None:
    """Workers find `fn` by module and name: a lambda or a nested function cannot travel.

    A `functools.partial` of a module-level function travels (its arguments are pickled)."""
    while isinstance(fn, partial):
        fn = fn.func
    name = getattr(fn, "__qualname__", "")
    if "<" in name or not getattr(fn, "__module__", None):
        raise TypeError(f"run_tasks needs a module-level function, not {name or fn!r}")


# ---------------------------------------------------------------------------------------------
# Local processes


def _context() -> ForkContext | None:
    """Forked workers on Linux: they share the parent's str hash seed, and start fast."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _on_processes(
    fn: Callable, items: list, workers: int, progress: Progress | None, blas: int | None
) -> list:
    results: list = [None] * len(items)
    todo = chunks(items, workers)
    done = 0
    pool = ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_worker_start, initargs=(os.getpid(),)
    )
    index: dict[Future, int] = {}

    def refill() -> None:
        for start, chunk in itertools.islice(todo, IN_FLIGHT * workers - len(index)):
            index[pool.submit(run_chunk, fn, chunk, blas)] = start

    try:
        refill()
        while index:
            finished, _ = wait(index, return_when=FIRST_COMPLETED)
            for future in finished:
                done += place(results, index.pop(future), future.result())
            refill()
            if progress:
                progress(done, len(items))
    except BrokenProcessPool:
        _stop(pool)
        raise WorkerLost(
            "worker process",
            "a worker process died mid-run (killed, or out of memory?); nothing was written. "
            "Run again, or with --workers 1",
        ) from None
    except BaseException:
        _stop(pool)  # an error or a signal: the workers must not run on without us
        raise
    pool.shutdown(wait=True)
    return results


def _worker_start(parent: int) -> None:
    """In each worker process: die with the parent (even of SIGKILL), and of a signal as any
    process does (the parent's handler, inherited by the fork, is for the parent only)."""
    import signal

    from duizhao.corpus import children

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    children.die_with_parent(signal.SIGKILL, parent)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers now and drop what was queued (not waiting for running chunks)."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(5)
