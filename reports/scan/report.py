"""The scan index of a folder: terminal, JSON and markdown, in the report language.

Plans with their declared parents and chains, unreadable files, files not read and why
(`Index.skipped`), and plans found more than once with the file chosen and why
(`Index.duplicates`). Fields are only ever added to `duizhao/scan@1`.
"""

from __future__ import annotations

from typing import Any

from duizhao.corpus.scan import Entry, Index
from duizhao.reports.common.escape import md_code, md_text, terminal_line
from duizhao.reports.common.i18n import _, level_word, using
from duizhao.reports.common.md_table import markdown_table

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
        "skipped": [{"path": p, "reason": r} for p, r in skipped(index)],
        "duplicates": [
            {"chosen": chosen, "others": list(others), "reason": reason}
            for chosen, others, reason in duplicates(index)
        ],
    }


def skipped(index: Index) -> list[tuple[str, str]]:
    """Files of the folder that were not read, and why: (path, reason), sorted by path."""
    return sorted((s.path, s.reason) for s in index.skipped)


def duplicates(index: Index) -> list[tuple[str, tuple[str, ...], str]]:
    """Plans found in several files: (file chosen, the others, why that one), by chosen path."""
    return sorted((d.chosen, tuple(d.others), d.reason) for d in index.duplicates)


def _level(entry: Entry) -> str:
    j = entry.jurisdiction
    return f"{j.name or '—'} ({level_word(j.level)})"


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


def _counts(index: Index) -> str:
    return _("{plans} plan(s), {unreadable} unreadable, {skipped} not read, "
             "{duplicates} found more than once; {parented} with a parent in the folder.").format(
        plans=len(index.plans), unreadable=len(index.unreadable), skipped=len(skipped(index)),
        duplicates=len(duplicates(index)),
        parented=sum(1 for e in index.plans if e.parent))  # fmt: skip


def render_scan_markdown(index: Index, *, lang: str = "zh") -> str:
    """The index as a markdown table, then unreadable, not read, duplicates, declared chains."""
    with using(lang):
        return _markdown(index)


def _markdown(index: Index) -> str:
    out = [f"# {_('Plans in {folder}').format(folder=md_text(str(index.root)))}", ""]
    out += [md_text(_counts(index)), ""]
    head = [_("file"), _("title"), _("jurisdiction"), _("period"), _("draft"), _("parent"),
            _("missing parents")]  # fmt: skip
    rows = [
        [e.path, e.title, _level(e), e.period or "—", _("yes") if e.draft else _("no"),
         _parent_cell(index, e), "\n".join(_missing(e))]
        for e in index.plans
    ]  # fmt: skip
    out.append(markdown_table(head, rows))
    if index.unreadable:
        out += ["", f"## {_('Unreadable')}", ""]
        out += [f"- {md_code(e.path)}: {md_text(e.error or '')}" for e in index.unreadable]
    if skipped(index):
        out += ["", f"## {_('Not read')}", ""]
        out += [f"- {md_code(p)}: {md_text(r)}" for p, r in skipped(index)]
    if duplicates(index):
        out += ["", f"## {_('Found more than once')}", ""]
        for chosen, others, reason in duplicates(index):
            line = _("{chosen} chosen over {others}").format(
                chosen=chosen, others="、".join(others)
            )
            out.append(f"- {md_text(line)}" + (f": {md_text(reason)}" if reason else ""))
    chains = [index.chain(e.path) for e in index.plans]
    chains = [c for c in chains if len(c) > 1]
    if chains:
        out += ["", f"## {_('Declared chains')}", ""]
        out += [
            "- " + " → ".join(md_text(x.jurisdiction.name or x.path) for x in c) for c in chains
        ]
    return "\n".join(out) + "\n"


def render_scan_terminal(index: Index, console, *, lang: str = "zh") -> None:
    """The index as a rich table sorted by path (unreadable files in place, in red), then the
    files not read and the plans found more than once."""
    with using(lang):
        _terminal(index, console)


def _terminal(index: Index, console) -> None:
    from rich.table import Table
    from rich.text import Text

    t = terminal_line
    table = Table(title=Text(t(_("Plans in {folder}").format(folder=index.root))), show_lines=True)
    for header in (_("file"), _("title"), _("jurisdiction"), _("period"), _("parent"),
                   _("missing parents")):  # fmt: skip
        table.add_column(header, overflow="fold")
    for e in index.entries:
        if e.error is not None:
            why = _("unreadable: {error}").format(error=t(e.error))
            table.add_row(Text(t(e.path)), Text(why, style="red"), "", "", "", "")
            continue
        title = t(e.title) + (_(" (draft)") if e.draft else "") if e.title else "—"
        missing = Text("\n".join(_missing(e)), style="yellow")
        cells = [t(e.path), title, t(_level(e)), t(e.period or "—"), t(_parent_cell(index, e))]
        table.add_row(*(Text(c) for c in cells), missing)
    console.print(table)
    for path, reason in skipped(index):
        line = _("not read: {path}: {reason}").format(path=t(path), reason=t(reason))
        console.print(Text(line, style="yellow"))
    for chosen, others, reason in duplicates(index):
        line = _("{chosen} chosen over {others}").format(
            chosen=t(chosen), others="、".join(map(t, others))
        )
        console.print(Text(line + (f": {t(reason)}" if reason else ""), style="yellow"))
    console.print(Text(_counts(index)))
