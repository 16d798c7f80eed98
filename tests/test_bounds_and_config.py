"""Ceilings a real input can reach, and configurations that try to get around their bounds.

Items numbered 1000 and above, a vocabulary larger than any fixed code table, settings out of
range, a `duizhao.toml` that is a link out of the repository, the same plan listed twice, a
dotted key of 40,000 parts, and a folder full of link loops: each is read correctly or
refused in one line, fast.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_check_ci import check, project
from test_check_support import PLANS_TOML
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.compare.clauses import Clause
from duizhao.compare.score import ClauseScorer
from duizhao.compare.settings import Settings
from duizhao.corpus import parse_plan
from duizhao.corpus.errors import InputError
from duizhao.corpus.samples import sample_path
from duizhao.corpus.scan import scan_folder

runner = CliRunner()


def numbered_plan(n: int) -> str:
    lines = ["某某市法治社会建设实施方案", "一、主要任务"]
    lines += [f"{i}.推进第{i}项重点工作，加强组织保障和督促检查。" for i in range(1, n + 1)]
    return "\n".join(lines)


def test_items_numbered_1000_and_above_are_their_own_measures() -> None:
    plan = parse_plan(numbered_plan(1005))
    measures = plan.measures()
    assert len(measures) == 1005
    assert [m.label for m in measures[998:]] == [f"{i}." for i in range(999, 1006)]
    assert "第1000项" not in measures[998].text and "第1000项" in measures[999].text


def test_chinese_numbered_items_past_999_are_their_own_measures() -> None:
    lines = ["某某市法治社会建设实施方案", "一、主要任务"]
    lines += [f"（{cn}）推进第{n}项重点工作。" for n, cn in
              [(998, "九百九十八"), (999, "九百九十九"), (1000, "一千"), (1234, "一千二百三十四")]]  # fmt: skip
    measures = parse_plan("\n".join(lines)).measures()
    assert [m.label for m in measures][-2:] == ["（一千）", "（一千二百三十四）"]
    assert "第1234项" not in measures[-2].text


def test_run_together_items_past_999_are_split() -> None:
    text = "某某市法治社会建设实施方案\n一、主要任务\n" + "".join(
        f"{i}.推进第{i}项重点工作。" for i in range(995, 1003)
    )
    labels = [m.label for m in parse_plan(text).measures()]
    assert labels[-3:] == ["1000.", "1001.", "1002."]


def test_a_year_at_a_paragraph_start_is_not_a_label() -> None:
    text = "某某市法治社会建设实施方案\n一、主要任务\n1 组织开展普法活动。\n2021 年起每年开展评估。"
    plan = parse_plan(text)
    assert [m.label for m in plan.measures()] == ["1"]


def test_token_codes_have_no_ceiling_a_vocabulary_can_reach() -> None:
    vocabulary = [f"词{i}" for i in range(140_000)]  # past the 131,072 private-use characters
    child = [Clause(0, 0, "a", "a"), Clause(0, 1, "b", "b")]
    parent = [Clause(0, 0, "a", "a")]
    child_tokens = [vocabulary[:70_000], vocabulary[70_000:]]
    parent_tokens = [vocabulary[:70_000]]
    weights = dict.fromkeys(vocabulary, 1.0)
    scores = ClauseScorer(child, parent, child_tokens, parent_tokens, weights).score(0, 2)
    assert scores.similarity[0, 0] == pytest.approx(1.0)
    assert scores.similarity[1, 0] < 0.5


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("long_clause_chars=99999999999999999999", "long_clause_chars must be a whole number"),
        ("long_clause_chars=0", "long_clause_chars must be a whole number"),
        ("long_clause_chars=4.5", "long_clause_chars needs a whole number"),
        ("carried_coverage=nan", "carried_coverage must be between 0 and 1"),
        ("carried_coverage=inf", "carried_coverage must be between 0 and 1"),
        ("expansion_min_siblings=1e400", "expansion_min_siblings needs a whole number"),
    ],
)
def test_settings_out_of_range_are_one_line(value: str, words: str) -> None:
    result = runner.invoke(
        app, ["compare", "--sample", "-f", "json", "--set", value, "--lang", "en"]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr
    assert "Traceback" not in result.output


def test_settings_are_checked_when_built() -> None:
    with pytest.raises(InputError, match="long_clause_chars"):
        Settings(long_clause_chars=10**20)
    with pytest.raises(InputError, match="carried_coverage"):
        Settings(carried_coverage=True)  # a bool is not a share
    with pytest.raises(InputError, match="partial_coverage"):
        Settings(partial_coverage=0.9, carried_coverage=0.5)
    assert Settings(long_clause_chars=60).long_clause_chars == 60


def test_a_configuration_setting_out_of_range_is_named(tmp_path: Path) -> None:
    folder = project(tmp_path / "p", PLANS_TOML + "[settings]\nlong_clause_chars = 99999999999\n")
    code, _, err = check(folder)
    assert code == 2 and "long_clause_chars" in err and len(err.splitlines()) == 1


def test_a_linked_configuration_outside_the_repository_is_refused(tmp_path: Path) -> None:
    outside = project(tmp_path / "elsewhere")  # plans and a duizhao.toml that names them
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "duizhao.toml").symlink_to(outside / "duizhao.toml")
    code, _, err = check(repo)
    assert code == 2 and "symbolic link" in err and "outside the repository" in err
    assert len(err.splitlines()) == 1
    # allowed when the file says so, as for plans
    text = "allow_outside = true\n" + PLANS_TOML
    (outside / "duizhao.toml").write_text(text, encoding="utf-8")
    assert check(repo)[0] in (0, 1)


def test_a_linked_configuration_inside_the_repository_is_fine(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    (folder / "duizhao.toml").rename(folder / "checks.toml")
    (folder / "duizhao.toml").symlink_to("checks.toml")
    assert check(folder)[0] in (0, 1)


def test_the_same_plan_listed_twice_is_an_error(tmp_path: Path) -> None:
    folder = project(tmp_path / "p", PLANS_TOML + "\n" + PLANS_TOML.split("\n[", 1)[0])
    code, _, err = check(folder)
    assert code == 2 and "list each plan once" in err
    twice = '[[plans]]\nfile = "gaoxin.txt"\nparents = ["hubei.txt", "./hubei.txt"]\n'
    code, _, err = check(project(tmp_path / "q", twice))
    assert code == 2 and "listed twice" in err


def test_a_dotted_key_of_forty_thousand_parts_is_refused_fast(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    key = ".".join(["a"] * 40_000)
    assert 75_000 < len(key) < 85_000
    (folder / "duizhao.toml").write_text(f"{key} = 1\n" + PLANS_TOML, encoding="utf-8")
    start = time.monotonic()
    code, _, err = check(folder)
    assert time.monotonic() - start < 2
    assert code == 2 and "dotted key of 40000 parts" in err


def test_a_large_configuration_is_refused_by_its_size(tmp_path: Path) -> None:
    folder = project(tmp_path / "p")
    (folder / "duizhao.toml").write_text(PLANS_TOML + "#" * (2 << 20), encoding="utf-8")
    code, _, err = check(folder)
    assert code == 2 and "larger than 1 MB" in err


def test_deep_nesting_in_pyproject_is_refused_before_parsing(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("a = " + "[" * 900 + "]" * 900 + "\n")
    code, _, err = check(folder)
    assert code == 2 and "nests arrays or tables 900 deep" in err


def test_scan_writes_its_index_with_o(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "hubei.txt").write_bytes(sample_path("hubei").read_bytes())
    out = tmp_path / "index.md"
    result = runner.invoke(app, ["corpus", "scan", str(folder), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "湖北省法治社会建设实施方案" in out.read_text(encoding="utf-8")


def test_link_loops_and_links_out_of_the_folder_are_listed_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    (folder / "hubei.txt").write_bytes(sample_path("hubei").read_bytes())
    (folder / "sub" / "up").symlink_to("..")
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    secret = tmp_path / "secret.txt"
    secret.write_bytes(sample_path("gaoxin").read_bytes())
    (folder / "out.txt").symlink_to(secret)
    (folder / "zero.txt").symlink_to(os.devnull)
    os.mkfifo(folder / "pipe.txt")
    index = scan_folder(folder)
    assert [e.path for e in index.entries] == ["hubei.txt"]
    reasons = {s.path: s.reason for s in index.skipped}
    assert reasons["self.txt"].startswith("link loop")
    assert reasons["a.txt"].startswith("link loop") and reasons["b.txt"].startswith("link loop")
    assert reasons["sub/up/"].startswith("link loop")
    assert reasons["out.txt"] == "link out of the folder (not followed)"
    assert reasons["zero.txt"] == "link out of the folder (not followed)"
    assert reasons["pipe.txt"].startswith("not a regular file")


@pytest.mark.slow
def test_scan_of_a_folder_of_loops_ends_in_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "hubei.txt").write_bytes(sample_path("hubei").read_bytes())
    (folder / "loop").symlink_to(".")
    (folder / "x.txt").symlink_to("x.txt")
    done = subprocess.run(
        [sys.executable, "-m", "duizhao.cli", "corpus", "scan", str(folder), "-f", "json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "link loop" in done.stdout
