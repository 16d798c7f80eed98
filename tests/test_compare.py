"""The comparison engine on hand-made derivations of a real plan and on the real Hubei → Gaoxin pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duizhao.compare import Settings, compare_plans
from duizhao.corpus import InputError, parse_plan
from duizhao.corpus.numbering import cn_to_int, int_to_cn

GOLD = Path(__file__).parent / "data" / "gold" / "hubei-gaoxin.json"


def localise(text: str) -> str:
    for a, b in (("湖北省", "西安区"), ("湖北", "西安"), ("全省", "全区"), ("我省", "我区"),
                 ("省委", "区委"), ("省级", "区级"), ("省司法厅", "区司法局")):  # fmt: skip
        text = text.replace(a, b)
    return text


def write_plan(title: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """A plan document: sections of (title, [(measure text, owners line)])."""
    lines = [title, "（2021—2025年）", "为贯彻落实《某某纲要》，结合实际，制定本方案。"]
    n = 0
    for s_index, (heading, measures) in enumerate(sections, start=1):
        lines.append(f"{int_to_cn(s_index)}、{heading}")
        for text, owners in measures:
            n += 1
            lines.append(f"{n}.{text}")
            if owners:
                lines.append(owners)
    lines.append("各单位要结合实际认真贯彻落实本方案。")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def hubei_measures(samples):
    return [m.text for m in samples["hubei"].measures()[:24]]


@pytest.fixture(scope="module")
def parent(hubei_measures):
    sections = [
        ("普法", [(t, "牵头单位：省司法厅") for t in hubei_measures[0:5]]),
        ("制度", [(t, "") for t in hubei_measures[5:10]]),
        ("权利", [(t, "") for t in hubei_measures[10:15]]),
    ]
    return parse_plan(write_plan("湖北省测试实施方案", sections), path="parent.txt")


def compare(parent, text, **kw):
    return compare_plans(parent, parse_plan(text, path="child.txt"), Settings(), **kw)


def by_label(result):
    return {r.measure.label: r for r in result.child_measures}, {
        r.measure.label: r for r in result.parent_measures
    }


def test_a_faithfully_localised_copy_is_inherited_everywhere(parent, hubei_measures):
    sections = [
        ("普法", [(localise(t), "牵头单位：区司法局") for t in hubei_measures[0:5]]),
        ("制度", [(localise(t), "") for t in hubei_measures[5:10]]),
        ("权利", [(localise(t), "") for t in hubei_measures[10:15]]),
    ]
    result = compare(parent, write_plan("西安区测试实施方案", sections))
    s = result.summary
    assert (s.carried, s.inherited) == (15, 15)
    assert (s.moved, s.merged, s.split, s.owners_changed) == (0, 0, 0, 0)
    assert all(len(r.sources) == 1 for r in result.child_measures)
    assert [link.parent for link in result.links] == [m.id for m in parent.measures()]


def test_dropped_added_moved_merged_split_and_owners(parent, hubei_measures):
    t = [localise(x) for x in hubei_measures]
    first_half, second_half = t[6].split("。", 3)[:3], t[6].split("。", 3)[3:]
    sections = [
        ("普法", [
            (t[0], "牵头单位：区司法局"),          # level-only owner change: not a reassignment
            (t[1], "牵头单位：区委宣传部"),        # a different agency leads
            (t[2] + t[3], "牵头单位：区司法局"),   # merge of 3 and 4; 5 dropped
            ("关心关爱未成年人。加大政府购买未成年人关爱服务力度，做好监护缺失未成年人救助保护工作。"
             "严厉打击涉未成年人违法犯罪行为，依法妥善办理涉未成年人案件。", ""),  # added
        ]),
        ("制度", [(t[5], ""), ("。".join(first_half) + "。", ""), ("。".join(second_half), ""),
                  (t[8], ""), (t[9], "")]),        # 7 split in two
        ("权利", [(t[10], ""), (t[11], ""), (t[13], ""), (t[14], ""), (t[7], "")]),  # 8 moved here, 13 dropped
    ]  # fmt: skip
    result = compare(parent, write_plan("西安区测试实施方案", sections))
    child, par = by_label(result)
    assert par["5."].status == "dropped" and par["13."].status == "dropped"
    assert {r.measure.label for r in result.parent_measures if r.status == "dropped"} == {
        "5.",
        "13.",
    }
    assert child["4."].status == "added" and not child["4."].sources
    assert child["3."].flags == ("merged",)
    assert {s.parent for s in child["3."].sources} == {
        parent.measures()[2].id,
        parent.measures()[3].id,
    }
    assert "split" in child["6."].flags and "split" in child["7."].flags
    assert child["14."].flags == ("moved",)
    assert child["14."].moved_from == ("二、制度",)
    assert child["1."].flags == ()
    assert child["2."].flags == ("owners_changed",)
    assert child["2."].owners_before == ("省委宣传部",) or child["2."].owners_before == (
        "省司法厅",
    )
    assert result.summary.moved == 1


def test_clause_deletion_and_rewording_are_modified_not_lost(parent, hubei_measures):
    text = localise(hubei_measures[2])
    clauses = text.split("。")
    shortened = (
        "。".join(clauses[: len(clauses) // 2]).replace("加强", "强化").replace("推进", "推动")
    )
    sections = [("普法", [(shortened + "。结合本地实际，每年举办法治讲座不少于四场。", "")])]
    result = compare(parent, write_plan("西安区测试实施方案", sections))
    child = result.child_measures[0]
    assert child.status == "modified" and child.sources[0].parent == parent.measures()[2].id
    assert result.parent_measures[2].status in ("partial", "carried")
    ops = {d.op for d in child.diff}
    assert "added" in ops and ("kept" in ops or "changed" in ops)


def test_plans_with_nothing_in_common_get_no_links(parent):
    other = write_plan(
        "西安区园林绿化实施方案",
        [("绿化", [("新建口袋公园十处，改造老旧小区绿地。", ""), ("开展行道树病虫害防治。", "")])],
    )
    result = compare(parent, other)
    assert result.links == ()
    assert result.summary.dropped == 15 and result.summary.added == 2
    assert any("no measures in common" in n for n in result.notes)


def test_revision_mode_does_not_localise(parent, hubei_measures):
    renamed = [(localise(t), "") for t in hubei_measures[0:5]]
    levels = compare(parent, write_plan("西安区测试实施方案", [("普法", renamed)]))
    revision = compare(parent, write_plan("西安区测试实施方案", [("普法", renamed)]), revision=True)
    assert revision.mode == "revision"
    assert sum(r.novelty for r in revision.child_measures) > sum(
        r.novelty for r in levels.child_measures
    )


def test_same_document_twice_is_an_input_error(parent):
    with pytest.raises(InputError, match="same document"):
        compare_plans(parent, parent, Settings())


def test_real_pair_links_every_gaoxin_measure_to_its_gold_sources(samples):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    result = compare_plans(samples["hubei"], samples["gaoxin"], Settings())

    def parent_key(node):
        label = node.label.strip(".、．")
        return label if label.isdigit() else f"二（{node.label.strip('()（）')}）"

    pkey = {r.measure.id: parent_key(r.measure) for r in result.parent_measures}
    ckey = {
        r.measure.id: str(cn_to_int(r.measure.label.strip("()（）"))) for r in result.child_measures
    }
    predicted = {(pkey[link.parent], ckey[link.child]) for link in result.links}
    main = {(g["parent"], g["child"]) for g in gold["links"] if g["strength"] == "main"}
    substantial = {(g["parent"], g["child"]) for g in gold["links"] if g["strength"] != "minor"}
    minor = {(g["parent"], g["child"]) for g in gold["links"]} - substantial
    assert main <= predicted, sorted(main - predicted)
    assert not predicted - substantial - minor, sorted(predicted - substantial - minor)
    local_legislation = next(r for r in result.parent_measures if pkey[r.measure.id] == "6")
    assert local_legislation.status == "dropped"
    flags = {ckey[r.measure.id]: set(r.flags) for r in result.child_measures if r.flags}
    assert flags == {k: set(v) for k, v in gold["child_flags"].items()}


def test_large_plan_machinery_gives_the_same_answer(samples, monkeypatch):
    """Plans with thousands of measures are scored in blocks, with sparse token products:
    forcing both on the real pair must not change a byte of the result."""
    from duizhao.compare import align, score
    from duizhao.reports.json_report import compare_dict

    normal = compare_dict(compare_plans(samples["hubei"], samples["gaoxin"], Settings()))
    monkeypatch.setattr(align, "BLOCK_CELLS", 500)
    monkeypatch.setattr(score, "SPARSE_ABOVE", 0)
    calls = []
    blocked = compare_plans(
        samples["hubei"], samples["gaoxin"], Settings(), progress=lambda d, t: calls.append((d, t))
    )
    assert compare_dict(blocked) == normal
    assert len(calls) > 5 and calls[-1][0] == calls[-1][1]
