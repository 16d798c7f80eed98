"""Signals sent to a real `duizhao` process: exit 128+n, one line, nothing left behind.

Each run gets its own TMPDIR and cache folder inside the test's temporary folder, so what a
run leaves (temporary files and folders, LibreOffice's profile) is seen there and nowhere else;
children are found by parent pid or by the temporary folder in their command line.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from duizhao.corpus.samples import sample_path

OFFICE = Path(__file__).parent / "data" / "office"


def duizhao(*args: str, tmp: Path, **kw) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TMPDIR": str(tmp), "DUIZHAO_CACHE": "off", "DUIZHAO_LANG": "en"}
    env.update(kw.pop("env", {}))
    entry = "from duizhao.cli.entry import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", entry, *args],
        stdout=kw.pop("stdout", subprocess.DEVNULL),
        stderr=subprocess.PIPE,
        env=env,
        **kw,
    )


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def with_command_line(text: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                line = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if text.encode() in line and running(int(entry)):
                found.append(int(entry))
    return found


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def ended(proc: subprocess.Popen[bytes]) -> tuple[int, list[str]]:
    _, err = proc.communicate(timeout=60)
    lines = [line for line in err.decode().splitlines() if "warning" not in line]
    lines = [line for line in lines if "警告" not in line]
    return proc.returncode, lines


def catches(pid: int, sig: int) -> bool:
    """Whether the process has a handler installed for `sig` (SigCgt in /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = int(status.split("SigCgt:")[1].split()[0], 16)
    return bool(caught & (1 << (sig - 1)))


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("after", [0.0, 0.05, 0.1, 0.3, 0.6])
def test_a_signal_during_a_comparison_is_one_line_and_128_plus_n(tmp_path, sig, after) -> None:
    """From the moment the script's first line has run (its handler is seen installed) the
    signal is one line and 128+n, during the imports (within the first 0.15 s) as later."""
    proc = duizhao("compare", "--sample", "-f", "json", tmp=tmp_path)
    # SIGHUP's handler is installed last (Python itself catches SIGINT from its start)
    assert wait_for(lambda: catches(proc.pid, signal.SIGHUP), 30)
    time.sleep(after)
    proc.send_signal(sig)
    code, lines = ended(proc)
    if code == 0:
        pytest.skip("the comparison finished before the signal")
    assert code == 128 + sig
    assert lines == [f"duizhao: interrupted ({signal.Signals(sig).name})"]


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path, sig) -> None:
    """fsync is slowed down in the process, so the signal arrives while the temporary file
    exists beside the output."""
    out = tmp_path / "out"
    out.mkdir()
    code = (
        "import os, signal, sys, time\n"
        "from duizhao.cli import output, signals\n"
        "signals.install()\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    print('writing', flush=True); time.sleep(30); real(fd)\n"
        "os.fsync = slow\n"
        "from duizhao.cli.entry import main\n"
        "sys.argv = ['duizhao', 'compare', '--sample', '-o', sys.argv[1]]\n"
        "main()\n"
    )
    env = {**os.environ, "DUIZHAO_CACHE": "off", "TMPDIR": str(tmp_path), "DUIZHAO_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(out / "report.md")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"writing"
    (left,) = out.iterdir()
    assert left.name.startswith(".report.md.")
    proc.send_signal(sig)
    code_, lines = ended(proc)
    assert code_ == 128 + sig and lines == [f"duizhao: interrupted ({signal.Signals(sig).name})"]
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_a_temporary_file_left_by_sigkill_is_removed_by_the_next_run(tmp_path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    left = tmp_path / f".report.md.{dead}.x1y2.tmp"
    left.write_text("half")
    proc = duizhao("compare", "--sample", "-o", str(tmp_path / "report.md"), tmp=tmp_path)
    assert ended(proc)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def soffice_ready() -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
def test_a_signal_during_a_conversion_leaves_no_libreoffice(tmp_path, sig) -> None:
    soffice_ready()
    doc = OFFICE / "hubei.doc"
    proc = duizhao("inspect", str(doc), "--json", tmp=tmp_path)
    marker = f"duizhao-lo-{proc.pid}-"
    assert wait_for(lambda: len(with_command_line(marker)) >= 2, 30), "LibreOffice never started"
    proc.send_signal(sig)
    code, lines = ended(proc)
    assert wait_for(lambda: not with_command_line(marker), 10), "LibreOffice outlived duizhao"
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
        # its folder is left (nothing runs on SIGKILL); the next conversion removes it
        assert [p for p in tmp_path.iterdir() if p.name.startswith(marker)]
        again = duizhao("inspect", str(OFFICE / "gaoxin.odt"), "--json", tmp=tmp_path)
        assert ended(again)[0] == 0
    else:
        assert code == 128 + sig and lines == [f"duizhao: interrupted ({signal.Signals(sig).name})"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("duizhao-lo-")]


def plan_folder(folder: Path, n: int) -> Path:
    folder.mkdir()
    text = sample_path("hubei").read_bytes()
    for i in range(n):
        (folder / f"p{i:04d}.txt").write_bytes(text + f"\n{i}\n".encode())
    return folder


def scanning(tmp_path: Path, **kw) -> tuple[subprocess.Popen[bytes], list[int]]:
    """`corpus scan --workers 2` of a large folder, once both workers run, and their pids."""
    folder = plan_folder(tmp_path / "plans", 1500)
    proc = duizhao("corpus", "scan", str(folder), "--workers", "2", tmp=tmp_path, **kw)
    assert wait_for(lambda: len(children_of(proc.pid)) >= 2, 30)
    return proc, children_of(proc.pid)


@pytest.mark.slow
def test_killing_a_folder_scan_in_a_pipeline_ends_its_workers(tmp_path) -> None:
    proc, workers = scanning(tmp_path, stdout=subprocess.PIPE)
    proc.send_signal(signal.SIGTERM)
    start = time.monotonic()
    proc.communicate(timeout=30)  # the pipe closes: nothing holds it open
    assert time.monotonic() - start < 10 and proc.returncode == 128 + signal.SIGTERM
    assert wait_for(lambda: not any(running(w) for w in workers), 10)


@pytest.mark.slow
def test_workers_die_with_a_scan_killed_outright(tmp_path) -> None:
    proc, workers = scanning(tmp_path)
    proc.kill()
    proc.wait()
    assert wait_for(lambda: not any(running(w) for w in workers), 10)


@pytest.mark.slow
def test_a_worker_killed_mid_scan_is_one_line_and_exit_2(tmp_path) -> None:
    proc, workers = scanning(tmp_path)
    os.kill(workers[0], signal.SIGKILL)  # as the OOM killer would
    start = time.monotonic()
    code, lines = ended(proc)
    assert time.monotonic() - start < 30
    assert code == 2 and len(lines) == 1 and "worker process died" in lines[0]


@pytest.mark.slow
def test_a_conversion_stopped_at_its_time_limit_leaves_nothing(tmp_path, monkeypatch) -> None:
    import tempfile

    from duizhao.corpus.errors import InputError
    from duizhao.corpus.readers import office

    soffice_ready()
    monkeypatch.setenv("DUIZHAO_CACHE", "off")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(office, "CONVERT_TIMEOUT_S", 0.5)
    with pytest.raises(InputError, match=r"did not convert it within 0\.5 s"):
        office.to_docx("hubei.doc", (OFFICE / "hubei.doc").read_bytes(), "doc")
    assert list(tmp_path.iterdir()) == []
    assert not with_command_line(f"duizhao-lo-{os.getpid()}-")


def test_a_signal_wrapped_in_another_exception_is_still_the_signal() -> None:
    """Python 3.11 wraps an exception from `__set_name__` in a RuntimeError: a SIGINT landing
    while an imported module defines a class (platform.uname_result did, under load in CI)."""
    from duizhao.cli.signals import Interrupted, interrupted_in

    def set_name_interrupted() -> None:
        class Interrupts:
            def __set_name__(self, owner: type, name: str) -> None:
                raise Interrupted(signal.SIGINT)

        type("Holder", (), {"field": Interrupts()})

    with pytest.raises(BaseException) as caught:
        set_name_interrupted()
    found = interrupted_in(caught.value)
    assert found is not None and found.signum == signal.SIGINT
    assert interrupted_in(ValueError("plain")) is None
