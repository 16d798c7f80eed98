"""对照表: the comparison as rows (one per link or unmatched measure), as a DataFrame, CSV and XLSX.

The row order and the lookups here (rows, section coverage, split partners, row tone) are shared
by every renderer, so that markdown, HTML, tables and terminal list things the same way. None of
them decides a status: they only group, count and order what the `Comparison` holds.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from duizhao.compare.result import ChildResult, Comparison, Link, ParentResult
from duizhao.corpus.model import Node

COLUMNS = [
    "parent_id", "parent_label", "parent_path", "parent_text",
    "child_id", "child_label", "child_path", "child_text",
    "parent_status", "child_status", "flags", "score", "parent_share", "child_share",
    "owners_before", "owners_after",
]  # fmt: skip
TONES = ("dropped", "added", "moved", "reassigned", "partial")
"""Row colours, strongest first: the first that applies to a row colours it."""
TONE_FILLS = {
    "dropped": "FDE2E1",
    "added": "E3F5E4",
    "moved": "FFE9C7",
    "reassigned": "ECE6FA",
    "partial": "FFF8D6",
}
WIDTHS = {"text": 60, "path": 28, "owners": 24, "flags": 16, "label": 10, "id": 8}
"""XLSX column widths in Excel character units (a CJK character takes about two)."""
FIXED_TIME = "2000-01-01T00:00:00Z"
"""Workbook created/modified stamp, so that the same result gives byte-identical XLSX files."""


@dataclass(frozen=True)
class Row:
    """One line of the 对照表: a link, or a measure with no link (the other side empty)."""

    parent: ParentResult | None
    child: ChildResult | None
    link: Link | None

    @property
    def statuses(self) -> tuple[str, ...]:
        """Parent status, child status and child flags: what a status filter matches."""
        out = (self.parent.status,) if self.parent else ()
        return out + ((self.child.status, *self.child.flags) if self.child else ())

    @property
    def tone(self) -> str:
        """Colour key from TONES, or "" for a plain row."""
        marks = set(self.statuses)
        if marks & {"merged", "split", "owners_changed"}:
            marks.add("reassigned")
        return next((t for t in TONES if t in marks), "")


def comparison_rows(result: Comparison) -> list[Row]:
    """Links in parent order (then child order), unlinked parents in place, unlinked children
    after the row of the child measure before them."""
    p_index = {r.measure.id: i for i, r in enumerate(result.parent_measures)}
    c_index = {r.measure.id: j for j, r in enumerate(result.child_measures)}
    parents, children = result.parent_measures, result.child_measures
    keyed = [
        ((p_index[k.parent], c_index[k.child]),
         Row(parents[p_index[k.parent]], children[c_index[k.child]], k))
        for k in result.links
    ]  # fmt: skip
    linked_parents = {k.parent for k in result.links}
    keyed += [
        ((i, -1), Row(p, None, None))
        for i, p in enumerate(parents)
        if p.measure.id not in linked_parents
    ]
    rows = [row for _, row in sorted(keyed, key=lambda kv: kv[0])]
    linked_children = {k.child for k in result.links}
    for j, c in enumerate(children):
        if c.measure.id in linked_children:
            continue
        # After the last row of the nearest child measure above this one that has a row.
        best, at = -1, 0
        for n, row in enumerate(rows):
            k = c_index[row.child.measure.id] if row.child else j
            if best <= k < j:
                best, at = k, n + 1
        rows.insert(at, Row(None, c, None))
    return rows


def section_coverage(result: Comparison) -> list[tuple[tuple[str, ...], Counter[str]]]:
    """Parent measures grouped by heading path, in document order, with a count per status."""
    groups: dict[tuple[str, ...], Counter[str]] = {}
    for r in result.parent_measures:
        groups.setdefault(r.measure.path, Counter())[r.status] += 1
    return list(groups.items())


def split_partners(result: Comparison, child: ChildResult) -> list[Link]:
    """Every link from the child measure's main source, in child document order."""
    order = {r.measure.id: j for j, r in enumerate(result.child_measures)}
    links = [k for k in result.links if k.parent == child.main_source]
    return sorted(links, key=lambda k: order[k.child])


def flow_sections(result: Comparison) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(section id, heading) of the parent and of the child sections in the flows, each side in
    document order."""

    def key(item: tuple[str, str]) -> tuple[int, ...]:
        return tuple(int(x) for x in item[0].split(".") if x.isdigit())

    parents = dict.fromkeys((f.parent_section, f.parent_heading) for f in result.sections)
    children = dict.fromkeys((f.child_section, f.child_heading) for f in result.sections)
    return sorted(parents, key=key), sorted(children, key=key)


def measure_name(node: Node) -> str:
    """Label and title (or the text's start) the way a reader finds the measure in the plan."""
    return f"{node.label}{node.title or node.text}"


def comparison_frame(result: Comparison) -> pd.DataFrame:
    """The 对照表 as a DataFrame, one row per `comparison_rows` entry; lists joined with 、."""
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
            }
        )
    return pd.DataFrame(records, columns=COLUMNS)


def render_csv(result: Comparison, *, lang: str = "zh") -> str:
    """The 对照表 as CSV text that starts with a UTF-8 byte order mark (U+FEFF).

    Excel guesses a legacy code page for CSV files without a BOM and shows Chinese as mojibake;
    with the BOM it reads UTF-8. Write the returned text with encoding="utf-8" (not "utf-8-sig",
    which would add a second mark). Empty cells are empty strings; shares keep four decimals.
    """
    return bom_csv(comparison_frame(result))


def bom_csv(frame: pd.DataFrame) -> str:
    """A frame as CSV text behind a UTF-8 byte order mark, so Excel reads the Chinese."""
    return "\ufeff" + frame.to_csv(index=False, lineterminator="\n")


def write_xlsx(result: Comparison, path: str | Path) -> None:
    """The 对照表 written to `path` (see `xlsx_bytes`)."""
    Path(path).write_bytes(xlsx_bytes(result))


def xlsx_bytes(result: Comparison, *, lang: str = "zh") -> bytes:
    """The 对照表 as an Excel workbook: wrapped text, frozen header, wide text columns, a fill
    per row by its tone. Byte-identical for the same result (fixed timestamps, see FIXED_TIME)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    frame = comparison_frame(result)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="对照表", index=False)
        sheet = writer.sheets["对照表"]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for n, name in enumerate(COLUMNS, 1):
            width = next((w for key, w in WIDTHS.items() if name.endswith(key)), 12)
            sheet.column_dimensions[sheet.cell(1, n).column_letter].width = width
        wrap = Alignment(wrap_text=True, vertical="top")
        for row, cells in zip(comparison_rows(result), sheet.iter_rows(min_row=2), strict=True):
            fill = PatternFill("solid", fgColor=TONE_FILLS[row.tone]) if row.tone else None
            for cell in cells:
                cell.alignment = wrap
                if fill:
                    cell.fill = fill
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """The same workbook with fixed entry dates and a fixed created/modified stamp."""
    stamp = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = stamp.sub(rb"\g<1>" + FIXED_TIME.encode() + rb"\g<3>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            dst.writestr(entry, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
