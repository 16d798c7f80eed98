"""The command line: exit codes, outputs, one-line errors; checked through the library afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.corpus.samples import sample_path

runner = CliRunner()
EN = {"DUIZHAO_LANG": "en"}
"""Tests that check the English wording of an error run in English (中文 is the default)."""


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_inspect_sample_shows_metadata_and_tree():
    result = run("inspect", "--sample", "hubei")
    assert result.exit_code == 0
    assert "湖北省法治社会建设实施方案" in result.stdout
    assert "28" in result.stdout and "深化宪法学习宣传教育" in result.stdout


def test_inspect_json_is_the_plan_model():
    result = run("inspect", "--sample", "yaohai", "--json")
    data = json.loads(result.stdout)
    assert data["measure_count"] == 56
    assert data["jurisdiction"] == {
        "name": "瑶海区",
        "level": "district",
        "short": "瑶海",
        "parents": ["安徽"],
    }
    assert data["tree"][1]["children"][0]["children"][0]["owners"]["responsible"][0] == "区委宣传部"


def test_inspect_csv_has_one_row_per_measure():
    rows = run("inspect", "--sample", "gaoxin", "--csv").stdout.strip().splitlines()
    assert rows[0].startswith("编号,序号,所在部分,标题,内容") and len(rows) == 28
    rows = run("inspect", "--sample", "gaoxin", "--csv", "--lang", "en").stdout.splitlines()
    assert rows[0].startswith("id,label,path,title,text") and len(rows) == 28


def test_compare_json_follows_the_contract():
    data = json.loads(run("compare", "--sample", "--format", "json").stdout)
    assert data["schema"] == "duizhao/compare@1"
    assert set(data) >= {"parent", "child", "parent_measures", "child_measures", "links"}
    assert set(data) >= {"summary", "settings"}
    assert data["summary"]["parent_measures"] == 28 and data["summary"]["child_measures"] == 27
    parent = data["parent_measures"][0]
    assert set(parent) >= {"id", "label", "path", "title", "text", "owners", "lines"}
    assert parent["status"] in ("carried", "partial", "dropped") and 0 <= parent["coverage"] <= 1
    child = data["child_measures"][0]
    assert child["status"] in ("inherited", "modified", "added")
    assert set(child) >= {"novelty", "sources", "flags"}
    link = data["links"][0]
    assert set(link) >= {"parent", "child", "score", "parent_share", "child_share", "evidence"}
    assert set(link["evidence"][0]) == {"parent_text", "child_text", "similarity"}
    assert data["settings"]["carried_coverage"] == 0.5


def test_compare_output_is_byte_identical_across_runs(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("compare", "--sample", "-o", str(first)).exit_code == 0
    assert run("compare", "--sample", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_settings_override_is_echoed():
    data = json.loads(
        run("compare", "--sample", "-f", "json", "--set", "carried_coverage=0.9").stdout
    )
    assert data["settings"]["carried_coverage"] == 0.9
    assert data["summary"]["carried"] < 20


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["inspect", "missing.txt"], "missing.txt: no such file"),
        (["compare", "missing.txt", "other.txt"], "missing.txt: no such file"),
        (["compare", "--sample", "--set", "nope=1"], "unknown setting"),
        (["compare", "--sample", "--set", "carried_coverage=2"], "between 0 and 1"),
        (["compare", "--sample", "--set", "long_clause_chars=0"], "from 1 to 100,000"),
        (["compare", "--sample", "--set", "partial_coverage=0.9"], "must not exceed"),
        (["compare", "--sample", "--set", "garbage"], "expected name=value"),
        (["compare", "--sample", "--format", "pdf"], "unknown format"),
        (["compare", "--sample", "-o", "report.weird"], "cannot tell the format"),
        (["compare", "--sample", "--format", "xlsx"], "needs -o"),
        (["compare", str(sample_path("hubei"))], "needs PARENT and CHILD"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message):
    result = runner.invoke(app, args, env=EN)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("duizhao: error: ") and message in lines[0]


def test_same_file_twice_is_refused():
    path = str(sample_path("hubei"))
    result = runner.invoke(app, ["compare", path, path], env=EN)
    assert result.exit_code == 2 and "given twice" in result.stderr


def test_parent_lower_than_child_is_warned():
    data = json.loads(
        run("compare", str(sample_path("gaoxin")), str(sample_path("hubei")), "-f", "json").stdout
    )
    assert any("looks lower" in note for note in data["notes"])


def test_report_never_overwrites_an_input(tmp_path):
    parent = tmp_path / "p.txt"
    child = tmp_path / "c.json"
    parent.write_bytes(sample_path("hubei").read_bytes())
    child.write_bytes(sample_path("gaoxin").read_bytes())
    before = child.read_bytes()
    result = runner.invoke(app, ["compare", str(parent), str(child), "-o", str(child)], env=EN)
    assert result.exit_code == 2 and "is an input file" in result.stderr
    assert child.read_bytes() == before


def test_console_script_errors_have_no_traceback(tmp_path):
    script = Path(sys.executable).with_name("duizhao")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    proc = subprocess.run(
        [str(script), "inspect", str(empty)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **EN},
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"duizhao: error: {empty}: is empty"
    assert proc.stdout == ""
    usage = subprocess.run([str(script), "compare", "--bogus"], capture_output=True, check=False)
    assert usage.returncode == 2


def test_check_command_on_the_example_configuration():
    config = Path(__file__).parent / "data" / "check-example" / "duizhao.toml"
    result = runner.invoke(app, ["check", "--config", str(config), "--format", "json"])
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["schema"] == "duizhao/check@1"


def test_check_command_fails_without_the_waiver(tmp_path):
    example = Path(__file__).parent / "data" / "check-example"
    text = (example / "duizhao.toml").read_text(encoding="utf-8").split("[[waivers]]")[0]
    for plan in example.glob("*.txt"):
        (tmp_path / plan.name).write_bytes(plan.read_bytes())
    (tmp_path / "duizhao.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(tmp_path / "duizhao.toml")])
    assert result.exit_code == 1
    assert "完善社会重要领域地方立法" in result.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(text + "\nunknown_key = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(bad)])
    assert result.exit_code == 2 and "unknown_key" in result.stderr


@pytest.mark.slow
def test_output_does_not_depend_on_hash_seed(tmp_path):
    """Byte-identical reports across processes, whatever PYTHONHASHSEED orders sets by."""
    import os

    script = Path(sys.executable).with_name("duizhao")
    pair = [
        str(Path(__file__).parent / "data" / "pairs" / n)
        for n in ("small-parent.txt", "small-child.txt")
    ]
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "DUIZHAO_CACHE": "off"}
        for args in (["--sample"], pair):
            proc = subprocess.run(
                [str(script), "compare", *args, "--format", "json"],
                capture_output=True,
                env=env,
                check=True,
            )
            outputs.add((tuple(args), proc.stdout))
    assert len(outputs) == 2


def _commands(group, prefix=""):
    import typer.main

    click_group = typer.main.get_command(group)
    for name, command in sorted(click_group.commands.items()):
        if hasattr(command, "commands"):
            yield from ((f"{prefix}{name} {sub}", c) for sub, c in sorted(command.commands.items()))
        else:
            yield f"{prefix}{name}", command


def test_every_command_has_help_and_is_in_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    names = [name for name, _ in _commands(app)]
    assert {"inspect", "compare", "check", "matrix", "corpus scan"} <= set(names)
    for name, command in _commands(app):
        assert command.help, f"{name} has no help"
        assert f"duizhao {name}" in readme, f"duizhao {name} is not in the README"


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "P.txt", "C.txt", "-o", "C.txt"],
        ["compare", "P.txt", "C.txt", "-f", "terminal", "-o", "C.txt"],
        ["compare", "P.txt", "C.txt", "-f", "xlsx", "-o", "C.txt"],
        ["compare", "P.txt", "C.txt", "-f", "json", "-o", "P.txt"],
        ["compare", "P.txt", "C.txt", "C2.txt", "-f", "markdown", "-o", "C2.txt"],
        ["inspect", "C.txt", "--json", "-o", "C.txt"],
        ["inspect", "C.txt", "-o", "C.txt"],
        ["corpus", "scan", ".", "-f", "markdown", "-o", "C.txt"],
    ],
)
def test_no_command_writes_over_an_input(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    for name, sample in (("P.txt", "hubei"), ("C.txt", "gaoxin"), ("C2.txt", "gaoxin")):
        (tmp_path / name).write_bytes(sample_path(sample).read_bytes())
    (tmp_path / "C2.txt").write_text(
        (tmp_path / "C2.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = runner.invoke(app, args, env=EN)
    assert result.exit_code == 2, result.stdout
    assert "is an input file" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("target", ["missing-dir/report", "a-folder"])
@pytest.mark.parametrize("suffix", [".md", ".txt", ".xlsx", ".json"])
def test_unwritable_output_is_one_line_and_exit_2(tmp_path, target, suffix):
    (tmp_path / "a-folder").mkdir()
    path = tmp_path / target
    output = str(path) + suffix if target != "a-folder" else str(path)
    fmt = {".md": "markdown", ".txt": "terminal", ".xlsx": "xlsx", ".json": "json"}[suffix]
    result = runner.invoke(app, ["compare", "--sample", "-f", fmt, "-o", output])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("duizhao: error")]
    assert len(lines) == 1 and output in lines[0] and "Traceback" not in result.stderr


def test_chain_and_flat_views_honour_output(tmp_path):
    paths = [str(sample_path(n)) for n in ("hubei", "gaoxin", "yaohai")]
    out = tmp_path / "chain.txt"
    assert runner.invoke(app, ["compare", *paths, "-o", str(out)]).exit_code == 0
    assert "对照" in out.read_text(encoding="utf-8")
    flat = tmp_path / "flat.txt"
    assert runner.invoke(app, ["inspect", paths[0], "--flat", "-o", str(flat)]).exit_code == 0
    assert "深化宪法学习宣传教育" in flat.read_text(encoding="utf-8")
