"""The Word 对照表 of a pair (python-docx): what a drafting office hands up without retouching.

A4 landscape; the footer says 第 X 页 共 Y 页 in PAGE / NUMPAGES fields; a title block names
both plans by title, jurisdiction, level and period (never by file); a 综述 paragraph says the
counts in plain Chinese; then one table whose header row repeats on every page —
序号 | 上级方案 | 本级方案 | 责任单位 | 对照情况 | 说明 — with a shaded row for each heading of
the parent plan (一、/（一）), 序号 the parent measure's own number, the child text as the
child wrote it with what it added underlined (a changed number, year or unit highlighted), and
what it removed said in the 说明 (`table_notes`). `redline=True` shows the child text as Word
revisions against the source instead (w:ins / w:del by author duizhao: accept or reject them
in Word or WPS). Byte-identical for the same inputs (`zip_stable`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from duizhao.compare.result import ChildResult, ClauseDiff, Comparison
from duizhao.reports.common import docx_parts as parts
from duizhao.reports.common.i18n import _, note_text, using, word
from duizhao.reports.pair.table_notes import overview, row_notes
from duizhao.reports.pair.table_view import (
    SectionLine,
    child_pieces,
    finding,
    number,
    owner_lines,
    plan_facts,
    table_lines,
    without_paths,
)
from duizhao.reports.pair.views import TableRow, redline_pieces

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from lxml.etree import _Element

WIDTHS_CM = (1.6, 7.2, 7.6, 4.0, 2.0, 5.3)
"""序号, 上级方案, 本级方案, 责任单位, 对照情况, 说明 on a landscape A4 page (27.7 cm)."""


def docx_bytes(
    result: Comparison,
    *,
    lang: str = "zh",
    redline: bool = False,
    reasons: Mapping[str, str] | None = None,
) -> bytes:
    """The 对照表 as a .docx file's bytes. `reasons`: parent measure id → why it may be dropped
    (the waivers of `duizhao.toml`), said in the 说明 of that row."""
    with using(lang):
        title = table_title(result)
        doc = parts.new_document(title, lang)
        _title_block(doc, result)
        if result.mode != "revision":
            parts.paragraph(doc, overview(result), bold_lead=_("Overview: "))
        plans = (result.parent, result.child)
        for note in result.notes:
            parts.paragraph(doc, without_paths(note_text(note), plans), bold_lead=_("Note: "))
        if not redline:
            parts.paragraph(doc, _("Underlined in the child column: text the child plan added; "
                                   "highlighted: a changed number, year or unit. What it "
                                   "removed is said in the notes column."))  # fmt: skip
        _table(doc, result, redline=redline, reasons=reasons or {})
        return parts.document_bytes(doc, title, lang)


def sides(result: Comparison) -> tuple[str, str]:
    """The two sides' words: 上级方案 / 本级方案, or 原稿 / 修改稿 for two revisions."""
    return ("old", "new") if result.mode == "revision" else ("parent", "child")


def table_title(result: Comparison) -> str:
    """《本级》与《上级》对照表 (the document's title, heading and running header)."""
    return _("《{child}》 compared with 《{parent}》").format(
        child=result.child.title, parent=result.parent.title
    )


def _title_block(doc: Document, result: Comparison) -> None:
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for side, plan in zip(sides(result), (result.parent, result.child), strict=True):
        cells = table.add_row().cells
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(word(side)).bold = True
        cells[1].text = f"《{plan.title}》"
        cells[2].text = plan_facts(plan)
    parts.fixed_widths(table, (3.0, 15.0, 9.7))
    doc.add_paragraph()


def _table(doc: Document, result: Comparison, *, redline: bool, reasons: Mapping[str, str]) -> None:
    first, second = sides(result)
    heads = (_("No."), word(first), word(second), _("Owners"), _("Finding"), _("Notes"))
    revisions = itertools.count(1)
    table = parts.grid_table(doc, heads, WIDTHS_CM)
    for line in table_lines(result):
        if isinstance(line, SectionLine):
            parts.section_row(table, WIDTHS_CM, line.text, line.depth)
            continue
        size = max(len(line.parent.measure.text) if line.parent else 0,
                   sum(len(c.measure.text) for c in line.children))  # fmt: skip
        cells = parts.new_row(table, WIDTHS_CM, keep_whole=size <= parts.KEEP_WHOLE)
        parts.run(cells[0]._tc.p_lst[0], number(line))
        _parent_cell(cells[1], line)
        _child_cell(cells[2], line, revisions if redline else None)
        _lines_cell(cells[3], owner_lines(line))
        parts.run(cells[4]._tc.p_lst[0], finding(line))
        _lines_cell(cells[5], row_notes(result, line, reasons))
    parts.fixed_widths(table, WIDTHS_CM)


def _lines_cell(cell: _Cell, lines: list[str]) -> None:
    from lxml import etree

    tc = cell._tc
    for n, line in enumerate(lines):
        parts.run(tc.p_lst[0] if n == 0 else etree.SubElement(tc, qn("w:p")), line)


def _parent_cell(cell: _Cell, row: TableRow) -> None:
    if row.parent is None:
        return
    m = row.parent.measure
    p = cell._tc.p_lst[0]
    if m.title and m.text.startswith(m.title):
        parts.run(p, m.title, bold=True)
        parts.run(p, m.text[len(m.title) :])
    else:
        parts.run(p, m.text)


def _child_cell(cell: _Cell, row: TableRow, revisions: Iterator[int] | None) -> None:
    """The child measures of a row: marked text, or Word revisions when `revisions` numbers them."""
    from lxml import etree

    tc = cell._tc
    for n, c in enumerate(row.children):
        p = tc.p_lst[0] if n == 0 else etree.SubElement(tc, qn("w:p"))
        if len(row.children) > 1 or row.parent is None:
            parts.run(p, c.measure.label, bold=True)
        if revisions and c.status != "added" and any(d.op != "kept" for d in c.diff):
            _redline(p, c.diff, revisions)
        else:
            _marked(p, c)


def _marked(p: _Element, child: ChildResult) -> None:
    """The child's own text; what it added underlined, a changed number also highlighted."""
    for kind, text in child_pieces(child):
        parts.run(p, text, underline=kind != "equal", highlight=kind == "number")


def _redline(p: _Element, diffs: tuple[ClauseDiff, ...], revisions: Iterator[int]) -> None:
    """The clause diff as Word revisions: kept text plain, deleted in w:del, inserted in w:ins;
    a changed number, year or unit also highlighted."""
    from lxml import etree

    for kind, text in redline_pieces(diffs):
        if kind == "equal":
            parts.run(p, text)
            continue
        if not text:
            continue
        tag = "w:del" if kind == "delete" else "w:ins"
        wrapper = etree.SubElement(p, qn(tag))
        wrapper.set(qn("w:id"), str(next(revisions)))
        wrapper.set(qn("w:author"), parts.AUTHOR)
        parts.run(wrapper, text, highlight=kind == "number", deleted=tag == "w:del",
                  preserve=True)  # fmt: skip
