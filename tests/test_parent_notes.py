"""Say when the parent looks wrong: the same level as the child, or a plan the child does not cite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.compare import Settings, compare_plans
from duizhao.corpus import parse_plan
from duizhao.corpus.samples import sample_path

HUBEI = sample_path("hubei").read_text(encoding="utf-8")
GAOXIN = sample_path("gaoxin").read_text(encoding="utf-8")
YAOHAI = sample_path("yaohai").read_text(encoding="utf-8")


def notes(parent_text: str, child_text: str) -> list[str]:
    parent = parse_plan(parent_text, path="parent.txt")
    child = parse_plan(child_text, path="child.txt")
    return list(compare_plans(parent, child, Settings()).notes)


def test_the_true_parent_gets_neither_note() -> None:
    said = notes(HUBEI, GAOXIN)
    assert not any("same level" in n or "does not cite" in n for n in said)


def test_a_neighbouring_district_given_as_parent_is_said() -> None:
    said = notes(YAOHAI, GAOXIN)
    assert any("same level" in n for n in said), said


def test_a_plan_of_the_right_place_the_child_does_not_cite_is_said() -> None:
    # Another 湖北省 plan (another field): the jurisdiction is right, the title is not cited.
    other = HUBEI.replace("湖北省法治社会建设实施方案", "湖北省法治政府建设实施方案")
    assert other != HUBEI
    said = notes(other, GAOXIN)
    assert any("does not cite" in n and "湖北省法治政府建设实施方案" in n for n in said), said


def test_nothing_is_said_when_the_child_cites_nothing() -> None:
    child = GAOXIN.replace("《", "").replace("》", "")
    assert not any("does not cite" in n for n in notes(HUBEI, child))


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown", "csv"])
def test_the_note_is_a_line_on_stderr_in_every_output_mode(tmp_path: Path, fmt: str) -> None:
    parent = tmp_path / "neighbour.txt"
    parent.write_text(YAOHAI, encoding="utf-8")
    child = tmp_path / "gaoxin.txt"
    child.write_text(GAOXIN, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["compare", str(parent), str(child), "--format", fmt, "--lang", "en"]
    )
    assert result.exit_code == 0
    assert any("same level" in line for line in result.stderr.splitlines()), result.stderr
