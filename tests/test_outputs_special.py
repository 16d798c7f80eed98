"""Outputs that are not regular files: devices, pipes and sockets are written through, never replaced.

Device nodes are made in a temporary folder (never the machine's own /dev/null): a copy of
the null device and of /dev/full (every write fails with ENOSPC). Making them needs root;
without it those tests are skipped.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_check_ci import project
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.cli.check import run as run_check
from duizhao.cli.output import write_bytes_atomic
from duizhao.corpus.errors import OutputError

runner = CliRunner()


def device(folder: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (minor 3) or /dev/full (minor 7), made in `folder`."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        with open(path, "wb"):
            pass
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    return path


def compare_to(output: Path):
    return runner.invoke(
        app, ["compare", "--sample", "-f", "json", "-o", str(output)], env={"DUIZHAO_LANG": "en"}
    )


def test_a_null_device_stays_a_device(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    result = compare_to(null)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["null"]  # no temporary file left either


def test_a_full_device_is_one_line_and_exit_2(tmp_path: Path) -> None:
    full = device(tmp_path, "full", 7)
    result = compare_to(full)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "no space left" in errors[0]
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_named_pipe_is_written_through_to_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = compare_to(fifo)
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert got and got[0].startswith(b"{") and b"duizhao/compare@1" in got[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_symlink_to_a_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_bytes_atomic(link, b"report\n")
    reader.join(10)
    assert got == [b"report\n"] and link.is_symlink()


def test_a_pipe_nobody_reads_is_refused_in_bounded_time(tmp_path: Path, monkeypatch) -> None:
    from duizhao.cli import special

    monkeypatch.setattr(special, "FIFO_WAIT_S", 0.3)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(OutputError, match="nothing read"):
        write_bytes_atomic(fifo, b"x")
    assert time.monotonic() - start < 5


def test_a_unix_socket_receives_the_report(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    got: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
        got.append(b"".join(chunks))
        conn.close()

    thread = threading.Thread(target=serve)
    thread.start()
    write_bytes_atomic(path, b"hello report")
    thread.join(10)
    server.close()
    assert got == [b"hello report"] and stat.S_ISSOCK(os.stat(path).st_mode)


def test_a_temporary_file_left_by_a_killed_writer_is_removed(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = int(gone.stdout)
    stale = tmp_path / f".report.md.{dead}.abc123.tmp"
    stale.write_text("half a report")
    mine = tmp_path / f".report.md.{os.getpid()}.zzz.tmp"  # a writer still running: kept
    mine.write_text("in progress")
    other = tmp_path / ".notes.md.1.x.tmp"  # another output's: not ours to judge
    other.write_text("x")
    write_bytes_atomic(tmp_path / "report.md", b"# report\n")
    assert not stale.exists() and mine.exists() and other.exists()
    assert (tmp_path / "report.md").read_bytes() == b"# report\n"


def test_a_step_summary_fifo_without_a_reader_does_not_hang_check(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    done: list[int] = []

    def check() -> None:
        import io

        out, err = io.StringIO(), io.StringIO()
        env = {"GITHUB_STEP_SUMMARY": str(fifo)}
        done.append(
            run_check(None, cwd=folder, stdout=out, stderr=err, env=env, fmt="github", lang="en")
        )
        done.append(err.getvalue())

    thread = threading.Thread(target=check, daemon=True)
    thread.start()
    thread.join(60)
    assert done, "check hung on a step summary that is a pipe with no reader"
    code, err = done
    assert code in (0, 1) and "step summary was not written" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
