"""The Word 对照表 of a pair and of a chain, read as the office director would: page set-up and
footer fields, the title block without file paths, the 综述, section rows, the parent's own
numbers, owner columns, the child text with its additions marked, the 说明 in sentences,
document properties (zh-CN, title, author, SOURCE_DATE_EPOCH) and stable bytes; and a real
conversion to PDF with LibreOffice whose pages hold the plans' text and the page numbers."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from golden.regen import chain_result, small_result
from printed import column_text, first_page_png, to_pdf

from duizhao.compare.result import Comparison
from duizhao.reports.chain.docx import chain_docx_bytes
from duizhao.reports.pair.docx import docx_bytes
from duizhao.reports.pair.views import table_rows

EXAMPLES = Path(__file__).resolve().parents[1] / "reports" / "examples"


@pytest.fixture(scope="module")
def small() -> Comparison:
    return small_result()


@pytest.fixture(scope="module")
def document(small: Comparison) -> bytes:
    return docx_bytes(small)


def parts_of(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode() for n in z.namelist() if n.endswith((".xml", ".rels"))}


def main_table(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data)).tables[-1]


def spans_all(row) -> bool:
    return len({id(c._tc) for c in row.cells}) == 1


def test_page_is_a4_landscape_with_page_x_of_y_fields_in_the_footer(document: bytes) -> None:
    xml = parts_of(document)
    body = xml["word/document.xml"]
    assert re.search(r'<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>', body)
    footer = next(text for name, text in xml.items() if name.startswith("word/footer"))
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer)
    assert [i.strip() for i in instructions] == ["PAGE", "NUMPAGES"]
    assert footer.count('w:fldCharType="begin"') == 2
    words = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
    assert words.startswith("第 ") and " 页 共 " in words and words.endswith(" 页")
    assert "<w:tblHeader" in body


def test_no_file_path_anywhere_and_the_plans_named_by_title(small, document) -> None:
    for name, text in parts_of(document).items():
        assert "small-parent" not in text and "small-child" not in text, name
        assert ".txt" not in text, name
    from docx import Document

    doc = Document(io.BytesIO(document))
    block = doc.tables[0]
    assert [c.text for c in block.rows[0].cells] == [
        "上级方案", f"《{small.parent.title}》", "浙江省，省级，2023—2025"]  # fmt: skip
    assert block.rows[1].cells[2].text == "临江区，区县级，2023—2025，征求意见稿"
    heading = doc.paragraphs[0].text
    assert heading == f"《{small.child.title}》与《{small.parent.title}》对照表"
    assert doc.sections[0].header.paragraphs[0].text == heading


def test_overview_says_the_counts_in_plain_chinese(small, document) -> None:
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(document)).paragraphs)
    s = small.summary
    assert (f"综述：上级方案共 {s.parent_measures} 条措施，本级方案落实 {s.carried} 条、部分落实 "
            f"{s.partial} 条、未落实 {s.dropped} 条（第5条 加强重点领域立法）") in text  # fmt: skip
    assert f"新增 {s.added} 条（第（三）项 打造“临江有礼·办事不求人”服务品牌）" in text
    assert f"本级方案共 {s.child_measures} 条措施" in text


def test_section_rows_numbers_and_columns(small, document) -> None:
    table = main_table(document)
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "上级方案", "本级方案", "责任单位", "对照情况", "说明"]  # fmt: skip
    sections = [r.cells[0].text for r in table.rows[1:] if spans_all(r)]
    headings = list(dict.fromkeys(h for p in small.parent_measures for h in p.measure.path))
    assert sections == headings
    assert sections[:2] == ["一、依法全面履行政府职能", "（一）深化行政审批制度改革"]
    rows = [r for r in table.rows[1:] if not spans_all(r)]
    assert len(rows) == len(table_rows(small))
    numbers = [r.cells[0].text for r in rows if r.cells[0].text != "—"]
    assert numbers == [p.measure.label.rstrip(".") for p in small.parent_measures]
    # every measure sits below the heading row of its own section
    current: list[str] = []
    for r in table.rows[1:]:
        if spans_all(r):
            current.append(r.cells[0].text)
        elif r.cells[0].text != "—":
            p = next(
                p for p in small.parent_measures if p.measure.label.rstrip(".") == r.cells[0].text
            )
            assert current[-1] == p.measure.path[-1]


def test_owner_column_holds_both_plans_units(document) -> None:
    rows = [r for r in main_table(document).rows[1:] if not spans_all(r)]
    first = rows[0].cells[3].text
    assert "上级：牵头 省司法厅；参加 省发展改革委、省市场监管局" in first
    assert "本级：责任 区司法局；参加 区发展改革局、区市场监管局" in first


def test_child_cell_is_the_child_text_with_its_additions_marked(small, document) -> None:
    from docx import Document

    rows = [r for r in Document(io.BytesIO(document)).tables[-1].rows[1:] if not spans_all(r)]
    by_number = {r.cells[0].text: r for r in rows}
    carried = by_number["1"]
    child = next(c for c in small.child_measures if c.measure.label == "（一）")
    assert carried.cells[2].text == child.measure.text  # the child's own text, nothing struck
    assert carried.cells[5].text == "全文沿用。"
    changed = by_number["2"]
    underlined = "".join(r.text for p in changed.cells[2].paragraphs for r in p.runs if r.underline)
    assert "在各街道便民服务中心设立" in underlined
    notes = changed.cells[5].text
    assert re.search(r"删去“.+?”等 \d+ 处，新增“.+?”等 \d+ 处。", notes), notes
    assert "责任单位由省政务服务办调整为区政务服务中心。" in notes  # owner_words says it
    assert "由上级第4条、第3条合并。" in by_number["4"].cells[5].text
    xml = parts_of(document)["word/document.xml"]
    assert "<w:del " not in xml and "<w:ins " not in xml


def test_redline_switch_gives_word_revisions(small) -> None:
    xml = parts_of(docx_bytes(small, redline=True))["word/document.xml"]
    assert '<w:ins w:id="' in xml and '<w:del w:id="' in xml
    assert 'w:author="duizhao"' in xml
    ids = re.findall(r'<w:(?:ins|del) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids))


def test_a_waivers_reason_is_the_note_of_the_dropped_measure(small) -> None:
    dropped = next(p for p in small.parent_measures if p.status == "dropped")
    data = docx_bytes(small, reasons={dropped.measure.id: "区级无立法权"})
    rows = [r for r in main_table(data).rows[1:] if not spans_all(r)]
    row = next(r for r in rows if r.cells[0].text == dropped.measure.label.rstrip("."))
    assert row.cells[5].text == "未落实原因：区级无立法权。"
    assert row.cells[4].text == "未落实" and not row.cells[2].text


def test_properties_language_and_dates(small, document, monkeypatch) -> None:
    xml = parts_of(document)
    core = xml["docProps/core.xml"]
    assert "<dc:language>zh-CN</dc:language>" in core
    assert f"<dc:title>《{small.child.title}》与《{small.parent.title}》对照表</dc:title>" in core
    assert "<dc:creator>duizhao</dc:creator>" in core
    assert "python-docx" not in "".join(xml.values())
    assert 'w:val="zh-CN"' in xml["word/styles.xml"]
    assert 'w:eastAsia="仿宋"' in xml["word/styles.xml"]
    assert document == docx_bytes(small_result())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    dated = docx_bytes(small)
    assert "2026-01-01T00:00:00Z" in parts_of(dated)["docProps/core.xml"]
    assert dated == docx_bytes(small) != document


def test_english_on_request(small) -> None:
    from docx import Document

    doc = Document(io.BytesIO(docx_bytes(small, lang="en")))
    assert [c.text for c in doc.tables[-1].rows[0].cells][:3] == ["No.", "parent", "child"]
    assert (
        "<dc:language>en-US</dc:language>"
        in parts_of(docx_bytes(small, lang="en"))["docProps/core.xml"]
    )


# ── chain ───────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def chain():
    return chain_result()


def test_chain_has_a_column_per_level_and_a_row_per_top_measure(chain) -> None:
    data = chain_docx_bytes(chain)
    table = main_table(data)
    assert [c.text for c in table.rows[0].cells] == ["序号", "湖北省", "襄阳市", "高新区", "说明"]
    rows = [r for r in table.rows[1:] if not spans_all(r)]
    tops = [r for r in rows if r.cells[0].text != "—"]
    assert len(tops) == len(chain.trace)
    assert [r.cells[0].text for r in tops] == [t.label for t in chain.trace]
    lost = [t for t in chain.trace if t.lost_at is not None]
    notes = [r.cells[-1].text for r in tops]
    assert sum("在襄阳市未落实" in n for n in notes) == sum(t.lost_at == 1 for t in lost)
    assert sum("在高新区恢复" in n for n in notes) == sum(t.restored_at == 2 for t in lost)
    assert [r.cells[2].text.split("\n")[0] for r in tops][:2] == ["落实", "落实"]
    added = [r for r in rows if r.cells[0].text == "—"]
    assert added and all(r.cells[-1].text == "高新区新增。" for r in added)
    assert all("关心关爱未成年人" in r.cells[3].text for r in added)
    assert [r.cells[0].text for r in table.rows[1:] if spans_all(r)] == ["一、主要任务"]


def test_chain_page_set_up_and_properties(chain) -> None:
    xml = parts_of(chain_docx_bytes(chain))
    assert 'w:orient="landscape"' in xml["word/document.xml"]
    footer = next(text for name, text in xml.items() if name.startswith("word/footer"))
    assert "NUMPAGES" in footer and "PAGE" in footer
    assert "<dc:language>zh-CN</dc:language>" in xml["docProps/core.xml"]
    assert "逐级落实对照表" in xml["docProps/core.xml"]
    for name, text in xml.items():
        assert "province.txt" not in text and "district.txt" not in text, name
    assert chain_docx_bytes(chain) == chain_docx_bytes(chain_result())


# ── printed ─────────────────────────────────────────────────────────────────────────────────


@pytest.mark.slow
def test_libreoffice_prints_the_pair_with_page_numbers(document: bytes, small, tmp_path) -> None:
    import pdfplumber

    pdf_path = to_pdf(document, "对照表.docx", tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        pages = len(pdf.pages)
        assert all(p.width > p.height for p in pdf.pages)  # landscape
        texts = [p.extract_text() or "" for p in pdf.pages]
    for n, text in enumerate(texts, 1):
        assert re.search(rf"第\s*{n}\s*页\s*共\s*{pages}\s*页", text), n
    parent, child = (
        column_text(pdf_path, "上级方案", "本级方案"),
        column_text(pdf_path, "本级方案", "责任单位"),
    )
    for p in small.parent_measures:
        assert re.sub(r"\s+", "", p.measure.text) in parent, p.measure.label
    for c in small.child_measures:
        assert re.sub(r"\s+", "", c.measure.text) in child, c.measure.label
    first_page_png(pdf_path, EXAMPLES / "dui-zhao-biao.png")


@pytest.mark.slow
def test_libreoffice_prints_the_chain_with_every_level(chain, tmp_path) -> None:
    import pdfplumber

    pdf_path = to_pdf(chain_docx_bytes(chain), "逐级.docx", tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    for needle in ("湖北省", "襄阳市", "高新区", "逐级落实对照表", "关心关爱未成年人"):
        assert needle in text, needle
    first_page_png(pdf_path, EXAMPLES / "chain-dui-zhao-biao.png")


def test_compare_gives_the_waivers_reason_and_revisions_on_request(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from duizhao.cli.app import app

    example = Path(__file__).resolve().parent / "data" / "check-example"
    monkeypatch.chdir(example)  # its duizhao.toml waives 6. with a reason
    out = tmp_path / "对照表.docx"
    runner = CliRunner()
    args = ["compare", "hubei-province.txt", "gaoxin-district-draft.txt", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    rows = [r for r in main_table(out.read_bytes()).rows[1:] if not spans_all(r)]
    assert rows[5].cells[0].text == "6"
    assert rows[5].cells[5].text == "未落实原因：区级无立法权：地方立法由省、设区的市承担。"
    assert "<w:del " not in parts_of(out.read_bytes())["word/document.xml"]
    assert runner.invoke(app, [*args, "--redline"]).exit_code == 0
    assert "<w:del " in parts_of(out.read_bytes())["word/document.xml"]
    missing = runner.invoke(app, [*args, "--config", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2 and "none.toml" in missing.output


def test_owner_column_gives_deadlines_where_the_plans_have_them(small) -> None:
    import dataclasses

    first = small.parent_measures[0]
    timed = dataclasses.replace(first, measure=dataclasses.replace(first.measure,
                                                                   deadline="2025年底前"))  # fmt: skip
    result = dataclasses.replace(small, parent_measures=(timed, *small.parent_measures[1:]))
    rows = [r for r in main_table(docx_bytes(result)).rows[1:] if not spans_all(r)]
    assert "上级完成时限：2025年底前" in rows[0].cells[3].text
    assert "完成时限" not in rows[1].cells[3].text


def test_a_chain_is_written_as_its_word_table_from_the_command_line(tmp_path) -> None:
    from typer.testing import CliRunner

    from duizhao.cli.app import app
    from duizhao.corpus.samples import sample_path

    out = tmp_path / "逐级.docx"
    files = [str(sample_path(n)) for n in ("hubei", "gaoxin", "yaohai")]
    assert CliRunner().invoke(app, ["compare", *files, "-o", str(out)]).exit_code == 0
    table = main_table(out.read_bytes())
    assert [c.text for c in table.rows[0].cells] == ["序号", "湖北省", "高新区", "瑶海区", "说明"]
    xml = "".join(parts_of(out.read_bytes()).values())
    assert "hubei-province.txt" not in xml and "《湖北省法治社会建设实施方案》" in xml
