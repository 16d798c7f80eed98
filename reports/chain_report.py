"""Chains of plans: the one import of every chain format (each in a module of its own).

`chain_json` (duizhao/chain@1), `chain_terminal`, `chain_markdown`, `chain_html` and
`chain_tables` (CSV and xlsx) render the shared views of `chain_views`.
"""

from __future__ import annotations

from duizhao.reports.chain_html import render_chain_html
from duizhao.reports.chain_json import SCHEMA, chain_dict
from duizhao.reports.chain_markdown import render_chain_markdown
from duizhao.reports.chain_tables import chain_xlsx_bytes, render_chain_csv, write_chain_xlsx
from duizhao.reports.chain_terminal import render_chain_terminal
from duizhao.reports.chain_views import added_counts, level_header, plan_name, trace_rows

__all__ = [
    "SCHEMA", "added_counts", "chain_dict", "chain_xlsx_bytes", "level_header", "plan_name",
    "render_chain_csv", "render_chain_html", "render_chain_markdown", "render_chain_terminal",
    "trace_rows", "write_chain_xlsx",
]  # fmt: skip
