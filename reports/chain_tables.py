"""A chain as tables: the trace as CSV, and an xlsx workbook (XlsxWriter) whose sheets are the
trace (statuses coloured), every top-level measure at every level with its text, carriers,
coverage and matching clauses, and the measures each lower plan added, with their text.

Headers in the report language; byte-identical across runs (fixed properties and zip dates).
"""

from __future__ import annotations

import io
from pathlib import Path

from duizhao.compare.chain import Chain
from duizhao.reports.chain_views import (
    STATUS_TONES,
    added_measures,
    level_header,
    trace_headers,
    trace_rows,
    traced,
)
from duizhao.reports.escape import spreadsheet_cell
from duizhao.reports.i18n import _, using, word
from duizhao.reports.zip_stable import stable_zip

FILLS = {"carried": "#E3F2E6", "partial": "#FFF4D6", "dropped": "#FBE0E0"}
FONT = "仿宋"


def render_chain_csv(chain: Chain, *, lang: str = "zh") -> str:
    """The trace table as CSV (with the byte order mark Excel needs for Chinese)."""
    import csv

    with using(lang):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(trace_headers(chain))
        writer.writerows(map(spreadsheet_cell, row) for row in trace_rows(chain))
    return "\ufeff" + buffer.getvalue()


def write_chain_xlsx(chain: Chain, path: str | Path, *, lang: str = "zh") -> None:
    """The chain workbook written to `path` (see `chain_xlsx_bytes`)."""
    Path(path).write_bytes(chain_xlsx_bytes(chain, lang=lang))


def chain_xlsx_bytes(chain: Chain, *, lang: str = "zh") -> bytes:
    """The workbook: sheets trace, measures (text and evidence per level) and added."""
    from duizhao.reports.xlsx_safe import workbook
    from duizhao.reports.xlsx_table import FIXED_DATE

    buffer = io.BytesIO()
    book = workbook(buffer)
    book.set_properties({"author": "duizhao", "created": FIXED_DATE})
    with using(lang):
        styles = _styles(book)
        _trace_sheet(book, styles, chain)
        _measures_sheet(book, styles, chain)
        _added_sheet(book, styles, chain)
    book.close()
    return stable_zip(buffer.getvalue())


def _styles(book) -> dict:
    base = {"font_name": FONT, "font_size": 10, "valign": "top", "text_wrap": True,
            "border": 1, "border_color": "#BBBBBB"}  # fmt: skip
    out = {"head": book.add_format({**base, "bold": True, "bg_color": "#EFEFEF"}),
           "cell": book.add_format(base),
           "share": book.add_format({**base, "num_format": "0%"})}  # fmt: skip
    for status, colour in FILLS.items():
        out[status] = book.add_format({**base, "bg_color": colour})
    return out


def _sheet(book, styles: dict, name: str, head: list[str], widths: list[int], freeze: int):
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, head, styles["head"])
    for n, width in enumerate(widths):
        sheet.set_column(n, n, width)
    sheet.freeze_panes(1, freeze)
    sheet.set_landscape()
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    return sheet


def _trace_sheet(book, styles: dict, chain: Chain) -> None:
    head = trace_headers(chain)
    sheet = _sheet(book, styles, _("trace"), head, [10, 40] + [18] * (len(head) - 2), 2)
    for r, (t, row) in enumerate(zip(traced(chain), trace_rows(chain), strict=True), 1):
        for n, value in enumerate(row):
            status = t.steps[n - 2].status if 2 <= n < 2 + len(t.steps) else ""
            sheet.write_string(r, n, value, styles.get(status, styles["cell"]))
    sheet.autofilter(0, 0, max(len(chain.trace), 1), len(head) - 1)


def _measures_sheet(book, styles: dict, chain: Chain) -> None:
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


def _added_sheet(book, styles: dict, chain: Chain) -> None:
    head = [_("level"), _("label"), _("measure"), _("text")]
    sheet = _sheet(book, styles, _("added measures"), head, [14, 8, 30, 70], 1)
    r = 1
    for i, nodes in added_measures(chain).items():
        for n in nodes:
            sheet.write_row(r, 0, [level_header(chain, i), n.label, n.name, n.text], styles["cell"])
            r += 1
