"""Restatements (issue 10): fine expansions, borrowed sentences, heavy local rewriting, context links."""

from __future__ import annotations

from compare_helpers import compare, localise, write_plan

from duizhao.compare import Settings


def _fine(text: str) -> list[str]:
    """A measure cut into fine measures of one or two sentences each."""
    sentences = [s + "。" for s in text.split("。") if s.strip()]
    return ["".join(sentences[k : k + 2]) for k in range(0, len(sentences), 2)]


def test_one_coarse_measure_restated_as_fine_measures_keeps_its_source(parent, hubei_measures):
    source = localise(hubei_measures[6])
    fine = _fine(source.replace("加强", "强化").replace("推进", "推动").replace("健全", "完善"))
    assert len(fine) >= 3
    local = ["由各街道每季度报送一次进展情况。", "所需经费列入区级财政预算。", "", "", ""]
    measures = [(f + local[k % len(local)], "") for k, f in enumerate(fine)]
    result = compare(parent, write_plan("西安区测试实施方案", [("制度", measures)]))
    target = parent.measures()[6].id
    for r in result.child_measures:
        assert r.status == "modified", r.measure.label
        assert r.main_source == target, r.measure.label
        assert "split" in r.flags
    assert result.parent_result(target).status == "carried"


def test_a_local_measure_borrowing_a_sentence_is_added_beside_the_real_counterpart(
    parent, hubei_measures
):
    lender = localise(hubei_measures[11])
    borrowed = lender.split("。")[1] + "。"
    local = (
        "建设西安法治文化公园。依托清水河沿线绿地和青少年宫，建设集法治宣传、休闲健身于一体的"
        "法治文化主题公园，设置宪法长廊、民法典主题雕塑和互动答题屏。到2024年，每个街道至少"
        "建成三处特色鲜明的法治文化阵地。"
    )
    sections = [("权利", [(lender, ""), (local + borrowed, "")])]
    result = compare(parent, write_plan("西安区测试实施方案", sections))
    real, borrower = result.child_measures
    assert real.status == "inherited" and real.counterpart
    assert borrower.status == "added" and not borrower.counterpart
    assert borrower.sources and borrower.sources[0].parent == parent.measures()[11].id


def test_a_heavily_localised_counterpart_is_modified_not_added(parent, hubei_measures):
    source = localise(hubei_measures[12]).split("。")
    kept = source[0] + "。" + source[1] + "。"
    local = (
        "在东城街道、长青街道先行试点“法润万家”工程，组建由律师、人民调解员组成的服务队伍。"
        "到2024年，每个社区至少配备两名法律明白人，群众满意度达到九十五%以上。"
        "对工作滞后的街道由区委依法治区办进行约谈。"
    )
    result = compare(parent, write_plan("西安区测试实施方案", [("权利", [(kept + local, "")])]))
    (child,) = result.child_measures
    assert child.novelty > 0.5
    assert child.status == "modified" and child.counterpart
    assert child.main_source == parent.measures()[12].id


def test_a_measure_restated_in_its_own_words_gets_a_context_link(parent, hubei_measures):
    """No clause of the restatement passes, but its section draws on the parent's section and
    its words are closest to one measure there: a link, marked as context, and modified."""
    copies = [(localise(t), "") for t in hubei_measures[10:12]]
    restated = (
        "守护群众司法权益。围绕司法救济、诉讼权利，各街道要制定年度工作清单。"
        "国家赔偿方面，由区法院每季度开展一次督导。聚焦律师执业权利和人民陪审员，"
        "在东城街道先行先试。"
    )
    sections = [("权利", [*copies, (restated, "")])]
    result = compare(parent, write_plan("西安区测试实施方案", sections))
    child = result.child_measures[2]
    (link,) = [k for k in result.links if k.child == child.measure.id]
    assert link.basis == "context" and link.evidence == ()
    assert link.parent == parent.measures()[12].id
    assert child.status == "modified"


def test_concentration_tells_a_restatement_from_a_measure_spread_over_the_plan():
    """A restatement's plan vocabulary lies in its one source; a measure of its own in the same
    field shares words with many parent measures, none holding much of them."""
    from duizhao.compare.context import concentration

    parents = [
        frozenset({"法治", "社区矫正", "安置帮教", "刑满释放"}),
        frozenset({"法治", "人民调解", "矛盾纠纷"}),
        frozenset({"法治", "普法", "宪法"}),
        frozenset({"法治", "网络", "信用"}),
    ]
    restated = frozenset({"法治", "社区矫正", "安置帮教", "年度", "清单"})
    spread = frozenset({"法治", "社区矫正", "人民调解", "普法", "网络", "信用", "宪法"})
    alone = frozenset({"园林", "绿化"})
    held = concentration(parents, [restated, spread, alone], [(0, 0), (0, 1), (0, 2)])
    assert held[0] == 1.0
    assert 0 < held[1] < 0.2
    assert held[2] == 0.0


def test_a_short_verbatim_passage_of_another_measure_is_a_merge_source(parent, hubei_measures):
    """A passage copied from a second parent measure into a longer one is a source, even when
    the mean of the two shares is under link_min_score: the near-verbatim clause corroborates
    it, so the second measure is not reported dropped."""
    main = localise(hubei_measures[6])
    passage = [x + "。" for x in localise(hubei_measures[7]).split("。") if x][1]
    result = compare(parent, write_plan("西安区测试实施方案", [("制度", [(main + passage, "")])]))
    second = parent.measures()[7].id
    (link,) = [k for k in result.links if k.parent == second]
    assert link.score < Settings().link_min_score
    assert result.parent_result(second).status != "dropped"
    (child,) = result.child_measures
    assert child.main_source == parent.measures()[6].id
