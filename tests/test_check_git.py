"""`duizhao check` on a real git repository of the sample plans: the user's workflow, formats."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_check_support import (
    PLANS_TOML,
    REASONS,
    SECTION_LINE,
    add_waiver_from_fix,
    check,
    check_json,
    commit,
    drop_child_measure,
    failing,
    initial_waivers,
    swap_parent_measures,
    write_config,
)

from duizhao.compare.check import MeasureKeys
from duizhao.corpus import parse_plan
from duizhao.corpus.samples import sample_path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# --- the CI story ------------------------------------------------------------------------------


def test_ci_story_drop_waive_renumber(repo: Path) -> None:
    plans = repo / "plans"
    config = plans / "duizhao.toml"

    # 1. The first draft passes: everything it drops is waived, with reasons.
    waived_at_first = len(initial_waivers(plans))
    code, report = check_json(plans)
    assert code == 0
    assert report["counts"] == {"errors": 0, "warnings": 0, "notes": 0, "waived": waived_at_first}

    # 2. A measure paragraph is deleted: its parent measure is dropped and the check fails.
    drop_child_measure(plans)
    commit(repo, "drop (十五)")
    code, out, _ = check(plans, fmt="github")
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith(
        f"::error file=plans/gaoxin.txt,line={SECTION_LINE},endLine={SECTION_LINE},"
        "title=duizhao dropped-measure%3A 16.完善社会治理体制机制::"
    )
    assert "hubei.txt line 27" in errors[0]
    assert "to waive it, add to duizhao.toml:%0A[[waivers]]%0Akey = " in errors[0]
    code, report = check_json(plans)
    [drop] = failing(report)
    assert (drop["rule"], drop["label"], drop["line"]) == ("dropped-measure", "16.", SECTION_LINE)

    # 3. The TOML the finding printed, pasted with a reason, waives it.
    add_waiver_from_fix(config, drop)
    commit(repo, "waive 16.")
    code, report = check_json(plans)
    assert code == 0
    assert report["counts"]["waived"] == waived_at_first + 1
    assert not [f for f in report["findings"] if f["rule"] == "stale-waiver"]

    # 4. The parent is renumbered (16. and 17. swap): every waiver still matches by its key.
    swap_parent_measures(plans)
    commit(repo, "renumber the parent")
    code, report = check_json(plans)
    assert code == 0, failing(report)
    waived = {f["label"]: f["title"] for f in report["findings"] if f["waived"]}
    assert waived["17."] == "完善社会治理体制机制"
    assert report["counts"] == {
        "errors": 0,
        "warnings": 0,
        "notes": 0,
        "waived": waived_at_first + 1,
    }


def test_exit_code_is_the_same_in_every_format(repo: Path) -> None:
    drop_child_measure(repo / "plans")
    codes = {fmt: check(repo / "plans", fmt=fmt)[0] for fmt in ("text", "json", "github")}
    codes |= {fmt: check(repo / "plans", fmt=fmt)[0] for fmt in ("junit", "sarif")}
    assert set(codes.values()) == {1}
    assert check(repo / "plans", fmt="github", exit_zero=True)[0] == 0


def test_text_output_names_rule_measure_line_and_fix(repo: Path) -> None:
    drop_child_measure(repo / "plans")
    code, out, _ = check(repo / "plans")
    assert code == 1
    assert (
        f"error   plans/gaoxin.txt:{SECTION_LINE}  dropped-measure  16.完善社会治理体制机制" in out
    )
    assert "[[waivers]]" in out and 'reason = "TODO: reason"' in out
    assert "failed: 1 error(s)" in out


# --- baseline ----------------------------------------------------------------------------------


def test_baseline_detects_the_regression(repo: Path) -> None:
    plans = repo / "plans"
    drop_child_measure(plans)
    commit(repo, "drop (十五)")
    code, report = check_json(plans, baseline="HEAD~1")
    assert code == 1
    regressions = failing(report, "regression")
    [measure] = [f for f in regressions if f["subject"] != "coverage"]
    assert measure["label"] == "16." and measure["line"] == SECTION_LINE
    assert "was carried at HEAD~1" in measure["message"]
    [coverage] = [f for f in regressions if f["subject"] == "coverage"]
    assert "coverage went down from 100% at HEAD~1 to" in coverage["message"]


def test_baseline_at_the_same_revision_lets_old_failures_pass(repo: Path) -> None:
    plans = repo / "plans"
    drop_child_measure(plans)
    commit(repo, "drop (十五)")
    code, report = check_json(plans, baseline="HEAD")
    assert code == 0
    [old] = [f for f in report["findings"] if f["rule"] == "dropped-measure" and f["baseline"]]
    assert old["severity"] == "warning" and "already so at HEAD" in old["message"]
    assert not failing(report, "regression")


def test_baseline_bad_revision_and_no_repository(repo: Path, tmp_path: Path) -> None:
    code, _, err = check(repo / "plans", baseline="no-such-rev")
    assert code == 2 and "unknown revision 'no-such-rev'" in err
    outside = tmp_path / "outside"
    shutil.copytree(repo / "plans", outside)
    code, _, err = check(outside, baseline="HEAD")
    assert code == 2 and "not in a git repository" in err


PLANS = PLANS_TOML


# --- output formats -----------------------------------------------------------------------------


def test_junit_sarif_and_json_parse(repo: Path, tmp_path: Path) -> None:
    plans = repo / "plans"
    waived_at_first = len(initial_waivers(plans))
    drop_child_measure(plans)
    junit_file = tmp_path / "junit.xml"
    code, out, _ = check(plans, fmt="sarif", junit=junit_file)
    assert code == 1
    suites = ET.parse(junit_file).getroot()
    plan_suite = suites.find("testsuite[@name='plans/gaoxin.txt']")
    cases = plan_suite.findall("testcase")
    measures = [c for c in cases if not c.get("name").startswith("rule ")]
    assert len(measures) == 28
    failed = [c.get("name") for c in measures if c.find("failure") is not None]
    assert failed == ["16.完善社会治理体制机制"]
    assert len([c for c in measures if c.find("skipped") is not None]) == waived_at_first
    assert {c.get("classname") for c in cases} == {"plans/gaoxin.txt"}
    rule_case = plan_suite.find("testcase[@name='rule dropped-measure']")
    assert rule_case.find("failure").get("type") == "dropped-measure"
    assert suites.get("failures") == "2"

    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    assert run_["tool"]["driver"]["name"] == "duizhao"
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for rule in ("dropped-measure", "coverage", "owners-changed", "moved-measure", "regression"):
        assert rule in rule_ids
    errors = [r for r in run_["results"] if r["level"] == "error" and "suppressions" not in r]
    [error] = errors
    location = error["locations"][0]["physicalLocation"]
    assert error["ruleId"] == "dropped-measure"
    assert location["artifactLocation"]["uri"] == "plans/gaoxin.txt"
    assert location["region"]["startLine"] == SECTION_LINE
    waived = [r for r in run_["results"] if "suppressions" in r]
    assert [r["suppressions"][0]["justification"] for r in waived] == [REASONS] * waived_at_first

    code, report = check_json(plans)
    assert report["schema"] == "duizhao/check@1" and report["ok"] is False
    [plan] = report["plans"]
    assert plan["summary"]["dropped"] == waived_at_first + 1 and len(plan["parent_measures"]) == 28


def test_output_is_stable(repo: Path) -> None:
    drop_child_measure(repo / "plans")
    assert check(repo / "plans", fmt="sarif")[1] == check(repo / "plans", fmt="sarif")[1]


def test_step_summary_is_appended_and_truncated(repo: Path, tmp_path: Path) -> None:
    plans = repo / "plans"
    drop_child_measure(plans)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step output\n", encoding="utf-8")
    code, _, _ = check(plans, fmt="github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step output\n## duizhao check ❌ failed")
    assert "16.完善社会治理体制机制" in text and "Truncated" not in text

    small = tmp_path / "small.md"
    code, _, _ = check(
        plans, fmt="github", env={"GITHUB_STEP_SUMMARY": str(small)}, summary_limit=400
    )
    assert code == 1
    data = small.read_bytes()
    assert len(data) <= 400
    assert data.decode("utf-8").rstrip().endswith("for every finding.")
    assert "**Truncated**" in data.decode("utf-8")


def test_lightly_edited_parent_matches_by_text_with_a_note(repo: Path) -> None:
    plans = repo / "plans"
    drop_child_measure(plans)
    keys = MeasureKeys(parse_plan((plans / "hubei.txt").read_text(encoding="utf-8")))
    sixteen = next(m.id for m in keys.measures if m.label == "16.")
    waiver = (
        f'\n[[waivers]]\nkey = "{keys.keys[sixteen]}"\nlabel = "16."\nreason = "{REASONS}"\n'
        f'text = "{keys.texts[sixteen]}"\n'
    )
    with (plans / "duizhao.toml").open("a", encoding="utf-8") as handle:
        handle.write(waiver)
    parent = plans / "hubei.txt"
    text = parent.read_text(encoding="utf-8")
    assert "完善党委领导、政府负责" in text
    parent.write_text(text.replace("完善党委领导、政府负责", "完善党委领导、政府主导"), "utf-8")
    code, report = check_json(plans)
    assert code == 0, failing(report)
    [note] = [f for f in report["findings"] if f["severity"] == "note"]
    assert note["rule"] == "stale-waiver" and "by its text, not its key" in note["message"]
    new_key = next(m["key"] for m in report["plans"][0]["parent_measures"] if m["label"] == "16.")
    assert new_key != keys.keys[sixteen] and f'set key = "{new_key}"' in note["message"]


def test_label_keys_are_explained(repo: Path) -> None:
    plans = repo / "plans"
    drop_child_measure(plans)
    write_config(plans, PLANS + f'[waivers]\n"湖北.4.16" = "{REASONS}"\n')
    code, report = check_json(plans)
    assert code == 1  # a label waives nothing
    [stale] = [f for f in report["findings"] if f["rule"] == "stale-waiver"]
    assert "not a label" in stale["message"] and stale["line"] == 5


def test_every_fail_on_category_has_its_rule(repo: Path) -> None:
    plans = repo / "plans"
    config = (plans / "duizhao.toml").read_text(encoding="utf-8")
    every = '["dropped", "partial", "added", "moved", "merged", "split", "owners_changed"]'
    write_config(plans, config.replace('fail_on = ["dropped"]', f"fail_on = {every}"))
    code, report = check_json(plans)
    summary = report["plans"][0]["summary"]
    rules = [f["rule"] for f in report["findings"]]
    expected = {
        "partial-measure": summary["partial"],
        "added-measure": summary["added"],
        "moved-measure": summary["moved"],
        "merged-measure": summary["merged"],
        "split-measure": summary["split"],
        "owners-changed": summary["owners_changed"],
    }
    assert {rule: rules.count(rule) for rule in expected} == expected
    assert code == (1 if sum(expected.values()) else 0)
    merged = next(f for f in report["findings"] if f["rule"] == "merged-measure")
    assert "merges parent measures" in merged["message"] and merged["line"] > 1


def test_two_plans_in_one_configuration(repo: Path, tmp_path: Path) -> None:
    plans = repo / "plans"
    shutil.copy(sample_path("yaohai"), plans / "yaohai.txt")
    config = (plans / "duizhao.toml").read_text(encoding="utf-8")
    extra = '[[plans]]\nfile = "yaohai.txt"\nparents = ["hubei.txt"]\n\n[rules]'
    write_config(plans, config.replace("[rules]", extra, 1))
    code, report = check_json(plans, junit=tmp_path / "j.xml")
    assert [p["plan"] for p in report["plans"]] == ["plans/gaoxin.txt", "plans/yaohai.txt"]
    assert code == 1
    assert {f["plan"] for f in failing(report)} == {"plans/yaohai.txt"}
    suites = ET.parse(tmp_path / "j.xml").getroot().findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "plans/gaoxin.txt",
        "plans/yaohai.txt",
        "plans/duizhao.toml",
    ]
