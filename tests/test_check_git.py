"""`duizhao check` driven through `cli.check.run` on a real git repository: the user's workflow."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from duizhao.cli.check import run
from duizhao.compare import Comparison, Settings, compare_plans
from duizhao.compare.check import MeasureKeys, Waiver
from duizhao.corpus import Plan, load_plan, parse_plan
from duizhao.corpus.samples import sample_path

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
DROPPED_CHILD = "(十五)健全社会治理体制机制"
"""The Gaoxin paragraph whose removal drops Hubei's 16.完善社会治理体制机制."""
SECTION_LINE = 43
"""Line of 四、推进社会治理法治化 in the Gaoxin draft: where a drop in that section is annotated."""
REASONS = "区级无立法权"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# --- helpers ---------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


_COMPARED: dict[tuple, Comparison] = {}


def cached_compare(parent: Plan, child: Plan, settings: Settings) -> Comparison:
    """The engine, once per (parent, child, settings) content in this test session."""
    key = (parent.path, parent.sha256, child.path, child.sha256, settings)
    if key not in _COMPARED:
        _COMPARED[key] = compare_plans(parent, child, settings)
    return _COMPARED[key]


def check(folder: Path, **options) -> tuple[int, str, str]:
    """Run the check in `folder`; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    options.setdefault("env", {})
    options.setdefault("lang", "en")
    options.setdefault("compare", cached_compare)
    code = run(options.pop("config", None), cwd=folder, stdout=out, stderr=err, **options)
    return code, out.getvalue(), err.getvalue()


def check_json(folder: Path, **options) -> tuple[int, dict]:
    code, out, err = check(folder, fmt="json", **options)
    assert code != 2, err
    return code, json.loads(out)


def failing(report: dict, rule: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if f["failing"] and rule in (None, f["rule"])]


def drop_child_measure(plans: Path) -> None:
    """Delete one measure paragraph (and the blank line after it) from the district draft."""
    path = plans / "gaoxin.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(DROPPED_CHILD))
    del lines[at : at + 2]
    path.write_text("\n".join(lines), encoding="utf-8")


def swapped(text: str) -> str:
    """The provincial plan renumbered: 16. and 17. change places (and numbers)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("16.完善社会治理体制机制"))
    line = lines[at]
    seventeen, eighteen = line.index("17.推进"), line.index("18.发挥")
    first, second = line[3:seventeen], line[seventeen + 3 : eighteen]
    lines[at] = f"16.{second}17.{first}{line[eighteen:]}"
    return "\n".join(lines)


def swap_parent_measures(plans: Path) -> None:
    path = plans / "hubei.txt"
    path.write_text(swapped(path.read_text(encoding="utf-8")), encoding="utf-8")


def fill_reasons(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("TODO: reason", REASONS), encoding="utf-8")


def initial_waivers(plans: Path) -> list[dict]:
    """The waivers --init wrote for what the sample pair drops today (engine-dependent)."""
    config = tomllib.loads((plans / "duizhao.toml").read_text(encoding="utf-8"))
    return config.get("waivers", [])


def add_waiver_from_fix(config: Path, finding: dict) -> None:
    """Paste the TOML the finding printed (its `fix`, minus the instruction line)."""
    toml = finding["fix"].split("\n", 1)[1].replace("TODO: reason", "并入第十六条")
    with config.open("a", encoding="utf-8") as handle:
        handle.write("\n" + toml + "\n")


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose first commit is the Gaoxin draft with --init waivers, reasons filled."""
    root = tmp_path_factory.mktemp("template") / "repo"
    plans = root / "plans"
    plans.mkdir(parents=True)
    git(root, "init", "-q")
    shutil.copy(sample_path("hubei"), plans / "hubei.txt")
    shutil.copy(sample_path("gaoxin"), plans / "gaoxin.txt")
    code, out, err = check(plans, init=True, init_plans=[Path("hubei.txt"), Path("gaoxin.txt")])
    assert code == 0, err
    assert "dropped parent measure(s) listed as waivers" in out
    fill_reasons(plans / "duizhao.toml")
    commit(root, "district draft")
    return root


@pytest.fixture
def repo(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template repository for one test."""
    root = tmp_path / "repo"
    shutil.copytree(template, root, symlinks=True)
    return root


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


# --- configuration -------------------------------------------------------------------------------


def write_config(folder: Path, text: str, name: str = "duizhao.toml") -> None:
    (folder / name).write_text(text, encoding="utf-8")


PLANS = '[[plans]]\nfile = "gaoxin.txt"\nparents = ["hubei.txt"]\n'


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
