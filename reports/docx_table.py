"""The Word 对照表 (python-docx): what a drafting office would otherwise make by hand.

Title and the plans named, a summary table, then one landscape table whose header row repeats
on every page: 序号 | 上级方案 | 本级方案 | 对照情况 | 说明, one row per parent measure in parent
order (`views.table_rows`), added child measures in their place.

The child text carries its redline against the source as real Word revisions (`w:ins` /
`w:del`, author duizhao, no date) so the office can accept or reject them; spans the engine
marks as a changed number, year or unit are also highlighted. Body in 仿宋, headings in 黑体
(Word and LibreOffice substitute a CJK serif / sans when those are missing). The file is
byte-identical across runs: fixed core properties and zip entry dates (`zip_stable`).
"""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from duizhao.compare.result import ChildResult, ClauseDiff, Comparison
from duizhao.reports.i18n import gettext_for, note_text, word
from duizhao.reports.views import TableRow, explain_parent, redline_pieces, table_rows
from duizhao.reports.zip_stable import stable_zip

BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
LATIN_FONT = "Times New Roman"
AUTHOR = "duizhao"
FIXED_DATE = datetime(2000, 1, 1)
WIDTHS_CM = (1.2, 8.0, 9.0, 2.6, 6.6)
"""序号, 上级方案, 本级方案, 对照情况, 说明 on a landscape A4 page (27.7 cm of text width)."""


def docx_bytes(result: Comparison, *, lang: str = "zh") -> bytes:
    """The 对照表 as a .docx file's bytes."""
    _ = gettext_for(lang)
    doc = Document()
    _page(doc)
    _fonts(doc)
    doc.add_heading(_("Comparison table: {parent} → {child}").format(
        parent=result.parent.title, child=result.child.title), level=1)  # fmt: skip
    sides = (("parent", result.parent), ("child", result.child))
    if result.mode == "revision":
        sides = (("old", result.parent), ("new", result.child))
    for side, plan in sides:
        j = plan.jurisdiction
        facts = "，".join(x for x in (j.name, plan.period or "", plan.path) if x)
        doc.add_paragraph(f"{word(side, lang)}：{plan.title}（{facts}）")
    for note in result.notes:
        doc.add_paragraph(_("Warning: {note}").format(note=note_text(note, lang)))
    doc.add_heading(_("Summary"), level=2)
    _summary(doc, result, lang)
    doc.add_heading(_("Measure by measure"), level=2)
    _table(doc, result, lang)
    _core(doc, result)
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.0))
    section.top_margin = section.bottom_margin = Cm(1.5)


def _set_font(style_or_run, name: str, size: float | None = None) -> None:
    font = style_or_run.font
    font.name = LATIN_FONT
    if size:
        font.size = Pt(size)
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _fonts(doc) -> None:
    _set_font(doc.styles["Normal"], BODY_FONT, 10.5)
    for name in ("Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        _set_font(style, HEAD_FONT)
        style.font.color.rgb = None


def _core(doc, result: Comparison) -> None:
    core = doc.core_properties
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.created = FIXED_DATE
    core.modified = FIXED_DATE
    core.revision = 1
    core.title = f"{result.parent.title} → {result.child.title}"


def _summary(doc, result: Comparison, lang: str) -> None:
    """Counts from the summary: parent side, child side, reassignments."""
    _ = gettext_for(lang)
    s = result.summary
    groups = [
        (word("parent", lang), s.parent_measures,
         [("carried", s.carried), ("partial", s.partial), ("dropped", s.dropped)]),
        (word("child", lang), s.child_measures,
         [("inherited", s.inherited), ("modified", s.modified), ("added", s.added)]),
        (word("reassigned", lang), None,
         [("moved", s.moved), ("merged", s.merged), ("split", s.split),
          ("owners_changed", s.owners_changed)]),
    ]  # fmt: skip
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    head = table.rows[0].cells
    for cell, text in zip(head, (_("Side"), _("Measures"), _("Of which")), strict=True):
        _bold(cell, text)
    for name, total, counts in groups:
        cells = table.add_row().cells
        cells[0].text = name
        cells[1].text = "" if total is None else str(total)
        cells[2].text = "；".join(f"{word(k, lang)} {n}" for k, n in counts)


def _bold(cell, text: str) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = True
    _set_font(run, HEAD_FONT)


def _table(doc, result: Comparison, lang: str) -> None:
    _ = gettext_for(lang)
    rows = table_rows(result)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.autofit = False
    heads = (_("No."), word("parent", lang), word("child", lang), _("Finding"), _("Notes"))
    header = table.rows[0]
    for cell, text in zip(header.cells, heads, strict=True):
        _bold(cell, text)
    _repeat_header(header)
    for n, row in enumerate(rows, 1):
        cells = _new_row(table)
        _run(cells[0]._tc.p_lst[0], str(n))
        _parent_cell(cells[1], row)
        _child_cell(cells[2], row, lang)
        _run(cells[3]._tc.p_lst[0], _finding(row, lang))
        _notes_cell(cells[4], result, row, lang)
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)
    for tc, width in zip(header._tr.tc_lst, WIDTHS_CM, strict=True):
        tc.width = Cm(width)


def _new_row(table) -> list:
    """A row of WIDTHS_CM cells appended to `table`, each holding one empty paragraph.

    Built with lxml (as python-docx's add_row writes it): `Row.cells` walks every cell of the
    table on each call, which made a 2,000-row 对照表 quadratic."""
    from docx.table import _Cell
    from lxml import etree

    tr = etree.SubElement(table._tbl, qn("w:tr"))
    cells = []
    for width in WIDTHS_CM:
        tc = etree.SubElement(tr, qn("w:tc"))
        tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
        tcw.set(qn("w:type"), "dxa")
        tcw.set(qn("w:w"), str(round(Cm(width) / 635)))  # EMU → twentieths of a point
        etree.SubElement(tc, qn("w:p"))
        cells.append(_Cell(tc, table))
    return cells


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    tr_pr.append(mark)


def _parent_cell(cell, row: TableRow) -> None:
    if row.parent is None:
        return
    m = row.parent.measure
    par = cell.paragraphs[0]
    _run(par._p, m.label, bold=True)
    _run(par._p, m.text)


def _run(
    parent,
    text: str,
    *,
    bold: bool = False,
    highlight: bool = False,
    deleted: bool = False,
    preserve: bool = False,
):
    """Append a w:r holding `text` to the lxml element `parent` (a w:p, w:ins or w:del).

    Written with lxml directly: python-docx's add_run and run.text cost about ten element
    operations a run, and a 2,000-row 对照表 holds some 60,000 runs. Line breaks and tabs in
    `text` become w:br and w:tab, as python-docx writes them."""
    from lxml import etree

    r = etree.SubElement(parent, qn("w:r"))
    if bold or highlight:
        rpr = etree.SubElement(r, qn("w:rPr"))
        if bold:
            etree.SubElement(rpr, qn("w:b"))
        if highlight:
            etree.SubElement(rpr, qn("w:highlight")).set(qn("w:val"), "yellow")
    tag = qn("w:delText" if deleted else "w:t")
    for n, line in enumerate(text.split("\n")):
        if n:
            etree.SubElement(r, qn("w:br"))
        for k, piece in enumerate(line.split("\t")):
            if k:
                etree.SubElement(r, qn("w:tab"))
            if piece:
                t = etree.SubElement(r, tag)
                if preserve or piece != piece.strip():
                    t.set(qn("xml:space"), "preserve")
                t.text = piece
    return r


def _finding(row: TableRow, lang: str) -> str:
    parts = [word(row.parent.status, lang)] if row.parent else []
    for c in row.children:
        parts.append(word(c.status, lang))
        parts += [word(f, lang) for f in c.flags]
    return "、".join(dict.fromkeys(parts))


def _notes_cell(cell, result: Comparison, row: TableRow, lang: str) -> None:
    from lxml import etree

    lines = explain_parent(result, row, lang)
    tc = cell._tc
    for n, line in enumerate(lines):
        _run(tc.p_lst[0] if n == 0 else etree.SubElement(tc, qn("w:p")), line)


def _child_cell(cell, row: TableRow, lang: str) -> None:
    first = True
    for c in row.children:
        par = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _run(par._p, c.measure.label, bold=True)
        if c.status == "added" or not c.diff or all(d.op == "kept" for d in c.diff):
            _run(par._p, c.measure.text)
        else:
            _redline(par, c.diff)
    if not row.children and row.also:
        _ = gettext_for(lang)
        names = "；".join(c.measure.name for c in row.also)
        cell.paragraphs[0].add_run(_("(see {names})").format(names=names)).italic = True


def _redline(par, diffs: tuple[ClauseDiff, ...]) -> None:
    """The clause diff as Word revisions: kept text plain, deleted in w:del, inserted in w:ins;
    a changed number, year or unit also highlighted."""
    counter = _counter_of(par)
    for kind, text in redline_pieces(diffs):
        if kind == "equal":
            _run(par._p, text)
        else:
            tag = "w:del" if kind == "delete" else "w:ins"
            _revision(par, tag, text, next(counter), highlight=kind == "number")


def _counter_of(par):
    """Revision ids unique within the document: numbered from the paragraph's document part."""
    part = par.part
    start = getattr(part, "_duizhao_revisions", 0)

    def gen():
        n = start
        while True:
            n += 1
            part._duizhao_revisions = n
            yield n

    return gen()


def _revision(par, tag: str, text: str, rev_id: int, *, highlight: bool = False) -> None:
    """Append a tracked insertion or deletion of `text` (author duizhao, no date)."""
    if not text:
        return
    from lxml import etree

    wrapper = etree.SubElement(par._p, qn(tag))
    wrapper.set(qn("w:id"), str(rev_id))
    wrapper.set(qn("w:author"), AUTHOR)
    _run(wrapper, text, highlight=highlight, deleted=tag == "w:del", preserve=True)


def child_names(children: tuple[ChildResult, ...]) -> str:
    """Names of the child measures of a row (for tests and other views)."""
    return "；".join(c.measure.name for c in children)
