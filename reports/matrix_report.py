"""Folder matrices: the one import of every matrix format (each in a module of its own).

`matrix_json` (duizhao/matrix@1), `matrix_terminal`, `matrix_markdown`, `matrix_xlsx` and
`matrix_heatmap` (PNG/SVG) render the shared views of `matrix_views`.
"""

from __future__ import annotations

from duizhao.reports.matrix_heatmap import (
    CJK_FONT_PATHS,
    find_cjk_font,
    heatmap_bytes,
    write_heatmap,
)
from duizhao.reports.matrix_json import SCHEMA, matrix_dict
from duizhao.reports.matrix_markdown import render_matrix_markdown
from duizhao.reports.matrix_terminal import render_matrix_terminal
from duizhao.reports.matrix_views import (
    MARKS,
    cap_note,
    legend,
    row_name,
    select_columns,
    select_rows,
)
from duizhao.reports.matrix_xlsx import matrix_xlsx_bytes, write_matrix_xlsx

__all__ = [
    "CJK_FONT_PATHS", "MARKS", "SCHEMA", "cap_note", "find_cjk_font", "heatmap_bytes", "legend",
    "matrix_dict", "matrix_xlsx_bytes", "render_matrix_markdown", "render_matrix_terminal",
    "row_name", "select_columns", "select_rows", "write_heatmap", "write_matrix_xlsx",
]  # fmt: skip
