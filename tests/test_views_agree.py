"""Every view tells the same story: each format's counts agree with the JSON summary, for the
bundled sample and for the hand-made pair that shows every status and flag, in both languages."""

from __future__ import annotations

import io
import json
import re

import pytest
from golden.regen import sample_result, small_result

from duizhao.compare.result import Comparison
from duizhao.reports.i18n import word
from duizhao.reports.render import BINARY, Format, formats_for, render
from duizhao.reports.views import table_rows

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


def test_csv_has_a_row_per_link_and_unlinked_measure(result: Comparison) -> None:
    text = render(result, Format.CSV)
    assert text.startswith("\ufeff")
    linked_p = {k.parent for k in result.links}
    linked_c = {k.child for k in result.links}
    unlinked = sum(p.measure.id not in linked_p for p in result.parent_measures)
    unlinked += sum(c.measure.id not in linked_c for c in result.child_measures)
    import csv

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) - 1 == len(result.links) + unlinked
