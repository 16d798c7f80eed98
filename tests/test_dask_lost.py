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


def outcome(proc: subprocess.Popen[bytes], started: float) -> tuple[int, list[str], float]:
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode().splitlines(), time.monotonic() - started


@pytest.mark.slow
def test_every_worker_killed_mid_scan_is_one_line_not_a_hang(tmp_path, cluster) -> None:
    address, _, workers = cluster
    folder = plan_folder(tmp_path / "plans", 3000)
    proc = scan(folder, address, tmp_path)
    time.sleep(4)  # connected, and tasks running on both workers
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
    time.sleep(4)
    assert proc.poll() is None, "the scan ended before the scheduler could be killed"
    scheduler.send_signal(signal.SIGKILL)
    code, lines, took = outcome(proc, time.monotonic())
    assert took < 60
    assert code == 2 and len(lines) == 1 and lines[0].startswith("duizhao: error: --dask")
