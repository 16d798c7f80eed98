"""The xlsx 对照表 (XlsxWriter): the same rows as the Word table, plus a summary and a legend.

Sheet 对照表: 序号 | 上级方案 (label, text) | 本级方案 (label, text) | 对照情况 | 说明 | 修改痕迹
(the redline as rich text: struck red = parent only, underlined blue = child only) | shares and
ids for filters. Rows come from `views.table_rows` (parent order, added measures in place);
frozen panes on the label columns, landscape print, header rows repeated, fit to one page
wide. Sheet 汇总: the counts of `Comparison.summary`. Sheet 图例: what the colours and words mean.

Written directly with XlsxWriter (no DataFrame): 2,000 measures in well under a second.
Byte-identical across runs: fixed document properties and zip entry dates.
"""

from __future__ import annotations

import io
from datetime import datetime

from duizhao.compare.result import ChildResult, Comparison
from duizhao.reports.i18n import gettext_for, note_text, word
from duizhao.reports.views import TableRow, explain_parent, redline_pieces, table_rows
from duizhao.reports.xlsx_safe import workbook
from duizhao.reports.zip_stable import stable_zip

TONE_FILLS = {
    "dropped": "#FDE2E1",
    "added": "#E3F5E4",
    "moved": "#FFE9C7",
    "reassigned": "#ECE6FA",
    "partial": "#FFF8D6",
}
FIXED_DATE = datetime(2000, 1, 1)
FONT = "仿宋"


def xlsx_bytes(result: Comparison, *, lang: str = "zh") -> bytes:
    """The 对照表 workbook as bytes."""
    buffer = io.BytesIO()
    book = workbook(buffer)
    book.set_properties({"title": f"{result.parent.title} → {result.child.title}",
                         "author": "duizhao", "created": FIXED_DATE})  # fmt: skip
    styles = _Styles(book)
    _table_sheet(book, styles, result, lang)
    _summary_sheet(book, styles, result, lang)
    _legend_sheet(book, styles, lang)
    book.close()
    return stable_zip(buffer.getvalue())


class _Styles:
    """The workbook's formats, made once (XlsxWriter formats belong to one workbook)."""

    def __init__(self, book) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "top", "text_wrap": True,
                "border": 1, "border_color": "#BBBBBB"}  # fmt: skip
        self.head = book.add_format({**base, "bold": True, "bg_color": "#EFEFEF"})
        self.cell = book.add_format(base)
        self.tone = {t: book.add_format({**base, "bg_color": c}) for t, c in TONE_FILLS.items()}
        self.share = {
            t: book.add_format({**base, "num_format": "0%", **({"bg_color": c} if c else {})})
            for t, c in [("", ""), *TONE_FILLS.items()]
        }
        self.deleted = book.add_format({"font_strikeout": True, "font_color": "#B00020",
                                        "font_name": FONT})  # fmt: skip
        self.inserted = book.add_format({"underline": 1, "font_color": "#0B57D0",
                                         "font_name": FONT})  # fmt: skip
        self.number = book.add_format({"underline": 1, "bold": True, "font_color": "#0B57D0",
                                       "bg_color": "#FFF59D", "font_name": FONT})  # fmt: skip
        self.plain = book.add_format({"font_name": FONT})
        self.title = book.add_format({"bold": True, "font_size": 14, "font_name": FONT})


def headers(lang: str) -> list[str]:
    """Column headers of sheet 对照表."""
    _ = gettext_for(lang)
    return [_("No."), _("Parent label"), word("parent", lang), _("Child label"),
            word("child", lang), _("Finding"), _("Notes"), _("Redline"), _("Coverage"),
            _("Novelty"), _("Parent id"), _("Child id")]  # fmt: skip


WIDTHS = (5, 9, 48, 9, 48, 14, 40, 48, 8, 8, 8, 8)


def _table_sheet(book, st: _Styles, result: Comparison, lang: str) -> None:
    _ = gettext_for(lang)
    sheet = book.add_worksheet(_("Comparison table"))
    for n, width in enumerate(WIDTHS):
        sheet.set_column(n, n, width)
    sheet.write_row(0, 0, headers(lang), st.head)
    rows = table_rows(result)
    for n, row in enumerate(rows, 1):
        fmt = st.tone.get(row.tone, st.cell)
        p = row.parent.measure if row.parent else None
        kids = row.children
        sheet.write_number(n, 0, n, fmt)
        sheet.write_string(n, 1, p.label if p else "", fmt)
        sheet.write_string(n, 2, p.text if p else "", fmt)
        sheet.write_string(n, 3, "、".join(c.measure.label for c in kids), fmt)
        sheet.write_string(n, 4, "\n".join(c.measure.text for c in kids), fmt)
        sheet.write_string(n, 5, _finding(row, lang), fmt)
        sheet.write_string(n, 6, "\n".join(explain_parent(result, row, lang)), fmt)
        _redline_cell(sheet, n, 7, kids, st, fmt)
        share = st.share[row.tone]
        if row.parent is not None:
            sheet.write_number(n, 8, round(row.parent.coverage, 4), share)
        else:
            sheet.write_blank(n, 8, None, share)
        if kids:
            sheet.write_number(n, 9, round(max(c.novelty for c in kids), 4), share)
        else:
            sheet.write_blank(n, 9, None, share)
        sheet.write_string(n, 10, p.id if p else "", fmt)
        sheet.write_string(n, 11, " ".join(c.measure.id for c in kids), fmt)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, len(rows), len(WIDTHS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _finding(row: TableRow, lang: str) -> str:
    parts = [word(row.parent.status, lang)] if row.parent else []
    for c in row.children:
        parts += [word(c.status, lang), *(word(f, lang) for f in c.flags)]
    return "、".join(dict.fromkeys(parts))


def _redline_cell(sheet, r: int, col: int, kids: tuple[ChildResult, ...], st, fmt) -> None:
    pieces: list[tuple[str, str]] = []
    for n, c in enumerate(kids):
        if n:
            pieces.append(("equal", "\n"))
        if c.status != "added" and any(d.op != "kept" for d in c.diff):
            pieces += redline_pieces(c.diff)
    if not any(k != "equal" for k, _ in pieces):
        sheet.write_string(r, col, "", fmt)
        return
    styles = {"equal": st.plain, "delete": st.deleted, "insert": st.inserted,
              "number": st.number}  # fmt: skip
    if len(pieces) == 1:
        kind, text = pieces[0]
        sheet.write_string(r, col, text, fmt)
        return
    merged: list[tuple[str, str]] = []  # one fragment per run of a kind: fewer fonts to write
    for kind, text in pieces:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    parts: list = []
    for kind, text in merged:
        parts += [styles.get(kind, st.plain), text]
    sheet.write_rich_string(r, col, *parts, fmt)


def _summary_sheet(book, st: _Styles, result: Comparison, lang: str) -> None:
    _ = gettext_for(lang)
    sheet = book.add_worksheet(_("Summary"))
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 3, 10)
    sheet.write_string(0, 0, _("Comparison"), st.title)
    sides = ("old", "new") if result.mode == "revision" else ("parent", "child")
    for n, (side, plan) in enumerate(zip(sides, (result.parent, result.child), strict=True), 1):
        sheet.write_string(n, 0, word(side, lang), st.head)
        sheet.write_string(n, 1, f"{plan.title}（{plan.jurisdiction.name or '–'}，{plan.path}）",
                           st.cell)  # fmt: skip
    s = result.summary
    lines = [
        ("parent", s.parent_measures, s.parent_measures),
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
        ("owners_changed", s.owners_changed, s.child_measures),
    ]
    top = 4
    sheet.write_row(top, 0, [_("Item"), _("Count"), _("Share")], st.head)
    for n, (key, count, whole) in enumerate(lines, top + 1):
        sheet.write_string(n, 0, word(key, lang), st.cell)
        sheet.write_number(n, 1, count, st.cell)
        sheet.write_number(n, 2, round(count / whole, 4) if whole else 0, st.share[""])
    for n, note in enumerate(result.notes, top + len(lines) + 2):
        sheet.write_string(n, 0, _("Warning: {note}").format(note=note_text(note, lang)))


def _legend_sheet(book, st: _Styles, lang: str) -> None:
    _ = gettext_for(lang)
    sheet = book.add_worksheet(_("Legend"))
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 80)
    rows = [
        (st.tone["dropped"], word("dropped", lang), _("Nothing substantial reaches the child.")),
        (st.tone["partial"], word("partial", lang), _("Some of it reaches the child, a substantial part does not.")),
        (st.tone["added"], word("added", lang), _("Most of it has no source in the parent.")),
        (st.tone["moved"], word("moved", lang), _("Its source sits in a parent section that does not correspond.")),
        (st.tone["reassigned"], word("reassigned", lang), _("Merged, split or owners changed.")),
        (st.deleted, _("Struck"), _("In the parent only (removed).")),
        (st.inserted, _("Underlined"), _("In the child only (added).")),
        (st.number, _("Highlighted"), _("A changed number, year or unit.")),
    ]  # fmt: skip
    sheet.write_row(0, 0, [_("Mark"), _("Meaning")], st.head)
    for n, (fmt, name, meaning) in enumerate(rows, 1):
        sheet.write_string(n, 0, name, fmt)
        sheet.write_string(n, 1, meaning, st.cell)
