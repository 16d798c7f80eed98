"""Every view tells the same story: each format's counts agree with the JSON summary, for the
bundled sample and for the hand-made pair that shows every status and flag, in both languages."""

from __future__ import annotations

import io
import json
import re

import pytest
from golden.regen import sample_result, small_result

from duizhao.compare.result import Comparison
from duizhao.reports.common.i18n import word
from duizhao.reports.pair.views import table_rows
from duizhao.reports.render import BINARY, Format, formats_for, render

CASES = {"sample": sample_result, "small": small_result}
KEYS = ("carried", "partial", "dropped", "inherited", "modified", "added",
        "moved", "merged", "split", "owners_changed")  # fmt: skip


@pytest.fixture(scope="module", params=sorted(CASES))
def result(request) -> Comparison:
    return CASES[request.param]()


def summary(result: Comparison) -> dict[str, int]:
    return json.loads(render(result, Format.JSON))["summary"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_renders_in_both_languages(result: Comparison, lang: str) -> None:
    for fmt in formats_for(Comparison):
        out = render(result, fmt, lang=lang, show_all=True)
        assert isinstance(out, bytes if fmt in BINARY else str) and out
        assert out == render(result, fmt, lang=lang, show_all=True), f"{fmt} is not stable"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_headings_count_what_the_summary_counts(result: Comparison, lang: str) -> None:
    text = render(result, Format.MARKDOWN, lang=lang)
    s = summary(result)
    for key in ("dropped", "partial", "added", "modified"):
        assert f"## {word(key, lang)} ({s[key]})\n" in text
    for key in ("moved", "merged", "split", "owners_changed"):
        assert f"### {word(key, lang)} ({s[key]})\n" in text
    # every partial measure is listed under its heading, by name
    part = text.split(f"## {word('partial', lang)} ")[1].split("\n## ")[0]
    assert part.count("\n### ") == s["partial"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_summary_and_tables_agree(result: Comparison, lang: str) -> None:
    text = render(result, Format.TERMINAL, lang=lang, show_all=True, width=160)
    s = summary(result)
    for key in KEYS:
        assert re.search(rf"{re.escape(word(key, lang))} {s[key]} \(", text), key
    for key in ("dropped", "partial", "added"):
        if s[key]:
            assert f"{word(key, lang)} ({s[key]})" in text


def test_html_filter_buttons_count_measures_as_the_summary(result: Comparison) -> None:
    page = render(result, Format.HTML)
    s = summary(result)
    for key in KEYS:
        found = re.search(rf'data-filter="{key}"[^>]*>[^<]*<span class="count">(\d+)<', page)
        assert found and int(found[1]) == s[key], key
    assert '<html lang="zh-CN">' in page
    assert '<html lang="en">' in render(result, Format.HTML, lang="en")


def test_xlsx_summary_sheet_and_rows_agree(result: Comparison) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(result, Format.XLSX)))
    assert book.sheetnames == ["对照表", "汇总", "图例"]
    s = summary(result)
    counts = {r[0]: r[2] for r in book["汇总"].iter_rows(values_only=True) if r[0]}
    for key in KEYS:
        assert counts[word(key)] == s[key], key
    table = book["对照表"]
    assert table.freeze_panes == "B2"
    rows = [r for r in table.iter_rows(min_row=2, values_only=True) if r[6] or r[7]]
    parent_ids = [r[6] for r in rows if r[6]]
    assert parent_ids == [p.measure.id for p in result.parent_measures]
    child_ids = [c for r in rows for c in (r[7] or "").split()]
    assert sorted(child_ids) == sorted(c.measure.id for c in result.child_measures)
    findings = [r[4] for r in rows]
    assert sum(word("dropped") in f.split("、") for f in findings) == s["dropped"]


def test_docx_has_a_row_per_parent_measure_and_the_summary(result: Comparison) -> None:
    from docx import Document

    doc = Document(io.BytesIO(render(result, Format.DOCX)))
    s = summary(result)
    overview = next(p.text for p in doc.paragraphs if p.text.startswith("综述："))
    assert f"未落实 {s['dropped']} 条" in overview and f"新增 {s['added']} 条" in overview
    main = doc.tables[-1]
    body = [r for r in main.rows[1:] if len({id(c._tc) for c in r.cells}) > 1]
    assert len(body) == len(table_rows(result))
    filled = [row for row in body if row.cells[1].text]
    assert len(filled) == s["parent_measures"]
    assert sum(1 for row in body if not row.cells[1].text) == s["added"]
    dropped = [row for row in body if row.cells[4].text == word("dropped")]
    assert len(dropped) == s["dropped"] and all(not row.cells[2].text for row in dropped)


def docx_lines(result: Comparison, lang: str) -> list[list[str]]:
    """The Word table's body: [heading] for a section row, else the six cells."""
    from docx import Document

    table = Document(io.BytesIO(render(result, Format.DOCX, lang=lang))).tables[-1]
    out = []
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        out.append(cells[:1] if len({id(c._tc) for c in row.cells}) == 1 else cells)
    return out


def xlsx_lines(result: Comparison, lang: str) -> list[list[str]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(render(result, Format.XLSX, lang=lang))).worksheets[0]
    out = []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        cells = [v or "" for v in row]
        out.append(cells[:1] if not any(cells[1:]) else cells)
    return out


def csv_rows(result: Comparison, lang: str) -> list[dict[str, str]]:
    import csv

    text = render(result, Format.CSV, lang="en" if lang == "en" else lang).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def markdown_lines(result: Comparison, lang: str) -> list[list[str]]:
    from duizhao.reports.common.i18n import gettext_for

    text = render(result, Format.MARKDOWN, lang=lang)
    part = text.split(f"## {gettext_for(lang)('Comparison table')}\n")[1].split("\n## ")[0]
    rows = [line for line in part.splitlines() if line.startswith("| ")][2:]
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in rows]
    return [c[1:2] if not c[0] else c for c in cells]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_view_has_the_same_rows_findings_and_notes(result: Comparison, lang: str) -> None:
    """The 对照表 rows (headings and measures, in order), each row's 序号 and 对照情况, and its
    说明 sentences are the same in docx, xlsx, csv, markdown and HTML."""
    from bs4 import BeautifulSoup

    docx, xlsx = docx_lines(result, lang), xlsx_lines(result, lang)
    assert [r[:6] for r in xlsx] == docx
    headings = [r[0] for r in docx if len(r) == 1]
    measures = [r for r in docx if len(r) > 1]
    assert len(measures) == len(table_rows(result))
    csv = csv_rows(result, lang)
    number = "number" if lang == "en" else "序号"
    assert [r[number] for r in csv] == [r[0] for r in measures]
    finding = "finding" if lang == "en" else "对照情况"
    assert [r[finding] for r in csv] == [r[4] for r in measures]
    notes = "notes" if lang == "en" else "说明"
    assert [r[notes] for r in csv] == [r[5] for r in measures]
    md = markdown_lines(result, lang)
    assert [r[0] for r in md if len(r) == 1] == headings
    md_measures = [r for r in md if len(r) > 1]
    assert [(r[0], r[3]) for r in md_measures] == [(r[0], r[4]) for r in measures]
    assert [r[5].replace("<br>", "\n") for r in md_measures] == [r[5] for r in measures]
    soup = BeautifulSoup(render(result, Format.HTML, lang=lang), "html.parser")
    assert [th.get_text() for th in soup.select("table.sxs tr.section th")] == headings
    html_rows = soup.select("table.sxs tbody tr[data-status]")
    assert [tr.select_one("td.no").get_text() for tr in html_rows] == [r[0] for r in measures]
    assert ["\n".join(p.get_text() for p in tr.select("td.notes p")) for tr in html_rows] == [
        r[5] for r in measures]  # fmt: skip
    ids = [(r["parent_id"] if lang == "en" else r["上级方案编号"]) for r in csv]
    assert ids == [r[6] for r in xlsx if len(r) > 1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_and_html_headings_count_the_entries_under_them(result, lang) -> None:
    from bs4 import BeautifulSoup

    text = render(result, Format.MARKDOWN, lang=lang)
    for part in text.split("\n## ")[1:]:
        head = re.match(r"(.+) \((\d+)\)\n", part)
        if head and "\n### " in part:
            assert part.count("\n### ") == int(head[2]), head[1]
    s = summary(result)
    reassigned = text.split(f"\n## {word('reassigned', lang)}\n")[1].split("\n## ")[0]
    blocks = dict(re.findall(r"### (.+?) \(\d+\)\n\n(.*?)(?=\n### |\Z)", reassigned, re.S))

    def entries(block: str) -> int:
        rows = [x for x in block.splitlines() if x.startswith("| ")][2:]
        return len(rows) + block.count("\n- ") + block.startswith("- ") + block.count("\n  - ")

    for key in ("moved", "merged", "owners_changed"):
        assert entries(blocks[word(key, lang)]) == s[key], key
    split = blocks[word("split", lang)]
    assert split.count("\n  - ") == s["split"]
    soup = BeautifulSoup(render(result, Format.HTML, lang=lang), "html.parser")
    for key in ("dropped", "partial", "added", "modified"):
        section = soup.select_one(f"section#{key}")
        assert section.h2.get_text() == f"{word(key, lang)} ({s[key]})"
        assert len(section.select(".entry")) == s[key], key
    moved = soup.select_one("section#reassigned")
    assert len(moved.select("li.entry")) == s["moved"] + s["merged"] + s["split"] + s[
        "owners_changed"]  # fmt: skip


def test_shares_are_per_cents_everywhere(result: Comparison) -> None:
    text = render(result, Format.MARKDOWN)
    body = text.split("<details>")[0]  # the thresholds below are settings, not shares
    assert not re.search(r"(?<![\d.])0\.\d{2}(?!\d)", body)
    page = render(result, Format.HTML)
    assert not re.search(r"(?<![\d.])0\.\d{2}(?!\d)", page.split("<footer>")[0].split("<style>")[0]
                         + page.split("</style>")[1].split("<footer>")[0])  # fmt: skip
    for row in csv_rows(result, "en"):
        assert re.fullmatch(r"(\d{1,3}%)?", row["coverage"]) and re.fullmatch(
            r"(\d{1,3}%)?", row["novelty"])  # fmt: skip


def test_a_waivers_reason_is_said_alike_in_every_view(result: Comparison) -> None:
    from docx import Document
    from openpyxl import load_workbook

    dropped = [p for p in result.parent_measures if p.status == "dropped"]
    assert dropped
    reasons = {dropped[0].measure.id: "区级无立法权"}
    said = "未落实原因：区级无立法权。"
    assert said in render(result, Format.MARKDOWN, reasons=reasons).split("## 对照表")[0]
    assert render(result, Format.MARKDOWN, reasons=reasons).count(said) == 2  # section, table
    page = render(result, Format.HTML, reasons=reasons)
    assert page.count(said) == 2
    assert said in render(result, Format.CSV, reasons=reasons)
    book = load_workbook(io.BytesIO(render(result, Format.XLSX, reasons=reasons)))
    assert any(said == r[5] for r in book.worksheets[0].iter_rows(values_only=True))
    doc = Document(io.BytesIO(render(result, Format.DOCX, reasons=reasons)))
    assert any(row.cells[5].text == said for row in doc.tables[-1].rows[1:])
    assert said not in render(result, Format.MARKDOWN)  # only where a waiver gives it
