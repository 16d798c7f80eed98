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
- `distributed` is imported only when a Dask address is given; an address with no scheduler
  behind it, or a missing `distributed`, is an `InputError` within `connect_timeout` seconds.
  Inside `dask_session(address)` the calls share one client.

`fn` must be a module-level function (workers import it by name), and so must anything it
is given. Workers may keep per-process memos (a parent plan, clause tokens) between tasks.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import socket
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from duizhao.corpus.errors import DuizhaoError, InputError

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]
"""Called in the calling process as `progress(done, total)` after each finished chunk."""

DASK_ENV = "DUIZHAO_DASK"
"""Environment variable naming a Dask scheduler when no address is passed."""
DASK_EXTRA = "pip install 'duizhao[dask]'"
IN_FLIGHT = 4
"""Chunks queued per worker slot at any time."""
MAX_CHUNK = 32
"""Items per chunk at most (a chunk's results arrive together)."""
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a Dask scheduler to answer."""


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
        _check_importable(fn)
        return _on_dask(fn, todo, address, progress, blas_threads, connect_timeout)
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
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        index: dict[Future, int] = {}

        def refill() -> None:
            for start, chunk in itertools.islice(todo, IN_FLIGHT * workers - len(index)):
                index[pool.submit(run_chunk, fn, chunk, blas)] = start

        refill()
        try:
            while index:
                finished, _ = wait(index, return_when=FIRST_COMPLETED)
                for future in finished:
                    done += _place(results, index.pop(future), future.result())
                refill()
                if progress:
                    progress(done, len(items))
        except BaseException:
            for future in index:
                future.cancel()
            raise
    return results


# ---------------------------------------------------------------------------------------------
# A Dask cluster


def _on_dask(
    fn: Callable,
    items: list,
    address: str,
    progress: Progress | None,
    blas: int | None,
    timeout: float,
) -> list:
    try:
        import distributed
    except ImportError:
        raise InputError(
            f"--dask {address}", f"needs the optional Dask support: {DASK_EXTRA}"
        ) from None
    from distributed.comm import CommClosedError

    in_session = address in _SESSIONS
    client = _SESSIONS.get(address) or _connect(distributed, address, timeout)
    if in_session:
        _SESSIONS[address] = client
    results: list = [None] * len(items)
    done_well = False
    try:
        _check_workers_import(client, address, fn)
        slots = max(1, sum(client.nthreads().values()))
        todo = _chunks(items, slots)
        start_of: dict[str, int] = {}

        def submit(batch: list[tuple[int, list]]) -> list:
            futures = []
            for start, chunk in batch:
                f = client.submit(run_chunk, fn, chunk, blas, pure=False)
                start_of[f.key] = start
                futures.append(f)
            return futures

        first = submit(list(itertools.islice(todo, IN_FLIGHT * slots)))
        pending = distributed.as_completed(first, loop=client.loop)
        done = 0
        for future in pending:
            try:
                values = future.result()
            except (CommClosedError, distributed.KilledWorker) as exc:
                raise InputError(f"--dask {address}", f"the Dask cluster failed: {exc}") from None
            done += _place(results, start_of.pop(future.key), values)
            future.release()
            for f in submit(list(itertools.islice(todo, 1))):
                pending.add(f)
            if progress:
                progress(done, len(items))
        done_well = True
    finally:
        # A session keeps its client for the next call, unless this one failed with it.
        if not (in_session and done_well):
            if in_session:
                _SESSIONS[address] = None
            client.close()
    return results


_SESSIONS: dict[str, Any] = {}
"""Scheduler address → the client shared inside `dask_session` (None until first used)."""


@contextlib.contextmanager
def dask_session(dask: str | None) -> Iterator[None]:
    """Inside the block, every `run_tasks` on this scheduler shares one client, closed at the
    end: a matrix scans and then compares, and each connection costs a handshake and a check
    of the workers. Outside any session each call connects and closes its own (a client kept
    longer would outlive the caller's cluster and complain when it stops)."""
    address = dask_address(dask)
    if address is None or address in _SESSIONS:
        yield
        return
    _SESSIONS[address] = None
    try:
        yield
    finally:
        client = _SESSIONS.pop(address, None)
        if client is not None:
            client.close()


def _check_workers_import(client: Any, address: str, fn: Callable) -> None:
    """Every worker can import this module and `fn`'s, or an InputError now.

    A task whose function a worker cannot unpickle never finishes (Dask keeps it waiting),
    so the imports are tried first, on every worker, by `exec` of an import statement."""
    while isinstance(fn, partial):
        fn = fn.func
    modules = sorted({__name__, fn.__module__})
    for name in modules:
        if not all(part.isidentifier() for part in name.split(".")):
            continue
        try:
            client.run(exec, f"import {name}")
        except ImportError as exc:
            raise InputError(
                f"--dask {address}",
                f"the Dask workers cannot import {exc.name or name}: install duizhao where they run",
            ) from None


def _connect(distributed: Any, address: str, timeout: float):
    """A client of the scheduler at `address`, or an InputError within about `timeout` seconds.

    `Client()` alone waits forever on a port that accepts connections but never answers, and
    on a scheduler with no workers the tasks would wait forever: a bounded probe comes first.
    """
    subject = f"--dask {address}"
    try:
        identity = _probe(address, timeout)
    except TimeoutError:
        raise InputError(subject, f"no Dask scheduler answered within {timeout:g} s") from None
    except OSError as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(subject, f"no Dask scheduler answers there ({reason})") from None
    except ValueError as exc:
        raise InputError(subject, f"is not a Dask scheduler address ({exc})") from None
    except Exception as exc:  # whatever a peer that speaks another protocol makes the decoder do
        raise InputError(
            subject, f"answers, but not as a Dask scheduler ({type(exc).__name__})"
        ) from None
    if not isinstance(identity, dict) or identity.get("type") != "Scheduler":
        raise InputError(subject, "answers, but is not a Dask scheduler")
    if not identity.get("n_workers"):
        raise InputError(subject, "the Dask scheduler has no workers (start some with dask worker)")
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(subject, f"no Dask scheduler answers there ({reason})") from None


def _probe(address: str, timeout: float) -> object:
    """The scheduler's `identity` reply, asked over one connection with a hard deadline.

    Runs its own event loop on a helper thread, so it works even when the caller is inside
    a running loop (a notebook)."""
    import asyncio

    from distributed.comm import connect, parse_address

    scheme, location = parse_address(address)
    if scheme in ("tcp", "tls"):
        # A refused or unroutable port fails here at once (distributed retries until timeout).
        host, _, port = location.rpartition(":")
        if not port.isdigit():
            raise ValueError(f"expected {scheme}://HOST:PORT")
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()

    async def ask() -> object:
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    def run() -> object:
        return asyncio.run(asyncio.wait_for(ask(), timeout))

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()
