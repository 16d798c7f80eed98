"""Running `parallel.run_tasks` on a Dask scheduler: connect with a deadline, watch the cluster.

`distributed` is imported only when an address is given. Connecting is bounded (`_connect`:
a port that accepts and never answers, a scheduler with no workers, a missing `distributed`
are `InputError`s within `CONNECT_TIMEOUT`), and so is running: a Dask scheduler whose workers
have all gone keeps tasks waiting for new ones forever, and a client whose scheduler died waits
to reconnect. While results are awaited the scheduler is asked (over a fresh connection, with a
deadline) every `WATCH_S` seconds; no scheduler, or no worker for `NO_WORKERS_S`, ends the run
with one line. Inside `dask_session(address)` the calls share one client.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from duizhao.corpus.errors import InputError, Message, WorkerLost, message, os_reason
from duizhao.corpus.work import IN_FLIGHT, Progress, chunks, dask_address, place, run_chunk

DASK_EXTRA = "pip install 'duizhao[dask]'"
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a Dask scheduler to answer."""
WATCH_S = 2.0
"""While no result arrives, the scheduler is asked this often whether it and its workers live."""
NO_WORKERS_S = 10.0
"""A cluster with no worker for this long (none came back, none joined) ends the run."""


@contextlib.contextmanager
def _quiet_client() -> Iterator[None]:
    """The client's own log lines stay out of the run: a scheduler that dies makes it log a
    traceback for each attempt to reconnect, while the run ends in one line of ours."""
    import logging

    names = ["distributed", "distributed.client"]
    names += [n for n in logging.root.manager.loggerDict if n.startswith("distributed.")]
    loggers = [logging.getLogger(n) for n in dict.fromkeys(names)]
    before = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True  # each has its own level from dask's configuration
    try:
        yield
    finally:
        for logger, disabled in zip(loggers, before, strict=True):
            logger.disabled = disabled


@_quiet_client()
def on_dask(
    fn: Callable,
    items: list,
    address: str,
    progress: Progress | None,
    blas: int | None,
    timeout: float,
) -> list:
    """`run_tasks` on the scheduler at `address` (see the module's docstring)."""
    try:
        import distributed
    except ImportError:
        raise InputError(
            f"--dask {address}",
            "needs the optional Dask support: {install}",
            install=DASK_EXTRA,
        ) from None
    lost = _lost(distributed)

    in_session = address in _SESSIONS
    client = _SESSIONS.get(address) or _connect(distributed, address, timeout)
    if in_session:
        _SESSIONS[address] = client
    results: list = [None] * len(items)
    done_well = False
    try:
        _check_workers_import(client, address, fn)
        slots = max(1, sum(client.nthreads().values()))
        todo = chunks(items, slots)
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
        watch = _Watch(address, timeout)
        done = 0
        while not pending.is_empty():
            batch = pending.next_batch(block=False)
            if not batch:
                watch.check()
                time.sleep(0.05)
                continue
            watch.progressed()
            for future in batch:
                try:
                    values = _value(future, watch)
                except lost as exc:
                    raise WorkerLost(f"--dask {address}", _lost_reason(exc)) from None
                done += place(results, start_of.pop(future.key), values)
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
            _close(client)
    return results


def _value(future: Any, watch: _Watch) -> Any:
    """The result of a future that `as_completed` gave as finished, waited for under the watch.

    A future can go back to pending after it was reported finished: its result lived on a
    worker that died, and Dask recomputes it. A plain `result()` then waits for a worker that
    may never come (seen: every worker killed just as results came in), so the wait is made in
    steps of `WATCH_S`, the cluster asked between them; a task's own error is raised at once."""
    while True:
        if not future.done():
            watch.check()
            time.sleep(0.05)
            continue
        try:
            return future.result(timeout=WATCH_S)
        except TimeoutError:
            if future.done():
                raise  # the task's own TimeoutError, or one of the cluster's
            # reset to pending between done() and result(): wait on


def _lost_reason(exc: BaseException) -> Message:
    """What a lost cluster did, in words the user's language can say: the scheduler gone (a
    future cancelled for "scheduler-connection-lost", a closed connection) said as such, any
    other failure with Dask's own words."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "scheduler-connection-lost" in text or "CommClosed" in type(exc).__name__:
        return message("the Dask scheduler stopped answering mid-run")
    return message("the Dask cluster failed: {reason}", reason=text)


def _lost(distributed: Any) -> tuple[type[BaseException], ...]:
    """What a future raises when its cluster, not its task, failed."""
    from concurrent.futures import CancelledError

    from distributed.comm import CommClosedError

    return (CommClosedError, OSError, TimeoutError, distributed.KilledWorker, CancelledError)


def _close(client: Any) -> None:
    """Close a client without waiting long for a scheduler that may be gone."""
    with contextlib.suppress(Exception):
        client.close(timeout=CONNECT_TIMEOUT)


class _Watch:
    """Asks the scheduler, while no result comes, whether it still runs and has workers."""

    def __init__(self, address: str, timeout: float) -> None:
        self.address, self.timeout = address, timeout
        self.next = time.monotonic() + WATCH_S
        self.no_workers_since: float | None = None

    def progressed(self) -> None:
        self.next = time.monotonic() + WATCH_S
        self.no_workers_since = None

    def check(self) -> None:
        now = time.monotonic()
        if now < self.next:
            return
        subject = f"--dask {self.address}"
        try:
            identity = _probe(self.address, self.timeout)
        except Exception:  # refused, reset, timed out: the scheduler is gone
            raise WorkerLost(subject, "the Dask scheduler stopped answering mid-run") from None
        workers = identity.get("n_workers", 0) if isinstance(identity, dict) else 0
        now = time.monotonic()
        if workers:
            self.no_workers_since = None
        elif self.no_workers_since is None:
            self.no_workers_since = now
        elif now - self.no_workers_since >= NO_WORKERS_S:
            raise WorkerLost(
                subject,
                "the Dask cluster has had no workers for {seconds:g} s (all lost)",
                seconds=NO_WORKERS_S,
            )
        self.next = now + WATCH_S


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
            _close(client)


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
                "the Dask workers cannot import {name}: install duizhao where they run",
                name=exc.name or name,
            ) from None


def _connect(distributed: Any, address: str, timeout: float) -> Any:
    """A client of the scheduler at `address`, or an InputError within about `timeout` seconds.

    `Client()` alone waits forever on a port that accepts connections but never answers, and
    on a scheduler with no workers the tasks would wait forever: a bounded probe comes first.
    """
    subject = f"--dask {address}"
    try:
        identity = _probe(address, timeout)
    except TimeoutError:
        raise InputError(
            subject, "no Dask scheduler answered within {timeout:g} s", timeout=timeout
        ) from None
    except OSError as exc:
        raise InputError(
            subject, "no Dask scheduler answers there ({reason})", reason=os_reason(exc)
        ) from None
    except ValueError as exc:
        raise InputError(
            subject, "is not a Dask scheduler address ({reason})", reason=exc
        ) from None
    except Exception as exc:  # whatever a peer that speaks another protocol makes the decoder do
        raise InputError(
            subject,
            "answers, but not as a Dask scheduler ({kind})",
            kind=type(exc).__name__,
        ) from None
    if not isinstance(identity, dict) or identity.get("type") != "Scheduler":
        raise InputError(subject, "answers, but is not a Dask scheduler")
    if not identity.get("n_workers"):
        raise InputError(subject, "the Dask scheduler has no workers (start some with dask worker)")
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(
            subject, "no Dask scheduler answers there ({reason})", reason=reason
        ) from None


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
