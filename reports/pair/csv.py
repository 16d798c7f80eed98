"""The 对照表 as records and CSV (standard library): the rows of the Word and Excel table.

The rows are those of `table_view.table_lines` (every parent measure once in parent order,
added child measures in their place), shared with docx, xlsx, markdown and HTML. The CSV is
read by people: in Chinese (the default) its headers are office words and statuses and flags
are the report vocabulary; in English the headers are the field names and the values those of
the JSON, so a script can read it.
"""

from __future__ import annotations

from collections.abc import Mapping

from duizhao.compare.result import Comparison
from duizhao.reports.common.csv_text import csv_text
from duizhao.reports.common.i18n import N_, gettext_for, normalise, using, word
from duizhao.reports.common.owner_words import say_owner_change
from duizhao.reports.pair.table_notes import row_notes, share
from duizhao.reports.pair.table_view import finding, measure_rows, number, owner_lines, table_lines

COLUMNS = [
    "section", "number", "parent_id", "parent_text",
    "child_id", "child_label", "child_text", "owners",
    "parent_status", "child_status", "flags", "finding", "coverage", "novelty",
    "owners_change", "notes",
]  # fmt: skip
HEADERS = {
    "section": N_("parent section"), "number": N_("No."), "parent_id": N_("parent id"),
    "parent_text": N_("parent text"), "child_id": N_("child id"),
    "child_label": N_("child label"), "child_text": N_("child text"), "owners": N_("Owners"),
    "parent_status": N_("parent finding"), "child_status": N_("child finding"),
    "flags": N_("reassigned"), "finding": N_("Finding"), "coverage": N_("coverage"),
    "novelty": N_("novelty"), "owners_change": N_("owners change"), "notes": N_("Notes"),
}  # fmt: skip
"""Column → the English msgid of its Chinese CSV header."""


def comparison_records(
    result: Comparison, lang: str = "en", reasons: Mapping[str, str] | None = None
) -> list[dict[str, str]]:
    """The 对照表 as records (one dict per row, keys `COLUMNS`): the measure rows of the Word
    and Excel table (`table_view.table_lines`), each with its parent heading in `section`;
    several child measures of a row joined (ids with spaces, labels with 、, texts and notes
    by line). Shares are whole per cents (35%), as in every other view; words are in `lang`."""
    records = []
    with using(lang):
        for row in measure_rows(table_lines(result)):
            p = row.parent.measure if row.parent else None
            kids = row.children
            records.append(
                {
                    "section": " › ".join((p or kids[0].measure).path),
                    "number": number(row),
                    "parent_id": p.id if p else "",
                    "parent_text": p.text if p else "",
                    "child_id": " ".join(c.measure.id for c in kids),
                    "child_label": "、".join(c.measure.label for c in kids),
                    "child_text": "\n".join(c.measure.text for c in kids),
                    "owners": "\n".join(owner_lines(row)),
                    "parent_status": str(row.parent.status) if row.parent else "",
                    "child_status": " ".join(str(c.status) for c in kids),
                    "flags": " ".join(dict.fromkeys(str(f) for c in kids for f in c.flags)),
                    "finding": finding(row),
                    "coverage": share(row.parent.coverage) if row.parent else "",
                    "novelty": share(max(c.novelty for c in kids)) if kids else "",
                    "owners_change": "；".join(
                        say_owner_change(c.owner_change, lang) for c in kids if c.owner_change
                    ),
                    "notes": "\n".join(row_notes(result, row, reasons)),
                }
            )
    return records


def render_csv(
    result: Comparison, *, lang: str = "zh", reasons: Mapping[str, str] | None = None
) -> str:
    """The 对照表 as CSV text that starts with a UTF-8 byte order mark (U+FEFF).

    Excel guesses a legacy code page for CSV files without a BOM and shows Chinese as mojibake;
    with the BOM it reads UTF-8. Write the returned text with encoding="utf-8" (not "utf-8-sig",
    which would add a second mark). Empty cells are empty strings; shares are whole per cents.
    """
    code = normalise(lang)
    records = comparison_records(result, code, reasons)
    if code == "en":
        return csv_text(COLUMNS, ([r[c] for c in COLUMNS] for r in records), bom=True)
    _ = gettext_for(code)
    for r in records:
        r["parent_status"] = word(r["parent_status"], code) if r["parent_status"] else ""
        for column in ("child_status", "flags"):
            r[column] = "、".join(word(f, code) for f in r[column].split())
    head = [_(HEADERS[c]) for c in COLUMNS]
    return csv_text(head, ([r[c] for c in COLUMNS] for r in records), bom=True)
