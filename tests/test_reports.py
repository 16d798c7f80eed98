"""Comparison reports (markdown, HTML, CSV, XLSX, terminal): goldens, content, determinism, size."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from rich.console import Console

from duizhao.compare import Comparison
from duizhao.compare.result import (
    Summary,
)
from duizhao.corpus.model import Node
from duizhao.reports.api.frames import to_frame
from duizhao.reports.common.i18n import word
from duizhao.reports.pair.csv import COLUMNS, render_csv
from duizhao.reports.pair.html import render_html as html_in
from duizhao.reports.pair.markdown import render_markdown as markdown_in
from duizhao.reports.pair.table_view import table_lines as lines_of
from duizhao.reports.pair.terminal import render_compare
from duizhao.reports.pair.views import table_rows
from duizhao.reports.render import Format, render


def render_markdown(result: Comparison) -> str:
    """The English report: the assertions below read English (test_views_agree covers zh)."""
    return markdown_in(result, lang="en")


def render_html(result: Comparison) -> str:
    return html_in(result, lang="en")


HERE = Path(__file__).resolve().parent


def _load_regen():
    spec = importlib.util.spec_from_file_location("golden_regen", HERE / "golden" / "regen.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


regen = _load_regen()
REGEN_HINT = (
    "if the change is intended: .venv/bin/python tests/golden/regen.py, then review the diff"
)


@pytest.fixture(scope="module")
def sample() -> Comparison:
    return regen.sample_result()


@pytest.fixture(scope="module")
def small() -> Comparison:
    return regen.small_result()


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def section(markdown: str, heading: str) -> str:
    """The markdown between `heading` and the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = markdown.index(heading + "\n")
    rest = markdown[start + len(heading) :]
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", rest, re.M)]
    return rest[: ends[0]] if ends else rest


def rendered(markdown: str) -> BeautifulSoup:
    """The markdown as a CommonMark + GFM-tables renderer turns it into HTML."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return BeautifulSoup(md.render(markdown), "html.parser")


# ── goldens ─────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("case", ["sample", "small"])
def test_every_format_matches_its_golden(case: str) -> None:
    result = regen.CASES[case]()
    for suffix, text in regen.outputs(result).items():
        golden = HERE / "golden" / f"{case}.{suffix}"
        assert golden.exists(), f"{golden.name} missing: {REGEN_HINT}"
        assert text == read(golden), f"{golden.name} differs from the output: {REGEN_HINT}"


def test_checked_in_example_report_is_current(sample: Comparison) -> None:
    assert read(regen.EXAMPLE) == markdown_in(sample), f"example is stale: {REGEN_HINT}"


def test_small_pair_shows_every_status_and_flag(small: Comparison) -> None:
    counts = small.summary.to_dict()
    for key in ("carried", "partial", "dropped", "inherited", "modified", "added", "moved",
                "merged", "split", "owners_changed"):  # fmt: skip
        assert counts[key] >= 1, f"the small pair no longer shows {key}: {counts}"


# ── markdown ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_lists_dropped_and_added_measures_with_their_text(
    sample: Comparison, lang: str
) -> None:
    text = markdown_in(sample, lang=lang)
    dropped = section(text, f"## {word('dropped', lang)} ({sample.summary.dropped})")
    for p in sample.parent_measures:
        if p.status == "dropped":
            assert p.measure.text[:40] in dropped
            assert p.measure.path[-1] in dropped
            if p.closest:
                assert sample.child_result(p.closest).measure.text[:40] in dropped
    added = section(text, f"## {word('added', lang)} ({sample.summary.added})")
    for c in sample.child_measures:
        if c.status == "added":
            assert c.measure.text[:40] in added


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_reassigned_names_sections_sources_and_owners(small: Comparison, lang) -> None:
    text = markdown_in(small, lang=lang)
    moved = section(text, f"### {word('moved', lang)} (1)")
    assert "（九）加强行政规范性文件合法性审核" in moved
    assert "（三）提高制度建设质量" in moved and "三、严格规范公正文明执法" in moved
    merged = section(text, f"### {word('merged', lang)} (1)")
    assert "4.完善信用监管机制" in merged and "3.全面推行" in merged
    split = section(text, f"### {word('split', lang)} (2)")
    assert "8.推进综合行政执法改革" in split
    assert "（六）推进综合行政执法改革" in split and "（七）深化街道综合行政执法改革" in split
    owners = section(text, f"### {word('owners_changed', lang)} ({small.summary.owners_changed})")
    # the real difference only, never the two full lists
    said = {"zh": ("责任单位由省司法厅调整为区综合行政执法局",
                   "责任单位由省委编办、省司法厅调整为区综合行政执法局；增加参加单位：各街道办事处"),
            "en": ("responsible unit changed from 省司法厅 to 区综合行政执法局",
                   "responsible unit changed from 省委编办, 省司法厅 to 区综合行政执法局; "
                   "participating unit added: 各街道办事处")}[lang]  # fmt: skip
    assert all(f"| {s} |" in owners for s in said)


@pytest.mark.parametrize(("lang", "removed", "kept"), [("zh", "删去", "保留"),
                                                       ("en", "removed", "kept")])  # fmt: skip
def test_markdown_redlines_show_removed_and_added_text(small: Comparison, lang, removed, kept):
    text = markdown_in(small, lang=lang)
    modified = section(text, f"## {word('modified', lang)} ({small.summary.modified})")
    assert "<ins>在各街道便民服务中心设立“办不成事”反映窗口" in modified
    assert f"- {kept}: 推行政务服务事项“一网通办”" in modified
    assert modified.count("\n### ") == small.summary.modified  # modified measures only
    retouched = text.split("\n## ")[-4:]  # inherited measures that lost a clause: their own
    assert any(f"- {removed}: <del>建立行政规范性文件备案审查信息平台。</del>" in part
               for part in retouched)  # fmt: skip


def test_markdown_has_summary_alignment_flow_and_no_date(small: Comparison) -> None:
    text = render_markdown(small)
    assert "| carried | 8 | 73% |" in section(text, "## Summary")
    table = section(text, "## Comparison table")
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + len(lines_of(small))  # header, rule, headings and measures
    flow = section(text, "## Section flow")
    assert "```mermaid\nflowchart LR" in flow
    assert "p_2_1 -.->|1| c_3" in flow and "p_3_1 -->|4| c_3" in flow
    assert date.today().isoformat() not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_renders_as_intended(small: Comparison, lang: str) -> None:
    soup = rendered(markdown_in(small, lang=lang))
    s = small.summary
    assert [h.get_text() for h in soup.find_all("h2")][:5] == [
        "汇总" if lang == "zh" else "Summary",
        f"{word('dropped', lang)} ({s.dropped})", f"{word('partial', lang)} ({s.partial})",
        f"{word('added', lang)} ({s.added})", word("reassigned", lang)]  # fmt: skip
    for table in soup.find_all("table"):
        widths = {len(tr.find_all(["td", "th"])) for tr in table.find_all("tr")}
        assert len(widths) == 1, table


# ── html ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("lang", "html_lang", "empty"), [("zh", "zh-CN", "本级方案无对应"),
                                                         ("en", "en", "not in the child")])  # fmt: skip
def test_html_is_self_contained_and_side_by_side(sample: Comparison, lang, html_lang, empty):
    page = html_in(sample, lang=lang)
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == html_lang
    assert not soup.find_all("link") and not soup.find_all(src=True)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)
    assert "Noto Sans CJK SC" in soup.style.get_text()
    rows = soup.select("table.sxs tbody tr[data-status]")
    assert len(rows) == len(table_rows(sample))
    assert len(soup.select("table.sxs tbody tr.section")) == len(
        {h for p in sample.parent_measures for h in p.measure.path}
    )
    dropped = [r for r in rows if "dropped" in r["data-status"].split()]
    assert {r.select_one("td.parent code").get_text() for r in dropped} == {
        p.measure.id for p in sample.parent_measures if p.status == "dropped"
    }
    for row in dropped:
        assert "tone-dropped" in row["class"]
        assert empty in row.select_one("td.child").get_text()
    assert soup.select("td.child del") and soup.select("td.child ins")
    assert soup.select_one("svg path") is not None
    filters = [b["data-filter"] for b in soup.select(".filters button")]
    assert filters[:4] == ["all", "carried", "partial", "dropped"]


def test_html_shows_reassignment_notes(small: Comparison) -> None:
    soup = BeautifulSoup(render_html(small), "html.parser")
    notes = [n.get_text() for n in soup.select("td.notes p")]
    assert (
        "Moved from parent section “（三）提高制度建设质量” to “三、严格规范公正文明执法”." in notes
    )
    assert "responsible unit changed from 省司法厅 to 区综合行政执法局。" in notes
    assert (
        "（六）：removed “深化乡镇（街道）综合行政执法改革，推动执法力量…” and 2 places in all."
        in notes
    )
    zh = [n.get_text() for n in BeautifulSoup(html_in(small), "html.parser").select("td.notes p")]
    assert "由上级“（三）提高制度建设质量”移至本级“三、严格规范公正文明执法”。" in zh
    assert "责任单位由省司法厅调整为区综合行政执法局。" in zh
    assert soup.select("path[stroke-dasharray]"), "the non-corresponding flow is dashed"


# ── table: csv and xlsx ─────────────────────────────────────────────────────────────────────


def test_frame_has_the_rows_of_the_word_table(small: Comparison) -> None:
    frame = to_frame(small, "table")
    assert list(frame.columns) == COLUMNS
    assert len(frame) == len(table_rows(small)) == len(small.parent_measures) + small.summary.added
    dropped = frame[frame.parent_status == "dropped"].iloc[0]
    assert dropped.child_label == "" and dropped.number == "5" and dropped.coverage == "0%"
    owners = frame[frame.child_label == "（八）"].iloc[0]
    assert "parent side: lead 省司法厅" in owners.owners
    assert "child side: responsible 区综合行政执法局" in owners.owners
    assert owners.owners_change == "responsible unit changed from 省司法厅 to 区综合行政执法局"


def test_csv_has_a_bom_for_excel(small: Comparison) -> None:
    csv = render_csv(small, lang="en")
    assert csv.startswith("\ufeffsection,number,parent_id,")
    assert csv.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_csv_speaks_chinese_by_default_and_english_on_request(small: Comparison) -> None:
    def read_back(text: str) -> pd.DataFrame:
        return pd.read_csv(io.StringIO(text.removeprefix("\ufeff")), dtype=str,
                           keep_default_na=False)  # fmt: skip

    zh, en = read_back(render_csv(small)), read_back(render_csv(small, lang="en"))
    assert list(en.columns) == COLUMNS
    assert list(zh.columns)[:4] == ["上级方案部分", "序号", "上级方案编号", "上级方案内容"]
    assert len(zh) == len(en) == len(table_rows(small))
    assert list(zh.iloc[:, 3]) == list(en["parent_text"])  # the plan text is never translated
    assert (zh.iloc[:, 8] == "未落实").sum() == (en["parent_status"] == "dropped").sum() == 1
    assert (zh.iloc[:, 9] == "新增").sum() == (en["child_status"] == "added").sum() == 1
    changed = set(zh[zh.iloc[:, 10].str.contains("责任单位变化")].iloc[:, 4])
    assert len(changed) == small.summary.owners_changed


def test_xlsx_reads_back_with_frozen_labels_widths_and_fills(small: Comparison) -> None:
    from duizhao.reports.pair.xlsx import TONE_FILLS, headers

    content = regen.xlsx_content(render(small, Format.XLSX))
    assert content["sheets"] == ["对照表", "汇总", "图例"]
    assert content["freeze_panes"] == "B2"  # header row and the 序号 column
    assert content["header_bold"] and content["wrapped"]
    assert content["cells"][0] == headers("zh")
    assert content["widths"]["B"] > 40 and content["widths"]["C"] > 40  # the two text columns
    dropped_at = [row[4] for row in content["cells"]].index("未落实")
    assert content["fills"][dropped_at - 1] == "FF" + TONE_FILLS["dropped"].lstrip("#")
    assert not content["cells"][dropped_at][2]  # no child measure beside a dropped one
    assert len([r for r in content["cells"][1:] if r[1]]) == len(small.parent_measures)


def test_xlsx_bytes_are_stable(small: Comparison) -> None:
    assert render(small, Format.XLSX) == render(regen.small_result(), Format.XLSX)


# ── terminal ────────────────────────────────────────────────────────────────────────────────


def test_terminal_has_no_colour_off_a_terminal_or_with_no_color(small, monkeypatch) -> None:
    plain = io.StringIO()
    render_compare(small, Console(file=plain, width=100))
    assert "\x1b[" not in plain.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    forced = io.StringIO()
    render_compare(small, Console(file=forced, width=100, force_terminal=True))
    params = re.findall(r"\x1b\[([0-9;]*)m", forced.getvalue())
    assert params, "styles (bold) are still there with NO_COLOR"
    numbers = [int(n) for p in params for n in p.split(";") if n]
    assert not [n for n in numbers if 30 <= n <= 49 or 90 <= n <= 107], "no colour codes"


# ── determinism and size ────────────────────────────────────────────────────────────────────


def test_renderers_are_deterministic(small: Comparison) -> None:
    first = regen.outputs(small)
    again = regen.outputs(regen.small_result())
    assert first == again


def replicate(result: Comparison, copies: int) -> Comparison:
    """A large comparison made of `copies` renumbered copies of `result` (no engine run)."""

    def rid(k: int, node_id: str | None) -> str | None:
        return f"{k}.{node_id}" if node_id is not None else None

    def node(k: int, n: Node) -> Node:
        return dataclasses.replace(n, id=rid(k, n.id), path=(f"第{k + 1}编", *n.path))

    r = dataclasses.replace
    ks = range(copies)
    return r(
        result,
        parent_measures=tuple(r(p, measure=node(k, p.measure), closest=rid(k, p.closest))
                              for k in ks for p in result.parent_measures),
        child_measures=tuple(
            r(c, measure=node(k, c.measure), main_source=rid(k, c.main_source),
              sources=tuple(r(s, parent=rid(k, s.parent)) for s in c.sources))
            for k in ks for c in result.child_measures),
        links=tuple(r(x, parent=rid(k, x.parent), child=rid(k, x.child))
                    for k in ks for x in result.links),
        sections=tuple(r(f, parent_section=rid(k, f.parent_section),
                         child_section=rid(k, f.child_section))
                       for k in ks for f in result.sections),
        summary=Summary(**{key: v * copies for key, v in result.summary.to_dict().items()}),
    )  # fmt: skip


@pytest.mark.slow
def test_a_large_comparison_renders(sample: Comparison, tmp_path) -> None:
    copies = 72  # 72 × 28 = 2,016 parent measures
    large = replicate(sample, copies)
    assert len(large.parent_measures) >= 2000
    text = markdown_in(large)
    assert f"## 未落实 ({sample.summary.dropped * copies})" in text
    page = render_html(large)
    assert page.count("<tr data-status=") == len(table_rows(large))
    from openpyxl import load_workbook

    from duizhao.reports.pair.table_view import table_lines

    lines = len(table_lines(large))  # measure rows and the parent's heading rows
    book = load_workbook(io.BytesIO(render(large, Format.XLSX)))
    assert book.worksheets[0].max_row == lines + 1
    from docx import Document

    assert len(Document(io.BytesIO(render(large, Format.DOCX))).tables[-1].rows) == lines + 1
    terminal = regen.terminal_text(large)
    assert f"… {sample.summary.dropped * copies - 15} more (use --all)" in terminal
    assert "more (use --all)" not in regen.terminal_text(large, show_all=True)
