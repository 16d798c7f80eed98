"""The command line behaves like the tools users know (ruff, git, sqlite-utils): --version,
root errors in one line, one suggestion, colour by --color / NO_COLOR / FORCE_COLOR / TERM,
--quiet."""

from __future__ import annotations

import io
from importlib.metadata import version

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.cli.session import color_on

ESC = "\x1b["


def run(args: list[str], env: dict[str, str] | None = None):
    base = {"NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm", "DUIZHAO_LANG": ""}
    return CliRunner().invoke(app, args, env={**base, **(env or {})})


def test_version() -> None:
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"duizhao {version('duizhao')}\n"


@pytest.mark.parametrize(
    "args", [["--bogus"], ["corpus", "--bogus"], ["compare", "--bogus"], ["compre", "a", "b"]]
)
def test_usage_errors_at_every_level_are_one_line(args) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("duizhao: error: "), result.stderr
    assert "╭" not in result.stderr and "Usage:" not in result.stderr


def test_a_mistyped_command_is_suggested_once() -> None:
    err = run(["compre", "a", "b"], {"DUIZHAO_LANG": "en"}).stderr
    assert err.count("Did you mean 'compare'?") == 1, err
    err = run(["compre", "a", "b"]).stderr
    assert err.count("是否想用 'compare'？") == 1, err


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "0"}, True, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1", "TERM": "dumb"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_the_conventions(choice, env, tty, expected) -> None:
    stream = Tty() if tty else io.StringIO()
    assert color_on(stream, env, choice) is expected


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always"], {}, True),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {}, False),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_terminal_reports_take_colour_from_the_conventions(args, env, coloured) -> None:
    for command in (["inspect", "--sample", "hubei"], ["compare", "--sample"]):
        result = run([*command, *args], env)
        assert result.exit_code == 0, result.output
        assert (ESC in result.stdout) is coloured, command


def test_quiet_prints_the_report_and_errors_only(tmp_path) -> None:
    loud = run(["compare", "--sample", "-o", str(tmp_path / "r.md")])
    assert loud.exit_code == 0 and loud.stderr, "the sample pair has notes and a wrote line"
    quiet = run(["compare", "--sample", "-o", str(tmp_path / "q.md"), "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert (tmp_path / "q.md").read_text(encoding="utf-8")
    failed = run(["compare", "--quiet", str(tmp_path / "missing.txt"), str(tmp_path / "q.md")])
    assert failed.exit_code == 2 and failed.stderr.startswith("duizhao: error: ")


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"], ["compare", "--sample"]])
def test_a_reader_that_goes_away_is_no_failure(args):
    """`duizhao --help | head -1`: exit 0 and nothing on stderr, as for a report piped to head
    (click and rich exit 1 from their broken-pipe handlers)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("duizhao")
    bash = shutil.which("bash")
    if not script.exists() or bash is None:
        pytest.skip("needs the installed script and bash")
    line = " ".join([str(script), *args]) + " | head -c 1 >/dev/null; echo ${PIPESTATUS[0]}"
    done = subprocess.run([bash, "-c", line], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "0", done.stderr
    assert "Traceback" not in done.stderr and "error" not in done.stderr
