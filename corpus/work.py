"""Work sent to worker processes, local or on a Dask cluster: where it goes, how it is cut into
chunks, and what comes back (results by input position, or a task's error carried as data).

Shared by `parallel` (local processes) and `parallel_dask`; workers import `run_chunk` by name.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from duizhao.corpus.errors import DuizhaoError

Progress = Callable[[int, int], None]
"""Called in the calling process as `progress(done, total)` after each finished chunk."""

DASK_ENV = "DUIZHAO_DASK"
"""Environment variable naming a Dask scheduler when no address is passed."""
IN_FLIGHT = 4
"""Chunks queued per worker slot at any time."""
MAX_CHUNK = 32
"""Items per chunk at most (a chunk's results arrive together)."""


def dask_address(address: str | None = None) -> str | None:
    """The scheduler to use: `address` if given, else $DUIZHAO_DASK; None (or "") means local."""
    if address is None:
        address = os.environ.get(DASK_ENV)
    address = (address or "").strip()
    return address or None


@dataclass(frozen=True)
class Raised:
    """A `DuizhaoError` raised by a task, as plain data (the exception does not unpickle)."""

    kind: type[DuizhaoError]
    subject: str
    problem: str


def run_chunk(fn: Callable[[Any], Any], chunk: Sequence[Any], blas_threads: int | None) -> list:
    """Worker side: `fn` over one chunk; a `DuizhaoError` ends the chunk as a `Raised`."""
    cap_blas(blas_threads)
    out: list = []
    for item in chunk:
        try:
            out.append(fn(item))
        except DuizhaoError as exc:
            out.append(Raised(type(exc), exc.subject, exc.problem))
            break
    return out


def place(results: list, start: int, values: list) -> int:
    """Store a chunk's results at their input positions; raise a carried error. Returns count."""
    for k, value in enumerate(values):
        if isinstance(value, Raised):
            raise value.kind(value.subject, value.problem)
        results[start + k] = value
    return len(values)


def chunks(items: list, slots: int) -> Iterator[tuple[int, list]]:
    """(start, items) chunks: small enough to balance the load, big enough to be cheap to send."""
    size = max(1, min(MAX_CHUNK, len(items) // (slots * IN_FLIGHT * 8)))
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


_BLAS_CAPPED: int | None = None


def cap_blas(threads: int | None) -> None:
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
