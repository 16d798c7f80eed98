"""Shared terminal helpers (rich): printing a DataFrame as a table."""

from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.table import Table


def print_frame(frame: pd.DataFrame, console: Console, *, title: str = "") -> None:
    """A DataFrame as a rich table, long cells folded."""
    table = Table(title=title, show_lines=False)
    widths = {
        str(column): min(16, max(console.measure(str(c)).maximum for c in [column, *frame[column]]))
        for column in frame.columns
        if column != "text"
    }
    # Fixed widths for the short columns; the text column takes what is left (3 = borders).
    rest = max(10, console.width - sum(widths.values()) - 3 * len(frame.columns) - 1)
    for column in frame.columns:
        width = widths.get(str(column), rest)
        table.add_column(str(column), overflow="ellipsis", no_wrap=True, width=width)
    for row in frame.itertuples(index=False):
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
