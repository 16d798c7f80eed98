"""Plan text and file names are the attacker's: nothing of theirs acts in any report.

The hand-made pair with hostile text at the start of measures and a child file named with
markup and an escape sequence (tests/hostile.py) goes through every format of a pair, a
chain, a plan and a folder; each is read back the way its reader would (a spreadsheet, a
markdown renderer, a browser's parser, a terminal) and must show the text as text.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hostile import (
    ESCAPE_OR_CONTROL,
    csv_cells,
    formula_cells,
    hostile_pair,
    xlsx_cells,
)
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.reports.api import compare, compare_chain, read_plan, render
from duizhao.reports.render import Options, render_counted

DATA = Path(__file__).parent / "data" / "pairs"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    return hostile_pair(tmp_path_factory.mktemp("hostile"), DATA)


@pytest.fixture(scope="module")
def pair(files):
    return compare(*files)


@pytest.fixture(scope="module")
def chain(files, tmp_path_factory):
    folder = tmp_path_factory.mktemp("chain") / "街道["  # the path holds [/]: rich markup
    folder.mkdir()
    third = folder / "]<i>.txt"
    third.write_text(files[1].read_text(encoding="utf-8").replace("临江区", "临江街道"), "utf-8")
    return compare_chain(*files, third)


def markdown_html(text: str) -> BeautifulSoup:
    """Markdown as GitHub would show it: CommonMark, tables, strikethrough, bare links."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    try:
        import linkify_it  # noqa: F401

        md = MarkdownIt("gfm-like")
    except ImportError:
        pass
    return BeautifulSoup(md.render(text), "html.parser")


def assert_no_plan_markup(soup: BeautifulSoup) -> None:
    assert not soup.find_all(["img", "svg", "script", "iframe"]) or all(
        not tag.get("onload") for tag in soup.find_all("svg")
    )
    assert not soup.find_all("img")
    for tag in soup.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag
    for link in soup.find_all("a"):
        href = link.get("href", "")
        assert "evil" not in href and not href.startswith("javascript") and "$(" not in href


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_pair_tables_hold_no_formula(pair, fmt) -> None:
    data = render(pair, fmt)
    cells = xlsx_cells(data) if fmt == "xlsx" else csv_cells(data)
    assert formula_cells(cells) == []
    texts = [c for c in cells if isinstance(c, str)]
    assert any(c.startswith("'=HYPERLINK(") for c in texts), "the text is kept, as text"
    assert any(c.startswith("'@SUM(1+1)") for c in texts)
    assert any(c.startswith("'-2+3") for c in texts)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_chain_tables_hold_no_formula(chain, fmt) -> None:
    data = render(chain, fmt)
    cells = xlsx_cells(data) if fmt == "xlsx" else csv_cells(data)
    assert formula_cells(cells) == []
    if fmt == "xlsx":  # the sheet of added measures starts cells with their text
        assert any(isinstance(c, str) and c.startswith("'@SUM(1+1)") for c in cells)


def test_inspect_csv_holds_no_formula(files) -> None:
    cells = csv_cells(render(read_plan(files[1]), "csv"))
    assert formula_cells(cells) == []
    assert any(c.startswith("'@SUM(1+1)") for c in cells)


@pytest.mark.parametrize("which", ["pair", "chain"])
def test_markdown_shows_plan_markup_as_text(pair, chain, which) -> None:
    text = render(pair if which == "pair" else chain, "markdown")
    assert not ESCAPE_OR_CONTROL.search(text)
    soup = markdown_html(text)
    assert_no_plan_markup(soup)
    page = soup.get_text()
    if which == "pair":
        assert "<svg onload=alert(1)>" in page
        assert "[点我](javascript:alert(1))" in page
    assert "区`[x](http:evil)<b>\\x1b[31m`.txt" in page, "the file name, as text"


def test_chain_markdown_file_names_are_text(chain) -> None:
    soup = markdown_html(render(chain, "markdown", lang="en"))
    names = [c.get_text() for c in soup.find_all("code")]
    assert any(n.endswith("区`[x](http:evil)<b>\\x1b[31m`.txt") for n in names), names
    assert any(n.endswith("街道[/]<i>.txt") for n in names)
    assert not soup.find_all(["b", "i"])


@pytest.mark.parametrize("which", ["pair", "chain"])
def test_html_holds_no_element_of_plans(pair, chain, which) -> None:
    page = render(pair if which == "pair" else chain, "html")
    assert not ESCAPE_OR_CONTROL.search(page)
    soup = BeautifulSoup(page, "html.parser")
    assert_no_plan_markup(soup)
    if which == "pair":
        assert "<svg onload=alert(1)>" in soup.get_text()


@pytest.mark.parametrize("which", ["pair", "chain"])
def test_terminal_gets_no_control_sequence(pair, chain, which) -> None:
    text = render(pair if which == "pair" else chain, "terminal", width=120)
    assert not ESCAPE_OR_CONTROL.search(text)


def _with_child_text(result, text: str):
    first = result.child_measures[0]
    measure = dataclasses.replace(first.measure, body=text, title=text[:8])
    return dataclasses.replace(
        result, child_measures=(dataclasses.replace(first, measure=measure),
                                *result.child_measures[1:])
    )  # fmt: skip


def test_word_table_of_controls_and_lone_surrogates(pair) -> None:
    result = _with_child_text(pair, "控制\x01\x0b\x1b[2J字符\ud800与\udfff代理\ufffe。")
    data, changed = render_counted(result, "docx", Options())
    assert changed >= 7
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "控制字符\ufffd与\ufffd代理\ufffd。" in body
    xlsx, _ = render_counted(result, "xlsx", Options())
    assert any("控制字符\ufffd与\ufffd代理\ufffd。" in str(c) for c in xlsx_cells(xlsx))


def test_json_keeps_controls_escaped_and_replaces_lone_surrogates(pair) -> None:
    result = _with_child_text(pair, "控制\x01字符\ud800。")
    text = render(result, "json")
    assert "控制\\u0001字符\ufffd。" in text


def test_cli_says_once_what_it_left_out(files, tmp_path) -> None:
    out = tmp_path / "对照表.docx"
    run = CliRunner().invoke(app, ["compare", *map(str, files), "-o", str(out), "--lang", "en"])
    assert run.exit_code == 0, run.output
    said = [line for line in run.stderr.splitlines() if "control characters" in line]
    assert len(said) == 1, run.stderr
    assert zipfile.is_zipfile(out)


def test_junit_is_well_formed_xml_whatever_the_plans_hold(tmp_path) -> None:
    from test_check_support import CHILD, PARENT, PLANS_TOML, check

    folder = tmp_path / "p"
    folder.mkdir()
    hostile = PARENT.replace("完善地方立法制度建设", "完善\x01地方\x0b立法\x1b[2J制度\x7f建设")
    (folder / "hubei.txt").write_text(hostile, encoding="utf-8")
    (folder / "gaoxin.txt").write_text(CHILD, encoding="utf-8")
    (folder / "duizhao.toml").write_text(PLANS_TOML, encoding="utf-8")
    code, out, err = check(folder, fmt="junit", junit=tmp_path / "junit.xml")
    assert code == 1, err
    import xml.etree.ElementTree as ET

    for text in (out, (tmp_path / "junit.xml").read_text(encoding="utf-8")):
        root = ET.fromstring(text.encode("utf-8"))
        assert "2.完善地方" in ET.tostring(root, encoding="unicode")
    said = [line for line in err.splitlines() if "control characters" in line]
    assert len(said) == 1, err
