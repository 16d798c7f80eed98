"""A two-worker Dask cluster on loopback for tests (import the fixture: `from conftest_dask import dask_scheduler`)."""

from __future__ import annotations

import contextlib

import pytest


@pytest.fixture(scope="module")
def dask_scheduler() -> str:
    """Address of a `LocalCluster` with two single-threaded worker processes on 127.0.0.1.

    Module-scoped: starting one costs about 1–3 s. Worker processes are spawned, so they
    have their own str hash seeds: a result that depends on set order differs from the local
    run, which is what the tests that use this want to catch."""
    pytest.importorskip("distributed")
    with loopback_cluster() as cluster:
        yield cluster.scheduler_address


@contextlib.contextmanager
def loopback_cluster():
    """Two single-threaded worker processes and a scheduler on 127.0.0.1, no dashboards (the
    tests' cluster and the folders bench's)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
        silence_logs=40,
    ) as cluster:
        yield cluster
