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
)
from wordml import paragraph as _p

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
