"""Pieces of a Word 对照表 shared by the pair and the chain tables (python-docx and lxml).

A landscape A4 page with a footer 第 X 页 共 Y 页 written as PAGE / NUMPAGES fields (Word and
WPS keep them right as the document changes), fonts (仿宋 body, 黑体 headings), language zh-CN,
core properties with title and author and dates from `SOURCE_DATE_EPOCH` when it is set (else
a fixed date, so the same inputs give the same bytes), table rows built with lxml (python-docx's
add_row walks every cell of the table on each call), full-width section rows, and runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from duizhao.reports.common.zip_stable import document_date

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.table import CT_Tc
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from lxml.etree import _Element

BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
LATIN_FONT = "Times New Roman"
AUTHOR = "duizhao"
SECTION_FILL = "EDEDED"
HEADER_FILL = "D9D9D9"


def landscape_a4(doc: Document) -> None:
    """A4 landscape with narrow margins: 27.7 cm of text width."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.0)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.6)
    section.header_distance = section.footer_distance = Cm(0.7)


def set_font(style_or_run: Any, name: str, size: float | None = None) -> None:
    """East Asian font `name` (Latin text in Times New Roman), optionally a size in points, of
    a python-docx run or character/paragraph style (both have `.font` and an rPr)."""
    font = style_or_run.font
    font.name = LATIN_FONT
    if size:
        font.size = Pt(size)
    fonts = child_element(style_or_run.element.get_or_add_rPr(), "w:rFonts")
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def child_element(parent: _Element, tag: str) -> _Element:
    """The child `tag` of an lxml element, appended when it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def new_document(title: str, lang: str) -> Document:
    """A python-docx Document set up as every 对照表 is: landscape A4, fonts and language, the
    running title in the header, 第 X 页 共 Y 页 in the footer, and `title` as its first line
    (call inside `i18n.using(lang)`)."""
    from docx import Document

    from duizhao.reports.common.i18n import _

    doc = Document()
    landscape_a4(doc)
    fonts_and_language(doc, lang)
    page_header(doc, title)
    page_footer(doc, _("Page "), _(" of "), _(" pages"))
    paragraph(doc, title, size=16, centre=True, font=HEAD_FONT)
    return doc


def document_bytes(doc: Document, title: str, lang: str) -> bytes:
    """The document's bytes with its core properties set, byte-identical for the same inputs."""
    import io

    from duizhao.reports.common.zip_stable import stable_zip

    core_properties(doc, title, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())


def fonts_and_language(doc: Document, lang: str) -> None:
    """Body and heading fonts, and the document's language (zh-CN for a Chinese report)."""
    set_font(doc.styles["Normal"], BODY_FONT, 10.5)
    for name in ("Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        set_font(style, HEAD_FONT)
        style.font.color.rgb = None
    code = "zh-CN" if lang == "zh" else "en-US"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    language = child_element(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), "w:lang")
    language.set(qn("w:val"), code)
    language.set(qn("w:eastAsia"), "zh-CN")
    settings = doc.settings.element.find(qn("w:themeFontLang"))
    if settings is not None:
        settings.set(qn("w:val"), code)
        settings.set(qn("w:eastAsia"), "zh-CN")


def core_properties(doc: Document, title: str, lang: str) -> None:
    """Title, author, language, and created/modified dates from `document_date`."""
    core = doc.core_properties
    core.author = core.last_modified_by = AUTHOR
    core.title = title
    core.subject = title
    core.comments = ""
    core.keywords = ""
    core.language = "zh-CN" if lang == "zh" else "en-US"
    core.created = core.modified = document_date()
    core.revision = 1


def page_footer(doc: Document, before: str, middle: str, after: str) -> None:
    """A centred footer `before` PAGE `middle` NUMPAGES `after` (第 X 页 共 Y 页), as fields."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = paragraph._p
    run(p, before, preserve=True)
    field(p, "PAGE")
    run(p, middle, preserve=True)
    field(p, "NUMPAGES")
    run(p, after, preserve=True)


def page_header(doc: Document, text: str) -> None:
    """A right-aligned running header (the table's title), small."""
    paragraph = doc.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = paragraph.add_run(text)
    r.font.size = Pt(9)


def field(p: _Element, instruction: str) -> None:
    """A complex field (begin, instruction, separate, a placeholder 1, end) appended to w:p."""
    from lxml import etree

    def fld(kind: str) -> None:
        etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:fldChar")).set(
            qn("w:fldCharType"), kind
        )

    fld("begin")
    instr = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:instrText"))
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    fld("separate")
    run(p, "1")
    fld("end")


def run(
    parent: _Element,
    text: str,
    *,
    bold: bool = False,
    highlight: bool = False,
    underline: bool = False,
    deleted: bool = False,
    preserve: bool = False,
) -> _Element:
    """Append a w:r holding `text` to the lxml element `parent` (a w:p, w:ins or w:del).

    Written with lxml directly: python-docx's add_run costs about ten element operations a
    run, and a 2,000-row 对照表 holds some 60,000 runs. Line breaks and tabs in `text` become
    w:br and w:tab, as python-docx writes them."""
    from lxml import etree

    r = etree.SubElement(parent, qn("w:r"))
    if bold or highlight or underline:
        rpr = etree.SubElement(r, qn("w:rPr"))
        if bold:
            etree.SubElement(rpr, qn("w:b"))
        if highlight:
            etree.SubElement(rpr, qn("w:highlight")).set(qn("w:val"), "yellow")
        if underline:
            etree.SubElement(rpr, qn("w:u")).set(qn("w:val"), "single")
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


KEEP_WHOLE = 200
"""A row whose cells hold at most this many characters is never split across pages (a longer
one may be: kept whole, it would leave most of a page empty)."""


def new_row(table: Table, widths_cm: tuple[float, ...], *, keep_whole: bool = True) -> list[_Cell]:
    """A row of cells of `widths_cm` appended to `table`, each holding one empty paragraph;
    `keep_whole` asks Word not to split the row across pages (see KEEP_WHOLE)."""
    from docx.table import _Cell
    from lxml import etree

    tr: _Element = etree.SubElement(table._tbl, qn("w:tr"))
    if keep_whole:
        etree.SubElement(etree.SubElement(tr, qn("w:trPr")), qn("w:cantSplit"))
    cells = []
    for width in widths_cm:
        tc = etree.SubElement(tr, qn("w:tc"))
        tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
        tcw.set(qn("w:type"), "dxa")
        tcw.set(qn("w:w"), str(round(Cm(width) / 635)))  # EMU → twentieths of a point
        etree.SubElement(tc, qn("w:p"))
        # python-docx's element lookup makes every w:tc a CT_Tc (lxml's stubs cannot know it).
        cells.append(_Cell(cast("CT_Tc", tc), table))
    return cells


def section_row(table: Table, widths_cm: tuple[float, ...], text: str, depth: int) -> None:
    """A full-width row (one cell spanning every column, shaded) holding a heading; the
    paragraph keeps with the next row, so a heading never ends a page."""
    from lxml import etree

    cell = new_row(table, (sum(widths_cm),))[0]
    tc_pr = cell._tc.get_or_add_tcPr()  # new_row made it
    etree.SubElement(tc_pr, qn("w:gridSpan")).set(qn("w:val"), str(len(widths_cm)))
    shade(cell, SECTION_FILL if depth else HEADER_FILL)
    p = cell._tc.p_lst[0]
    ppr = etree.SubElement(p, qn("w:pPr"))
    etree.SubElement(ppr, qn("w:keepNext"))
    run(p, text, bold=True)


def shade(cell: _Cell, fill: str) -> None:
    """A cell's background colour (hex RGB)."""
    from lxml import etree

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = etree.SubElement(tc_pr, qn("w:shd"))
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def header_row(table: Table, heads: tuple[str, ...], widths_cm: tuple[float, ...]) -> None:
    """The table's first row: bold, shaded, repeated at the top of every page."""
    header = table.rows[0]
    for cell, text, width in zip(header.cells, heads, widths_cm, strict=True):
        cell.text = ""
        r = cell.paragraphs[0].add_run(text)
        r.bold = True
        set_font(r, HEAD_FONT)
        shade(cell, HEADER_FILL)
        cell.width = Cm(width)
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row_properties: _Element = header._tr.get_or_add_trPr()
    row_properties.append(mark)


def grid_table(doc: Document, heads: tuple[str, ...], widths_cm: tuple[float, ...]) -> Table:
    """A bordered table of `widths_cm` columns whose first row is `header_row(heads)`."""
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.style = "Table Grid"
    header_row(table, heads, widths_cm)
    return table


def fixed_widths(table: Table, widths_cm: tuple[float, ...]) -> None:
    """Column widths of the grid (Word reads the grid, LibreOffice the cells: both are set)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)


def paragraph(doc: Document, text: str = "", *, bold_lead: str = "", size: float | None = None,
              centre: bool = False, font: str | None = None) -> Paragraph:  # fmt: skip
    """A body paragraph, optionally opening with a bold lead-in (综述：) and centred."""
    par = doc.add_paragraph()
    if centre:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece, bold in ((bold_lead, True), (text, False)):
        if piece:
            r = par.add_run(piece)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
            if font:
                set_font(r, font)
    return par
