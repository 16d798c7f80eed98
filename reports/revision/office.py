"""The 修改对照表 of two drafts as a Word file and an Excel workbook.

Word: the drafts named, the summary (共修改 N 处, the renumbering once), then one landscape
table whose header row repeats on every page — 序号 | 原稿 | 修改稿 | 修改说明 — one row per
changed measure (every measure with `show_all`). The 修改稿 cell holds the old text with each
edit as a tracked change (w:del / w:ins, author duizhao), so Word or WPS shows the new text
with its revisions and the office can accept or reject each one; a changed number is also
highlighted. Excel: the same rows, the redline as rich text (struck red / underlined green),
frozen header, landscape print. Both byte-identical across runs.
"""

from __future__ import annotations

import io
from itertools import count

from docx.oxml.ns import qn

from duizhao.compare.result import Comparison
from duizhao.reports.common import docx_parts as parts
from duizhao.reports.common.i18n import gettext_for, using
from duizhao.reports.common.zip_stable import document_date, stable_zip
from duizhao.reports.revision.views import (
    RevisionRow,
    columns,
    draft_lines,
    revision_rows,
    summary_lines,
    title,
)

WIDTHS_CM = (1.2, 10.0, 10.0, 6.5)
"""序号, 原稿, 修改稿, 修改说明 on a landscape A4 page (27.7 cm of text width)."""


def revision_docx_bytes(result: Comparison, *, lang: str = "zh", show_all: bool = False) -> bytes:
    """The 修改对照表 as a .docx file's bytes."""
    name = title(result, lang)
    with using(lang):
        doc = parts.new_document(name, lang)
    for line in (*draft_lines(result, lang), *summary_lines(result, lang)):
        parts.paragraph(doc, line)
    table = doc.add_table(rows=1, cols=len(WIDTHS_CM))
    table.style = "Table Grid"
    parts.header_row(table, columns(lang), WIDTHS_CM)
    parts.fixed_widths(table, WIDTHS_CM)
    revisions = count(1)
    for n, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        size = len(row.old_text) + len(row.new_text)
        no, old, new, notes = (
            c._tc for c in parts.new_row(table, WIDTHS_CM, keep_whole=size <= parts.KEEP_WHOLE)
        )
        parts.run(no.p_lst[0], str(n))
        parts.run(old.p_lst[0], row.old_label, bold=True)
        parts.run(old.p_lst[0], row.old_text)
        _tracked(new.p_lst[0], row, revisions)
        parts.run(notes.p_lst[0], row.status, bold=True)
        for note in row.notes:
            parts.run(notes.add_p(), note)
    return parts.document_bytes(doc, name, lang)


def _tracked(p, row: RevisionRow, revisions) -> None:
    """The new text as the old one with tracked changes: kept text plain, each deletion a
    w:del and each insertion a w:ins (a changed number highlighted); an added measure is one
    insertion, a deleted measure one deletion."""
    if row.new_label:
        parts.run(p, row.new_label, bold=True)
    if not row.spans:
        if row.new_text and row.old_text:
            parts.run(p, row.new_text)
        elif row.new_text:
            _revision(p, "w:ins", row.new_text, next(revisions))
        else:
            _revision(p, "w:del", row.old_text, next(revisions))
        return
    for span in row.spans:
        if span.op == "equal":
            parts.run(p, span.text)
        elif span.text:
            tag = "w:del" if span.op == "delete" else "w:ins"
            _revision(p, tag, span.text, next(revisions), highlight=span.kind == "number")


def _revision(p, tag: str, text: str, rev_id: int, *, highlight: bool = False) -> None:
    """A tracked insertion or deletion of `text` (author duizhao, no date) appended to w:p."""
    from lxml import etree

    wrapper = etree.SubElement(p, qn(tag))
    wrapper.set(qn("w:id"), str(rev_id))
    wrapper.set(qn("w:author"), parts.AUTHOR)
    parts.run(wrapper, text, highlight=highlight, deleted=tag == "w:del", preserve=True)


XLSX_WIDTHS = (6, 50, 50, 34)
"""序号, 原稿, 修改稿, 修改说明 in Excel's character units (one page wide in print)."""


def revision_xlsx_bytes(result: Comparison, *, lang: str = "zh", show_all: bool = False) -> bytes:
    """The 修改对照表 as an .xlsx workbook's bytes: summary lines, then the table, every row as
    tall as its text, printed A4 landscape one page wide with the header row on every page."""
    from duizhao.reports.common.xlsx_print import print_setup, row_height
    from duizhao.reports.common.xlsx_safe import workbook

    _ = gettext_for(lang)
    buffer = io.BytesIO()
    book = workbook(buffer)  # no cell text can become a formula
    name = title(result, lang)
    book.set_properties({"title": name, "author": "duizhao", "created": document_date()})
    base = {"font_name": parts.BODY_FONT, "font_size": 10, "valign": "top", "text_wrap": True,
            "border": 1, "border_color": "#BBBBBB"}  # fmt: skip
    head = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9"})
    cell = book.add_format(base)
    font = {"font_name": parts.BODY_FONT, "font_size": 10}
    runs = {
        "equal": book.add_format(font),
        "delete": book.add_format({**font, "font_strikeout": True, "font_color": "#B00000"}),
        "insert": book.add_format({**font, "underline": 1, "font_color": "#006000"}),
    }
    sheet = book.add_worksheet(_("Revision table"))
    lines = [name, *draft_lines(result, lang), *summary_lines(result, lang)]
    for r, line in enumerate(lines):
        sheet.write_string(r, 0, line)
    top = len(lines) + 1
    for c, text in enumerate(columns(lang)):
        sheet.write_string(top, c, text, head)
    for k, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        r = top + k
        notes = "\n".join([row.status, *row.notes])
        old, new = f"{row.old_label}{row.old_text}", f"{row.new_label}{row.new_text}"
        sheet.write_number(r, 0, k, cell)
        sheet.write_string(r, 1, old, cell)
        pieces = [(s.op, s.text) for s in row.spans if s.text]
        if len(pieces) >= 2:
            rich: list = [row.new_label] if row.new_label else []
            for op, text in pieces:
                rich += [runs[op], text]
            sheet.write_rich_string(r, 2, *rich, cell)
        else:
            sheet.write_string(r, 2, new, cell)
        sheet.write_string(r, 3, notes, cell)
        marked = "".join(s.text for s in row.spans) or new
        sheet.set_row(r, row_height([old, marked, notes], list(XLSX_WIDTHS[1:])))
    for c, width in enumerate(XLSX_WIDTHS):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(top + 1, 0)
    sheet.repeat_rows(top)
    print_setup(sheet, header=name, footer=(_("Page "), _(" of "), _(" pages")))
    book.close()
    return stable_zip(buffer.getvalue())
