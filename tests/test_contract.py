"""`duizhao/compare@1` as other tools read it: types, ranges, references, and statuses that
follow the documented rules and the settings echoed in the same object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app

PAIRS = Path(__file__).parent / "data" / "pairs"


@pytest.fixture(
    scope="module",
    params=[["--sample"], [str(PAIRS / "small-parent.txt"), str(PAIRS / "small-child.txt")]],
    ids=["sample", "small"],
)
def report(request) -> dict:
    result = CliRunner().invoke(app, ["compare", *request.param, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _plan_ok(plan: dict) -> None:
    assert isinstance(plan["path"], str) and isinstance(plan["title"], str)
    assert plan["jurisdiction"]["level"] in ("province", "city", "district", "unknown")
    assert isinstance(plan["jurisdiction"]["name"], str)
    assert plan["period"] is None or isinstance(plan["period"], str)
    assert isinstance(plan["draft"], bool)
    assert all(isinstance(c, str) for c in plan["cites"])


def _measure_ok(m: dict) -> None:
    assert isinstance(m["id"], str) and isinstance(m["label"], str) and isinstance(m["text"], str)
    assert all(isinstance(p, str) for p in m["path"])
    assert m["title"] is None or isinstance(m["title"], str)
    assert set(m["owners"]) == {"lead", "participating", "responsible"}
    first, last = m["lines"]
    assert isinstance(first, int) and 1 <= first <= last


def _share(x) -> bool:
    return isinstance(x, float | int) and 0.0 <= x <= 1.0


def test_shapes_types_and_ranges(report):
    assert report["schema"] == "duizhao/compare@1"
    _plan_ok(report["parent"])
    _plan_ok(report["child"])
    for m in report["parent_measures"]:
        _measure_ok(m)
        assert m["status"] in ("carried", "partial", "dropped") and _share(m["coverage"])
    for m in report["child_measures"]:
        _measure_ok(m)
        assert m["status"] in ("inherited", "modified", "added") and _share(m["novelty"])
        assert all(_share(s["child_share"]) for s in m["sources"])
        assert set(m["flags"]) <= {"moved", "merged", "split", "owners_changed"}
    parent_ids = {m["id"] for m in report["parent_measures"]}
    child_ids = {m["id"] for m in report["child_measures"]}
    for link in report["links"]:
        assert link["parent"] in parent_ids and link["child"] in child_ids
        assert all(_share(link[k]) for k in ("score", "parent_share", "child_share"))
        for e in link["evidence"]:
            assert isinstance(e["parent_text"], str) and isinstance(e["child_text"], str)
            assert _share(e["similarity"])
    for m in report["child_measures"]:
        linked = {link["parent"] for link in report["links"] if link["child"] == m["id"]}
        assert {s["parent"] for s in m["sources"]} == linked


def test_summary_counts_what_the_lists_hold(report):
    s = report["summary"]
    parents, children = report["parent_measures"], report["child_measures"]
    assert s["parent_measures"] == len(parents) and s["child_measures"] == len(children)
    for status in ("carried", "partial", "dropped"):
        assert s[status] == sum(m["status"] == status for m in parents)
    for status in ("inherited", "modified", "added"):
        assert s[status] == sum(m["status"] == status for m in children)
    for flag in ("moved", "merged", "split", "owners_changed"):
        assert s[flag] == sum(flag in m["flags"] for m in children)


def test_statuses_follow_the_echoed_settings(report):
    t = report["settings"]
    linked_parents = {link["parent"] for link in report["links"]}
    for m in report["parent_measures"]:
        if m["coverage"] >= t["carried_coverage"]:
            expected = "carried"
        elif m["coverage"] >= t["partial_coverage"] or m["id"] in linked_parents:
            expected = "partial"
        else:
            expected = "dropped"
        assert m["status"] == expected, m["id"]
    links = {(link["parent"], link["child"]): link for link in report["links"]}
    assert all(link["basis"] in ("text", "context") for link in report["links"])
    light = 1 - t["inherited_novelty"]
    for m in report["child_measures"]:
        novelty, status = m["novelty"], m["status"]
        if not m["sources"]:
            assert status == "added", m["id"]
            continue
        main = links[(m["main_source"], m["id"])]
        by_context = all(links[(s["parent"], m["id"])]["basis"] == "context" for s in m["sources"])
        if by_context:
            # a restatement: modified when it is its source's counterpart
            assert status == "modified" if m["counterpart"] else status != "inherited", m["id"]
            continue
        if novelty > t["assigned_added_novelty"]:
            assert status == "added", m["id"]
            continue
        if novelty <= t["added_novelty"] or m["counterpart"]:
            assert status != "added", m["id"]
        elif novelty > t["expansion_added_novelty"]:
            assert status == "added", m["id"]
        if status == "added":
            continue
        keeps = main["parent_share"] >= light and main["child_share"] >= light
        expected = "inherited" if novelty <= t["inherited_novelty"] and keeps else "modified"
        assert m["status"] == expected, m["id"]


def test_json_text_is_what_the_standard_encoder_writes() -> None:
    """Every JSON output goes through dump_json (orjson); its text must stay the standard
    library's `ensure_ascii=False, indent=2` text, for reports and for tools that diff them."""
    import enum

    import numpy as np

    from duizhao.reports.pair.json import dump_json

    class Kind(enum.StrEnum):
        A = "甲"

    data = {
        "schema": "duizhao/compare@1",
        "text": '“引号”\t\\ "q" \n 换行 \u2028 \x00 😀',
        "empty": [[], {}, ()],
        "nested": {"a": [1, -2, 0.5, 0.1234, 1.0, -0.0, 0.0001, True, False, None]},
        3: "int key",
        "status": Kind.A,
        "tuple": (Kind.A, "b"),
        "numpy": np.float64(0.25),
    }
    assert dump_json(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with pytest.raises(TypeError):
        dump_json({"path": Path("x")})
