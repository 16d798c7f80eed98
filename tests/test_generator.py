"""The bench's derivation generator and metrics: deterministic, parseable, truthful, correct sums."""

from __future__ import annotations

import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import baselines  # noqa: E402
import generate  # noqa: E402
import metrics  # noqa: E402

from duizhao.corpus import parse_plan  # noqa: E402

PARENTS = ("hubei", "gaoxin", "yaohai")
SEEDS = (1, 2, 3, 4)


@cache
def samples():
    return generate.load_samples()


@cache
def derived(name: str, seed: int):
    plans = samples()
    donors = [p for other, p in plans.items() if other != name]
    return generate.derive(plans[name], seed, donors)


@cache
def parsed(name: str, seed: int):
    return parse_plan(derived(name, seed).text, path=f"{name}-{seed}.txt")


def cases():
    return [(name, seed) for name in PARENTS for seed in SEEDS]


# --- generator --------------------------------------------------------------------------------


def test_same_seed_same_document_and_truth():
    plans = samples()
    donors = [plans["gaoxin"], plans["yaohai"]]
    a = generate.derive(plans["hubei"], 7, donors)
    b = generate.derive(plans["hubei"], 7, donors)
    c = generate.derive(plans["hubei"], 8, donors)
    assert a.text == b.text
    assert a.truth == b.truth
    assert a.text != c.text


@pytest.mark.parametrize(("name", "seed"), cases())
def test_output_parses_back_to_the_truths_measures(name, seed):
    d, child = derived(name, seed), parsed(name, seed)
    measures = child.measures()
    assert len(measures) == d.truth["measures"]
    for m, text in zip(measures, d.truth["texts"], strict=True):
        assert m.text.replace("。", "") == text.replace("。", "")
    assert child.jurisdiction.name == d.name
    assert child.jurisdiction.level == "district"
    assert samples()[name].title in " ".join(child.cites)
    assert child.closing.startswith("各单位要结合实际")


@pytest.mark.parametrize(("name", "seed"), cases())
def test_localisation_removes_the_parents_names(name, seed):
    parent, child = samples()[name], parsed(name, seed)
    body = "".join(m.text for m in child.measures())
    owners = "".join(u for m in child.measures() for u in m.owners.all())
    for word in (parent.jurisdiction.name, parent.jurisdiction.short):
        assert word not in body
        assert word not in owners
    if parent.jurisdiction.level == "province":
        added = set(derived(name, seed).truth["added"])  # donors may name their own province
        carried = "".join(m.text for k, m in enumerate(child.measures()) if k not in added)
        for word in ("全省", "我省", "省委", "省级"):
            assert word not in carried


@pytest.mark.parametrize(("name", "seed"), cases())
def test_truth_is_consistent(name, seed):
    truth = derived(name, seed).truth
    parent_ids = {m.id for m in samples()[name].measures()}
    n = truth["measures"]
    linked_parents = {p for p, _ in truth["links"]}
    linked_children = Counter(j for _, j in truth["links"])
    assert linked_parents <= parent_ids
    assert all(0 <= j < n for _, j in truth["links"])
    assert not set(truth["dropped"]) & linked_parents
    assert set(truth["dropped"]) | linked_parents == parent_ids
    assert 1 <= len(truth["dropped"]) <= max(1, round(0.15 * len(parent_ids)))
    # added = "most of it has no source in the parent" (comparison.md): a child measure with no
    # parent text at all, or a new local measure built around one parent sentence (elaborated).
    shares = truth["new_share"]
    assert not [x for x in shares if 0.3 < x < 0.7], "no measure between carried and added"
    for j in truth["added"]:
        assert j not in linked_children or (truth["kinds"][j] == "elaborated" and shares[j] >= 0.7)
    assert set(range(n)) - set(truth["added"]) <= set(linked_children)
    assert {j for j in linked_children if linked_children[j] >= 2} == set(truth["merged"])
    feeds = Counter(p for p, _ in truth["links"])
    for j in truth["split"]:
        assert feeds[truth["main"][str(j)]] >= 2
    for flag in ("moved", "owners_changed"):
        assert not set(truth[flag]) & set(truth["added"]) - set(linked_children)


@pytest.mark.parametrize(("name", "seed"), cases())
def test_moved_agrees_with_the_documented_rule(name, seed):
    """comparison.md: sections correspond when most of their measures link to each other."""
    truth, child = derived(name, seed).truth, parsed(name, seed)

    def section(node_id: str) -> str:
        return node_id.rsplit(".", 1)[0] if "." in node_id else ""

    cm = child.measures()
    pairs = [(section(pid), section(cm[int(j)].id)) for j, pid in truth["main"].items()]
    n = Counter(pairs)
    from_parent = Counter(p for p, _ in pairs)
    from_child = Counter(c for _, c in pairs)
    corresponds = {
        pc for pc, k in n.items() if k > 0.5 * from_child[pc[1]] or k > 0.5 * from_parent[pc[0]]
    }
    moved = sorted(
        int(j) for j, pair in zip(truth["main"], pairs, strict=True) if pair not in corresponds
    )
    assert moved == truth["moved"]


@pytest.mark.parametrize(("name", "seed"), cases())
def test_added_measures_do_not_copy_the_parent(name, seed):
    d, parent = derived(name, seed), samples()[name]
    pool = generate.grams("".join(m.text for m in parent.measures()))
    for j in d.truth["added"]:
        copied = [
            s
            for s in generate.sentences(d.truth["texts"][j])
            if generate.overlap(s, pool) > generate.NOVEL_MAX_OVERLAP
        ]
        # an elaborated measure is built around one parent sentence; the rest is new
        assert len(copied) <= (1 if d.truth["kinds"][j] == "elaborated" else 0), copied


def test_every_operation_occurs_across_pairs():
    totals: Counter[str] = Counter()
    for name, seed in cases():
        truth = derived(name, seed).truth
        for key in ("dropped", "added", "moved", "merged", "split", "owners_changed"):
            totals[key] += len(truth[key])
        totals[truth["layout"]] += 1
    for key in ("dropped", "added", "moved", "merged", "split", "owners_changed"):
        assert totals[key] >= 3, (key, totals)


def test_unit_key_ignores_level_only():
    names = ("湖北省", "湖北", "青阳区", "青阳")
    assert generate.unit_key("省司法厅", names) == generate.unit_key("区司法局", names)
    assert generate.unit_key("省委宣传部", names) == generate.unit_key("区委宣传部", names)
    assert generate.unit_key("区司法局", names) != generate.unit_key("区民政局", names)


# --- metrics ----------------------------------------------------------------------------------


def test_score_known_values():
    c = metrics.score({"a", "b", "c"}, {"b", "c", "d"})
    assert (c.tp, c.fp, c.fn) == (2, 1, 1)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(2 / 3)
    c = metrics.score({"a"}, {"a", "b", "c", "d"})
    assert (c.precision, c.recall) == (1.0, 0.25)
    assert c.f1 == pytest.approx(0.4)


def test_empty_sets_are_not_applicable():
    c = metrics.score(set(), set())
    assert (c.precision, c.recall, c.f1) == (None, None, None)
    assert metrics.fmt(c.f1) == "n/a"
    c = metrics.score(set(), {"a"})
    assert (c.precision, c.recall, c.f1) == (None, 0.0, 0.0)
    c = metrics.score({"a"}, set())
    assert (c.precision, c.recall, c.f1) == (0.0, None, 0.0)


def test_ignored_items_are_neither_hits_nor_errors():
    c = metrics.score({("p1", "c1"), ("p2", "c1")}, {("p1", "c1")}, ignore={("p2", "c1")})
    assert (c.tp, c.fp, c.fn) == (1, 0, 0)


def test_micro_average_over_pairs():
    tally = metrics.Tally()
    empty = {cat: set() for cat in metrics.CATEGORIES}
    tally.add({**empty, "dropped": {"1"}}, {**empty, "dropped": {"1"}})
    tally.add({**empty, "dropped": {"1", "2", "3"}}, {**empty, "dropped": {"4"}})
    c = tally.counts["dropped"]
    assert (c.tp, c.fp, c.fn) == (1, 3, 1)
    assert c.precision == pytest.approx(0.25)
    assert c.recall == pytest.approx(0.5)
    assert tally.counts["moved"].f1 is None


def test_misparsed_child_counts_child_side_as_errors():
    tally = metrics.Tally()
    empty = {cat: set() for cat in metrics.CATEGORIES}
    same = {**empty, "links": {("1", "1")}, "dropped": {"2"}, "added": {"3"}}
    tally.add(same, same, child_side_wrong=True)
    assert tally.counts["dropped"].tp == 1
    assert (tally.counts["links"].tp, tally.counts["links"].fp, tally.counts["links"].fn) == (
        0,
        1,
        1,
    )
    assert tally.counts["added"].fn == 1


def test_truth_sets_map_indices_to_ids():
    truth = {
        "links": [["1.1", 0], ["1.2", 1]],
        "dropped": ["1.3"],
        "added": [2],
        "moved": [1],
        "merged": [],
        "split": [],
        "owners_changed": [],
    }
    sets = metrics.truth_sets(truth, ["a", "b", "c"])
    assert sets["links"] == {("1.1", "a"), ("1.2", "b")}
    assert sets["added"] == {"c"} and sets["moved"] == {"b"} and sets["dropped"] == {"1.3"}


# --- baselines --------------------------------------------------------------------------------


@pytest.mark.parametrize("baseline", sorted(baselines.BASELINES))
def test_baselines_find_an_unchanged_copy(baseline):
    plan = samples()["hubei"]
    result = baselines.BASELINES[baseline](plan, plan)
    ids = [m.id for m in plan.measures()]
    assert {(p, p) for p in ids} <= metrics.predicted_sets(result)["links"]
    assert not metrics.predicted_sets(result)["dropped"]
    assert not metrics.predicted_sets(result)["added"]


# ── the hard mode (hard.py) ─────────────────────────────────────────────────────────────────

import hard  # noqa: E402
import hard_text  # noqa: E402
import hard_variants  # noqa: E402


@pytest.mark.parametrize("name", PARENTS)
def test_hard_pairs_are_deterministic_and_parse_to_their_truth(name):
    one, two = hard.hard_pair(samples()[name], 11), hard.hard_pair(samples()[name], 11)
    assert (one.parent_text, one.child_text, one.truth) == (
        two.parent_text,
        two.child_text,
        two.truth,
    )
    parent = parse_plan(one.parent_text, path="p.txt")
    child = parse_plan(one.child_text, path="c.txt")
    assert len(parent.measures()) == one.truth["parent_count"]
    assert len(child.measures()) == len(one.truth["status"]) == len(one.truth["phenomenon"])
    for p, c in one.truth["links"]:
        assert 0 <= p < one.truth["parent_count"] and 0 <= c < len(one.truth["status"])


def test_hard_pairs_hold_every_phenomenon_and_honest_truth():
    seen: Counter[str] = Counter()
    for seed in range(9):
        pair = hard.hard_pair(samples()[PARENTS[seed % 3]], seed)
        t = pair.truth
        seen.update(t["phenomenon"])
        linked = {c for _, c in t["links"]}
        for j, (ph, status) in enumerate(zip(t["phenomenon"], t["status"], strict=True)):
            if ph == "expand":
                assert j in t["split"] and status == "modified"
            if ph == "borrowed":
                assert status == "added" and j in linked
            if ph == "merge3":
                assert j in t["merged"] and sum(1 for _, c in t["links"] if c == j) >= 3
            if status != "added":
                assert j in linked
    assert set(seen) == set(hard.PHENOMENA)


def test_borrowed_measures_borrow_a_fifth_to_a_third_of_their_text():
    for seed in range(6):
        h = hard._Hard(samples()["hubei"], seed)
        local = h.local()
        borrowed = h._borrow(hard_text._body(samples()["hubei"].measures()[seed]), len(local))
        share = len(borrowed) / (len(borrowed) + len(local))
        assert 0.1 <= share <= 0.5, share


def test_revision_pairs_edit_only_what_the_truth_says():
    pair = hard_variants.revision_pair(samples()["hubei"], 5)
    old = parse_plan(pair.parent_text, path="old.txt").measures()
    new = parse_plan(pair.child_text, path="new.txt").measures()
    assert len(old) == len(new) == len(pair.truth["status"])
    for k, (a, b) in enumerate(zip(old, new, strict=True)):
        same = "".join(a.text.split()).replace("(", "（").replace(")", "）") == "".join(
            b.text.split()
        ).replace("(", "（").replace(")", "）")
        assert same == (pair.truth["status"][k] == "inherited"), k
    assert pair.edits and set(pair.edits.values()) <= {"year", "number", "unit", "deleted", "added"}
