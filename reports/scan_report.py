"""The scan index of a folder (plans, their declared parents, unreadable files): terminal, JSON, markdown."""

from __future__ import annotations

from typing import Any

from duizhao.corpus.scan import Entry, Index
from duizhao.reports.escape import md_cell, md_text

SCHEMA = "duizhao/scan@1"


def entry_dict(index: Index, entry: Entry) -> dict[str, Any]:
    """One plan of the index: metadata, cited parents (path null = missing), its declared chain."""
    j = entry.jurisdiction
    return {
        "path": entry.path,
        "sha256": entry.sha256,
        "title": entry.title,
        "jurisdiction": {"name": j.name, "level": j.level, "short": j.short},
        "period": entry.period,
        "draft": entry.draft,
        "measure_count": entry.measure_count,
        "cites": list(entry.cites),
        "parents": [{"cited": c.cited, "title": c.title, "path": c.path} for c in entry.parents],
        "parent": entry.parent,
        "missing": list(entry.missing),
        "chain": [e.path for e in index.chain(entry.path)],
    }


def scan_dict(index: Index) -> dict[str, Any]:
    """The index as `duizhao/scan@1`: plans and unreadable files, each sorted by path."""
    return {
        "schema": SCHEMA,
        "root": str(index.root),
        "plans": [entry_dict(index, e) for e in index.plans],
        "unreadable": [{"path": e.path, "error": e.error} for e in index.unreadable],
    }


def _level(entry: Entry) -> str:
    j = entry.jurisdiction
    return f"{j.name or '—'} ({j.level})"


def _parent_cell(index: Index, entry: Entry) -> str:
    """The nearest found parent: its jurisdiction and file."""
    parent = index.get(entry.parent) if entry.parent else None
    if parent is None:
        return "—"
    return (
        f"{parent.jurisdiction.name} ({parent.path})" if parent.jurisdiction.name else parent.path
    )


def _missing(entry: Entry) -> list[str]:
    """Missing parents by title (period and draft marker stripped), in preamble order."""
    return [f"《{c.title}》" for c in entry.parents if c.path is None]


def render_scan_markdown(index: Index, *, lang: str = "zh") -> str:
    """The index as a markdown table, then the unreadable files and the declared chains."""
    out = [f"# Plans in {md_text(str(index.root))}", ""]
    out += [
        f"{len(index.plans)} plan(s), {len(index.unreadable)} unreadable file(s).",
        "",
        "| path | title | jurisdiction | period | draft | parent | missing parents |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in index.plans:
        missing = "<br>".join(md_cell(m) for m in _missing(e)) or " "
        cells = [e.path, e.title, _level(e), e.period or "—", "yes" if e.draft else "no"]
        out.append(
            "| "
            + " | ".join(md_cell(c) for c in cells)
            + f" | {md_cell(_parent_cell(index, e))} | {missing} |"
        )
    if index.unreadable:
        out += ["", "## Unreadable", ""]
        out += [f"- `{e.path}`: {md_text(e.error or '')}" for e in index.unreadable]
    chains = [index.chain(e.path) for e in index.plans]
    chains = [c for c in chains if len(c) > 1]
    if chains:
        out += ["", "## Declared chains", ""]
        out += [
            "- " + " → ".join(md_text(x.jurisdiction.name or x.path) for x in c) for c in chains
        ]
    return "\n".join(out) + "\n"


def render_scan_terminal(index: Index, console, *, lang: str = "zh") -> None:
    """The index as a rich table sorted by path; unreadable files appear in place, in red."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"plans in {index.root}", show_lines=True)
    for header in ("path", "title", "jurisdiction", "period", "parent", "missing parents"):
        table.add_column(header, overflow="fold")
    for e in index.entries:
        if e.error is not None:
            table.add_row(e.path, Text(f"unreadable: {e.error}", style="red"), "", "", "", "")
            continue
        title = e.title + (" (draft)" if e.draft else "") if e.title else "—"
        missing = Text("\n".join(_missing(e)), style="yellow")
        table.add_row(e.path, title, _level(e), e.period or "—", _parent_cell(index, e), missing)
    console.print(table)
    console.print(
        f"{len(index.plans)} plan(s), {len(index.unreadable)} unreadable; "
        f"{sum(1 for e in index.plans if e.parent)} with a parent in the folder."
    )
