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
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from duizhao.corpus.errors import DuizhaoError, WorkerLost

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]
"""Called in the calling process as `progress(done, total)` after each finished chunk."""

DASK_ENV = "DUIZHAO_DASK"
"""Environment variable naming a Dask scheduler when no address is passed."""
IN_FLIGHT = 4
"""Chunks queued per worker slot at any time."""
MAX_CHUNK = 32
"""Items per chunk at most (a chunk's results arrive together)."""
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a Dask scheduler to answer (see `parallel_dask`)."""


def default_workers() -> int:
    """Local worker processes when none are asked for: the cores, at most 4."""
    return min(os.cpu_count() or 1, 4)


def dask_address(address: str | None = None) -> str | None:
    """The scheduler to use: `address` if given, else $DUIZHAO_DASK; None (or "") means local."""
    if address is None:
        address = os.environ.get(DASK_ENV)
    address = (address or "").strip()
    return address or None


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


# ---------------------------------------------------------------------------------------------
# What travels: chunks of items out, lists of results (or a carried error) back.


@dataclass(frozen=True)
class _Raised:
    """A `DuizhaoError` raised by a task, as plain data (the exception does not unpickle)."""

    kind: type[DuizhaoError]
    subject: str
    problem: str


def run_chunk(fn: Callable[[Any], Any], chunk: Sequence[Any], blas_threads: int | None) -> list:
    """Worker side: `fn` over one chunk; a `DuizhaoError` ends the chunk as a `_Raised`."""
    _cap_blas(blas_threads)
    out: list = []
    for item in chunk:
        try:
            out.append(fn(item))
        except DuizhaoError as exc:
            out.append(_Raised(type(exc), exc.subject, exc.problem))
            break
    return out


def _place(results: list, start: int, values: list) -> int:
    """Store a chunk's results at their input positions; raise a carried error. Returns count."""
    for k, value in enumerate(values):
        if isinstance(value, _Raised):
            raise value.kind(value.subject, value.problem)
        results[start + k] = value
    return len(values)


def _chunks(items: list, slots: int) -> Iterator[tuple[int, list]]:
    """(start, items) chunks: small enough to balance the load, big enough to be cheap to send."""
    size = max(1, min(MAX_CHUNK, len(items) // (slots * IN_FLIGHT * 8)))
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


def _check_importable(fn: Callable) -> None:
    """Workers find `fn` by module and name: a lambda or a nested function cannot travel.

    A `functools.partial` of a module-level function travels (its arguments are pickled)."""
    while isinstance(fn, partial):
        fn = fn.func
    name = getattr(fn, "__qualname__", "")
    if "<" in name or not getattr(fn, "__module__", None):
        raise TypeError(f"run_tasks needs a module-level function, not {name or fn!r}")


_BLAS_CAPPED: int | None = None


def _cap_blas(threads: int | None) -> None:
    """Cap BLAS threads once per worker process.

    The environment caps a BLAS loaded later; threadpoolctl caps one already loaded (a forked
    worker inherits the parent's numpy). Tasks that never use numpy never load it here."""
    global _BLAS_CAPPED
    if not threads or threads == _BLAS_CAPPED:
        return
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    if "numpy" in sys.modules:
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            pass
        else:
            threadpool_limits(limits=threads, user_api="blas")
    _BLAS_CAPPED = threads


# ---------------------------------------------------------------------------------------------
# Local processes


def _context():
    """Forked workers on Linux: they share the parent's str hash seed, and start fast."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _on_processes(
    fn: Callable, items: list, workers: int, progress: Progress | None, blas: int | None
) -> list:
    results: list = [None] * len(items)
    todo = _chunks(items, workers)
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
                done += _place(results, index.pop(future), future.result())
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
