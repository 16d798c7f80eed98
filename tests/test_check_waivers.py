"""`duizhao check` configurations and waivers on the sample plans in a git repository."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from test_check_support import (
    PLANS_TOML,
    REASONS,
    check,
    check_json,
    drop_child_measure,
    failing,
    initial_waivers,
    swapped,
    write_config,
)

from duizhao.compare import compare_plans
from duizhao.compare.check import MeasureKeys, Waiver
from duizhao.corpus import load_plan, parse_plan
from duizhao.corpus.samples import sample_path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# --- configuration -------------------------------------------------------------------------------


PLANS = PLANS_TOML


def test_unknown_keys_are_named_with_the_file(repo: Path) -> None:
    plans = repo / "plans"
    write_config(plans, PLANS + "[rules]\nmax_dropd = 1\n")
    code, _, err = check(plans)
    assert code == 2
    assert "duizhao.toml" in err and "unknown key rules.'max_dropd'" in err
    write_config(plans, PLANS + "colour = true\n")
    code, _, err = check(plans)
    assert code == 2 and "'colour'" in err
    write_config(plans, "strict_waivers = true\n" + PLANS)
    code, _, err = check(plans)
    assert code == 2 and "did you mean rules.strict_waivers?" in err


def test_corpus_is_not_supported_yet(repo: Path) -> None:
    write_config(repo / "plans", 'corpus = "."\n')
    code, _, err = check(repo / "plans")
    assert code == 2 and "not supported yet" in err


def test_bad_values_and_missing_files(repo: Path) -> None:
    plans = repo / "plans"
    for body, expected in [
        ('[rules]\nfail_on = ["vanished"]\n', "unknown 'vanished'"),
        ("[rules]\nmin_coverage = 2\n", "rules.min_coverage must be a number between 0 and 1"),
        ("[settings]\nno_such = 0.5\n", "unknown setting 'no_such'"),
        ('[rules.min_coverage_by_section]\n"七、没有" = 0.5\n', "names no section"),
    ]:
        write_config(plans, PLANS + body)
        code, _, err = check(plans)
        assert code == 2 and expected in err, err
    write_config(plans, '[[plans]]\nfile = "missing.txt"\nparents = ["hubei.txt"]\n')
    code, _, err = check(plans)
    assert code == 2 and "missing.txt: no such plan file" in err
    (plans / "duizhao.toml").unlink()
    code, _, err = check(plans)
    assert code == 2 and "check --init" in err


def test_table_waivers_in_pyproject_and_coverage_rules(repo: Path) -> None:
    plans = repo / "plans"
    table = "".join(f'"{w["key"]}" = "{REASONS}"\n' for w in initial_waivers(plans))
    (plans / "duizhao.toml").unlink()
    text = (
        "[tool.duizhao]\n"
        'plans = [{file = "gaoxin.txt", parents = ["hubei.txt"]}]\n'
        "[tool.duizhao.rules]\nmin_coverage = 0.9\n"
        '[tool.duizhao.rules.min_coverage_by_section]\n"(一)广泛深入开展习近平法治思想学习宣传，'
        '推动全社会增强法治观念" = 0.9\n'
        f"[tool.duizhao.waivers]\n{table}"
    )
    write_config(plans, text, "pyproject.toml")
    code, report = check_json(plans)
    assert code == 0, failing(report)
    assert report["counts"] == {"errors": 0, "warnings": 0, "notes": 0, "waived": table.count("\n")}
    drop_child_measure(plans)
    code, report = check_json(plans)
    assert code == 1
    [drop] = failing(report, "dropped-measure")
    assert "under [tool.duizhao.waivers] in pyproject.toml" in drop["fix"]
    tomllib.loads(drop["fix"].split("\n", 1)[1])  # the line to add is valid TOML


def test_section_coverage_fails_below_threshold(repo: Path) -> None:
    plans = repo / "plans"
    config = (plans / "duizhao.toml").read_text(encoding="utf-8")
    config = config.replace("max_dropped = 0", "max_dropped = 5\nmin_coverage = 0.99")
    config += '\n[rules.min_coverage_by_section]\n"(四)推进社会治理法治化" = 1.0\n'
    write_config(plans, config)
    drop_child_measure(plans)
    code, report = check_json(plans)
    assert code == 1
    rules = sorted((f["rule"], f["subject"]) for f in failing(report))
    assert rules == [("coverage", "coverage"), ("coverage", "section:(四)推进社会治理法治化")]
    assert not failing(report, "dropped-measure")  # within max_dropped


# --- waivers --------------------------------------------------------------------------------------


def test_stale_waivers_warn_and_fail_when_strict(repo: Path) -> None:
    plans = repo / "plans"
    keys = MeasureKeys(parse_plan(sample_path("hubei").read_text(encoding="utf-8")))
    carried = next(keys.keys[m.id] for m in keys.measures if m.label == "1.")
    extra = (
        f'\n[[waivers]]\nkey = "0000beef"\nlabel = "99."\nreason = "{REASONS}"\n'
        f'\n[[waivers]]\nkey = "{carried}"\nlabel = "1."\nreason = "{REASONS}"\n'
    )
    with (plans / "duizhao.toml").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    code, report = check_json(plans)
    assert code == 0
    stale = [f for f in report["findings"] if f["rule"] == "stale-waiver"]
    assert [f["severity"] for f in stale] == ["warning", "warning"]
    assert any("matches no parent measure" in f["message"] for f in stale)
    assert any("no longer needed" in f["message"] and "carried" in f["message"] for f in stale)
    lines = (plans / "duizhao.toml").read_text(encoding="utf-8").splitlines()
    assert all('key = "' in lines[f["line"] - 1] for f in stale)
    assert {f["path"] for f in stale} == {"plans/duizhao.toml"}
    config = (plans / "duizhao.toml").read_text(encoding="utf-8")
    write_config(plans, config.replace("strict_waivers = false", "strict_waivers = true"))
    code, report = check_json(plans)
    assert code == 1 and len(failing(report, "stale-waiver")) == 2


def test_todo_reasons_warn(repo: Path) -> None:
    config = repo / "plans" / "duizhao.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(REASONS, "TODO: reason"))
    code, report = check_json(repo / "plans")
    assert code == 0
    expected = ["waiver-reason"] * len(initial_waivers(repo / "plans"))
    assert [f["rule"] for f in report["findings"] if not f["waived"]] == expected


def test_waiver_key_survives_renumbering_and_text_matches_an_edited_measure() -> None:
    text = sample_path("hubei").read_text(encoding="utf-8")
    before = MeasureKeys(parse_plan(text))
    node = next(m for m in before.measures if m.label == "16.")
    key = before.keys[node.id]
    after = MeasureKeys(parse_plan(swapped(text)))
    match = after.match(Waiver(key, "r"))
    assert match.how == "key"
    assert [m.label for m in after.measures if m.id in match.measure_ids] == ["17."]
    edited = text.replace("完善党委领导、政府负责", "完善党委领导、政府主导")
    edited_keys = MeasureKeys(parse_plan(edited))
    assert edited_keys.match(Waiver(key, "r")).how == "none"
    match = edited_keys.match(Waiver(key, "r", text=before.texts[node.id]))
    assert match.how == "text"
    assert edited_keys.measures[0].label == "1."  # ids below are positions, not labels
    assert [m.label for m in edited_keys.measures if m.id in match.measure_ids] == ["16."]


def test_init_refuses_to_overwrite(repo: Path) -> None:
    code, _, err = check(
        repo / "plans", init=True, init_plans=[Path("hubei.txt"), Path("gaoxin.txt")]
    )
    assert code == 2 and "already exists" in err


def test_init_finds_the_two_plans(tmp_path: Path) -> None:
    shutil.copy(sample_path("gaoxin"), tmp_path / "b.txt")
    shutil.copy(sample_path("hubei"), tmp_path / "a.txt")
    code, _, err = check(tmp_path, init=True)
    assert code == 0, err
    data = tomllib.loads((tmp_path / "duizhao.toml").read_text(encoding="utf-8"))
    assert data["plans"] == [{"file": "b.txt", "parents": ["a.txt"]}]
    result = compare_plans(load_plan(tmp_path / "a.txt"), load_plan(tmp_path / "b.txt"))
    dropped = [r.measure.label for r in result.parent_measures if r.status == "dropped"]
    assert [w["label"] for w in data.get("waivers", [])] == dropped
    assert all(w["reason"] == "TODO: reason" and len(w["key"]) == 8 for w in data["waivers"])
