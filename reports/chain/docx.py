"""The Word 对照表 of a chain (province → city → district), as an office hands it up.

A4 landscape, 第 X 页 共 Y 页 in the footer (fields), a title block naming every plan by title,
jurisdiction, level and period (never by file), a 综述 of each step, then one table whose
header row repeats on every page: 序号 | one column per plan (湖北省 | 襄阳市 | 高新区) | 说明.
One row per measure of the top plan under shaded rows of its headings; each lower plan's cell
gives the status there and the text of the measures that carry it; 说明 says where a measure
was lost and where restored; the measures each lower plan added sit in their place
(`table_view`). Byte-identical for the same inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from duizhao.compare.chain import Chain
from duizhao.reports.chain.table_view import (
    chain_heads,
    chain_lines,
    chain_notes,
    chain_number,
    level_text,
)
from duizhao.reports.chain.views import added_counts, pair_line
from duizhao.reports.common import docx_parts as parts
from duizhao.reports.common.i18n import _, level_word, note_text, using
from duizhao.reports.pair.table_view import SectionLine, plan_facts, without_paths

if TYPE_CHECKING:
    from docx.document import Document

NUMBER_CM, NOTES_CM, TEXT_CM = 1.6, 3.7, 27.7
"""序号 and 说明 widths; the plans share the rest of the 27.7 cm of a landscape A4 page."""


def chain_widths(plans: int) -> tuple[float, ...]:
    """Column widths in cm: 序号, one per plan, 说明."""
    each = round((TEXT_CM - NUMBER_CM - NOTES_CM) / plans, 2)
    return (NUMBER_CM, *([each] * plans), NOTES_CM)


def chain_title(chain: Chain) -> str:
    """《top plan》逐级落实对照表."""
    return _("《{title}》 level by level").format(title=chain.plans[0].title)


def chain_docx_bytes(chain: Chain, *, lang: str = "zh") -> bytes:
    """The chain 对照表 as a .docx file's bytes."""
    with using(lang):
        title = chain_title(chain)
        doc = parts.new_document(title, lang)
        _title_block(doc, chain)
        parts.paragraph(doc, chain_overview(chain), bold_lead=_("Overview: "))
        for note in chain.notes:
            parts.paragraph(doc, without_paths(note_text(note), chain.plans), bold_lead=_("Note: "))
        _table(doc, chain)
        return parts.document_bytes(doc, title, lang)


def chain_overview(chain: Chain) -> str:
    """Each step's counts, then how many top measures were lost, restored, and added below."""
    steps = "；".join(pair_line(chain, i) for i in range(len(chain.pairs)))
    lost = sum(t.lost_at is not None for t in chain.trace)
    restored = sum(t.restored_at is not None for t in chain.trace)
    added = sum(added_counts(chain).values())
    tail = _("{lost} measures of the top plan lost on the way, {restored} of them restored "
             "below; {added} measures added by the lower plans.").format(
        lost=lost, restored=restored, added=added)  # fmt: skip
    return f"{steps}。{tail}"


def _title_block(doc: Document, chain: Chain) -> None:
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for plan in chain.plans:
        cells = table.add_row().cells
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(level_word(plan.jurisdiction.level)).bold = True
        cells[1].text = f"《{plan.title}》"
        cells[2].text = plan_facts(plan)
    parts.fixed_widths(table, (3.0, 15.0, 9.7))
    doc.add_paragraph()


def _table(doc: Document, chain: Chain) -> None:
    from lxml import etree

    widths = chain_widths(len(chain.plans))
    heads = tuple(chain_heads(chain))
    table = parts.grid_table(doc, heads, widths)
    for line in chain_lines(chain):
        if isinstance(line, SectionLine):
            parts.section_row(table, widths, line.text, line.depth)
            continue
        size = max(len(m.text) for m in line.nodes)  # the plans' columns are narrower: half
        cells = parts.new_row(table, widths, keep_whole=size <= parts.KEEP_WHOLE // 2)
        parts.run(cells[0]._tc.p_lst[0], chain_number(line))
        if line.top is not None:
            p = cells[1]._tc.p_lst[0]
            parts.run(p, line.top.label, bold=True)
            parts.run(p, line.top.text)
        for n, cell in enumerate(line.levels, 2):
            status, paragraphs = level_text(cell)
            tc = cells[n]._tc
            if status:
                parts.run(tc.p_lst[0], status, bold=True)
            for text in paragraphs:
                parts.run(etree.SubElement(tc, qn("w:p")), text)
            if cell.status in ("dropped", "added"):
                parts.shade(cells[n], "FDE2E1" if cell.status == "dropped" else "E3F5E4")
        parts.run(cells[-1]._tc.p_lst[0], chain_notes(chain, line))
    parts.fixed_widths(table, widths)
