"""The folder matrix (parent measures × jurisdictions): terminal, markdown, JSON, XLSX, heatmap.

Many jurisdictions do not fit on a screen or a picture, so views that cap columns show the
plans that carry the fewest measures (the ones a reviewer looks at first), in path order, and
say how many were left out; markdown, JSON and XLSX lists stay complete. The heatmap needs a
CJK font: without one it refuses (InputError) rather than draw empty boxes for Chinese.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from duizhao.compare.matrix import Matrix
from duizhao.compare.result import PARENT_STATUSES
from duizhao.corpus.errors import InputError
from duizhao.reports.comparison_table import TONE_FILLS, stable_zip
from duizhao.reports.escape import md_cell, md_text, truncate

SCHEMA = "duizhao/matrix@1"
MARKS = {"carried": "●", "partial": "◐", "dropped": "○"}
STYLES = {"carried": "green", "partial": "yellow", "dropped": "bold red"}
COLOURS = {"carried": "#2e7d32", "partial": "#f9a825", "dropped": "#c62828"}
FILLS = {"carried": "E3F5E4", "partial": TONE_FILLS["partial"], "dropped": TONE_FILLS["dropped"]}
TERMINAL_COLUMNS = 12
MARKDOWN_COLUMNS = 40
HEATMAP_COLUMNS = 60
HEATMAP_ROWS = 80
CJK_FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
"""Where Debian's fonts-noto-cjk (and a few other distributions' CJK fonts) put their files."""
_CJK_NAMES = ("cjk", "wqy", "sourcehan", "msyh", "simhei", "simsun", "pingfang", "notosanssc")


# ---------------------------------------------------------------------------------------------
# Shared views


def row_name(matrix: Matrix, row: int, limit: int = 24) -> str:
    """Label and title of a parent measure, cut to `limit` characters."""
    r = matrix.rows[row]
    return truncate(f"{r.label}{r.title or ''}", limit)


def select_columns(matrix: Matrix, limit: int | None) -> list[int]:
    """Indexes of at most `limit` columns: the plans carrying fewest measures, in path order."""
    n = len(matrix.columns)
    if limit is None or n <= limit:
        return list(range(n))

    def weight(i: int) -> tuple[int, int, str]:
        statuses = matrix.columns[i].statuses
        return (-statuses.count("dropped"), -statuses.count("partial"), matrix.columns[i].path)

    return sorted(sorted(range(n), key=weight)[:limit])


def select_rows(matrix: Matrix, limit: int | None) -> list[int]:
    """Indexes of at most `limit` rows: the measures dropped most often, in document order."""
    n = len(matrix.rows)
    if limit is None or n <= limit:
        return list(range(n))

    def weight(i: int) -> tuple[int, int, int]:
        counts = matrix.rows[i].counts
        return (-counts["dropped"], -counts["partial"], i)

    return sorted(sorted(range(n), key=weight)[:limit])


def cap_note(matrix: Matrix, columns: list[int], rows: list[int] | None = None) -> str:
    """What a capped view leaves out, or ''."""
    parts = []
    if len(columns) < len(matrix.columns):
        parts.append(
            f"showing {len(columns)} of {len(matrix.columns)} plans "
            "(those carrying the fewest measures)"
        )
    if rows is not None and len(rows) < len(matrix.rows):
        parts.append(f"{len(rows)} of {len(matrix.rows)} measures (those dropped most often)")
    return "; ".join(parts)


def matrix_dict(matrix: Matrix) -> dict[str, Any]:
    """The matrix as `duizhao/matrix@1`: parent, its measures with counts, one column per plan."""
    labels = matrix.labels()
    return {
        "schema": SCHEMA,
        "parent": {
            "path": matrix.parent_path,
            "title": matrix.parent_title,
            "name": matrix.parent_name,
        },
        "measures": [
            {"id": r.id, "label": r.label, "title": r.title, "path": list(r.path), **r.counts}
            for r in matrix.rows
        ],
        "plans": [
            {
                "path": c.path,
                "name": c.name,
                "label": label,
                "level": c.level,
                "title": c.title,
                "statuses": list(c.statuses),
                "coverage": list(c.coverage),
            }
            for c, label in zip(matrix.columns, labels, strict=True)
        ],
        "notes": list(matrix.notes),
    }


# ---------------------------------------------------------------------------------------------
# Terminal and markdown


def render_matrix_terminal(
    matrix: Matrix, console, *, show_all: bool = False, lang: str = "zh"
) -> None:
    """Counts per parent measure, then a grid of as many plans as fit (those carrying fewest)."""
    from rich.table import Table
    from rich.text import Text

    labels = [truncate(label, 6) for label in matrix.labels()]
    columns = select_columns(matrix, None if show_all else _terminal_fit(console.width, labels))
    console.print(
        f"[bold]{matrix.parent_name}[/bold] → {len(matrix.columns)} plan(s) deriving from it"
    )
    table = Table(show_lines=False, pad_edge=False)
    table.add_column("measure", no_wrap=True, overflow="ellipsis", max_width=MEASURE_WIDTH)
    for status in PARENT_STATUSES:
        table.add_column(MARKS[status], justify="right", style=STYLES[status], no_wrap=True)
    for i in columns:
        table.add_column(labels[i], justify="center", no_wrap=True)
    for r, row in enumerate(matrix.rows):
        cells = [
            Text(MARKS[matrix.status(r, i)], style=STYLES[matrix.status(r, i)]) for i in columns
        ]
        counts = [str(row.counts[s]) for s in PARENT_STATUSES]
        table.add_row(row_name(matrix, r, MEASURE_WIDTH), *counts, *cells)
    console.print(table)
    legend = "  ".join(f"{MARKS[s]} {s}" for s in PARENT_STATUSES)
    note = cap_note(matrix, columns)
    console.print(legend + (f"\n{note}; use --all or -o matrix.xlsx" if note else ""))
    for line in matrix.notes:
        console.print(Text(f"not compared: {line}", style="yellow"))


MEASURE_WIDTH = 22


def _terminal_fit(width: int, labels: list[str]) -> int:
    """How many plan columns fit beside the measure and count columns (at most TERMINAL_COLUMNS)."""
    from rich.cells import cell_len

    room = width - (MEASURE_WIDTH + 3) - 3 * 6
    widest = max((cell_len(label) for label in labels), default=2)
    return max(0, min(TERMINAL_COLUMNS, room // (max(widest, 2) + 3)))


def render_matrix_markdown(matrix: Matrix, *, lang: str = "zh") -> str:
    """Per measure: counts and the plans that drop or partly carry it; then a capped grid."""
    labels = matrix.labels()
    out = [
        f"# {md_text(matrix.parent_name)}: {len(matrix.columns)} plan(s) deriving from it",
        "",
        f"Parent: **{md_text(matrix.parent_title or matrix.parent_path)}** "
        f"(`{matrix.parent_path}`)",
        "",
        "| measure | carried | partial | dropped | dropped by | partly carried by |",
        "|---|---|---|---|---|---|",
    ]
    for r, row in enumerate(matrix.rows):
        dropped = "、".join(matrix.carriers(r, "dropped"))
        partial = "、".join(matrix.carriers(r, "partial"))
        counts = " | ".join(str(row.counts[s]) for s in PARENT_STATUSES)
        out.append(
            f"| {md_cell(row_name(matrix, r, 40))} | {counts} | {md_cell(dropped)} | "
            f"{md_cell(partial)} |"
        )
    columns = select_columns(matrix, MARKDOWN_COLUMNS)
    out += ["", "## Grid", "", " ".join(f"{MARKS[s]} {s}" for s in PARENT_STATUSES), ""]
    note = cap_note(matrix, columns)
    if note:
        out += [f"> {md_text(note)}; the table above and `-o matrix.xlsx` list every plan.", ""]
    out.append("| measure | " + " | ".join(md_cell(labels[i]) for i in columns) + " |")
    out.append("|---|" + "---|" * len(columns))
    for r in range(len(matrix.rows)):
        marks = " | ".join(MARKS[matrix.status(r, i)] for i in columns)
        out.append(f"| {md_cell(row_name(matrix, r))} | {marks} |")
    if matrix.notes:
        out += ["", "## Not compared", ""]
        out += [f"- {md_text(n)}" for n in matrix.notes]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# XLSX


def write_matrix_xlsx(matrix: Matrix, path: str | Path) -> None:
    """The matrix workbook written to `path`."""
    Path(path).write_bytes(matrix_xlsx_bytes(matrix))


def matrix_xlsx_bytes(matrix: Matrix, *, lang: str = "zh") -> bytes:
    """Sheet 矩阵: one row per parent measure, one column per plan (all of them), coloured
    cells; sheet plans: one row per plan with its counts. Byte-identical for the same matrix."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    grid = book.active
    grid.title = "矩阵"
    labels = matrix.labels()
    grid.append(["id", "label", "title", *PARENT_STATUSES, *labels])
    fills = {s: PatternFill("solid", fgColor=FILLS[s]) for s in PARENT_STATUSES}
    for r, row in enumerate(matrix.rows):
        statuses = [matrix.status(r, i) for i in range(len(matrix.columns))]
        grid.append(
            [
                row.id,
                row.label,
                row.title or "",
                *(row.counts[s] for s in PARENT_STATUSES),
                *statuses,
            ]
        )
        for cell, status in zip(grid[r + 2][6:], statuses, strict=True):
            cell.fill = fills[status]
    for cell in grid[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    grid.freeze_panes = "G2"
    grid.column_dimensions["C"].width = 40
    plans = book.create_sheet("plans")
    plans.append(["label", "path", "jurisdiction", "level", "title", *PARENT_STATUSES])
    for c, label in zip(matrix.columns, labels, strict=True):
        plans.append(
            [
                label,
                c.path,
                c.name,
                c.level,
                c.title,
                *(c.statuses.count(s) for s in PARENT_STATUSES),
            ]
        )
    if matrix.notes:
        notes = book.create_sheet("not compared")
        for line in matrix.notes:
            notes.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_zip(buffer.getvalue())


# ---------------------------------------------------------------------------------------------
# Heatmap


def find_cjk_font() -> Path:
    """A font file with Chinese glyphs: $DUIZHAO_CJK_FONT, Debian's Noto CJK, or any CJK font."""
    candidates = [os.environ.get("DUIZHAO_CJK_FONT", ""), *CJK_FONT_PATHS]
    for path in candidates:
        if path and Path(path).is_file() and _has_chinese(Path(path)):
            return Path(path)
    from matplotlib import font_manager

    for path in sorted(font_manager.findSystemFonts()):
        if any(n in Path(path).name.lower() for n in _CJK_NAMES) and _has_chinese(Path(path)):
            return Path(path)
    raise InputError(
        "heatmap",
        "no font with Chinese characters found; install one (Debian/Ubuntu: "
        "sudo apt-get install fonts-noto-cjk) or set DUIZHAO_CJK_FONT=/path/to/font.ttc",
    )


def _has_chinese(path: Path) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        return FT2Font(str(path)).get_char_index(ord("法")) != 0
    except (OSError, RuntimeError, ValueError):
        return False


def write_heatmap(matrix: Matrix, path: str | Path, kind: str | None = None) -> None:
    """The heatmap written to `path`, as `kind` or by the extension (see `heatmap_bytes`)."""
    kind = kind or Path(path).suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise InputError(str(path), "a heatmap is written as .png or .svg")
    Path(path).write_bytes(heatmap_bytes(matrix, kind))


def heatmap_bytes(matrix: Matrix, kind: str, *, lang: str = "zh") -> bytes:
    """The matrix as a PNG or SVG picture (`kind`, else by extension), byte-identical each time.

    Capped at HEATMAP_COLUMNS plans and HEATMAP_ROWS measures; the caption says what was left out.
    SVG text is drawn as paths, so it reads the same without the font installed.
    """
    if kind not in ("png", "svg"):
        raise InputError(kind, "a heatmap is written as .png or .svg")
    font = find_cjk_font()
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    settings = {
        "font.family": [family, "DejaVu Sans"],
        "svg.fonttype": "path",
        "svg.hashsalt": "duizhao",
        "axes.unicode_minus": False,
    }
    with matplotlib.rc_context(settings):
        figure = _draw(matrix)
        metadata = {"Date": None} if kind == "svg" else {"Software": None}
        buffer = io.BytesIO()
        figure.savefig(buffer, format=kind, metadata=metadata, dpi=120, bbox_inches="tight")
    return buffer.getvalue()


_CJK_ONLY = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef…]+$")
ZH = {"carried": "落实", "partial": "部分落实", "dropped": "未落实"}


def _vertical(label: str) -> str:
    """A column label for the top of the heatmap: Chinese stacked one character a line."""
    text = truncate(label, 8)
    return "\n".join(text) if _CJK_ONLY.match(text) else text


def _draw(matrix: Matrix):
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    columns = select_columns(matrix, HEATMAP_COLUMNS)
    rows = select_rows(matrix, HEATMAP_ROWS)
    code = {s: i for i, s in enumerate(("dropped", "partial", "carried"))}
    values = np.array([[code[matrix.status(r, c)] for c in columns] for r in rows], dtype=float)
    width = max(6.0, 3.2 + 0.3 * len(columns))
    height = max(3.0, 1.8 + 0.26 * len(rows))
    figure = Figure(figsize=(width, height))
    ax = figure.subplots()
    cmap = ListedColormap([COLOURS["dropped"], COLOURS["partial"], COLOURS["carried"]])
    ax.pcolormesh(
        values, cmap=cmap, norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5], 3),
        edgecolors="white", linewidth=0.5,
    )  # fmt: skip
    labels = matrix.labels()
    ax.set_xticks(np.arange(len(columns)) + 0.5, [_vertical(labels[c]) for c in columns])
    for tick, c in zip(ax.get_xticklabels(), columns, strict=True):
        if not _CJK_ONLY.match(truncate(labels[c], 8)):
            tick.set_rotation(90)  # Latin text reads better turned than stacked
    ax.set_yticks(np.arange(len(rows)) + 0.5, [row_name(matrix, r, 22) for r in rows])
    ax.tick_params(axis="x", labelsize=8, top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.tick_params(axis="y", labelsize=8)
    ax.invert_yaxis()
    ax.set_title(f"{matrix.parent_name}：各地落实情况（{len(matrix.columns)} 个方案）", pad=12)
    legend = [Patch(color=COLOURS[s], label=f"{s} {ZH[s]}") for s in PARENT_STATUSES]
    ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    note = cap_note(matrix, columns, rows)
    if note:
        ax.set_xlabel(note, fontsize=8, loc="left")
    return figure
