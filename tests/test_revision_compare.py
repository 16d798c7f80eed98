"""Two drafts of one plan: statuses follow from the edits, owners by role, renumbering listed once,
hard-wrapped lines read as the paragraph they are."""

from __future__ import annotations

from compare_helpers import write_plan

from duizhao.compare import compare_plans
from duizhao.compare.settings import Settings
from duizhao.compare.token_diff import edits
from duizhao.corpus import parse_plan


def _revision(old_sections, new_sections):
    old = parse_plan(write_plan("高新区测试实施方案", old_sections), path="原稿.txt")
    new = parse_plan(write_plan("高新区测试实施方案", new_sections), path="修改稿.txt")
    return compare_plans(old, new, Settings(), revision=True)


def test_deleted_inserted_moved_and_renumbered(hubei_measures):
    a, b, c, d, e, f = (hubei_measures[k] for k in (0, 3, 5, 8, 11, 13))
    inserted = "建立区级法治社会建设观察点，每年发布观察报告，接受社会监督。"
    old = [("普法", [(a, ""), (b, ""), (c, "")]), ("治理", [(d, ""), (e, ""), (f, "")])]
    new = [("普法", [(inserted, ""), (a, ""), (c, "")]), ("治理", [(d, ""), (b, ""), (f, "")])]
    result = _revision(old, new)
    statuses = [(r.status.value, [f.value for f in r.flags]) for r in result.child_measures]
    assert statuses == [
        ("added", []),
        ("inherited", []),
        ("inherited", []),
        ("inherited", []),
        ("inherited", ["moved"]),
        ("inherited", []),
    ]
    dropped = [p.measure.label for p in result.parent_measures if p.status == "dropped"]
    assert dropped == ["5."]  # e, gone from the new draft: dropped, however its words echo
    facts = result.revision
    assert [(n.old_label, n.new_label, n.moved) for n in facts.numbering] == [
        ("1.", "2.", False),
        ("2.", "5.", True),
    ]
    assert facts.text_edits == 0 and facts.changes == 3  # inserted, deleted, moved


def test_owners_are_compared_in_every_role(hubei_measures):
    a, b, c = hubei_measures[0], hubei_measures[3], hubei_measures[5]
    old = [
        (
            "普法",
            [
                (a, "牵头单位：区司法局\n参加单位：区教育局、区民政局"),
                (b, "责任单位：区财政局"),
                (c, "牵头单位：区司法局"),
            ],
        )
    ]
    new = [
        (
            "普法",
            [
                (a, "牵头单位：区教育局\n参加单位：区司法局、区民政局、团区委"),
                (b, "责任单位：区财政局"),
                (c, "牵头单位：区司法局"),
            ],
        )
    ]
    result = _revision(old, new)
    assert [r.status.value for r in result.child_measures] == ["inherited"] * 3
    assert [[f.value for f in r.flags] for r in result.child_measures] == [
        ["owners_changed"],
        [],
        [],
    ]
    assert result.revision.owners == (result.child_measures[0].measure.id,)
    change = result.child_measures[0].owner_change
    assert [(u.role, u.unit) for u in change.added] == [("participating", "团区委")]
    assert change.removed == ()
    assert {(m.after.unit, m.before.role, m.after.role) for m in change.moved} == {
        ("区教育局", "participating", "lead"),
        ("区司法局", "lead", "participating"),
    }


def test_a_heading_renamed_is_one_change_not_an_edit_of_its_measures(hubei_measures):
    a, b = hubei_measures[0], hubei_measures[3]
    result = _revision([("普法宣传", [(a, ""), (b, "")])], [("法治宣传教育", [(a, ""), (b, "")])])
    assert [r.status.value for r in result.child_measures] == ["inherited", "inherited"]
    assert [(h.old_heading, h.new_heading) for h in result.revision.headings] == [
        ("一、普法宣传", "一、法治宣传教育")
    ]


def test_a_hard_wrapped_measure_grows_no_title():
    text = "加强法治宣传教育，推动普法责任制落实，健全普法工作机制，到2025年实现全覆盖。"
    plain = parse_plan(write_plan("高新区测试实施方案", [("普法", [(text, "")])]))
    lines = f"1.{text}"
    wrapped_text = "\n".join(lines[k : k + 14] for k in range(0, len(lines), 14))
    wrapped = parse_plan(
        write_plan("高新区测试实施方案", [("普法", [(text, "")])]).replace(lines, wrapped_text)
    )
    (m,) = wrapped.measures()
    assert m.title is None and m.text.replace("\n", "") == plain.measures()[0].text


def test_a_sentence_that_repeats_another_measure_edits_its_own_measure(hubei_measures):
    """Drafts restate one outline: a sentence inserted into one measure may repeat, nearly or
    word for word, a sentence of another measure that stays in its place. The alignment then
    names that other measure as the main source; the revision keeps it carried by its own
    measure and reports the edited measure 修改 of the old one it rewrites in place."""
    short = "发展志愿服务组织，加强志愿服务标准化建设。"
    repeated = "公民、法人和其他组织享有宪法和法律规定的权利，同时必须履行宪法和法律规定的义务。"
    long = (
        "引导社会主体履行法定义务承担社会责任。" + repeated + "强化规则意识，倡导契约精神，"
        "维护公序良俗，引导公民理性表达诉求，自觉履行法定义务、社会责任、家庭责任。"
    )
    a, b = hubei_measures[0], hubei_measures[8]
    old = [("治理", [(long, ""), (a, ""), (short, ""), (b, "")])]
    new = [("治理", [(long, ""), (a, ""), (short + repeated, ""), (b, "")])]
    result = _revision(old, new)
    statuses = [(r.status.value, [f.value for f in r.flags]) for r in result.child_measures]
    assert statuses == [("inherited", []), ("inherited", []), ("modified", []), ("inherited", [])]
    olds = [p.measure.id for p in result.parent_measures]
    assert result.child_measures[2].main_source == olds[2]
    assert [p.status.value for p in result.parent_measures] == ["carried"] * 4
    spans = tuple(s for d in result.child_measures[2].diff for s in d.spans)
    assert edits(spans) == [("", repeated)]


def test_one_sentence_of_a_deleted_measure_reused_is_no_merge(hubei_measures):
    """A measure deleted whose one sentence reappears in another measure's rewording left its
    place: it is deleted (删除), and the measure that reuses the sentence is 修改, not 合并."""
    kept = (
        "健全社会心理服务体系和疏导机制、危机干预机制，大力推进基层社会心理服务工作站建设，"
        "发展社会心理服务人才队伍。加强对贫困人口、精神障碍患者、留守儿童、妇女、老人等人群的"
        "人文关怀、精神慰藉和心理健康服务。"
    )
    reused = "公民、法人和其他组织享有宪法和法律规定的权利，同时必须履行宪法和法律规定的义务。"
    gone = (
        "引导社会主体履行法定义务承担社会责任。" + reused + "强化规则意识，倡导契约精神，"
        "维护公序良俗，引导公民理性表达诉求，自觉履行法定义务、社会责任、家庭责任。"
        "引导和推动企业和其他组织履行法定义务、承担社会责任，促进社会健康有序运行。"
        "强化政策引领和激励作用，为企业更好履行社会责任营造良好环境，推动企业与社会建立良好的"
        "互助互信关系。支持社会组织建立社会责任标准体系，科学设置社会责任标准体系内容，"
        "引导社会资源向积极履行社会责任的社会组织倾斜。"
    )
    a, b = hubei_measures[0], hubei_measures[8]
    old = [
        (
            "治理",
            [
                (gone, ""),
                (a, ""),
                (
                    kept
                    + "建立健全执法司法机关与社会心理服务机构的工作衔接机制，加强对执法司法所涉人群的心理疏导。",
                    "",
                ),
                (b, ""),
            ],
        )
    ]
    new = [("治理", [(a, ""), (kept + reused, ""), (b, "")])]
    result = _revision(old, new)
    statuses = [(r.status.value, [f.value for f in r.flags]) for r in result.child_measures]
    assert statuses == [("inherited", []), ("modified", []), ("inherited", [])]
    assert [p.status.value for p in result.parent_measures] == [
        "dropped",
        "carried",
        "carried",
        "carried",
    ]


def test_a_measure_rewritten_whole_under_its_title_is_modified(hubei_measures):
    """指导思想。… with its whole body replaced, in its place, is that measure 修改, not one
    measure deleted and another added."""
    body = hubei_measures[0]
    a, b = hubei_measures[3], hubei_measures[8]
    old = [("总体要求", [("指导思想。" + body, ""), (a, ""), (b, "")])]
    new = [
        (
            "总体要求",
            [
                ("指导思想。积极参与数字经济、网络安全等领域国际规则和标准制定。", ""),
                (a, ""),
                (b, ""),
            ],
        )
    ]
    result = _revision(old, new)
    assert [r.status.value for r in result.child_measures] == ["modified", "inherited", "inherited"]
    assert [p.status.value for p in result.parent_measures] == ["carried"] * 3
