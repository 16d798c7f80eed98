"""Plan text that is markup: markdown, HTML, terminal and CSV reports show it literally.

A hand-made result whose every text field holds markdown, HTML, mermaid and rich-markup
specials, rendered in English (the assertions read the renderer's own words)."""

from __future__ import annotations

import io

import pandas as pd
from bs4 import BeautifulSoup
from golden import regen
from markdown_it import MarkdownIt

from duizhao.compare import Comparison, Settings
from duizhao.compare.owner_change import OwnerChange, Role, RoleUnit
from duizhao.compare.result import (
    ChildResult,
    ClauseDiff,
    Evidence,
    Link,
    ParentResult,
    SectionFlow,
    SourceShare,
    Span,
    Summary,
)
from duizhao.corpus.model import Jurisdiction, Node, Owners, Plan
from duizhao.reports.pair.csv import COLUMNS, render_csv
from duizhao.reports.pair.html import render_html as html_in
from duizhao.reports.pair.markdown import render_markdown as markdown_in


def render_markdown(result: Comparison) -> str:
    return markdown_in(result, lang="en")


def render_html(result: Comparison) -> str:
    return html_in(result, lang="en")


def rendered(markdown: str) -> BeautifulSoup:
    """The markdown as a CommonMark + GFM-tables renderer turns it into HTML."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return BeautifulSoup(md.render(markdown), "html.parser")


NASTY = (
    "a|b *star* _under_ <script>alert(1)</script> `tick` [link](x) #hash\n1. ~~strike~~ $x$ &amp;"
)


def _node(nid: str, label: str, title: str, body: str, path: tuple[str, ...], owners=()) -> Node:
    return Node(nid, label, "num", 1, title, body, Owners(lead=tuple(owners)), (1, 2), path)


def _plan(path: str, title: str, name: str, level: str, nodes: tuple[Node, ...]) -> Plan:
    return Plan(path, title, Jurisdiction(name, level), "2021—2025", False, (), "", "", None,
                None, nodes)  # fmt: skip


def nasty_result() -> Comparison:
    """A hand-made result whose every text field holds markdown, HTML and markup specials."""
    ppath = ("一、总|则 #1", "（一）<b>标*题</b>")
    p1 = _node("1.1.1", "1.", "丢*弃|标题", NASTY, ppath, ["省<委>|办"])
    p2 = _node("1.1.2", "2.", "保留_标题", "保留文本`x`。", ppath, ["省司法厅"])
    p3 = _node("1.1.3", "3.", "[合并]", "合并#文本。", ppath)
    cpath = ("一、新[章]节\n二行",)
    c1 = _node("1.1", "（一）", "修改|标题", "修改<i>文本</i>。", cpath, ["区司法局|x"])
    c2 = _node("1.2", "（二）", None, "[bold]新增[/bold] " + NASTY, cpath)
    diff = (
        ClauseDiff("changed", "保留*文本", "修改|文本", 0.6,
                   (Span("delete", "保留*"), Span("insert", "修改|"), Span("equal", "<文本>"))),
        ClauseDiff("removed", "删掉的_子句<br>", "", 0.0),
        ClauseDiff("added", "", "新增的`子句`|", 0.0),
        ClauseDiff("kept", "#原样", "#原样", 1.0),
    )  # fmt: skip
    parents = (
        ParentResult(p1, "dropped", 0.0, "1.2", 0.05),
        ParentResult(p2, "carried", 0.9),
        ParentResult(p3, "partial", 0.3),
    )
    children = (
        ChildResult(c1, "modified", 0.3, (SourceShare("1.1.2", 0.6), SourceShare("1.1.3", 0.3)),
                    ("moved", "merged", "split", "owners_changed"), "1.1.2",
                    ("一、旧|节", "<x>`y`"), ("省司法厅|*",), diff,
                    owner_change=OwnerChange(added=(RoleUnit(Role.LEAD, "区<b>司法</b>|局*"),),
                                             removed=(RoleUnit(Role.LEAD, "省司法厅|*"),))),
        ChildResult(c2, "added", 1.0, (), ()),
    )  # fmt: skip
    links = (
        Link("1.1.2", "1.1", 0.8, 0.9, 0.6, (Evidence("保留*文本", "修改|文本", 0.6),)),
        Link("1.1.3", "1.1", 0.4, 0.3, 0.3, ()),
    )
    flows = (SectionFlow("1.1", "1", '（一）"标<题>`#', "一、新[章]节", 2, False),)
    summary = Summary(3, 1, 1, 1, 2, 0, 1, 1, 1, 1, 1, 1)
    return Comparison(
        parent=_plan("p|a*r_e<n>t.txt", "上级<script>x</script>|方案", "湖北省", "province",
                     (p1, p2, p3)),
        child=_plan("child.txt", "下级`方案`#", "高新区", "district", (c1, c2)),
        parent_measures=parents, child_measures=children, links=links, summary=summary,
        settings=Settings(), sections=flows,
        notes=("note | with <b>html</b> and `code`\nand a line break",),
    )  # fmt: skip


def test_markdown_escapes_every_special_character() -> None:
    text = render_markdown(nasty_result())
    soup = rendered(text)
    assert not soup.find_all(["script", "em", "strong", "a", "s", "b", "i", "h4", "ol"])
    assert "<script>" not in text
    page = soup.get_text()
    assert (
        "a|b *star* _under_ <script>alert(1)</script> `tick` [link](x) #hash 1. ~~strike~~" in page
    )
    assert "$x$ &amp;" in page
    assert "区<b>司法</b>|局*" in page  # the owners change, escaped like any text
    for table in soup.find_all("table"):
        widths = {len(tr.find_all(["td", "th"])) for tr in table.find_all("tr")}
        assert len(widths) == 1, f"a cell broke its table: {table}"
    # Only the renderer's own redline tags survive as HTML, around escaped text.
    assert [d.get_text() for d in soup.find_all("del")][-2:] == ["保留*", "删掉的_子句<br>"]
    assert "新增的`子句`|" in [i.get_text() for i in soup.find_all("ins")]
    assert '"标<题>`#' not in text.split("```mermaid")[1]  # mermaid label uses entities


def test_html_escapes_document_text() -> None:
    page = render_html(nasty_result())
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.find_all("script")) == 1, "only the report's own script"
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not soup.find_all(["b", "i", "x"])
    assert "<script>x</script>|方案" in soup.title.get_text()
    assert "a|b *star* _under_ <script>alert(1)</script>" in soup.get_text()
    assert "区<b>司法</b>|局*" in soup.get_text()


def test_terminal_shows_markup_literally_and_notes_first() -> None:
    text = regen.terminal_text(nasty_result(), width=200)
    assert text.splitlines()[0].startswith("warning: note | with <b>html</b>")
    assert "[bold]新增[/bold]" in text


def test_csv_round_trips_awkward_text() -> None:
    result = nasty_result()
    csv = render_csv(result, lang="en")
    back = pd.read_csv(io.StringIO(csv.removeprefix("\ufeff")), dtype=str, keep_default_na=False)
    assert list(back.columns) == COLUMNS
    assert NASTY in back["parent_text"][0]
    assert any("省<委>|办" in owners for owners in back["owners"])
