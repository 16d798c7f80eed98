"""The corpus layer on real plans: counts, metadata, owners, numbering, and encodings."""

from __future__ import annotations

import pytest

from duizhao.compare.localise import normalise_width
from duizhao.corpus import InputError, load_plan, parse_plan
from duizhao.corpus.numbering import cn_to_int


def signature(plan) -> list[tuple[str, str, str, str]]:
    """The tree as a reader sees it, with full/half-width punctuation folded."""
    return [
        (n.id, normalise_width(n.label), normalise_width(n.title or ""), normalise_width(n.text))
        for n in plan.walk()
    ]


def test_sample_measure_counts(samples):
    counts = {name: len(plan.measures()) for name, plan in samples.items()}
    assert counts == {"hubei": 28, "gaoxin": 27, "yaohai": 56}


def test_sample_metadata(samples):
    hubei, gaoxin, yaohai = samples["hubei"], samples["gaoxin"], samples["yaohai"]
    assert (hubei.title, hubei.jurisdiction.name, hubei.jurisdiction.level) == (
        "湖北省法治社会建设实施方案",
        "湖北省",
        "province",
    )
    assert (gaoxin.jurisdiction.name, gaoxin.jurisdiction.level) == ("高新区", "district")
    assert (yaohai.jurisdiction.name, yaohai.jurisdiction.level) == ("瑶海区", "district")
    assert hubei.period == gaoxin.period == yaohai.period == "2021—2025"
    assert not hubei.draft and gaoxin.draft and yaohai.draft


def test_gaoxin_title_comes_from_the_notice_headline(samples):
    # The page has no standalone title line: only 《…(征求意见稿)》 inside the notice headline.
    assert samples["gaoxin"].title == "高新区法治社会建设实施方案"


def test_gaoxin_cites_its_three_parents_in_order(samples):
    cites = samples["gaoxin"].cites
    assert len(cites) == 3
    assert cites[0].startswith("法治社会建设实施纲要")
    assert cites[1].startswith("湖北省法治社会建设实施方案")
    assert cites[2].startswith("襄阳市法治社会建设实施方案")


def test_wrapping_is_removed(samples):
    for plan in samples.values():
        everything = plan.preamble + plan.closing + "".join(n.text for n in plan.walk())
        for noise in (
            "当前位置",
            "ICP备",
            "公网安备",
            "网站地图",
            "联系人",
            ".docx",
            "来源:",
            "主办单位",
        ):
            assert noise not in everything, (plan.path, noise)
    assert samples["gaoxin"].closing.startswith("各单位要结合实际")
    assert samples["hubei"].closing.startswith("全省各地各部门")


def test_yaohai_owners_on_all_49_numbered_measures(samples):
    numbered = [m for m in samples["yaohai"].measures() if m.style == "arabic"]
    assert len(numbered) == 49
    assert all(m.owners for m in numbered)
    assert all("责任单位" not in m.text for m in numbered)
    nested = [u for m in numbered for u in m.owners.responsible if "（" in u or "(" in u]
    assert nested == ["区委统战部(区民族宗教局)"]
    first = numbered[0].owners
    assert first.responsible == ("区委宣传部", "区司法局", "区普法办", "区委党校")
    assert first.participating == ("区直相关部门", "各镇街开发区")


def test_hubei_run_together_measures_are_split_without_breaking_numbers(samples):
    measures = samples["hubei"].measures()
    labels = [m.label for m in measures[:24]]
    assert labels == [f"{i}." for i in range(1, 25)]
    second = measures[1]
    assert second.title == "深化宪法学习宣传教育"
    assert "“12·4”国家宪法日" in second.text
    assert "到2022年" in measures[13].text


def test_heading_paths_and_titles(samples):
    measure = samples["hubei"].measures()[5]
    assert measure.title == "完善社会重要领域地方立法"
    assert measure.path == ("一、重点措施", "(二)健全制度规范")
    org = samples["hubei"].measures()[-1]
    assert org.label == "(四)" and org.path == ("二、加强组织保障",)


def test_numbering_continues_across_parts_without_warnings(samples):
    gaoxin = samples["gaoxin"]
    values = [cn_to_int(m.label.strip("()（）")) for m in gaoxin.measures()]
    assert values == list(range(1, 28))
    assert gaoxin.warnings == ()


def test_source_lines_point_at_the_measure(samples, sample_text):
    lines = sample_text["gaoxin"].splitlines()
    for m in samples["gaoxin"].measures():
        assert lines[m.lines[0] - 1].startswith(m.label)


PLAN = """湖北省某某工作实施方案
（2021—2025年）
为贯彻落实《某某纲要》，结合我省实际，制定本方案。
一、主要任务
主要任务：下列措施分工落实。
（一）加强普法
1.开展宣传。组织宪法宣传周活动，“12·4”国家宪法日集中宣传，投入2.5亿元，12.4万人参与。2.落实责任。落实谁执法谁普法责任制。
牵头单位：省司法厅
参加单位：省委宣传部（省新闻出版局）、省教育厅
3.发展律师队伍，推进公共法律服务。（责任单位：省司法厅、省律师协会（筹），参加单位：各市州）
（二）化解纠纷
4.坚持枫桥经验。完善人民调解。
二、组织保障
（一）强化组织领导。各级党委要落实领导责任。
各地各部门要结合实际认真贯彻落实本方案。
"""


def test_small_plan_structure_and_owners():
    plan = parse_plan(PLAN)
    assert plan.title == "湖北省某某工作实施方案"
    assert plan.cites == ("某某纲要",)
    part = plan.nodes[0]
    assert (
        part.body == "主要任务：下列措施分工落实。"
    )  # a section introduction stays on the section
    measures = plan.measures()
    assert [m.label for m in measures] == ["1.", "2.", "3.", "4.", "（一）"]
    assert "2.5亿元" in measures[0].text and "12.4万人" in measures[0].text
    assert measures[1].owners.lead == ("省司法厅",)
    assert measures[1].owners.participating == ("省委宣传部（省新闻出版局）", "省教育厅")
    assert measures[2].owners.responsible == ("省司法厅", "省律师协会（筹）")
    assert measures[2].text == "发展律师队伍，推进公共法律服务。"
    assert measures[4].title == "强化组织领导" and measures[4].body == "各级党委要落实领导责任。"
    assert plan.closing == "各地各部门要结合实际认真贯彻落实本方案。"


def test_numbering_problems_are_warnings_not_fixes():
    text = PLAN.replace("4.坚持", "6.坚持").replace("（二）化解", "（一）化解")
    plan = parse_plan(text)
    assert [m.label for m in plan.measures()][3] == "6."
    assert any("numbering gap" in w for w in plan.warnings)
    assert any("repeats" in w for w in plan.warnings)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_encodings_parse_to_the_same_tree(tmp_path, samples, sample_text, encoding, bom):
    path = tmp_path / "hubei.txt"
    path.write_bytes(bom + sample_text["hubei"].encode(encoding))
    assert signature(load_plan(path)) == signature(samples["hubei"])


FULL_WIDTH = str.maketrans(
    {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"}
)


@pytest.mark.parametrize("name", ["hubei", "gaoxin", "yaohai"])
def test_full_width_punctuation_parses_to_the_same_tree(samples, sample_text, name):
    converted = parse_plan(sample_text[name].translate(FULL_WIDTH), path=name)
    assert signature(converted) == signature(samples[name])
    assert [m.owners for m in converted.measures()] == [
        type(m.owners)(
            *(tuple(normalise_width(u).translate(FULL_WIDTH) for u in units) for units in (
                m.owners.lead, m.owners.participating, m.owners.responsible))
        )
        for m in samples[name].measures()
    ]  # fmt: skip


def test_input_files_are_never_written(tmp_path, sample_text):
    path = tmp_path / "plan.txt"
    path.write_text(sample_text["gaoxin"], encoding="utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_plan(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        (b"PK\x03\x04 this is not really a zip", "docx"),
        ("只是一段没有编号的文字。\n第二段也没有。".encode(), "no recognisable numbering"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, content, problem):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_plan(path)
    message = str(info.value)
    assert message.startswith(str(path)) and problem in message
    assert "\n" not in message


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_plan(tmp_path)


@pytest.mark.parametrize("name", ["hubei", "gaoxin", "yaohai"])
@pytest.mark.parametrize("kind", ["docx-typed", "docx-list-numbering", "html", "pdf"])
def test_other_formats_parse_to_the_same_tree(tmp_path, samples, sample_text, name, kind):
    from readers_fixtures import write_docx, write_html, write_pdf

    paragraphs = [line.strip() for line in sample_text[name].splitlines() if line.strip()]
    if kind.startswith("docx"):
        path = write_docx(
            tmp_path / "plan.docx", paragraphs, list_numbering=kind.endswith("numbering")
        )
    elif kind == "html":
        path = write_html(tmp_path / "plan.html", paragraphs, headline=paragraphs[0])
    else:
        path = write_pdf(tmp_path / "plan.pdf", paragraphs)
    converted = load_plan(path)
    assert converted.format == kind.split("-")[0]
    assert len(converted.measures()) == len(samples[name].measures())
    if kind == "docx-list-numbering":
        # Word renders one punctuation style per level: compare labels by value, not by glyphs.
        def strip(sig):
            return [(i, title, text) for i, _, title, text in sig]

        assert strip(signature(converted)) == strip(signature(samples[name]))
    else:
        assert signature(converted) == signature(samples[name])
    assert converted.title == samples[name].title
    assert converted.jurisdiction == samples[name].jurisdiction
    assert [m.owners for m in converted.measures()] == [m.owners for m in samples[name].measures()]


@pytest.mark.parametrize(
    ("title", "name", "level"),
    [
        ("湖北省法治社会建设实施方案", "湖北省", "province"),
        ("安徽法治社会建设实施方案", "安徽", "province"),
        ("北京市法治社会建设实施方案", "北京市", "province"),
        ("襄阳市法治社会建设实施方案", "襄阳市", "city"),
        ("沅州市青阳区法治社会建设实施方案", "青阳区", "district"),
        ("苏州市吴中区法治社会建设实施方案", "吴中区", "district"),
        ("北京市通州区法治社会建设实施方案", "通州区", "district"),
        ("吉林省辽源市西安区法治社会建设实施方案", "西安区", "district"),
        ("延边朝鲜族自治州法治社会建设实施方案", "延边朝鲜族自治州", "city"),
        ("高新区法治社会建设实施方案", "高新区", "district"),
        ("关于加强市域社会治理的实施方案", "", "unknown"),
    ],
)
def test_jurisdiction_from_title(title, name, level):
    from duizhao.corpus.jurisdiction import resolve

    j = resolve(title, (), None)
    assert (j.name, j.level) == (name, level)


def test_chapters_and_articles():
    text = "\n".join(
        [
            "某某区实施办法",
            "为规范工作，结合实际，制定本办法。",
            "第一章 总则",
            "第一条 为了规范某某工作，制定本办法。",
            "第二条 本办法适用于全区。",
            "第二章 职责",
            "第三条 区司法局负责组织实施。",
            "第四条 各街道配合落实。",
        ]
    )
    plan = parse_plan(text)
    assert [m.label for m in plan.measures()] == ["第一条", "第二条", "第三条", "第四条"]
    assert plan.measures()[2].path == ("第二章职责",)


def test_folder_scan_never_skips_silently_and_reports_duplicates(tmp_path, sample_text):
    import os

    from readers_fixtures import write_docx

    from duizhao.corpus.scan import scan_folder

    (tmp_path / "湖北省.txt").write_text(sample_text["hubei"], encoding="utf-8")
    lines = [line.strip() for line in sample_text["hubei"].splitlines() if line.strip()]
    (tmp_path / "副本").mkdir()
    write_docx(tmp_path / "副本" / "湖北省方案.docx", lines)
    (tmp_path / "高新区.txt").write_text(sample_text["gaoxin"], encoding="utf-8")
    (tmp_path / "说明.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / "管道.txt")
    index = scan_folder(tmp_path)
    reasons = {s.path: s.reason for s in index.skipped}
    assert "format not supported" in reasons["说明.xlsx"]
    assert reasons[".DS_Store"] == "hidden file" and ".git/" in reasons
    assert reasons["管道.txt"].startswith("not a regular file") and index.get("管道.txt") is None
    [dupe] = index.duplicates
    assert dupe.chosen == "副本/湖北省方案.docx" and dupe.others == ("湖北省.txt",)
    assert "docx is preferred over txt" in dupe.reason
    assert index.get("高新区.txt").parent == "副本/湖北省方案.docx"
    assert [e.path for e in index.descendants("副本/湖北省方案.docx")] == ["高新区.txt"]


def test_a_deadline_in_an_owners_clause_is_a_deadline_not_a_unit():
    plan = parse_plan(
        "某区方案\n一、总体要求\n"
        "（一）推进普法。开展宣传。（牵头单位：区司法局；配合单位：区教育局，完成时限：2025年底）\n"
        "（二）加强执法。严格规范。\n牵头单位：区公安局\n时间节点：长期坚持\n"
    )
    first, second = plan.measures()
    assert first.owners.participating == ("区教育局",) and first.deadline == "2025年底"
    assert second.owners.lead == ("区公安局",) and second.deadline == "长期坚持"
    assert "完成时限" not in first.text
