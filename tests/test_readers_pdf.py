"""Reading PDF plans: reflowed paragraphs, page furniture dropped, scans and broken files refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_fixtures import write_image_pdf, write_pdf
from test_readers import LONG, PLAN, problem, sample, texts

from duizhao.corpus.readers import read_source


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


def test_scanned_pdf_without_text_is_refused(tmp_path: Path) -> None:
    # Pages that are pictures go to OCR (tests/test_ocr.py); bars with no letters give nothing.
    from duizhao.corpus.readers.ocr import engines

    path = write_image_pdf(tmp_path / "scan.pdf")
    if engines.available(engines.engine_name()):
        assert problem(path) == "is a scanned PDF (no text layer), and OCR found no text in it"
    else:
        assert "is a scanned PDF (no text layer): reading it needs OCR" in problem(path)


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


def test_single_column_page_with_a_gap_in_a_few_lines_is_not_two_columns(tmp_path: Path) -> None:
    """A signature line with a wide gap (联系人 … 电话) must not reorder a one-column page."""
    from readers_fixtures import PDF_FONT
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    path = tmp_path / "one.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(PDF_FONT, 12)
    y = 780
    lines = [("一、总体要求", None), ("联系人：张三", "联系电话：12345678")]
    lines += [
        (f"（{n}）第{n}项措施。坚持依法行政，推进法治政府建设。", None) for n in "一二三四五六七八"
    ]
    for left, right in lines:
        c.drawString(80, y, left)
        if right:
            c.drawString(380, y, right)
        y -= 24
    c.save()
    got = texts(path)
    assert got[0] == "一、总体要求"
    assert got[1].startswith("联系人：张三") and "12345678" in got[1]
    assert got[2].startswith("（一）第一项措施")
