"""The xlsx 对照表 (XlsxWriter): the Word table's rows and columns, printable as it is.

Sheet 对照表: 序号 | 上级方案 | 本级方案 | 责任单位 | 对照情况 | 说明, then the measures' ids (text,
outside the print area, for filters and scripts). The rows are `table_view.table_lines`: a
merged, shaded row for each heading of the parent plan, the parent measure's own number in
序号, the child text with what it added underlined; 说明 from `table_notes`. Printed: A4
landscape, one page wide, the header row on every page, every row as tall as its text
(`xlsx_print`), 第 X 页 共 Y 页 in the footer. Sheet 汇总: the plans, the 综述 and the counts with
their shares in per cent, on one page. Sheet 图例: what the colours and marks mean, on one page.

Byte-identical across runs: fixed document properties and zip entry dates.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

from duizhao.compare.result import Comparison
from duizhao.reports.common.docx_parts import AUTHOR
from duizhao.reports.common.escape import percent
from duizhao.reports.common.i18n import _, note_text, using, word
from duizhao.reports.common.xlsx_print import print_setup, row_height
from duizhao.reports.common.xlsx_safe import workbook
from duizhao.reports.common.zip_stable import document_date, stable_zip
from duizhao.reports.pair.docx import sides, table_title
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
from duizhao.reports.pair.views import TableRow

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

TONE_FILLS = {
    "dropped": "#FDE2E1",
    "added": "#E3F5E4",
    "moved": "#FFE9C7",
    "reassigned": "#ECE6FA",
    "partial": "#FFF8D6",
}
FONT = "仿宋"
WIDTHS = (6, 44, 46, 24, 10, 34, 10, 12)
"""序号, 上级方案, 本级方案, 责任单位, 对照情况, 说明 (printed), then the two id columns."""
PRINTED = 6
"""Columns on the printed page."""


def xlsx_bytes(
    result: Comparison, *, lang: str = "zh", reasons: Mapping[str, str] | None = None
) -> bytes:
    """The 对照表 workbook as bytes (`reasons`: see `pair.docx.docx_bytes`)."""
    buffer = io.BytesIO()
    book = workbook(buffer)
    with using(lang):
        title = table_title(result)
        book.set_properties({"title": title, "author": AUTHOR, "created": document_date()})
        styles = _Styles(book)
        _table_sheet(book, styles, result, title, reasons or {})
        _summary_sheet(book, styles, result, title)
        _legend_sheet(book, styles)
    book.close()
    return stable_zip(buffer.getvalue())


class _Styles:
    """The workbook's formats, made once (XlsxWriter formats belong to one workbook)."""

    def __init__(self, book: Workbook) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "top", "text_wrap": True,
                "border": 1, "border_color": "#999999"}  # fmt: skip
        self.head = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9"})
        self.section = book.add_format({**base, "bold": True, "bg_color": "#EDEDED"})
        self.cell = book.add_format(base)
        self.tone = {t: book.add_format({**base, "bg_color": c}) for t, c in TONE_FILLS.items()}
        self.share = book.add_format({**base, "num_format": "0%"})
        self.inserted = book.add_format({"underline": 1, "font_name": FONT, "font_size": 10})
        self.number = book.add_format({"underline": 1, "bg_color": "#FFF59D", "font_name": FONT,
                                       "font_size": 10})  # fmt: skip
        self.bold = book.add_format({"bold": True, "font_name": FONT, "font_size": 10})
        self.plain = book.add_format({"font_name": FONT, "font_size": 10})
        self.title = book.add_format({"bold": True, "font_size": 14, "font_name": FONT,
                                      "text_wrap": True, "valign": "top"})  # fmt: skip
        self.text = book.add_format({"font_name": FONT, "font_size": 10, "text_wrap": True,
                                     "valign": "top"})  # fmt: skip


def headers(lang: str | None = None) -> list[str]:
    """Column headers of sheet 对照表 of a pair (in `lang`, else the enclosing `using`'s)."""
    with using(lang) if lang else contextlib.nullcontext():
        return [_("No."), word("parent"), word("child"), _("Owners"), _("Finding"), _("Notes"),
                _("Parent id"), _("Child id")]  # fmt: skip


def _footer() -> tuple[str, str, str]:
    return (_("Page "), _(" of "), _(" pages"))


def _table_sheet(
    book: Workbook, st: _Styles, result: Comparison, title: str, reasons: Mapping[str, str]
) -> None:
    sheet = book.add_worksheet(_("Comparison table"))
    for n, width in enumerate(WIDTHS):
        sheet.set_column(n, n, width)
    head = headers()
    first, second = sides(result)
    head[1], head[2] = word(first), word(second)
    sheet.write_row(0, 0, head, st.head)
    r = 0
    for line in table_lines(result):
        r += 1
        if isinstance(line, SectionLine):
            sheet.merge_range(r, 0, r, PRINTED - 1, line.text, st.section)
            for col in range(PRINTED, len(WIDTHS)):
                sheet.write_blank(r, col, None, st.section)
            sheet.set_row(r, row_height([line.text], [sum(WIDTHS[:PRINTED])]))
            continue
        _measure_row(sheet, st, r, result, line, reasons)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, r, len(WIDTHS) - 1)
    sheet.repeat_rows(0)
    sheet.print_area(0, 0, r, PRINTED - 1)
    print_setup(sheet, header=title, footer=_footer())


def _measure_row(
    sheet: Worksheet,
    st: _Styles,
    r: int,
    result: Comparison,
    row: TableRow,
    reasons: Mapping[str, str],
) -> None:
    fmt = st.tone.get(row.tone, st.cell)
    p = row.parent.measure if row.parent else None
    child_text = _child_text(sheet, st, r, row, fmt)
    texts = [number(row), p.text if p else "", child_text, "\n".join(owner_lines(row)),
             finding(row), "\n".join(row_notes(result, row, reasons))]  # fmt: skip
    for col in (0, 1, 3, 4, 5):
        sheet.write_string(r, col, texts[col], fmt)
    sheet.write_string(r, 6, p.id if p else "", fmt)
    sheet.write_string(r, 7, " ".join(c.measure.id for c in row.children), fmt)
    sheet.set_row(r, row_height(texts, list(WIDTHS[:PRINTED])))


def _child_text(sheet: Worksheet, st: _Styles, r: int, row: TableRow, fmt: Format) -> str:
    """Write the child cell (added text underlined) and return its plain text."""
    fragments: list[tuple[object, str]] = []
    for n, c in enumerate(row.children):
        if n:
            fragments.append((st.plain, "\n"))
        if len(row.children) > 1 or row.parent is None:
            fragments.append((st.bold, c.measure.label))
        for kind, text in child_pieces(c):
            style = {"insert": st.inserted, "number": st.number}.get(kind, st.plain)
            fragments.append((style, text))
    plain = "".join(t for _, t in fragments)
    if len(fragments) < 2 or all(s is st.plain for s, _ in fragments):
        sheet.write_string(r, 2, plain, fmt)
    else:
        sheet.write_rich_string(r, 2, *[x for pair in fragments for x in pair], fmt)
    return plain


def _summary_sheet(book: Workbook, st: _Styles, result: Comparison, title: str) -> None:
    sheet = book.add_worksheet(_("Summary"))
    widths = (14, 70, 10, 10)
    for n, width in enumerate(widths):
        sheet.set_column(n, n, width)
    sheet.merge_range(0, 0, 0, 3, title, st.title)
    sheet.set_row(0, row_height([title], [sum(widths) * 0.7]) * 1.4)
    for n, (side, plan) in enumerate(zip(sides(result), (result.parent, result.child),
                                         strict=True), 1):  # fmt: skip
        sheet.write_string(n, 0, word(side), st.head)
        text = f"《{plan.title}》（{plan_facts(plan)}）"
        sheet.merge_range(n, 1, n, 3, text, st.cell)
        sheet.set_row(n, row_height([text], [sum(widths[1:])]))
    top = 4
    if result.mode != "revision":
        text = overview(result)
        sheet.merge_range(3, 0, 3, 3, text, st.text)
        sheet.set_row(3, row_height([text], [sum(widths)]))
        top = 5
    s = result.summary
    lines = [("parent", s.parent_measures, s.parent_measures),
             ("carried", s.carried, s.parent_measures),
             ("partial", s.partial, s.parent_measures),
             ("dropped", s.dropped, s.parent_measures),
             ("child", s.child_measures, s.child_measures),
             ("inherited", s.inherited, s.child_measures),
             ("modified", s.modified, s.child_measures),
             ("added", s.added, s.child_measures),
             ("moved", s.moved, s.child_measures),
             ("merged", s.merged, s.child_measures),
             ("split", s.split, s.child_measures),
             ("owners_changed", s.owners_changed, s.child_measures)]  # fmt: skip
    sheet.write_row(top, 0, [_("Item"), "", _("Count"), _("Share")], st.head)
    for n, (key, count, whole) in enumerate(lines, top + 1):
        sheet.write_string(n, 0, word(key), st.cell)
        sheet.write_blank(n, 1, None, st.cell)
        sheet.write_number(n, 2, count, st.cell)
        sheet.write_string(n, 3, percent(count, whole), st.cell)
    plans = (result.parent, result.child)
    for n, note in enumerate(result.notes, top + len(lines) + 2):
        text = _("Note: ") + without_paths(note_text(note), plans)
        sheet.merge_range(n, 0, n, 3, text, st.text)
        sheet.set_row(n, row_height([text], [sum(widths)]))
    print_setup(sheet, landscape=False, one_page=True, footer=_footer())


def _legend_sheet(book: Workbook, st: _Styles) -> None:
    sheet = book.add_worksheet(_("Legend"))
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 70)
    rows = [
        (st.tone["dropped"], word("dropped"), _("Nothing substantial reaches the child.")),
        (st.tone["partial"], word("partial"), _("Some of it reaches the child, a substantial part does not.")),
        (st.tone["added"], word("added"), _("Most of it has no source in the parent.")),
        (st.tone["moved"], word("moved"), _("Its source sits in a parent section that does not correspond.")),
        (st.tone["reassigned"], word("reassigned"), _("Merged, split or owners changed.")),
        (st.section, _("Shaded row"), _("A heading of the parent plan.")),
        (st.inserted, _("Underlined"), _("In the child only (added).")),
        (st.number, _("Highlighted"), _("A changed number, year or unit.")),
    ]  # fmt: skip
    sheet.write_row(0, 0, [_("Mark"), _("Meaning")], st.head)
    for n, (fmt, name, meaning) in enumerate(rows, 1):
        sheet.write_string(n, 0, name, fmt)
        sheet.write_string(n, 1, meaning, st.cell)
        sheet.set_row(n, row_height([meaning], [70]))
    print_setup(sheet, landscape=False, one_page=True, footer=_footer())
