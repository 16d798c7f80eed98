"""A chain's trace as CSV: one row per top-level measure, a column per level, headers in the
report language (with the byte order mark Excel needs for Chinese).
"""

from __future__ import annotations

import io

from duizhao.compare.chain import Chain
from duizhao.reports.chain.views import (
    trace_headers,
    trace_rows,
)
from duizhao.reports.common.escape import spreadsheet_cell
from duizhao.reports.common.i18n import using


def render_chain_csv(chain: Chain, *, lang: str = "zh") -> str:
    """The trace table as CSV (with the byte order mark Excel needs for Chinese)."""
    import csv

    with using(lang):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(trace_headers(chain))
        writer.writerows(map(spreadsheet_cell, row) for row in trace_rows(chain))
    return "\ufeff" + buffer.getvalue()
