"""The xlsx 对照表 of a pair and of a chain, as printed: the Word table's rows and columns,
section rows, ids kept as text, A4 landscape one page wide with the header row repeated, row
heights that show every line, summary and legend each on one page; and a test that prints the
workbook with LibreOffice and finds every measure's whole text on the printed pages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from golden.regen import chain_result, small_result
from printed import column_text, first_page_png, to_pdf

from duizhao.compare.result import Comparison
from duizhao.reports.common.xlsx_print import lines_needed
from duizhao.reports.pair.docx import docx_bytes
from duizhao.reports.pair.xlsx import WIDTHS, xlsx_bytes
from duizhao.reports.render import render

EXAMPLES = Path(__file__).resolve().parents[1] / "reports" / "examples"


@pytest.fixture(scope="module")
def small() -> Comparison:
    return small_result()


@pytest.fixture(scope="module")
def book(small: Comparison):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(xlsx_bytes(small)))


def test_same_rows_and_columns_as_the_word_table(small, book) -> None:
    from docx import Document

    word = Document(io.BytesIO(docx_bytes(small))).tables[-1]
    sheet = book["对照表"]
    cells = [[c.value or "" for c in row[:6]] for row in sheet.iter_rows()]
    assert cells[0] == [c.text for c in word.rows[0].cells]
    assert len(cells) == len(word.rows)
    for row, w in zip(cells[1:], word.rows[1:], strict=True):
        texts = [c.text for c in w.cells]
        if len({id(c._tc) for c in w.cells}) == 1:  # a section row, merged across in both
            assert row[0] == texts[0] and not any(row[1:])
        else:
            assert row == texts


def test_section_rows_are_merged_and_ids_are_text(small, book) -> None:
    sheet = book["对照表"]
    merged = sorted(str(r) for r in sheet.merged_cells.ranges)
    headings = list(dict.fromkeys(h for p in small.parent_measures for h in p.measure.path))
    assert len(merged) == len(headings) and all(re.fullmatch(r"A\d+:F\d+", r) for r in merged)
    ids = [row[6] for row in sheet.iter_rows(min_row=2) if row[6].value]
    assert [c.value for c in ids] == [p.measure.id for p in small.parent_measures]
    assert all(c.data_type == "s" for c in ids)
    numbers = [row[0] for row in sheet.iter_rows(min_row=2) if row[1].value]
    assert all(c.data_type == "s" for c in numbers)


def test_print_set_up(book) -> None:
    sheet = book["对照表"]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    fit = sheet.page_setup  # 1 is the default, which the file leaves out
    assert (fit.fitToWidth or 1, fit.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_area == "'对照表'!$A$1:$F$" + str(sheet.max_row)
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    for name in ("汇总", "图例"):
        other = book[name]
        assert other.page_setup.paperSize == 9
        assert other.sheet_properties.pageSetUpPr.fitToPage
        assert (other.page_setup.fitToWidth or 1, other.page_setup.fitToHeight or 1) == (1, 1)
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row[:6]]
    assert all(c.alignment.wrap_text for c in cells if c.coordinate not in sheet.merged_cells)


def test_every_row_is_tall_enough_for_every_line(book) -> None:
    sheet = book["对照表"]
    for row in sheet.iter_rows(min_row=2):
        height = sheet.row_dimensions[row[0].row].height
        for cell, width in zip(row[:6], WIDTHS, strict=False):
            if cell.value and cell.coordinate not in sheet.merged_cells:
                assert height >= 14 * lines_needed(str(cell.value), width), cell.coordinate


def test_summary_says_shares_in_per_cent(small, book) -> None:
    values = [[c.value for c in row] for row in book["汇总"].iter_rows()]
    s = small.summary
    assert ["未落实", None, s.dropped, f"{s.dropped / s.parent_measures:.0%}"] in values
    assert any(str(v[0]).startswith("综述：上级方案共") for v in values if v[0]) or any(
        str(v[0]).startswith("上级方案共") for v in values if v[0]
    )
    assert not any(".txt" in str(v) for row in values for v in row)


def test_chain_workbook_opens_with_the_chain_table(tmp_path) -> None:
    from openpyxl import load_workbook

    chain = chain_result()
    book = load_workbook(io.BytesIO(render(chain, "xlsx")))
    sheet = book.worksheets[0]
    assert sheet.title == "对照表"
    assert [c.value for c in sheet[1]] == ["序号", "湖北省", "襄阳市", "高新区", "说明", "编号"]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    rows = [r for r in sheet.iter_rows(min_row=2) if r[1].value]
    assert len(rows) == len(chain.trace)
    assert all(r[5].data_type == "s" for r in rows)


@pytest.mark.slow
def test_libreoffice_prints_every_measure_whole(small, tmp_path) -> None:
    import pdfplumber

    pdf_path = to_pdf(xlsx_bytes(small), "对照表.xlsx", tmp_path)
    parent = column_text(pdf_path, "上级方案", "本级方案")
    child = column_text(pdf_path, "本级方案", "责任单位")
    for p in small.parent_measures:
        assert re.sub(r"\s+", "", p.measure.text) in parent, p.measure.label
    for c in small.child_measures:
        assert re.sub(r"\s+", "", c.measure.text) in child, c.measure.label
    with pdfplumber.open(pdf_path) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
        assert all(p.width > p.height for p, t in zip(pdf.pages, texts, strict=True) if "序号" in t)
    summary = [t for t in texts if "综述" in t or "上级方案共" in t]
    legend = [t for t in texts if "灰底行" in t]
    assert len(summary) == 1 and len(legend) == 1  # each on one page
    first_page_png(pdf_path, EXAMPLES / "excel-dui-zhao-biao.png")


def test_text_width_counts_wide_characters_as_unicode_does(small) -> None:
    import unicodedata

    from duizhao.reports.common.xlsx_print import NARROW_PIXELS, WIDE_PIXELS, text_pixels

    texts = [m.text for m in (*small.parent.measures(), *small.child.measures())]
    texts += ["ＡＢ１２（）：；“”—…　한글かなカナ𠀋", "abc 123 ,.;"]
    for text in texts:
        wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
        assert text_pixels(text) == wide * WIDE_PIXELS + (len(text) - wide) * NARROW_PIXELS, text
