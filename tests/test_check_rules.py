"""The rules of `duizhao check` on hand-made comparisons: what fails, what is waived, where."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from test_check_support import PLANS_TOML, comparison, config, plans

from duizhao.compare.check import (
    CheckReport,
    Detail,
    FailOn,
    RuleId,
    Rules,
    Severity,
    Waiver,
    WaiverStyle,
    evaluate,
)
from duizhao.compare.check import run as run_stage
from duizhao.compare.check.across import apply_baseline, waiver_findings
from duizhao.compare.check.model import count, ordered
from duizhao.compare.check.waivers import MeasureKeys
from duizhao.corpus.errors import ConfigError, InputError


def keys() -> MeasureKeys:
    return MeasureKeys(plans()[0])


def key_of(label: str) -> str:
    k = keys()
    return next(k.keys[m.id] for m in k.measures if m.label == label)


DEFAULT = Rules()


def judge(result=None, rules: Rules = DEFAULT, waivers=(), style=None):
    return evaluate(
        result or comparison(), rules, waivers, plan="gaoxin.txt", parent="hubei.txt", style=style
    )


def failing(check) -> list[tuple[str, str]]:
    return [(f.rule, f.name) for f in check.findings if f.failing]


# --- dropped measures ------------------------------------------------------------------------


def test_an_unwaived_drop_fails_at_the_heading_of_its_section_with_the_toml_to_waive_it() -> None:
    check = judge()
    assert failing(check) == [(RuleId.DROPPED, "2.完善地方立法制度建设")]
    [drop] = check.findings
    assert (drop.path, drop.line, drop.parent_line) == ("gaoxin.txt", 3, 7)  # 一、总体要求
    assert drop.fact("section") == "一、总体要求" and drop.fact("closest_line") == 11
    assert drop.subject == key_of("2.")
    waiver = tomllib.loads(drop.waiver_toml)
    assert waiver == {key_of("2."): "TODO: reason"}
    array = judge(style=WaiverStyle(array=True)).findings[0].waiver_toml
    assert tomllib.loads(array)["waivers"][0]["key"] == key_of("2.")


def test_a_waiver_by_key_covers_the_drop_and_it_stops_counting_for_coverage() -> None:
    check = judge(rules=Rules(min_coverage=0.9), waivers=[Waiver(key_of("2."), "区级无立法权")])
    assert failing(check) == []
    [drop] = check.findings
    assert drop.waived == "区级无立法权" and drop.waiver_toml is None
    assert check.coverage == 1.0
    assert [r.waived for r in check.rows] == [None, "区级无立法权", None, None]
    assert check.used == frozenset({0})


def test_max_dropped_allows_some_drops_as_warnings() -> None:
    check = judge(rules=Rules(max_dropped=1))
    [drop] = check.findings
    assert drop.severity == Severity.WARNING and not drop.failing
    assert judge(rules=Rules(fail_on=(FailOn.MERGED,))).findings[0].severity == Severity.WARNING


def test_two_drops_over_a_limit_of_one_both_fail() -> None:
    check = judge(comparison({"1.": "dropped"}), Rules(max_dropped=1))
    assert [r for r, _ in failing(check)] == [RuleId.DROPPED, RuleId.DROPPED]
    assert {f.fact("unwaived") for f in check.findings} == {2}


# --- partial, flags, coverage ----------------------------------------------------------------


def test_partial_fails_only_when_asked_and_is_located_at_its_carrier() -> None:
    assert RuleId.PARTIAL not in [r for r, _ in failing(judge())]
    check = judge(rules=Rules(fail_on=(FailOn.PARTIAL,)))
    [partial] = [f for f in check.findings if f.rule == RuleId.PARTIAL]
    assert partial.failing and partial.line == 9 and partial.fact("coverage") == 0.4
    waived = judge(rules=Rules(fail_on=(FailOn.PARTIAL,)), waivers=[Waiver(key_of("3."), "r")])
    assert [f.waived for f in waived.findings if f.rule == RuleId.PARTIAL] == ["r"]


def test_flags_fail_when_listed_with_the_sources_as_data() -> None:
    rules = Rules(fail_on=(FailOn.MERGED, FailOn.ADDED))
    check = judge(rules=rules)
    merged = next(f for f in check.findings if f.rule == RuleId.MERGED)
    assert merged.name == "（二）强化组织领导" and merged.line == 9
    assert merged.fact("sources") == ("3.强化组织领导和统筹协调", "4.加强督促检查和考核评价")
    added = next(f for f in check.findings if f.rule == RuleId.ADDED)
    assert added.line == 11 and added.fact("novelty") == 0.95
    assert not any(f.rule == RuleId.DROPPED and f.failing for f in check.findings)


def test_moved_and_owners_changed_carry_where_from_and_who() -> None:
    result = comparison(child_flags={"（二）": ("moved", "owners_changed")})
    check = judge(result, Rules(fail_on=(FailOn.MOVED, FailOn.OWNERS_CHANGED)))
    moved = next(f for f in check.findings if f.rule == RuleId.MOVED)
    assert moved.fact("moved_from") == "一、总体要求" and moved.fact("source_line") == 11
    owners = next(f for f in check.findings if f.rule == RuleId.OWNERS_CHANGED)
    assert owners.fact("owners_before") == "各级党委"


def test_coverage_overall_and_by_section() -> None:
    rules = Rules(min_coverage=0.9, min_coverage_by_section=(("一、总体要求", 1.0),))
    check = judge(rules=rules)
    coverage = [f for f in check.findings if f.rule == RuleId.COVERAGE]
    assert [(f.detail, f.subject) for f in coverage] == [
        (Detail.COVERAGE, "coverage"),
        (Detail.SECTION_COVERAGE, "section:一、总体要求"),
    ]
    assert coverage[0].fact("covered") == 3 and coverage[0].fact("counted") == 4
    assert coverage[1].line == 3 and coverage[1].fact("coverage") == 0.5
    passing = judge(
        rules=Rules(min_coverage=0.75, min_coverage_by_section=(("二、保障措施", 1.0),))
    )
    assert not [f for f in passing.findings if f.rule == RuleId.COVERAGE]
    assert judge(rules=Rules(min_coverage_by_section=(("七、没有", 1.0),))).unmatched_sections


# --- waivers across plans ----------------------------------------------------------------------


def waiver_rules(waivers: list[Waiver], rules: Rules = DEFAULT):
    check = judge(rules=rules, waivers=waivers)
    return waiver_findings(waivers, [check], rules, "duizhao.toml")


def test_stale_and_unexplained_waivers_warn_and_fail_when_strict() -> None:
    waivers = [
        Waiver("0000beef", "r", line=3),
        Waiver("湖北.1.2", "r", line=4),
        Waiver(key_of("1."), "r", line=5),
        Waiver(key_of("2."), "TODO: reason", line=6),
    ]
    found = waiver_rules(waivers)
    assert [(f.detail, f.severity, f.line) for f in found] == [
        (Detail.WAIVER_UNMATCHED, Severity.WARNING, 3),
        (Detail.WAIVER_NOT_A_KEY, Severity.WARNING, 4),
        (Detail.WAIVER_UNNEEDED, Severity.WARNING, 5),
        (Detail.WAIVER_NO_REASON, Severity.WARNING, 6),
    ]
    assert found[2].fact("status") == "carried" and found[2].path == "duizhao.toml"
    strict = waiver_rules(waivers, Rules(strict_waivers=True))
    assert all(f.failing for f in strict)


def test_a_lightly_edited_parent_is_matched_by_text_with_a_note() -> None:
    k = keys()
    two = next(m for m in k.measures if m.label == "2.")
    edited = k.texts[two.id].replace("提高立法质量", "提升立法质量")
    found = waiver_rules([Waiver("12345678", "r", text=edited)])
    [note] = found
    assert note.detail == Detail.WAIVER_BY_TEXT and note.severity == Severity.NOTE
    assert note.fact("new_key") == key_of("2.") and note.fact("how") == "text"


# --- baseline ----------------------------------------------------------------------------------


def test_baseline_turns_old_failures_into_warnings_and_adds_regressions() -> None:
    before = judge(comparison({"2.": "carried"}))
    now = judge(comparison({"1.": "dropped"}))
    check = apply_baseline(now, before, "HEAD~1")
    regressions = [f for f in check.findings if f.rule == RuleId.REGRESSION]
    assert [(f.detail, f.name) for f in regressions] == [
        (Detail.REGRESSED_MEASURE, "1.加强法治宣传教育工作"),
        (Detail.REGRESSED_MEASURE, "2.完善地方立法制度建设"),
        (Detail.REGRESSED_COVERAGE, ""),
    ]
    assert regressions[0].fact("old_status") == "carried" and regressions[0].line == 3
    same = apply_baseline(now, now, "HEAD")
    assert not [f for f in same.findings if f.failing]
    assert {f.baseline for f in same.findings} == {"HEAD"}


# --- the stage, with its I/O passed in ---------------------------------------------------------


def test_the_stage_reads_each_plan_once_and_reports_in_a_stable_order(tmp_path: Path) -> None:
    parent, child = plans()
    reads: list[str] = []

    def read(path: Path):
        reads.append(path.name)
        return {"hubei.txt": parent, "gaoxin.txt": child, "top.txt": parent}[path.name]

    text = PLANS_TOML.replace('["hubei.txt"]', '["top.txt", "hubei.txt"]')
    text += '[[plans]]\nfile = "gaoxin.txt"\nparents = ["hubei.txt"]\n'
    text += '[rules]\nfail_on = ["dropped", "merged"]\n'
    report = run_stage(config(text, tmp_path), read_plan=read, compare=lambda p, c, s: comparison())
    assert sorted(reads) == ["gaoxin.txt", "hubei.txt", "top.txt"]
    assert isinstance(report, CheckReport) and report.failed
    assert report.config == "duizhao.toml" and report.plans[0].plan == "gaoxin.txt"
    assert report.findings == ordered(reversed(report.findings))
    assert [f.rule for f in report.findings][:2] == [RuleId.DROPPED, RuleId.DROPPED]
    assert count(report.findings)["errors"] == 4
    assert report.rules == (
        RuleId.DROPPED,
        RuleId.MERGED,
        RuleId.STALE_WAIVER,
        RuleId.WAIVER_REASON,
    )


def test_the_stage_baseline_needs_a_reader_and_sections_must_exist(tmp_path: Path) -> None:
    parent, child = plans()
    cfg = config(PLANS_TOML, tmp_path)
    args = {"read_plan": lambda p: parent if p.name == "hubei.txt" else child}
    args["compare"] = lambda p, c, s: comparison()
    with pytest.raises(InputError, match="needs a git repository"):
        run_stage(cfg, baseline="HEAD", **args)
    old = run_stage(cfg, baseline="HEAD", read_plan_at=lambda rev, path: child, **args)
    assert RuleId.REGRESSION in old.rules and not old.failed
    sections = config(PLANS_TOML + '[rules.min_coverage_by_section]\n"七、没有" = 0.5\n', tmp_path)
    with pytest.raises(ConfigError, match="names no section of the parent plan"):
        run_stage(sections, **args)


def test_findings_are_frozen_data_with_no_sentences() -> None:
    drop = judge().findings[0]
    with pytest.raises(AttributeError):
        drop.line = 2  # type: ignore[misc]
    assert not any(isinstance(v, str) and " is " in v for _, v in drop.facts)
    assert replace(drop, waived="r").failing is False


def test_the_check_stage_imports_neither_rich_nor_typer() -> None:
    import subprocess
    import sys

    code = (
        "import sys, duizhao.compare.check, duizhao.compare.check.init_text;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'typer', 'click'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- a swapped pair ----------------------------------------------------------------------------


def test_fail_on_swapped_makes_a_parent_lower_than_the_plan_an_error() -> None:
    from duizhao.corpus.model import Jurisdiction
    from duizhao.reports.check.messages import message

    result = comparison()
    swapped = replace(
        result,
        parent=replace(result.parent, jurisdiction=Jurisdiction("高新区", "district")),
        child=replace(result.child, jurisdiction=Jurisdiction("湖北省", "province")),
    )
    rules = Rules(fail_on=(FailOn.DROPPED, FailOn.SWAPPED))
    found = [f for f in judge(swapped, rules).findings if f.rule == RuleId.SWAPPED]
    assert len(found) == 1 and found[0].failing
    assert "wrong way round" in message(found[0], "en")
    assert not [f for f in judge(result, rules).findings if f.rule == RuleId.SWAPPED]
    assert not [f for f in judge(swapped).findings if f.rule == RuleId.SWAPPED]  # not asked
