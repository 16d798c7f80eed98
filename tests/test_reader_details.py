"""Reader details a drafter sees in `inspect`: a label glued to its title is split, the issuer
does not swallow the date, a converted .doc/.odt says its own format, and the title of a PDF
set in two columns from the top is the plan's title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from readers_fixtures import PDF_FONT, write_docx
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.corpus import load_plan

DATA = Path(__file__).parent / "data" / "pairs"

GLUED = """某省法治社会建设实施方案

一、总体要求

1组织全社会学习宪法。广泛开展宪法宣传教育活动，推动宪法进机关、进乡村。

2推进普法工作。落实普法责任制，加强以案普法。3年内实现全覆盖。

二、主要任务

3加强社会治理。推进社会治理法治化，提升基层治理水平。

4完善公共法律服务。建设覆盖城乡的公共法律服务体系。

中共贵州省委 2021年4月17日
"""


def inspect_json(path: Path) -> dict:
    result = CliRunner().invoke(app, ["inspect", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_label_glued_to_its_title_is_split(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(GLUED, encoding="utf-8")
    plan = load_plan(path)
    measures = plan.measures()
    assert [m.label for m in measures] == ["1", "2", "3", "4"]
    assert [m.title for m in measures] == ["组织全社会学习宪法", "推进普法工作", "加强社会治理",
                                           "完善公共法律服务"]  # fmt: skip
    assert "3年内实现全覆盖" in measures[1].body, "a quantity is not a label"
    assert measures[0].name == "1 组织全社会学习宪法"
    tree = CliRunner().invoke(app, ["inspect", str(path), "--lang", "en"]).stdout
    assert "1 组织全社会学习宪法" in tree


@pytest.mark.parametrize("line", ["3年内实现全覆盖。", "10项任务全部完成。", "95后青年积极参与。"])
def test_a_quantity_at_a_line_start_is_no_label(line: str) -> None:
    from duizhao.corpus.numbering import match_label

    assert match_label(line) is None


def test_the_issuer_does_not_swallow_the_date(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(GLUED, encoding="utf-8")
    data = inspect_json(path)
    assert data["issuer"] == "中共贵州省委"
    assert data["date"] == "2021年4月17日"
    assert all("2021年4月17日" not in m["text"] for m in _measures(data["tree"]))


def _measures(nodes: list[dict]) -> list[dict]:
    out = []
    for n in nodes:
        out += [n] if n["is_measure"] else _measures(n["children"])
    return out


@pytest.mark.parametrize("kind", ["doc", "odt"])
def test_a_converted_file_says_its_own_format(tmp_path: Path, monkeypatch, kind: str) -> None:
    from duizhao.corpus.readers import office

    blocks = [line for line in (DATA / "small-child.txt").read_text("utf-8").splitlines() if line]
    docx = write_docx(tmp_path / "plan.docx", blocks).read_bytes()
    monkeypatch.setattr(office, "_convert", lambda name, data, kind, binary: docx)
    monkeypatch.setattr(office, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(office, "soffice_version", lambda binary: "LibreOffice 7.4")
    path = tmp_path / f"plan.{kind}"
    if kind == "doc":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
                         + bytes(600))  # fmt: skip
    else:
        path.write_bytes(b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument"
                         b".text" + bytes(600))  # fmt: skip
    assert inspect_json(path)["format"] == kind
    shown = CliRunner().invoke(app, ["inspect", str(path), "--lang", "en"]).stdout
    assert f"format        {kind}" in shown


def two_column_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF set in two columns from the top of the first page, its title (large, wrapped in
    the narrow column) at the head of the left column, as some gazettes print plans."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    body = ParagraphStyle("b", fontName=PDF_FONT, fontSize=10.5, leading=16,
                          firstLineIndent=21, wordWrap="CJK")  # fmt: skip
    title = ParagraphStyle("t", fontName=PDF_FONT, fontSize=18, leading=26, alignment=1,
                           wordWrap="CJK")  # fmt: skip
    width, height = A4
    column = (width - 40 * mm) / 2 - 4 * mm
    frames = [Frame(20 * mm, 20 * mm, column, height - 40 * mm, id="left"),
              Frame(width / 2 + 4 * mm, 20 * mm, column, height - 40 * mm, id="right")]  # fmt: skip
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate("columns", frames)])
    doc.build([Paragraph(lines[0], title), Paragraph(lines[1], title)]
              + [Paragraph(text, body) for text in lines[2:]])  # fmt: skip
    return path


def test_a_two_column_pdf_has_the_plan_s_title(tmp_path: Path) -> None:
    lines = [line for line in (DATA / "small-child.txt").read_text("utf-8").splitlines() if line]
    plan = load_plan(two_column_pdf(tmp_path / "plan.pdf", lines))
    assert plan.title == "临江区推进法治政府建设实施方案"
    assert plan.period == "2023—2025" and plan.draft
    assert len(plan.measures()) == 11
