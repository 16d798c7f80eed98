"""A folder's index as markdown: a table of the plans, then unreadable files, files not read,
plans found more than once and the declared chains, in the report language.
"""

from __future__ import annotations

from duizhao.corpus.scan import Index
from duizhao.reports.common.escape import md_code, md_text
from duizhao.reports.common.i18n import _, using
from duizhao.reports.common.md_table import markdown_table
from duizhao.reports.scan.views import (
    counts_line,
    duplicates,
    level_cell,
    missing_parents,
    parent_cell,
    said,
    skipped,
)


def render_scan_markdown(index: Index, *, lang: str = "zh") -> str:
    """The index as a markdown table, then unreadable, not read, duplicates, declared chains."""
    with using(lang):
        return _markdown(index)


def _markdown(index: Index) -> str:
    out = [f"# {_('Plans in {folder}').format(folder=md_text(str(index.root)))}", ""]
    out += [md_text(counts_line(index)), ""]
    head = [_("file"), _("title"), _("jurisdiction"), _("period"), _("draft"), _("parent"),
            _("missing parents")]  # fmt: skip
    rows = [
        [e.path, e.title, level_cell(e), e.period or "—", _("yes") if e.draft else _("no"),
         parent_cell(index, e), "\n".join(missing_parents(e))]
        for e in index.plans
    ]  # fmt: skip
    out.append(markdown_table(head, rows))
    if index.unreadable:
        out += ["", f"## {_('Unreadable')}", ""]
        out += [f"- {md_code(e.path)}: {md_text(said(e.error or ''))}" for e in index.unreadable]
    if skipped(index):
        out += ["", f"## {_('Not read')}", ""]
        out += [f"- {md_code(p)}: {md_text(said(r))}" for p, r in skipped(index)]
    if duplicates(index):
        out += ["", f"## {_('Found more than once')}", ""]
        for chosen, others, reason in duplicates(index):
            line = _("{chosen} chosen over {others}").format(
                chosen=chosen, others="、".join(others)
            )
            out.append(f"- {md_text(line)}" + (f": {md_text(said(reason))}" if reason else ""))
    chains = [index.chain(e.path) for e in index.plans]
    chains = [c for c in chains if len(c) > 1]
    if chains:
        out += ["", f"## {_('Declared chains')}", ""]
        out += [
            "- " + " → ".join(md_text(x.jurisdiction.name or x.path) for x in c) for c in chains
        ]
    return "\n".join(out) + "\n"
