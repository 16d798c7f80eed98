"""A chain as an xlsx workbook (XlsxWriter) whose sheets are the 对照表, the trace (statuses
coloured), every top-level measure at every level with its text, carriers, coverage and
matching clauses, and the measures each lower plan added, with their text.

Headers in the report language; byte-identical across runs (fixed properties and zip dates).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from duizhao.compare.chain import Chain
from duizhao.reports.chain.views import (
    STATUS_TONES,
    added_measures,
    level_header,
    trace_headers,
    trace_rows,
    traced,
)
from duizhao.reports.common.i18n import _, using, word
from duizhao.reports.common.xlsx_print import print_setup
from duizhao.reports.common.zip_stable import stable_zip

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

FILLS = {"carried": "#E3F2E6", "partial": "#FFF4D6", "dropped": "#FBE0E0"}


FONT = "仿宋"


def chain_xlsx_bytes(chain: Chain, *, lang: str = "zh") -> bytes:
    """The workbook: sheets trace, measures (text and evidence per level) and added."""
    from duizhao.reports.chain.docx import chain_title
    from duizhao.reports.common.docx_parts import AUTHOR
    from duizhao.reports.common.xlsx_safe import workbook
    from duizhao.reports.common.zip_stable import document_date

    buffer = io.BytesIO()
    book = workbook(buffer)
    with using(lang):
        title = chain_title(chain)
        book.set_properties({"title": title, "author": AUTHOR, "created": document_date()})
        styles = _styles(book)
        _table_sheet(book, styles, chain, title)
        _trace_sheet(book, styles, chain)
        _measures_sheet(book, styles, chain)
        _added_sheet(book, styles, chain)
    book.close()
    return stable_zip(buffer.getvalue())


def _table_sheet(book: Workbook, styles: dict[str, Format], chain: Chain, title: str) -> None:
    """The chain 对照表: the Word table's rows and columns, then the ids (text, not printed)."""
    from duizhao.reports.chain.docx import chain_widths
    from duizhao.reports.chain.table_view import (
        chain_heads,
        chain_lines,
        chain_notes,
        chain_number,
        level_text,
    )
    from duizhao.reports.common.xlsx_print import print_setup, row_height
    from duizhao.reports.pair.table_view import SectionLine

    widths = [round(w * 5.2) for w in chain_widths(len(chain.plans))]  # cm → character units
    printed = len(widths)
    head = [*chain_heads(chain), _("ids")]
    sheet = _sheet(book, styles, _("comparison table"), head, [*widths, 16], 1)
    r = 0
    for line in chain_lines(chain):
        r += 1
        if isinstance(line, SectionLine):
            sheet.merge_range(r, 0, r, printed - 1, line.text, styles["section"])
            continue
        texts = [chain_number(line), f"{line.top.label}{line.top.text}" if line.top else ""]
        tones = [styles["cell"], styles["cell"]]
        for cell in line.levels:
            status, paragraphs = level_text(cell)
            texts.append("\n".join([status, *paragraphs]) if status else "")
            tones.append(styles.get(cell.status, styles["cell"]))
        texts.append(chain_notes(chain, line))
        tones.append(styles["cell"])
        for n, (text, tone) in enumerate(zip(texts, tones, strict=True)):
            sheet.write_string(r, n, text, tone)
        sheet.write_string(r, printed, " ".join(line.ids), styles["cell"])
        sheet.set_row(r, row_height(texts, widths))
    sheet.print_area(0, 0, r, printed - 1)
    print_setup(sheet, header=title, footer=(_("Page "), _(" of "), _(" pages")))


def _styles(book: Workbook) -> dict[str, Format]:
    base = {"font_name": FONT, "font_size": 10, "valign": "top", "text_wrap": True,
            "border": 1, "border_color": "#BBBBBB"}  # fmt: skip
    out = {"head": book.add_format({**base, "bold": True, "bg_color": "#EFEFEF"}),
           "section": book.add_format({**base, "bold": True, "bg_color": "#EDEDED"}),
           "added": book.add_format({**base, "bg_color": "#E3F5E4"}),
           "cell": book.add_format(base),
           "share": book.add_format({**base, "num_format": "0%"})}  # fmt: skip
    for status, colour in FILLS.items():
        out[status] = book.add_format({**base, "bg_color": colour})
    return out


def _sheet(
    book: Workbook,
    styles: dict[str, Format],
    name: str,
    head: list[str],
    widths: list[int],
    freeze: int,
) -> Worksheet:
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, head, styles["head"])
    for n, width in enumerate(widths):
        sheet.set_column(n, n, width)
    sheet.freeze_panes(1, freeze)
    sheet.repeat_rows(0)
    print_setup(sheet, footer=(_("Page "), _(" of "), _(" pages")))
    return sheet


def _trace_sheet(book: Workbook, styles: dict[str, Format], chain: Chain) -> None:
    head = trace_headers(chain)
    sheet = _sheet(book, styles, _("trace"), head, [10, 40] + [18] * (len(head) - 2), 2)
    for r, (t, row) in enumerate(zip(traced(chain), trace_rows(chain), strict=True), 1):
        for n, value in enumerate(row):
            status = t.steps[n - 2].status if 2 <= n < 2 + len(t.steps) else ""
            sheet.write_string(r, n, value, styles.get(status, styles["cell"]))
    sheet.autofilter(0, 0, max(len(chain.trace), 1), len(head) - 1)


def _measures_sheet(book: Workbook, styles: dict[str, Format], chain: Chain) -> None:
    head = [_("label"), _("measure"), _("text"), _("level"), _("finding"), _("against"),
            _("carried by"), _("their text"), _("coverage"), _("matching clauses")]  # fmt: skip
    sheet = _sheet(
        book, styles, _("measures by level"), head, [8, 28, 50, 14, 10, 14, 28, 50, 8, 50], 2
    )
    r = 1
    for t in traced(chain):
        for step in t.steps:
            tone = styles[step.status] if step.status in STATUS_TONES else styles["cell"]
            cells = [t.measure.label, t.measure.name, t.measure.text,
                     level_header(chain, step.plan)]  # fmt: skip
            sheet.write_row(r, 0, cells, styles["cell"])
            sheet.write_string(r, 4, word(step.status), tone)
            sheet.write_string(r, 5, level_header(chain, step.against), styles["cell"])
            sheet.write_string(r, 6, "\n".join(n.name for n in step.via), styles["cell"])
            sheet.write_string(r, 7, "\n".join(n.text for n in step.via), styles["cell"])
            if step.coverage is None:
                sheet.write_blank(r, 8, None, styles["share"])
            else:
                sheet.write_number(r, 8, step.coverage, styles["share"])
            evidence = "\n".join(f"{a} ⇒ {b} ({s:.0%})" for a, b, s in step.evidence)
            if step.closest is not None:
                near = _("Closest child measure: {name} (share {share:.0%}).")
                evidence = near.format(name=step.closest.name, share=step.closest_share)
            sheet.write_string(r, 9, evidence, styles["cell"])
            r += 1


def _added_sheet(book: Workbook, styles: dict[str, Format], chain: Chain) -> None:
    head = [_("level"), _("label"), _("measure"), _("text")]
    sheet = _sheet(book, styles, _("added measures"), head, [14, 8, 30, 70], 1)
    r = 1
    for i, nodes in added_measures(chain).items():
        for n in nodes:
            sheet.write_row(r, 0, [level_header(chain, i), n.label, n.name, n.text], styles["cell"])
            r += 1
