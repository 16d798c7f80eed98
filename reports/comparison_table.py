"""The alignment table (one row per link or unmatched measure) as a DataFrame and CSV.

The row order comes from `views.comparison_rows`, shared with markdown and HTML. The CSV is
read by people: in Chinese (the default) its headers are office words and statuses and flags
are the report vocabulary; in English the headers are the field names and the values those of
the JSON, so a script can read it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from duizhao.compare.result import Comparison
from duizhao.reports.escape import spreadsheet_cell
from duizhao.reports.i18n import N_, gettext_for, normalise, word
from duizhao.reports.owner_words import say_owner_change
from duizhao.reports.views import comparison_rows

COLUMNS = [
    "parent_id", "parent_label", "parent_path", "parent_text",
    "child_id", "child_label", "child_path", "child_text",
    "parent_status", "child_status", "flags", "score", "parent_share", "child_share",
    "owners_before", "owners_after", "owners_change",
]  # fmt: skip
HEADERS = {
    "parent_id": N_("parent id"), "parent_label": N_("parent label"),
    "parent_path": N_("parent section"), "parent_text": N_("parent text"),
    "child_id": N_("child id"), "child_label": N_("child label"),
    "child_path": N_("child section"), "child_text": N_("child text"),
    "parent_status": N_("parent finding"), "child_status": N_("child finding"),
    "flags": N_("reassigned"), "score": N_("score"), "parent_share": N_("parent share"),
    "child_share": N_("child share"), "owners_before": N_("owners before"),
    "owners_after": N_("owners after"), "owners_change": N_("owners change"),
}  # fmt: skip
"""Column → the English msgid of its Chinese CSV header."""


def comparison_frame(result: Comparison, lang: str = "en") -> pd.DataFrame:
    """The 对照表 as a DataFrame, one row per `comparison_rows` entry; lists joined with 、.

    `owners_change` is the real difference of owners (say_owner_change) in `lang`."""
    records = []
    for row in comparison_rows(result):
        p = row.parent.measure if row.parent else None
        c = row.child.measure if row.child else None
        records.append(
            {
                "parent_id": p.id if p else "",
                "parent_label": p.label if p else "",
                "parent_path": " › ".join(p.path) if p else "",
                "parent_text": p.text if p else "",
                "child_id": c.id if c else "",
                "child_label": c.label if c else "",
                "child_path": " › ".join(c.path) if c else "",
                "child_text": c.text if c else "",
                "parent_status": row.parent.status if row.parent else "",
                "child_status": row.child.status if row.child else "",
                "flags": " ".join(row.child.flags) if row.child else "",
                "score": row.link.score if row.link else None,
                "parent_share": row.link.parent_share if row.link else None,
                "child_share": row.link.child_share if row.link else None,
                "owners_before": "、".join(p.owners.all()) if p else "",
                "owners_after": "、".join(c.owners.all()) if c else "",
                "owners_change": say_owner_change(row.child.owner_change, lang)
                if row.child and (p is None or p.id == row.child.main_source)
                else "",
            }
        )
    return pd.DataFrame(records, columns=COLUMNS)


def render_csv(
    result: Comparison, *, lang: str = "zh", reasons: Mapping[str, str] | None = None
) -> str:
    """The 对照表 as CSV text that starts with a UTF-8 byte order mark (U+FEFF).

    Excel guesses a legacy code page for CSV files without a BOM and shows Chinese as mojibake;
    with the BOM it reads UTF-8. Write the returned text with encoding="utf-8" (not "utf-8-sig",
    which would add a second mark). Empty cells are empty strings; shares keep four decimals.
    """
    code = normalise(lang)
    frame = comparison_frame(result, code)
    if code == "en":
        return bom_csv(frame)
    _ = gettext_for(code)
    for column in ("parent_status", "child_status"):
        frame[column] = [word(v, code) if v else "" for v in frame[column]]
    frame["flags"] = ["、".join(word(f, code) for f in v.split()) for v in frame["flags"]]
    return bom_csv(frame.rename(columns={c: _(HEADERS[c]) for c in COLUMNS}))


def bom_csv(frame: pd.DataFrame) -> str:
    """A frame as CSV text behind a UTF-8 byte order mark, so Excel reads the Chinese; text
    that a spreadsheet would take for a formula is neutralised (`escape.spreadsheet_cell`)."""
    frame = frame.map(spreadsheet_cell)
    return "\ufeff" + frame.to_csv(index=False, lineterminator="\n")
