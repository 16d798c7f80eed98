"""Chain, matrix, scan and inspect reports: goldens in both languages, the measures each count
names, text and evidence in the chain's HTML and xlsx, files not read and duplicates in scan,
deadlines and reviewers' comments in inspect."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from golden import regen
from openpyxl import load_workbook

from duizhao.corpus.folder_files import Duplicate, Skipped
from duizhao.corpus.model import Comment, Revisions
from duizhao.corpus.samples import load_sample
from duizhao.corpus.scan import Index
from duizhao.reports.chain.views import added_measures, level_header, traced
from duizhao.reports.common.i18n import word
from duizhao.reports.render import Format, render

GOLDEN = Path(__file__).resolve().parent / "golden"
HINT = "if intended: .venv/bin/python tests/golden/regen.py chain matrix scan inspect"


@pytest.fixture(scope="module")
def chain():
    return regen.chain_result()


@pytest.mark.parametrize("name", sorted(regen.VIEWS))
def test_every_view_matches_its_golden(name: str) -> None:
    for suffix, text in regen.VIEWS[name]().items():
        golden = GOLDEN / f"{name}.{suffix}"
        assert golden.exists(), f"{golden.name} missing: {HINT}"
        assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs: {HINT}"


# ── chain ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chain_markdown_names_what_it_counts(chain, lang: str) -> None:
    text = render(chain, Format.MARKDOWN, lang=lang)
    lost = [t for t in chain.trace if t.lost_at is not None]
    heading = "中途未落实与恢复" if lang == "zh" else "Lost and restored"
    part = text.split(f"## {heading} ({len(lost)})\n")[1].split("\n## ")[0]
    assert part.count("\n- ") == len(lost) == 3
    for t in lost:
        assert chain.plans[0].node(t.measure).name in part
    added = added_measures(chain)
    assert [len(v) for v in added.values()] == [0, 1]
    assert "（十一）关心关爱未成年人" in text.split("## ")[-2]  # named under the added counts
    trace = text.split("\n## ")[-1].splitlines()[4:]  # the trace table's body rows
    assert len(trace) == len(chain.trace)
    statuses = {word(s, lang) for s in ("carried", "partial", "dropped")}
    for row, t in zip(trace, chain.trace, strict=True):
        cells = [c.strip() for c in row.strip("| ").split(" | ")]
        found = [c.split(" ")[0] for c in cells[2 : 2 + len(t.levels)]]
        assert found == [word(lv.status, lang) for lv in t.levels] and set(found) <= statuses


def test_chain_terminal_lists_lost_measures_and_added_ones_in_both_languages(chain) -> None:
    zh = render(chain, Format.TERMINAL, width=160)
    en = render(chain, Format.TERMINAL, width=160, lang="en")
    assert "逐级传递中未落实的措施 (3)" in zh and "lost along the chain (3)" in en
    assert "（十一）关心关爱未成年人" in zh and "（十一）关心关爱未成年人" in en
    assert "未落实" in zh and "dropped" not in zh


def test_chain_html_carries_text_coverage_and_evidence(chain) -> None:
    soup = BeautifulSoup(render(chain, Format.HTML), "html.parser")
    assert soup.html["lang"] == "zh-CN" and not soup.find_all("script")
    measures = traced(chain)
    details = soup.select("details")
    assert len(details) == len(measures)
    for box, t in zip(details, measures, strict=True):
        assert t.measure.text in box.get_text()
        for step in t.steps:
            for node in step.via:
                assert node.text in box.get_text()
    carried = details[0]
    assert "覆盖 100%" in carried.get_text() and carried.select(".evidence")
    restored = next(b for b, t in zip(details, measures, strict=True) if t.restored_at)
    assert "在 2 高新区 恢复" in restored.get_text()
    english = BeautifulSoup(render(chain, Format.HTML, lang="en"), "html.parser")
    assert english.html["lang"] == "en" and "restored at 2 高新区" in english.get_text()


def test_chain_xlsx_has_the_trace_the_measures_with_text_and_the_added(chain) -> None:
    book = load_workbook(io.BytesIO(render(chain, Format.XLSX)))
    assert book.sheetnames == ["对照表", "逐级追踪", "各层级落实情况", "新增措施"]
    _table, trace, measures, added = book.worksheets
    assert trace.max_row == len(chain.trace) + 1 and trace.freeze_panes == "C2"
    rows = list(measures.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(chain.trace) * (len(chain.plans) - 1)
    first = traced(chain)[0]
    assert rows[0][2] == first.measure.text and rows[0][7] == first.steps[0].via[0].text
    assert rows[0][8] == pytest.approx(first.steps[0].coverage) and "⇒" in rows[0][9]
    assert [r[2] for r in added.iter_rows(min_row=2, values_only=True)] == [
        "（十一）关心关爱未成年人"
    ]
    assert render(chain, Format.XLSX) == render(chain, Format.XLSX)
    english = load_workbook(io.BytesIO(render(chain, Format.XLSX, lang="en")))
    assert english.sheetnames == [
        "comparison table", "trace", "measures by level", "added measures"]  # fmt: skip


def test_chain_csv_headers_follow_the_language(chain) -> None:
    zh = render(chain, Format.CSV).lstrip("\ufeff").splitlines()
    en = render(chain, Format.CSV, lang="en").lstrip("\ufeff").splitlines()
    assert zh[0] == f"序号,措施,{level_header(chain, 1)},{level_header(chain, 2)},未落实于,恢复于"
    assert en[0].startswith("label,measure,") and len(zh) == len(en) == len(chain.trace) + 1


# ── matrix ──────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def matrix():
    return regen.sample_matrix()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_matrix_markdown_counts_agree_with_the_json(matrix, lang: str) -> None:
    data = json.loads(render(matrix, Format.JSON))
    text = render(matrix, Format.MARKDOWN, lang=lang)
    head = f"| {'措施' if lang == 'zh' else 'measure'} | {word('carried', lang)} |"
    assert head in text
    for m in data["measures"]:
        row = next(line for line in text.splitlines() if line.startswith(f"| {m['label']}"))
        assert row.split(" | ")[1:4] == [str(m["carried"]), str(m["partial"]), str(m["dropped"])]


def test_heatmap_legend_follows_the_language(matrix) -> None:
    from duizhao.reports.common.i18n import using
    from duizhao.reports.matrix.heatmap import _draw

    for lang, expected in (("zh", ["落实", "部分落实", "未落实"]),
                           ("en", ["carried", "partly carried", "dropped"])):  # fmt: skip
        with using(lang):
            figure = _draw(matrix)
        legend = figure.axes[0].get_legend()
        assert [t.get_text() for t in legend.get_texts()] == expected
        title = figure.axes[0].get_title()
        assert ("各地落实情况" in title) == (lang == "zh")


# ── scan ────────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def index() -> Index:
    return dataclasses.replace(
        regen.sample_index(),
        skipped=(Skipped("scan.jpg", "unsupported format"),),
        duplicates=(Duplicate("a/方案.docx", ("a/方案.pdf",), "docx is preferred to pdf"),),
    )


def test_scan_json_adds_files_not_read_and_duplicates(index) -> None:
    data = json.loads(render(index, Format.JSON))
    assert data["skipped"] == [{"path": "scan.jpg", "reason": "unsupported format"}]
    assert data["duplicates"] == [
        {"chosen": "a/方案.docx", "others": ["a/方案.pdf"], "reason": "docx is preferred to pdf"}
    ]
    plain = json.loads(render(regen.sample_index(), Format.JSON))
    assert plain["skipped"] == plain["duplicates"] == [] and plain["plans"] == data["plans"]


@pytest.mark.parametrize("fmt", [Format.MARKDOWN, Format.TERMINAL])
def test_scan_reports_say_what_was_not_read_and_which_duplicate_was_chosen(index, fmt) -> None:
    zh = render(index, fmt, width=200)
    en = render(index, fmt, width=200, lang="en")
    assert "scan.jpg" in zh and "unsupported format" in zh
    assert "选用 a/方案.docx，未用 a/方案.pdf" in zh and "docx is preferred to pdf" in zh
    assert "a/方案.docx chosen over a/方案.pdf" in en
    assert "方案 3 个，无法读取 1 个，未读取 1 个，重复 1 个" in zh
    assert "3 plan(s), 1 unreadable, 1 not read, 1 found more than once" in en


# ── inspect ─────────────────────────────────────────────────────────────────────────────────


def dated_plan():
    """The Gaoxin sample with a deadline on its first measure and two reviewers' comments."""
    plan = load_sample("gaoxin")
    first = plan.measures()[0]

    def with_deadline(node):
        if node.id == first.id:
            return dataclasses.replace(node, deadline="2025年底前")
        return dataclasses.replace(node, children=tuple(map(with_deadline, node.children)))

    comments = (Comment("张三", "请补充责任单位", first.lines[0]), Comment("李四", "总体同意", 0))
    return dataclasses.replace(
        plan,
        nodes=tuple(map(with_deadline, plan.nodes)),
        revisions=Revisions(3, ("张三",), comments),
    ), first


def test_inspect_shows_deadlines_and_comments_on_their_measure() -> None:
    plan, first = dated_plan()
    zh = render(plan, Format.TERMINAL, width=160)
    assert "完成时限：2025年底前" in zh
    assert re.search(rf"张三 — 位于 {re.escape(first.name)}（第 {first.lines[0]} 行）", zh)
    assert "请补充责任单位" in zh and "李四 — 不在措施上: 总体同意" in zh
    assert "张三 的修订 3 处；读取的是接受修订后的文本" in zh
    en = render(plan, Format.TERMINAL, width=160, lang="en")
    assert "deadline: 2025年底前" in en and "2 comment(s):" in en
    flat = render(plan, Format.FLAT, width=160)
    assert "完成时限" in flat and "2025年底前" in flat
    assert "完成时限" not in render(load_sample("gaoxin"), Format.FLAT, width=160)


def test_inspect_csv_carries_the_deadline_and_speaks_the_language() -> None:
    import csv

    plan, first = dated_plan()
    zh = list(csv.reader(io.StringIO(render(plan, Format.CSV))))
    en = list(csv.DictReader(io.StringIO(render(plan, Format.CSV, lang="en"))))
    assert zh[0][-1] == "完成时限" and zh[1][-1] == "2025年底前"
    assert en[0]["deadline"] == "2025年底前" and en[0]["id"] == first.id
    assert len(en) == len(plan.measures()) and all(r["deadline"] == "" for r in en[1:])


def test_inspect_json_adds_deadlines_and_comments_with_their_anchor() -> None:
    plan, first = dated_plan()
    data = json.loads(render(plan, Format.JSON))
    assert data["tree"][0]["children"][0]["deadline"] == "2025年底前"
    assert data["revisions"]["changes"] == 3 and data["revisions"]["authors"] == ["张三"]
    assert [c["anchor"] for c in data["revisions"]["comments"]] == [first.id, None]
    assert json.loads(render(load_sample("gaoxin"), Format.JSON))["revisions"] is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chain_views_count_what_the_json_counts(chain, lang: str) -> None:
    data = json.loads(render(chain, Format.JSON))
    expected = [
        [p["summary"][k] for k in ("carried", "partial", "dropped", "added")] for p in data["pairs"]
    ]
    lost = sum(1 for t in data["trace"] if t["lost_at"] is not None)
    carried = re.escape(word("carried", lang))
    for fmt in (Format.MARKDOWN, Format.TERMINAL, Format.HTML):
        text = render(chain, fmt, lang=lang, width=200)
        # pair lines: "湖北省 → 襄阳市：落实 10，部分落实 0，未落实 2；新增 0（…）"
        lines = re.findall(rf"→ [^→\n<]*?[:：] ?{carried} [^\n<]*", text)
        found = [[int(n) for n in re.findall(r"\d+", line)] for line in lines]
        assert found == expected, fmt
        assert (
            f"{'中途未落实与恢复' if lang == 'zh' else 'Lost and restored'} ({lost})" in text
            or (fmt == Format.TERMINAL and f"({lost})" in text)
        ), fmt
