"""Inputs and outputs as users expect them: `-` is standard input (format sniffed from its
bytes, bounded like a file), an extension duizhao does not read is refused with the list it
reads, and an output folder that does not exist is refused before any work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.corpus import stdin

DATA = Path(__file__).parent / "data" / "pairs"
PARENT, CHILD = DATA / "small-parent.txt", DATA / "small-child.txt"


@pytest.fixture(autouse=True)
def _fresh_stdin():
    stdin.forget()
    yield
    stdin.forget()


def invoke(args: list[str], data: bytes | None = None):
    return CliRunner().invoke(app, [*args, "--lang", "en"], input=data)


def test_a_plan_piped_in_as_dash_compares_like_the_file() -> None:
    from_file = invoke(["compare", str(PARENT), str(CHILD), "-f", "json"])
    piped = invoke(["compare", str(PARENT), "-", "-f", "json"], CHILD.read_bytes())
    assert piped.exit_code == 0, piped.output
    a, b = json.loads(from_file.stdout), json.loads(piped.stdout)
    assert b["child"]["path"] == "-"
    assert a["summary"] == b["summary"]
    assert a["child_measures"] == b["child_measures"]


def test_a_docx_piped_in_is_sniffed_from_its_bytes(tmp_path: Path) -> None:
    from readers_fixtures import write_docx

    blocks = [line for line in CHILD.read_text(encoding="utf-8").splitlines() if line.strip()]
    docx = write_docx(tmp_path / "plan.docx", blocks)
    piped = invoke(["inspect", "-", "--json"], docx.read_bytes())
    assert piped.exit_code == 0, piped.output
    data = json.loads(piped.stdout)
    assert data["format"] == "docx" and data["measure_count"] == 11


def test_a_real_pipe_into_the_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("duizhao")
    run = subprocess.run(
        [str(script), "compare", str(PARENT), "-", "-f", "json"],
        input=CHILD.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["summary"]["child_measures"] == 11
    empty = subprocess.run([str(script), "inspect", "-"], input=b"", capture_output=True)
    assert empty.returncode == 2 and empty.stderr.decode().count("\n") == 1


def test_standard_input_is_bounded_like_a_file(monkeypatch) -> None:
    monkeypatch.setattr("duizhao.corpus.limits.MAX_FILE_BYTES", 1000)
    result = invoke(["inspect", "-"], b"x" * 5000)
    assert result.exit_code == 2
    assert "limit" in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("name", ["plan.xyz", "plan.xlsx", "plan.JSON"])
def test_an_extension_duizhao_does_not_read_is_refused_with_the_list(tmp_path, name) -> None:
    path = tmp_path / name
    path.write_bytes(PARENT.read_bytes())
    result = invoke(["inspect", str(path)])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert name in line and ".docx" in line and ".pdf" in line and ".txt" in line


@pytest.mark.parametrize("name", ["plan", "方案（2021.5）", "plan.TXT"])
def test_names_without_a_foreign_extension_are_read_by_content(tmp_path, name) -> None:
    path = tmp_path / name
    path.write_bytes(PARENT.read_bytes())
    assert invoke(["inspect", str(path)]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["compare", str(PARENT), str(CHILD)],
        ["inspect", str(PARENT)],
        ["corpus", "scan", str(DATA)],
        ["matrix", "--corpus", str(DATA), str(PARENT)],
    ],
)
def test_an_output_folder_that_does_not_exist_is_refused_first(tmp_path, monkeypatch, args):
    from duizhao.reports import api

    def never(*a, **k):
        raise AssertionError("the work ran before the output was checked")

    for name in ("compare", "compare_chain", "read_plan", "scan", "matrix"):
        monkeypatch.setattr(api, name, never)
    target = tmp_path / "missing" / "report.md"
    result = invoke([*args, "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.stderr and not target.parent.exists()
