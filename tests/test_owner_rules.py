"""Owners by rule: every rule of compare/data/owner_levels.toml, the difference, and its words."""

from __future__ import annotations

import pytest

from duizhao.compare.owner_change import Role, compare_owners, owner_change
from duizhao.compare.owner_names import rules, unit_key
from duizhao.corpus.model import Owners
from duizhao.reports.common.owner_words import say_owner_change

RULES = {r.id: r for r in rules()}


@pytest.mark.parametrize("rule_id", list(RULES))
def test_each_rule_makes_its_examples_equal_and_is_needed(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.same and rule.differ, f"{rule_id}: every rule needs examples both ways"
    for a, b in rule.same:
        assert unit_key(a) == unit_key(b), (rule_id, a, b)
        # Without this rule the pair differs: the rule is doing the work, not another one.
        assert unit_key(a, skip=rule_id) != unit_key(b, skip=rule_id), (rule_id, a, b)
    for a, b in rule.differ:
        assert unit_key(a) != unit_key(b), (rule_id, a, b)


@pytest.mark.parametrize(
    ("higher", "lower"),
    [
        ("省精神文明办", "市精神文明办"),
        ("省人大常委会办公厅", "市人大常委会办公室"),
        ("省高级人民法院", "市中级人民法院"),
        ("市中级人民法院", "区人民法院"),
        ("省人民检察院", "区人民检察院"),
        ("各市（州）", "各县（市、区）"),
        ("省有关单位", "市有关单位"),
        ("省直各部门", "市直各部门"),
        ("省委依法治省办", "市委依法治市办"),
        ("团省委", "团区委"),
        ("省卫生健康委", "区卫生健康局"),
        ("省委办公厅", "市委办公室"),
        ("省乡村振兴局", "县乡村振兴局"),  # never listed anywhere: the grammar covers it
        ("湖北省司法厅", "高新区司法局"),
    ],
)
def test_same_agency_at_another_level_is_not_a_change(higher: str, lower: str) -> None:
    assert not compare_owners(Owners(lead=(higher,)), Owners(lead=(lower,)), ())


def test_plan_names_are_removed_first() -> None:
    places = ("湖北省", "湖北", "襄阳高新区", "高新区")
    assert unit_key("湖北省司法厅", places) == unit_key("襄阳高新区司法局", places)


def test_a_different_agency_in_one_role_is_a_replacement() -> None:
    change = compare_owners(
        Owners(lead=("省司法厅",), participating=("省委宣传部", "省有关单位")),
        Owners(lead=("区民政局",), participating=("区委宣传部", "区有关单位")),
        (),
    )
    assert [(u.role, u.unit) for u in change.added] == [(Role.LEAD, "区民政局")]
    assert [(u.role, u.unit) for u in change.removed] == [(Role.LEAD, "省司法厅")]
    assert not change.moved
    assert say_owner_change(change, "zh") == "牵头单位由省司法厅调整为区民政局"
    assert say_owner_change(change, "en") == "lead unit changed from 省司法厅 to 区民政局"


def test_a_move_between_roles_is_a_change_even_with_the_same_agencies() -> None:
    change = compare_owners(
        Owners(lead=("省司法厅",), participating=("省民政厅",)),
        Owners(lead=("区民政局",), participating=("区司法局",)),
        (),
    )
    assert not change.added and not change.removed
    assert {(m.before.role, m.after.role, m.after.unit) for m in change.moved} == {
        (Role.LEAD, Role.PARTICIPATING, "区司法局"),
        (Role.PARTICIPATING, Role.LEAD, "区民政局"),
    }
    said = say_owner_change(change, "zh")
    assert "区司法局由牵头单位调整为参加单位" in said
    assert "区民政局由参加单位调整为牵头单位" in said


def test_added_and_removed_units_in_the_participating_role() -> None:
    change = compare_owners(
        Owners(lead=("省司法厅",), participating=("省教育厅", "省公安厅")),
        Owners(lead=("区司法局",), participating=("区教育局", "区法院", "区妇联")),
        (),
    )
    said = say_owner_change(change, "zh")
    assert said == "参加单位由省公安厅调整为区法院、区妇联"
    change = compare_owners(
        Owners(lead=("省司法厅",)), Owners(lead=("区司法局",), participating=("区妇联",)), ()
    )
    assert say_owner_change(change, "zh") == "增加参加单位：区妇联"


def test_lead_and_responsible_are_one_tier() -> None:
    # A plan without a lead/participating split names its principal units 责任单位.
    assert not compare_owners(Owners(lead=("省司法厅",)), Owners(responsible=("区司法局",)), ())


def test_no_owners_on_either_side_is_no_change() -> None:
    assert owner_change([Owners(lead=("省司法厅",))], Owners(), ()) is None
    assert owner_change([Owners()], Owners(lead=("区司法局",)), ()) is None


def test_a_merged_measure_takes_the_smallest_difference() -> None:
    first, second = Owners(lead=("省司法厅",)), Owners(lead=("省民政厅",))
    assert owner_change([first, second], Owners(lead=("区民政局",)), ()) is None
    assert owner_change([first, second], Owners(lead=("区民政局", "区司法局")), ()) is None
    assert owner_change([first, second], Owners(lead=("区公安局",)), ()) is not None


def test_a_merged_measure_may_name_an_absorbed_lead_as_participant() -> None:
    main, other = Owners(lead=("省司法厅",)), Owners(lead=("省民政厅",))
    child = Owners(lead=("区司法局",), participating=("区民政局",))
    assert owner_change([main, other], child, ()) is None
    # …but the main source's own lead moving to 参加 is still a change.
    child = Owners(lead=("区民政局",), participating=("区司法局",))
    assert owner_change([main, other], child, ()) is not None


def test_a_plan_name_inside_a_unit_is_removed_too() -> None:
    places = ("瑶海区", "瑶海", "云阳区", "云阳")
    assert unit_key("公安瑶海分局", places) == unit_key("公安云阳分局", places)
