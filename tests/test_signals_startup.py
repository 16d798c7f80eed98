"""Signals in the first milliseconds of the real `duizhao` console script: never a traceback.

Two ways in. With the signals blocked when the process starts (as a launcher may start it, so
that none is lost), a signal sent at once is pending from the first instruction and must end
in exactly 128+n and one line: the handlers are installed and the signals unblocked before
anything else of ours runs. Unblocked, a signal is sent at delays from 0 ms up; before the
script's first line the interpreter is still starting (a SIGTERM or SIGHUP kills it by its
default action, which a shell reports as 128+n; a SIGINT there is the interpreter's
KeyboardInterrupt), and from then on our handler ends it: no traceback may pass through a
module of ours, whatever the moment.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import duizhao.cli

SCRIPT = Path(sys.executable).with_name("duizhao")
SOURCES = Path(duizhao.cli.__file__).resolve().parents[1]
PACKAGES = ("cli", "corpus", "compare", "reports")
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def start(tmp: Path, *, blocked: bool, lang: str = "en") -> subprocess.Popen[bytes]:
    env = {**os.environ, "TMPDIR": str(tmp), "DUIZHAO_CACHE": "off", "DUIZHAO_LANG": lang}

    def block() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)

    return subprocess.Popen(
        [str(SCRIPT), "compare", "--sample", "-f", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=block if blocked else None,
    )


def our_frames(stderr: str) -> list[str]:
    """The files of ours a traceback passes through (the console script's wrapper aside)."""
    files = [Path(f) for f in re.findall(r'File "([^"]+)"', stderr) if f.startswith("/")]
    return [str(f) for f in files if any(f.is_relative_to(SOURCES / d) for d in PACKAGES)]


@pytest.mark.slow
@pytest.mark.parametrize("sig", SIGNALS)
def test_a_signal_pending_from_the_start_is_one_line_and_128_plus_n(tmp_path, sig) -> None:
    proc = start(tmp_path, blocked=True)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, err.decode()
    assert err.decode().splitlines() == [f"duizhao: interrupted ({signal.Signals(sig).name})"]


@pytest.mark.slow
def test_the_line_is_in_the_users_language(tmp_path) -> None:
    proc = start(tmp_path, blocked=True, lang="")  # 中文 by default
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM
    assert err.decode().splitlines() == ["duizhao: 已中断（SIGTERM）"]


@pytest.mark.slow
@pytest.mark.parametrize("sig", SIGNALS)
def test_a_signal_at_any_moment_of_the_start_gives_no_traceback(tmp_path, sig) -> None:
    seen = []
    for delay_ms in (0, 2, 5, 10, 15, 20, 30, 40, 60, 80, 120, 200):
        proc = start(tmp_path, blocked=False)
        time.sleep(delay_ms / 1000)
        proc.send_signal(sig)
        _, raw = proc.communicate(timeout=120)
        err = raw.decode(errors="replace")
        seen.append((delay_ms, proc.returncode))
        if "Traceback" in err:
            # Only the interpreter's own start (its site module, finding our package) may
            # still show one: before any line of ours has run, nothing of ours can catch it.
            assert not our_frames(err), (delay_ms, err)
            assert "KeyboardInterrupt" in err and sig == signal.SIGINT, (delay_ms, err)
            continue
        assert proc.returncode in (128 + sig, -sig, 0), (delay_ms, proc.returncode, err)
        assert len(err.splitlines()) <= 1, (delay_ms, err)
    assert any(code == 128 + sig for _, code in seen), seen  # our handler did end some runs
