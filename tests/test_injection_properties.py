"""Property-based: whatever a plan's text and file name hold — formulas, markup, links, escape
sequences, controls, lone surrogates, mixed with anything else — every output format of a
comparison and of a plan renders it as text: no formula cell, no element or link of its own,
no control character, well-formed XML, valid JSON. `make fuzz` runs these with thousands of
examples.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import zipfile

from bs4 import BeautifulSoup
from hostile import CONTROLS, ESCAPE_OR_CONTROL, FORMULAS, MARKUP, csv_cells, formula_cells
from hostile import xlsx_cells as cells_of_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_reports_escaping import nasty_result

from duizhao.corpus.model import Plan
from duizhao.reports.render import render

FRAGMENTS = (*FORMULAS, *MARKUP, *CONTROLS, "\ud800", "\udfff", "\ufffe", "\r\n", "\n", "|", "`",
             "*", "_", "#", "<", ">", "&amp;", "]]>", "\x00", "\u2028", "\u202e")  # fmt: skip

hostile_texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), min_size=1, max_size=12
).map("".join)

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
QUICK = settings(
    deadline=None, max_examples=2000 if FUZZ else 25, suppress_health_check=list(HealthCheck)
)
OFFICE = settings(
    deadline=None, max_examples=500 if FUZZ else 8, suppress_health_check=list(HealthCheck)
)
"""Briefly in `make test`, at length in `make fuzz` (a Word table takes tens of ms)."""


def with_text(result, title: str, body: str, path: str):
    """The hand-made comparison with one parent and one child measure and the parent's file
    name replaced by hostile text (each measure starts a cell with it)."""
    first_parent = result.parent_measures[0]
    measure = dataclasses.replace(first_parent.measure, title=title, body=body)
    parents = (dataclasses.replace(first_parent, measure=measure), *result.parent_measures[1:])
    first_child = result.child_measures[1]
    child = dataclasses.replace(first_child.measure, title=None, body=title + body)
    children = (result.child_measures[0], dataclasses.replace(first_child, measure=child))
    plan = dataclasses.replace(
        result.parent, path=path, nodes=(dataclasses.replace(result.parent.nodes[0]),)
    )
    return dataclasses.replace(
        result, parent=plan, parent_measures=parents, child_measures=children
    )


BASE = nasty_result()


def _markdown_elements(text: str) -> list:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    soup = BeautifulSoup(md.render(text), "html.parser")
    allowed = {"del", "ins", "br", "mark"}  # the report's own redline and line breaks
    return [
        t
        for t in soup.find_all(True)
        if t.name in ("img", "svg", "script", "a", "iframe", "b", "i")
        or (t.name in allowed and t.attrs)
    ]


@given(hostile_texts, hostile_texts, hostile_texts)
@QUICK
def test_text_formats_of_a_comparison(title, body, path) -> None:
    result = with_text(BASE, title, body, path)
    for fmt in ("terminal", "markdown", "html", "csv"):
        text = render(result, fmt, lang="en")
        assert not ESCAPE_OR_CONTROL.search(text), fmt
        assert "\ud800" not in text and "\udfff" not in text
        text.encode("utf-8")
        if fmt == "csv":
            assert formula_cells(csv_cells(text)) == []
        if fmt == "markdown":
            assert _markdown_elements(text) == []
        if fmt == "html":
            soup = BeautifulSoup(text, "html.parser")
            assert len(soup.find_all("script")) == 1 and not soup.find_all(["img", "iframe"])
            assert all(not a.startswith("on") for t in soup.find_all(True) for a in t.attrs)
    data = json.loads(render(result, "json"))
    data["parent"]["path"].encode("utf-8")  # JSON holds no lone surrogate either


@given(hostile_texts, hostile_texts, hostile_texts)
@OFFICE
def test_office_formats_of_a_comparison(title, body, path) -> None:
    result = with_text(BASE, title, body, path)
    assert formula_cells(cells_of_xlsx(render(result, "xlsx", lang="en"))) == []
    with zipfile.ZipFile(io.BytesIO(render(result, "docx", lang="en"))) as z:
        from lxml import etree

        etree.fromstring(z.read("word/document.xml"))  # well-formed


@given(hostile_texts, hostile_texts)
@QUICK
def test_formats_of_a_plan(title, body) -> None:
    plan: Plan = BASE.child
    node = dataclasses.replace(plan.nodes[0], title=title, body=body)
    plan = dataclasses.replace(plan, title=title, path=body, nodes=(node, *plan.nodes[1:]))
    for fmt in ("terminal", "flat", "csv"):
        text = render(plan, fmt, lang="en")
        assert not ESCAPE_OR_CONTROL.search(text), fmt
        if fmt == "csv":
            assert formula_cells(csv_cells(text)) == []
    json.loads(render(plan, "json"))
