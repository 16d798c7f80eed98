"""A folder matrix on the terminal: counts per parent measure, then a grid of as many plans as
fit (those carrying fewest measures), the legend, and the plans that could not be compared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from duizhao.compare.matrix import Matrix
from duizhao.compare.result import PARENT_STATUSES
from duizhao.reports.common.escape import terminal_line, truncate
from duizhao.reports.common.i18n import _, note_text, using
from duizhao.reports.matrix.views import MARKS, STYLES, cap_note, legend, row_name, select_columns

if TYPE_CHECKING:
    from rich.console import Console

TERMINAL_COLUMNS = 12
MEASURE_WIDTH = 22


def render_matrix_terminal(
    matrix: Matrix, console: Console, *, show_all: bool = False, lang: str = "zh"
) -> None:
    """Counts per parent measure, then a grid of as many plans as fit (those carrying fewest)."""
    with using(lang):
        _draw(matrix, console, show_all)


def _draw(matrix: Matrix, console: Console, show_all: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    labels = [terminal_line(truncate(label, 6)) for label in matrix.labels()]
    columns = select_columns(matrix, None if show_all else _terminal_fit(console.width, labels))
    head = _("{n} plan(s) deriving from it").format(n=len(matrix.columns))
    console.print(Text.assemble((terminal_line(matrix.parent_name), "bold"), f" → {head}"))
    table = Table(show_lines=False, pad_edge=False)
    table.add_column(_("measure"), no_wrap=True, overflow="ellipsis", max_width=MEASURE_WIDTH)
    for status in PARENT_STATUSES:
        table.add_column(MARKS[status], justify="right", style=STYLES[status], no_wrap=True)
    for i in columns:
        table.add_column(Text(terminal_line(labels[i])), justify="center", no_wrap=True)
    for r, row in enumerate(matrix.rows):
        cells = [
            Text(MARKS[matrix.status(r, i)], style=STYLES[matrix.status(r, i)]) for i in columns
        ]
        counts = [str(row.counts[s]) for s in PARENT_STATUSES]
        name = Text(terminal_line(row_name(matrix, r, MEASURE_WIDTH)))
        table.add_row(name, *counts, *cells)
    console.print(table)
    note = cap_note(matrix, columns)
    more = _("{note}; use --all or -o matrix.xlsx").format(note=note) if note else ""
    console.print(Text(legend() + (f"\n{more}" if more else "")))
    for line in matrix.notes:
        text = _("not compared: {reason}").format(reason=terminal_line(note_text(line)))
        console.print(Text(text, style="yellow"))


def _terminal_fit(width: int, labels: list[str]) -> int:
    """How many plan columns fit beside the measure and count columns (at most TERMINAL_COLUMNS)."""
    from rich.cells import cell_len

    room = width - (MEASURE_WIDTH + 3) - 3 * 6
    widest = max((cell_len(label) for label in labels), default=2)
    return max(0, min(TERMINAL_COLUMNS, room // (max(widest, 2) + 3)))
