"""The segmenter helper process: the same cuts as this process, and nothing depends on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from duizhao.cli import early_segmenter
from duizhao.cli.early_segmenter import EarlySegmenter, Helper
from duizhao.reports.api.tokens import cut_here

TEXTS = [
    "坚持以习近平法治思想为指导，深入推进法治社会建设。",
    "各区县（市）要结合实际制定落实方案，2025年底前完成。",
    "",
    "谁执法谁普法",
    "A股 and 5G：full-width，punctuation！",
]


@pytest.fixture
def helper_allowed(monkeypatch):
    """The test process has usually built the segmenter already: let a helper start anyway."""
    monkeypatch.setattr(early_segmenter, "worth_starting", lambda: True)


def _fake_helper(code: str) -> Helper:
    popen = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    return Helper(popen.pid, popen.stdin, popen.stdout, popen)


def test_a_spawned_helper_cuts_exactly_as_this_process(helper_allowed):
    with EarlySegmenter() as early:
        early.start()
        assert early._helper is not None
        assert early.cut(TEXTS) == cut_here(TEXTS)
        assert early._helper is not None  # it answered well, so it is kept for the next texts
        assert early.cut(TEXTS[:2]) == cut_here(TEXTS[:2])
    assert early._helper is None


@pytest.mark.parametrize(
    "code",
    [
        "import sys\nfor line in sys.stdin: print('[[\"x\"]]', flush=True)",  # a wrong cut
        "import sys\nfor line in sys.stdin: print('not json', flush=True)",
        "pass",  # dies at once
        "import sys; sys.stdin.readline(); sys.exit(3)",  # dies mid-request
    ],
)
def test_a_helper_that_answers_badly_or_dies_is_stopped_and_the_texts_cut_here(code):
    early = EarlySegmenter()
    early._tried = True
    early._helper = helper = _fake_helper(code)
    assert early.cut(TEXTS) == cut_here(TEXTS)
    assert early._helper is None
    assert not helper.alive()


def test_a_helper_is_started_once_per_call_and_never_when_it_cannot_help(monkeypatch):
    monkeypatch.setattr(early_segmenter, "worth_starting", lambda: False)
    early = EarlySegmenter()
    early.start()
    assert early._helper is None
    monkeypatch.setattr(early_segmenter, "worth_starting", lambda: True)
    early.start()  # the one attempt was spent
    assert early._helper is None


def test_the_switch_turns_every_helper_off(monkeypatch):
    monkeypatch.delitem(sys.modules, "rjieba", raising=False)
    monkeypatch.setenv("DUIZHAO_SEGMENTER_HELPER", "off")
    assert not early_segmenter.worth_starting()
    early = EarlySegmenter()
    early.start()
    assert early._helper is None
    assert early.cut(TEXTS) == cut_here(TEXTS)


def test_no_helper_once_the_segmenter_is_built_here():
    cut_here(["法治"])
    assert "rjieba" in sys.modules or "jieba" in sys.modules
    if "rjieba" in sys.modules:
        assert not early_segmenter.worth_starting()


def test_a_forked_spare_is_taken_by_the_comparison_and_cuts_the_same(tmp_path):
    """`prestart()` as the console script calls it, in a fresh interpreter."""
    script = textwrap.dedent(
        f"""
        import json, sys
        from duizhao.cli import early_segmenter as es
        es.prestart()
        spare = es._spare
        early = es.EarlySegmenter()
        early.start()
        took = early._helper is spare and spare is not None
        cuts = early.cut({TEXTS!r})
        early.close()
        print(json.dumps({{"took": took, "cuts": cuts, "alive": spare.alive()}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=60, check=True
    )
    answer = json.loads(done.stdout)
    if os.cpu_count() and os.cpu_count() > 1:
        assert answer["took"]
    assert answer["cuts"] == cut_here(TEXTS)
    assert not answer["alive"]


def test_an_unused_spare_is_killed_at_exit_and_holds_no_output_open():
    """A command served from the cache never takes the spare: the process still ends at once,
    and the spare keeps no copy of stdout (a pipe reader would wait for it)."""
    script = textwrap.dedent(
        """
        import sys
        from duizhao.cli import early_segmenter as es
        es.prestart()
        print(es._spare.pid if es._spare else 0)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=20, check=True
    )
    pid = int(done.stdout)
    if pid:
        assert _is_gone(pid)


def _is_gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] in ("Z", "X")
    except FileNotFoundError:
        return True


def test_the_command_run_cold_as_a_drafter_runs_it_prints_the_golden_bytes(tmp_path):
    """Console entry, forked spare, fast exit: the same JSON as the golden, exit 0, and a
    second, cached run (whose spare is killed unused) prints it again."""
    from pathlib import Path

    golden = (Path(__file__).parent / "golden" / "sample.json").read_bytes()
    command = [sys.executable, "-m", "duizhao.cli", "compare", "--sample", "--format", "json"]
    for cache in ("off", str(tmp_path / "cache"), str(tmp_path / "cache")):
        env = {**os.environ, "DUIZHAO_CACHE": cache, "DUIZHAO_LANG": "en"}
        done = subprocess.run(command, capture_output=True, timeout=60, env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout == golden


def test_the_console_script_asks_for_one_blas_thread_unless_told_otherwise():
    """OpenBLAS's spinning threads took CPU from the helper; a count the user set stands.

    The probe runs the console entry itself, with the typer app replaced by a command that
    imports numpy and prints its process's thread count."""
    from duizhao.cli.entry import one_blas_thread

    environ = {"MKL_NUM_THREADS": "4"}
    one_blas_thread(environ)
    assert environ == {"MKL_NUM_THREADS": "4", "OPENBLAS_NUM_THREADS": "1"}
    probe = textwrap.dedent(
        """
        import sys
        import duizhao.cli.app as app

        def command():
            import numpy
            status = open("/proc/self/status").read()
            print(status.split("Threads:")[1].split()[0])

        app.main = command
        sys.argv = ["duizhao"]
        from duizhao.cli.entry import main
        main()
        """
    )
    env = {
        k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    }
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1", done.stderr
