"""The one markdown table builder: plain text cells are always escaped, markup is said so."""

from __future__ import annotations

from collections.abc import Iterable

from duizhao.reports.common.escape import md_cell


class Md(str):
    """A cell that is already markdown (built from escaped pieces): the builder keeps it."""


def markdown_table(head: Iterable[str], rows: Iterable[Iterable[str]], align: str = "") -> str:
    """A pipe table; `align` holds one character per column: l (default) or r.

    Every cell that is not `Md` goes through `escape.md_cell` (pipes, markup, line breaks)."""
    head = list(head)

    def cell(value: str) -> str:
        return value if isinstance(value, Md) else md_cell(str(value))

    marks = ["--:" if a == "r" else "---" for a in align.ljust(len(head), "l")]
    out = ["| " + " | ".join(cell(h) for h in head) + " |", "| " + " | ".join(marks) + " |"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)
