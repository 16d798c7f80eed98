"""CSV text as every CSV report writes it: the standard library's writer, lines ending in \\n,
fields quoted only when they must be, and no cell a spreadsheet would compute.

Spreadsheet programs read a CSV file's cells as formulas when they start with = + - @, so each
cell goes through `escape.spreadsheet_cell`; headers are the program's own words. Reports that
Excel opens (the 对照表, a chain's trace, a 修改对照表) start with a UTF-8 byte order mark,
without which Excel guesses a legacy code page and shows Chinese as mojibake.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from duizhao.reports.common.escape import spreadsheet_cell


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]], *, bom: bool) -> str:
    """`header` and `rows` as CSV text, behind a byte order mark (U+FEFF) when `bom`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_cell(v) for v in row] for row in rows)
    return ("\ufeff" if bom else "") + buffer.getvalue()
