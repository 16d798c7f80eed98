"""The 修改对照表 of two drafts as a Word file.

The drafts named, the summary (共修改 N 处, the renumbering once), then one landscape table
whose header row repeats on every page — 序号 | 原稿 | 修改稿 | 修改说明 — one row per changed
measure (every measure with `show_all`). The 修改稿 cell holds the old text with each edit as
a tracked change (w:del / w:ins, author duizhao), so Word or WPS shows the new text with its
revisions and the office can accept or reject each one; a changed number is also highlighted.
Byte-identical across runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from duizhao.compare.result import Comparison
from duizhao.reports.common import docx_parts as parts
from duizhao.reports.common.i18n import using
from duizhao.reports.revision.views import (
    RevisionRow,
    columns,
    draft_lines,
    revision_rows,
    summary_lines,
    title,
)

if TYPE_CHECKING:
    from lxml.etree import _Element

WIDTHS_CM = (1.2, 10.0, 10.0, 6.5)


"""序号, 原稿, 修改稿, 修改说明 on a landscape A4 page (27.7 cm of text width)."""


def revision_docx_bytes(result: Comparison, *, lang: str = "zh", show_all: bool = False) -> bytes:
    """The 修改对照表 as a .docx file's bytes."""
    name = title(result, lang)
    with using(lang):
        doc = parts.new_document(name, lang)
    for line in (*draft_lines(result, lang), *summary_lines(result, lang)):
        parts.paragraph(doc, line)
    table = doc.add_table(rows=1, cols=len(WIDTHS_CM))
    table.style = "Table Grid"
    parts.header_row(table, columns(lang), WIDTHS_CM)
    parts.fixed_widths(table, WIDTHS_CM)
    revisions = count(1)
    for n, row in enumerate(revision_rows(result, lang, show_all=show_all), 1):
        size = len(row.old_text) + len(row.new_text)
        no, old, new, notes = (
            c._tc for c in parts.new_row(table, WIDTHS_CM, keep_whole=size <= parts.KEEP_WHOLE)
        )
        parts.run(no.p_lst[0], str(n))
        parts.run(old.p_lst[0], row.old_label, bold=True)
        parts.run(old.p_lst[0], row.old_text)
        _tracked(new.p_lst[0], row, revisions)
        parts.run(notes.p_lst[0], row.status, bold=True)
        for note in row.notes:
            parts.run(notes.add_p(), note)
    return parts.document_bytes(doc, name, lang)


def _tracked(p: _Element, row: RevisionRow, revisions: Iterator[int]) -> None:
    """The new text as the old one with tracked changes: kept text plain, each deletion a
    w:del and each insertion a w:ins (a changed number highlighted); an added measure is one
    insertion, a deleted measure one deletion."""
    if row.new_label:
        parts.run(p, row.new_label, bold=True)
    if not row.spans:
        if row.new_text and row.old_text:
            parts.run(p, row.new_text)
        elif row.new_text:
            _revision(p, "w:ins", row.new_text, next(revisions))
        else:
            _revision(p, "w:del", row.old_text, next(revisions))
        return
    for span in row.spans:
        if span.op == "equal":
            parts.run(p, span.text)
        elif span.text:
            tag = "w:del" if span.op == "delete" else "w:ins"
            _revision(p, tag, span.text, next(revisions), highlight=span.kind == "number")


def _revision(p: _Element, tag: str, text: str, rev_id: int, *, highlight: bool = False) -> None:
    """A tracked insertion or deletion of `text` (author duizhao, no date) appended to w:p."""
    from lxml import etree

    wrapper = etree.SubElement(p, qn(tag))
    wrapper.set(qn("w:id"), str(rev_id))
    wrapper.set(qn("w:author"), parts.AUTHOR)
    parts.run(wrapper, text, highlight=highlight, deleted=tag == "w:del", preserve=True)
