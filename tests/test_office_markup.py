"""Markup that office suites write: task tables, LibreOffice list levels, tracked changes, look-alikes.

Built with python-docx and hand-written WordprocessingML (`readers_fixtures.write_docx_xml`);
the files LibreOffice itself saved are tested in `test_office.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_fixtures import write_docx, write_docx_xml
from wordml import paragraph as _p

from duizhao.corpus.readers import read_source


def texts(path: Path) -> list[str]:
    return [p.text for p in read_source(path).paragraphs]


PLAN = [
    "某区实施方案",
    "一、总体要求",
    "（一）指导思想。坚持依法治区。",
    "（二）主要目标。到2025年基本建成。",
]


def _tc(text: str, merge: str | None = None, span: int = 1) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else ""
    )
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in text.split("\n")) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def _tr(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


TASK_HEADER = _tr(*(_tc(h) for h in ("序号", "工作任务", "牵头单位", "配合单位", "时间节点")))


def _task_docx(tmp_path: Path) -> Path:
    grid = "<w:tblGrid>" + '<w:gridCol w:w="1000"/>' * 5 + "</w:tblGrid>"
    rows = [
        TASK_HEADER,
        _tr(_tc("一、优化政务服务", span=5)),
        _tr(_tc("1"), _tc("推行一网通办。政务服务事项全部网上可办。"), _tc("区政务服务局", "restart"),
            _tc("区直各部门\n各街道"), _tc("2024年底")),
        _tr(_tc("2"), _tc("压缩办理时限。企业开办一日办结。"), _tc("", "continue"), _tc("区市场监管局"),
            _tc("长期坚持")),
        TASK_HEADER,  # repeated on the next page
        _tr(_tc("二、强化法治保障", span=5)),
        _tr(_tc("3"), _tc("规范涉企执法。推行包容审慎监管。"), _tc("区司法局"), _tc("/"), _tc("2025年6月")),
    ]  # fmt: skip
    body = (
        "<w:p><w:r><w:t>某区优化营商环境重点任务分工方案</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>为优化营商环境，结合我区实际，制定本方案。</w:t></w:r></w:p>"
        f"<w:tbl><w:tblPr/>{grid}{''.join(rows)}</w:tbl>"
        "<w:p><w:r><w:t>各单位要结合实际抓好贯彻落实。</w:t></w:r></w:p>"
    )
    return write_docx_xml(tmp_path / "tasks.docx", body)


def test_docx_task_table_rows_are_measures_with_owners(tmp_path: Path) -> None:
    from duizhao.corpus import load_plan

    plan = load_plan(_task_docx(tmp_path))
    assert plan.title == "某区优化营商环境重点任务分工方案"
    assert [n.heading for n in plan.nodes] == ["一、优化政务服务", "二、强化法治保障"]
    measures = plan.measures()
    assert [(m.label, m.title) for m in measures] == [
        ("1", "推行一网通办"), ("2", "压缩办理时限"), ("3", "规范涉企执法"),
    ]  # fmt: skip
    assert [m.owners.lead for m in measures] == [("区政务服务局",)] * 2 + [("区司法局",)]
    assert measures[0].owners.participating == ("区直各部门", "各街道")
    assert measures[2].owners.participating == ()
    assert [m.deadline for m in measures] == ["2024年底", "长期坚持", "2025年6月"]
    assert plan.closing == "各单位要结合实际抓好贯彻落实。"


def test_html_task_table_with_rowspan_and_heading_rows(tmp_path: Path) -> None:
    from duizhao.corpus import load_plan

    page = (
        "<html><head><title>某区重点任务分工方案</title></head><body><div class='content'>"
        "<p>某区优化营商环境重点任务分工方案</p><p>为优化营商环境，结合我区实际，制定本方案。</p>"
        "<table><tr><th>序号</th><th>重点任务</th><th>责任单位</th><th>完成时限</th></tr>"
        "<tr><td colspan='4'>一、优化政务服务</td></tr>"
        "<tr><td>1</td><td>推行一网通办。政务服务事项全部网上可办。</td>"
        "<td rowspan='2'>区政务服务局</td><td>2024年底</td></tr>"
        "<tr><td>2</td><td>压缩办理时限。企业开办一日办结。</td><td>长期坚持</td></tr>"
        "</table><p>各单位要结合实际抓好贯彻落实。</p></div></body></html>"
    )
    path = tmp_path / "tasks.html"
    path.write_text(page, encoding="utf-8")
    plan = load_plan(path)
    measures = plan.measures()
    assert [(m.label, m.title, m.owners.responsible, m.deadline) for m in measures] == [
        ("1", "推行一网通办", ("区政务服务局",), "2024年底"),
        ("2", "压缩办理时限", ("区政务服务局",), "长期坚持"),
    ]
    assert plan.nodes[0].heading == "一、优化政务服务"


def test_a_table_that_is_not_a_task_table_is_read_cell_by_cell(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "t.docx", ["标题", [["指标", "目标值"], ["覆盖率", "95%"]]])
    assert texts(path) == ["标题", "指标", "目标值", "覆盖率", "95%"]


def test_lookalike_radicals_read_as_the_characters_they_show(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "⼀、总体要求\n（⼀）⼈⺠⽴场。坚持以⼈⺠为中⼼，⻓期坚持。\n", encoding="utf-8"
    )
    assert texts(path) == ["一、总体要求", "（一）人民立场。坚持以人民为中心，长期坚持。"]


@pytest.mark.parametrize("level_text", ["%2\u2002", "%2 "])
def test_docx_level_text_ending_in_a_space_with_suffix_nothing(tmp_path, level_text) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="55"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/>'
        '<w:suff w:val="nothing"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{level_text}"/><w:suff w:val="nothing"/>'
        '</w:lvl></w:abstractNum><w:num w:numId="55"><w:abstractNumId w:val="55"/></w:num>'
    )
    body = "".join(
        [
            _p("总体要求", num="55", ilvl=0),
            _p("组织保障", num="55", ilvl=1),
            "<w:p><w:r><w:t>（1）成立专班。由分管领导任组长。</w:t></w:r></w:p>",
            _p("政务服务", num="55", ilvl=1),
            "<w:p><w:r><w:t>（1）推行一网通办。事项全部网上可办。</w:t></w:r></w:p>",
        ]
    )
    from duizhao.corpus import load_plan

    plan = load_plan(write_docx_xml(tmp_path / "plan.docx", body, numbering))
    topics = plan.nodes[0].children
    assert [t.heading for t in topics] == ["1组织保障", "2政务服务"]
    assert [len(t.children) for t in topics] == [1, 1]


def test_tracked_moves_and_deleted_paragraph_marks_never_mix(tmp_path: Path) -> None:
    by = 'w:id="{}" w:author="审核人" w:date="2026-03-01T00:00:00Z"'
    body = (
        "<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"
        f"<w:p><w:pPr><w:rPr><w:del {by.format(1)}/></w:rPr></w:pPr>"
        "<w:r><w:t>（一）目标。到2025年</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>基本建成。</w:t></w:r></w:p>"
        f"<w:p><w:moveFrom {by.format(2)}><w:r><w:t>（二）原则。坚持依法。</w:t></w:r></w:moveFrom></w:p>"
        "<w:p><w:r><w:t>（三）任务。推进普法。</w:t></w:r></w:p>"
        f"<w:p><w:moveTo {by.format(3)}><w:r><w:t>（四）原则。坚持依法。</w:t></w:r></w:moveTo></w:p>"
    )
    path = write_docx_xml(tmp_path / "draft.docx", body)
    from duizhao.corpus.readers import read_source

    accepted = read_source(path)
    original = read_source(path, original=True)
    assert [p.text for p in accepted.paragraphs] == [
        "一、总体要求", "（一）目标。到2025年基本建成。", "（三）任务。推进普法。", "（四）原则。坚持依法。",
    ]  # fmt: skip
    assert [p.text for p in original.paragraphs] == [
        "一、总体要求", "（一）目标。到2025年", "基本建成。", "（二）原则。坚持依法。", "（三）任务。推进普法。",
    ]  # fmt: skip
    assert accepted.revisions.changes == 3 and accepted.revisions.authors == ("审核人",)


def test_converted_documents_are_cached_by_content(tmp_path: Path, monkeypatch) -> None:
    from duizhao.corpus.readers import office

    store: dict[tuple[str, str], bytes] = {}

    class Cache:
        def get(self, kind: str, key: str) -> bytes | None:
            return store.get((kind, key))

        def put(self, kind: str, key: str, data: bytes) -> None:
            store[(kind, key)] = data

    docx_bytes = write_docx(tmp_path / "plan.docx", PLAN).read_bytes()
    calls: list[str] = []

    def convert(name: str, data: bytes, kind: str, binary: str) -> bytes:
        calls.append(name)
        return docx_bytes

    monkeypatch.setattr(office, "_cache", Cache)
    monkeypatch.setattr(office, "_convert", convert)
    monkeypatch.setattr(office, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(office, "soffice_version", lambda binary: "LibreOffice 7.4")
    doc = tmp_path / "plan.doc"
    doc.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(600)
    )
    first = read_source(doc)
    second = read_source(doc)
    assert calls == [str(doc)] and first.paragraphs == second.paragraphs
    assert first.converted_from == "doc" and [k for k, _ in store] == ["converted"]


def test_task_table_with_a_two_row_header(tmp_path: Path) -> None:
    from duizhao.corpus import load_plan

    page = (
        "<html><body><div class='content'><p>某区重点任务分工方案</p>"
        "<table><tr><td rowspan='2'>序号</td><td rowspan='2'>具体措施</td>"
        "<td colspan='2'>责任单位</td><td rowspan='2'>完成时限</td></tr>"
        "<tr><td>牵头单位</td><td>配合单位</td></tr>"
        "<tr><td>1</td><td>推行一网通办。事项全部网上可办。</td><td>区政务服务局</td>"
        "<td>区直各部门</td><td>2024年底</td></tr>"
        "<tr><td>2</td><td>压缩办理时限。企业开办一日办结。</td><td>区市场监管局</td>"
        "<td>区税务局</td><td>长期坚持</td></tr></table></div></body></html>"
    )
    path = tmp_path / "tasks.html"
    path.write_text(page, encoding="utf-8")
    owners = [m.owners for m in load_plan(path).measures()]
    assert [(o.lead, o.participating) for o in owners] == [
        (("区政务服务局",), ("区直各部门",)),
        (("区市场监管局",), ("区税务局",)),
    ]
