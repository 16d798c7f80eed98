"""The 修改对照表 of two drafts as an Excel workbook: the rows of the Word table, the redline as
rich text (struck red / underlined green), frozen header, A4 landscape print one page wide.
No cell can be a formula; byte-identical across runs.
"""

from __future__ import annotations

import io

from duizhao.compare.result import Comparison
from duizhao.reports.common import docx_parts as parts
from duizhao.reports.common.i18n import gettext_for
from duizhao.reports.common.zip_stable import document_date, stable_zip
from duizhao.reports.revision.views import (
    columns,
    draft_lines,
    revision_rows,
    summary_lines,
    title,
)

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
