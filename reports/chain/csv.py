"""A chain's trace as CSV: one row per top-level measure, a column per level, headers in the
report language (with the byte order mark Excel needs for Chinese).
"""

from __future__ import annotations

from duizhao.compare.chain import Chain
from duizhao.reports.chain.views import (
    trace_headers,
    trace_rows,
)
from duizhao.reports.common.csv_text import csv_text
from duizhao.reports.common.i18n import using


def render_chain_csv(chain: Chain, *, lang: str = "zh") -> str:
    """The trace table as CSV (with the byte order mark Excel needs for Chinese)."""
    with using(lang):
        return csv_text(trace_headers(chain), trace_rows(chain), bom=True)
