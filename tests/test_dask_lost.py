"""A Dask cluster that dies mid-scan: every worker, or the scheduler, killed. One line, exit 2,
within bounded time; never a hang or a traceback.

The cluster is a real scheduler and two worker processes (no nannies, so a killed worker stays
dead), started here on loopback for each test; `duizhao corpus scan --dask` runs as a real
process and the cluster's processes are killed with SIGKILL while it scans.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_signals import plan_folder

pytest.importorskip("distributed")


def start_cluster(tmp: Path) -> tuple[str, subprocess.Popen, list[subprocess.Popen]]:
    info = tmp / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", "0", "--dashboard-address", ":0", "--scheduler-file", str(info)],
        **quiet,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not info.exists() or not info.read_text().strip():
        assert time.monotonic() < deadline, "the scheduler did not start"
        time.sleep(0.1)
    time.sleep(0.2)
    address = json.loads(info.read_text())["address"]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
              str(info), "--no-nanny", "--nthreads", "1", "--no-dashboard"]  # fmt: skip
    workers = [subprocess.Popen(worker, **quiet) for _ in range(2)]
    from distributed import Client

    with Client(address, timeout=30) as client:
        client.wait_for_workers(2, timeout=60)
    return address, scheduler, workers


def scan(folder: Path, address: str, tmp: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DUIZHAO_CACHE": "off", "TMPDIR": str(tmp)}
    return subprocess.Popen(
        [sys.executable, "-m", "duizhao.cli", "corpus", "scan", str(folder), "--dask", address],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


@pytest.fixture
def cluster(tmp_path):
    address, scheduler, workers = start_cluster(tmp_path)
    yield address, scheduler, workers
    for proc in [scheduler, *workers]:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def wait_until_running(address: str, proc: subprocess.Popen[bytes]) -> None:
    """Until the scan's tasks are being processed on the cluster (at most 60 s, however busy
    the machine): a fixed sleep could kill the cluster before the scan has connected, or, on
    an idle machine, after it has finished."""
    from distributed import Client

    deadline = time.monotonic() + 60
    with Client(address, timeout=30) as client:
        while sum(len(tasks) for tasks in client.processing().values()) == 0:
            assert proc.poll() is None, "the scan ended before its tasks were seen running"
            assert time.monotonic() < deadline, "the scan's tasks never ran on the cluster"
            time.sleep(0.05)


def outcome(proc: subprocess.Popen[bytes], started: float) -> tuple[int, list[str], float]:
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode().splitlines(), time.monotonic() - started


@pytest.mark.slow
def test_every_worker_killed_mid_scan_is_one_line_not_a_hang(tmp_path, cluster) -> None:
    address, _, workers = cluster
    folder = plan_folder(tmp_path / "plans", 3000)
    proc = scan(folder, address, tmp_path)
    wait_until_running(address, proc)
    assert proc.poll() is None, "the scan ended before the workers could be killed"
    for worker in workers:
        worker.send_signal(signal.SIGKILL)
    code, lines, took = outcome(proc, time.monotonic())
    assert took < 60
    assert code == 2 and len(lines) == 1 and lines[0].startswith("duizhao: error: --dask")
    assert "Traceback" not in "\n".join(lines)


@pytest.mark.slow
def test_the_scheduler_killed_mid_scan_is_one_line(tmp_path, cluster) -> None:
    address, scheduler, _ = cluster
    folder = plan_folder(tmp_path / "plans", 3000)
    proc = scan(folder, address, tmp_path)
    wait_until_running(address, proc)
    assert proc.poll() is None, "the scan ended before the scheduler could be killed"
    scheduler.send_signal(signal.SIGKILL)
    code, lines, took = outcome(proc, time.monotonic())
    assert took < 60
    assert code == 2 and len(lines) == 1 and lines[0].startswith("duizhao: error: --dask")


class _Lost(Exception):
    """What the fake watch raises: the cluster has had no workers too long."""


class _FakeWatch:
    def __init__(self) -> None:
        self.checks = 0

    def check(self) -> None:
        self.checks += 1
        if self.checks >= 3:
            raise _Lost


class _ResetFuture:
    """Reported finished by as_completed, then reset to pending: the worker holding its
    result died and no worker is left to recompute it."""

    def __init__(self) -> None:
        self.asked = 0

    def done(self) -> bool:
        self.asked += 1
        return self.asked == 1  # finished when first looked at, pending from then on

    def result(self, timeout: float | None = None) -> object:
        if timeout is None:
            raise AssertionError("result() waited with no bound: the run would hang")
        raise TimeoutError


def test_a_result_gone_back_to_pending_is_awaited_under_the_watch() -> None:
    from duizhao.corpus import parallel_dask

    watch = _FakeWatch()
    with pytest.raises(_Lost):
        parallel_dask._value(_ResetFuture(), watch)
    assert watch.checks == 3


def test_a_finished_result_and_a_task_error_come_back_at_once() -> None:
    from duizhao.corpus import parallel_dask

    class Finished:
        def done(self) -> bool:
            return True

        def result(self, timeout: float | None = None) -> object:
            return "value"

    class Failed(Finished):
        def result(self, timeout: float | None = None) -> object:
            raise TimeoutError("the task's own")

    assert parallel_dask._value(Finished(), _FakeWatch()) == "value"
    with pytest.raises(TimeoutError, match="the task's own"):
        parallel_dask._value(Failed(), _FakeWatch())


def test_a_lost_scheduler_is_said_as_such_not_in_dask_s_words() -> None:
    from duizhao.corpus.parallel_dask import _lost_reason
    from duizhao.reports.common.i18n import translator

    cancelled = Exception(
        "run_chunk-d471 cancelled for reason: scheduler-connection-lost. Client lost the "
        "connection to the scheduler. Please check your connection and re-run your work."
    )
    said = _lost_reason(cancelled)
    assert said == "the Dask scheduler stopped answering mid-run"
    assert said.say(translator("zh").gettext) == "Dask 调度器在运行中途停止应答"
    other = _lost_reason(RuntimeError("worker\nexploded"))
    assert other == "the Dask cluster failed: worker exploded"
