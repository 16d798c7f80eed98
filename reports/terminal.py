"""Shared terminal helpers (rich): printing a DataFrame as a table."""

from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.table import Table


def print_frame(frame: pd.DataFrame, console: Console, *, title: str = "") -> None:
    """A DataFrame as a rich table, long cells folded."""
    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="ellipsis", no_wrap=column == "text")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
