"""The configuration is found as ruff and pytest find theirs (from the current folder up to
the repository root), and compare, inspect and matrix honour its lang and [settings]."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.corpus.config_file import search_config

DATA = Path(__file__).parent / "data" / "pairs"
PARENT, CHILD = DATA / "small-parent.txt", DATA / "small-child.txt"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A repository whose root holds duizhao.toml (English, a stricter carried_coverage); the
    tests run in a folder two levels below it."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "duizhao.toml").write_text(
        'lang = "en"\n[settings]\ncarried_coverage = 0.95\n', encoding="utf-8"
    )
    below = root / "plans" / "2024"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    return root


def invoke(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(app, args, env={"DUIZHAO_LANG": "", **(env or {})})


def test_the_configuration_is_found_up_to_the_repository_root(project: Path) -> None:
    found = search_config(Path.cwd())
    assert found is not None and found[0] == (project / "duizhao.toml").resolve()


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "duizhao.toml").write_text('lang = "en"\n', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert search_config(repo) is None


def test_a_pyproject_without_the_tool_table_is_passed_over(project: Path) -> None:
    (Path.cwd() / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    found = search_config(Path.cwd())
    assert found is not None and found[0].name == "duizhao.toml"


def test_compare_honours_lang_and_settings(project: Path) -> None:
    result = invoke(["compare", str(PARENT), str(CHILD), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["settings"]["carried_coverage"] == 0.95
    text = invoke(["compare", str(PARENT), str(CHILD), "-f", "markdown"]).stdout
    assert "## Summary" in text or "Summary" in text.split("\n\n")[1], text[:300]
    over = invoke(["compare", str(PARENT), str(CHILD), "-f", "json", "--set",
                   "carried_coverage=0.6"])  # fmt: skip
    assert json.loads(over.stdout)["settings"]["carried_coverage"] == 0.6


def test_the_command_line_and_environment_win_over_the_configuration(project: Path) -> None:
    zh = invoke(["inspect", str(PARENT), "--lang", "zh"]).stdout
    en = invoke(["inspect", str(PARENT)]).stdout
    env_zh = invoke(["inspect", str(PARENT)], {"DUIZHAO_LANG": "zh"}).stdout
    assert "measures" in en and "measures" not in zh
    assert env_zh == zh


def test_a_bad_configuration_is_one_line(project: Path) -> None:
    (project / "duizhao.toml").write_text("[settings]\ncarried_coverag = 0.5\n", "utf-8")
    result = invoke(["compare", str(PARENT), str(CHILD)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "carried_coverage" in result.stderr


def test_without_a_configuration_nothing_changes(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert os.getcwd() == str(tmp_path)
    result = invoke(["compare", str(PARENT), str(CHILD), "-f", "json"])
    assert json.loads(result.stdout)["settings"]["carried_coverage"] == 0.5
