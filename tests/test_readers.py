"""Reading .docx, .html and .pdf plans: labels, order and text kept; chrome and furniture gone."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from readers_fixtures import (
    encrypted_office_bytes,
    write_docx,
    write_docx_xml,
    write_html,
    write_image_pdf,
    write_pdf,
)

from duizhao.corpus.errors import InputError
from duizhao.corpus.readers import read_source
from duizhao.corpus.readers.word_numbering import format_number

SAMPLES = Path(__file__).parent.parent / "corpus" / "samples"

PLAN = [
    "湖北省法治社会建设实施方案",
    "为深入贯彻落实《法治社会建设实施纲要（2020—2025年）》，结合我省实际，制定本方案。",
    "一、总体要求",
    "（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻习近平法治思想。",
    "（二）主要目标。到2025年，“八五”普法规划实施完成，法治观念深入人心。",
    "二、推动全社会增强法治观念",
    "（三）维护宪法权威。",
    "1.深化宪法学习宣传。把宪法纳入各级党委（党组）理论学习中心组学习内容。",
    "2.加强青少年法治教育。全面落实《青少年法治教育大纲》。",
    "（1）开展宪法晨读活动。",
    "（2）组织模拟法庭。",
    "3.增强全民法治观念。",
    "（四）推进法治文化建设。",
    "十一、加强组织领导",
    "（二十七）健全考核评价机制。",
    "各地各部门要结合实际抓好贯彻落实。",
]

LONG = (
    "（五）健全社会领域制度规范。加快推进社会信用体系建设，提高全社会诚信意识和信用水平。"
    "完善企业社会责任法律制度，增强企业社会责任意识，促进企业诚实守信、合法经营。"
    "健全公民和组织守法信用记录，建立以公民身份证号码和组织机构代码为基础的统一社会信用代码制度。"
    "完善诚信建设长效机制，健全覆盖全社会的征信体系，建立完善失信惩戒制度。"
)


def texts(path: Path) -> list[str]:
    return [p.text for p in read_source(path).paragraphs]


def sample(name: str) -> list[str]:
    return [p.text for p in read_source(SAMPLES / f"{name}.txt").paragraphs]


def problem(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_source(path)
    return info.value.problem


# --- docx ----------------------------------------------------------------------------------


def test_docx_paragraphs_in_order_with_typed_labels(tmp_path: Path) -> None:
    source = read_source(write_docx(tmp_path / "plan.docx", PLAN))
    assert source.format == "docx"
    assert [p.text for p in source.paragraphs] == PLAN
    assert [p.line for p in source.paragraphs] == list(range(1, len(PLAN) + 1))


def test_docx_word_list_numbering_rendered_as_labels(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "plan.docx", PLAN, list_numbering=True)
    body = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "一、总体要求" not in body and "（三）" not in body  # the labels are Word numbering
    assert texts(path) == PLAN


def test_docx_list_numbering_keeps_the_typed_label_style(tmp_path: Path) -> None:
    plan = ["一、总体要求", "(一)指导思想。", "1、深化学习。", "2、增强观念。", "(二)工作原则。"]
    assert texts(write_docx(tmp_path / "plan.docx", plan, list_numbering=True)) == plan


def test_docx_list_numbering_of_a_whole_sample_plan(tmp_path: Path) -> None:
    plan = sample("hubei-province")
    assert texts(write_docx(tmp_path / "hubei.docx", plan, list_numbering=True)) == plan


@pytest.mark.parametrize(
    ("value", "fmt", "label"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (27, "chineseCounting", "二十七"),
        (105, "chineseCounting", "一○五"),
        (105, "chineseCountingThousand", "一百〇五"),
        (1010, "chineseCountingThousand", "一千〇一十"),
        (3, "ideographTraditional", "丙"),
        (12, "decimalEnclosedCircle", "⑫"),
        (12, "decimalFullWidth", "１２"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (12, "chineseLegalSimplified", "壹拾贰"),
    ],
)
def test_word_number_formats(value: int, fmt: str, label: str) -> None:
    assert format_number(value, fmt) == label


def test_docx_table_cells_read_in_place_row_by_row(tmp_path: Path) -> None:
    table = [["任务", "牵头单位"], ["深化宪法学习宣传", "省委宣传部"]]
    path = write_docx(tmp_path / "plan.docx", ["一、主要任务", table, "二、组织保障"])
    assert texts(path) == [
        "一、主要任务",
        "任务",
        "牵头单位",
        "深化宪法学习宣传",
        "省委宣传部",
        "二、组织保障",
    ]


def test_docx_soft_line_breaks_split_only_before_a_label(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>1.深化宪法学习宣传。</w:t><w:br/><w:t>2.增强全民法治观念。</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>加强青少年</w:t><w:br/><w:t>法治教育。</w:t></w:r></w:p>"
    )
    path = write_docx_xml(tmp_path / "plan.docx", body)
    assert texts(path) == ["1.深化宪法学习宣传。", "2.增强全民法治观念。", "加强青少年法治教育。"]


NUMBERING = """
<w:abstractNum w:abstractNumId="71">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="PlanPart"/>
    <w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
  </w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>
    <w:lvlRestart w:val="0"/><w:lvlText w:val="%3"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="72">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="71"><w:abstractNumId w:val="71"/></w:num>
<w:num w:numId="72"><w:abstractNumId w:val="71"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
<w:num w:numId="73"><w:abstractNumId w:val="72"/></w:num>
"""

STYLES = """
<w:style w:type="paragraph" w:styleId="PlanPart"><w:name w:val="Plan Part"/>
  <w:pPr><w:numPr><w:numId w:val="71"/></w:numPr></w:pPr></w:style>
"""


def _p(text: str, style: str = "", num: str = "", ilvl: int | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_docx_numbering_from_styles_multilevel_text_restarts_and_overrides(
    tmp_path: Path,
) -> None:
    body = "".join(
        [
            _p("总则", style="PlanPart"),
            _p("适用范围", num="71", ilvl=1),
            _p("基本原则", num="71", ilvl=1),
            _p("坚持党的领导", num="71", ilvl=2),
            _p("主要任务", style="PlanPart"),
            _p("加强宪法宣传", num="71", ilvl=1),
            _p("开展宪法晨读", num="71", ilvl=2),
            _p("不编号的段落", style="PlanPart", num="0"),
            _p("附则", num="72", ilvl=0),
            _p("项目符号段落", num="73", ilvl=0),
        ]
    )
    path = write_docx_xml(tmp_path / "plan.docx", body, NUMBERING, STYLES)
    assert texts(path) == [
        "1.总则",
        "1.1 适用范围",
        "1.2 基本原则",
        "①坚持党的领导",
        "2.主要任务",
        "2.1 加强宪法宣传",
        "②开展宪法晨读",  # w:lvlRestart 0: this level never restarts
        "不编号的段落",
        "7.附则",  # w:startOverride on the second list instance
        "项目符号段落",  # bullets are not numbering labels
    ]


def test_docx_reads_what_word_shows(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>加强</w:t></w:r><w:ins><w:r><w:t>青少年</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>已删除的</w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>"
        "<w:r><w:t>法治教育。</w:t></w:r></w:p>"
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        "<w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent>"
        "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>"
        "<w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r><w:r><w:t>正文段落。</w:t></w:r></w:p>"
    )
    path = write_docx_xml(tmp_path / "plan.docx", body)
    assert texts(path) == ["加强青少年法治教育。", "文本框里的说明", "正文段落。"]


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", PLAN).read_bytes()
    path = tmp_path / "plan.docx"
    path.write_bytes(good[: len(good) // 3])
    assert "not a valid .docx" in problem(path)


def test_excel_workbook_named_docx_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "一、总体要求"
    path = tmp_path / "plan.docx"
    workbook.save(path)
    assert (
        problem(path)
        == "is an Excel workbook, not a Word document: save it as .docx, or export the plan text"
    )


def test_other_zip_named_docx_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("方案.txt", "一、总体要求")
    path = tmp_path / "plan.docx"
    path.write_bytes(buffer.getvalue())
    assert (
        problem(path)
        == "is a zip archive, not a Word document: save it as .docx, or export the plan text"
    )


def test_password_protected_docx_is_refused_with_a_clear_reason(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(encrypted_office_bytes())
    assert "password-protected" in problem(path)


# --- html ----------------------------------------------------------------------------------

HEADLINE = "关于印发《湖北省法治社会建设实施方案》的通知"
NOISE = [
    "互动交流",
    "统计代码",
    "浮动广告",
    "字号",
    "打印",
    "关闭",
    "澳门",
    "ICP备",
    "主办单位",
    "color",
]


def test_html_page_keeps_headline_and_article_and_drops_chrome(tmp_path: Path) -> None:
    source = read_source(write_html(tmp_path / "notice.html", PLAN, headline=HEADLINE))
    got = [p.text for p in source.paragraphs]
    assert source.format == "html"
    start = got.index(PLAN[0])
    assert got[start : start + len(PLAN)] == PLAN
    assert HEADLINE in got[:start]
    page = "\n".join(got)
    assert [word for word in NOISE if word in page] == []


def test_html_long_article_starts_with_the_headline(tmp_path: Path) -> None:
    plan = sample("hubei-province")
    got = texts(write_html(tmp_path / "notice.html", plan, headline=HEADLINE))
    assert got == [HEADLINE, *plan]


@pytest.mark.parametrize("declared", [True, False])
def test_html_gbk_page(tmp_path: Path, declared: bool) -> None:
    plan = [*PLAN, "朱镕基同志的讲话。"]  # 镕 is in GBK but not in GB2312, which the page declares
    path = write_html(tmp_path / "notice.htm", plan, "gbk", declare_charset=declared)
    assert texts(path) == plan


def test_html_br_splits_paragraphs_and_source_wraps_do_not(tmp_path: Path) -> None:
    page = (
        "<html><body><div class='content'><p>一、总体要求<br>（一）指导思想。坚持党的领导。<br/>"
        "1.深化学习宣传。</p><p>加强青少年\n      法治教育。</p></div></body></html>"
    )
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    assert texts(path) == [
        "一、总体要求",
        "（一）指导思想。坚持党的领导。",
        "1.深化学习宣传。",
        "加强青少年法治教育。",
    ]


def test_html_without_a_named_article_block(tmp_path: Path) -> None:
    rows = "".join(f"<p>{p}</p>" for p in PLAN)
    page = (
        "<html><head><meta charset='utf-8'><title>法治社会</title></head><body><table><tr>"
        "<td><a href='/'>首页</a><br><a href='/zwgk'>政务公开</a><br><a>互动交流</a></td>"
        f"<td>{rows}</td></tr></table></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert texts(path) == PLAN


def test_doc_file_that_is_really_a_web_page(tmp_path: Path) -> None:
    source = read_source(write_html(tmp_path / "方案.doc", PLAN, chrome=False))
    assert source.format == "html"
    assert [p.text for p in source.paragraphs] == PLAN


def test_word_web_page_saved_as_doc(tmp_path: Path) -> None:
    # Word's "save as web page": list labels as text followed by a spacer, GB2312, .doc name.
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>方案</title>'
        "<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=ZH-CN>"
        "<div class=WordSection1><p class=MsoNormal align=center>襄阳市法治社会建设实施方案</p>"
        "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
        "<span>一、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>"
        "<![endif]><span>总体要求<o:p></o:p></span></p>"
        "<p class=MsoNormal><span>（一）指导思想。坚持党的领导。</span></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p></div></body></html>"
    )
    path = tmp_path / "方案.doc"
    path.write_bytes(page.encode("gbk"))
    assert texts(path) == [
        "襄阳市法治社会建设实施方案",
        "一、总体要求",
        "（一）指导思想。坚持党的领导。",
    ]


# --- pdf -----------------------------------------------------------------------------------


def test_pdf_text_reflowed_into_paragraphs(tmp_path: Path) -> None:
    import pdfplumber

    plan = [*PLAN[:5], LONG, *PLAN[5:]]
    path = write_pdf(tmp_path / "plan.pdf", plan)
    with pdfplumber.open(path) as pdf:
        page_text = "\n".join(page.extract_text() for page in pdf.pages)
    assert page_text.count("\n") >= len(plan) + 3  # the long paragraph really wraps
    source = read_source(path)
    assert source.format == "pdf"
    assert [p.text for p in source.paragraphs] == plan  # and no page number "- 1 -"
    assert [p.line for p in source.paragraphs] == list(range(1, len(plan) + 1))


def test_pdf_of_a_whole_sample_plan_over_several_pages(tmp_path: Path) -> None:
    # Running header and page numbers on every page, paragraphs across page breaks,
    # run-together measures ("…。2.深化…"), "(2020—2025年)" pushed whole to the next line.
    plan = sample("hubei-province")
    assert texts(write_pdf(tmp_path / "hubei.pdf", plan, header="湖北省人民政府办公厅")) == plan


def test_pdf_without_first_line_indent(tmp_path: Path) -> None:
    plan = [*PLAN[:5], LONG, *PLAN[5:]]
    assert texts(write_pdf(tmp_path / "plan.pdf", plan, first_line_indent=False)) == plan


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    path = write_image_pdf(tmp_path / "scan.pdf")
    assert problem(path) == "has no text layer (a scanned PDF?); run OCR first or use the .docx"


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "plan.pdf", PLAN, user_password="secret")
    assert "password-protected" in problem(path)


@pytest.mark.parametrize("cut", [0.3, 0.0])
def test_corrupt_pdf_is_refused(tmp_path: Path, cut: float) -> None:
    good = write_pdf(tmp_path / "good.pdf", PLAN).read_bytes()
    path = tmp_path / "plan.pdf"
    path.write_bytes(good[: int(len(good) * cut)] if cut else b"%PDF-1.7\n\x00garbage\xff" * 40)
    assert "not a valid PDF" in problem(path) or "no text layer" in problem(path)


def test_pdf_whose_fonts_have_no_unicode_map_is_refused(tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "good.pdf", PLAN).read_bytes()
    assert b"/Registry (Adobe)" in good
    path = tmp_path / "plan.pdf"
    path.write_bytes(good.replace(b"/Registry (Adobe)", b"/Registry (Adobx)"))
    assert "without a Unicode map" in problem(path)


def test_docx_numbering_through_a_list_style(tmp_path: Path) -> None:
    # Word's "list style" indirection: w:numStyleLink → numbering style → w:num → w:styleLink.
    numbering = """
    <w:abstractNum w:abstractNumId="81"><w:numStyleLink w:val="PlanList"/></w:abstractNum>
    <w:abstractNum w:abstractNumId="82"><w:styleLink w:val="PlanList"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
        <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
        <w:lvlText w:val="（%2）"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="81"><w:abstractNumId w:val="81"/></w:num>
    <w:num w:numId="82"><w:abstractNumId w:val="82"/></w:num>
    """
    styles = """
    <w:style w:type="numbering" w:styleId="PlanList"><w:name w:val="Plan List"/>
      <w:pPr><w:numPr><w:numId w:val="82"/></w:numPr></w:pPr></w:style>
    """
    body = "".join(
        [
            _p("总体要求", num="81", ilvl=0),
            _p("指导思想", num="81", ilvl=1),
            _p("主要目标", num="81", ilvl=1),
            _p("主要任务", num="81", ilvl=0),
            _p("维护宪法权威", num="81", ilvl=1),
        ]
    )
    path = write_docx_xml(tmp_path / "plan.docx", body, numbering, styles)
    assert texts(path) == [
        "一、总体要求",
        "（一）指导思想",
        "（二）主要目标",
        "二、主要任务",
        "（一）维护宪法权威",
    ]


# --- what office suites write (see also test_office.py) ---------------------------------------


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
