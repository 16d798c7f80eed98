"""Word .docx in body order with list numbering rendered as labels, task tables read as measures.

Tracked changes (修订) are resolved one way for the whole document, never mixed: by default
the accepted text (insertions kept, deletions and moved-away text dropped, a deleted
paragraph mark joins two paragraphs), with `original=True` the text before the changes
(insertions dropped, deleted text kept). Comments (批注) never enter the text; they are
returned with the paragraph they are anchored in (`tracked.py`). The archive's declared sizes
are checked before anything is inflated (`duizhao.corpus.limits.check_zip`).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from duizhao.corpus.errors import DuizhaoError, InputError, Message, message
from duizhao.corpus.limits import check_xml_paragraphs, check_zip
from duizhao.corpus.model import Revisions
from duizhao.corpus.readers.source import Paragraph
from duizhao.corpus.readers.task_table import Row, read_rows
from duizhao.corpus.readers.text import starts_with_label
from duizhao.corpus.readers.tracked import comments_of, revisions_of
from duizhao.corpus.readers.word_numbering import MC_NS, Numbering, wtag, wval

if TYPE_CHECKING:
    from docx.document import Document

_P, _T, _R, _TXBX, _TBL = wtag("p"), wtag("t"), wtag("r"), wtag("txbxContent"), wtag("tbl")
_BREAKS = {wtag("br"), wtag("cr")}
_TABS = {wtag("tab"), wtag("ptab")}
_COMMENT_MARKS = {wtag("commentRangeStart"), wtag("commentReference")}
# Property elements and fallback copies: nothing to read inside.
_ALWAYS_SKIP = {
    wtag(t)
    for t in [
        "pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "sdtPr", "sdtEndPr",
        "instrText", "delInstrText", "footnoteReference", "endnoteReference",
    ]
} | {f"{{{MC_NS}}}Fallback"}  # fmt: skip
_SKIP_ACCEPTED = _ALWAYS_SKIP | {wtag("del"), wtag("moveFrom"), wtag("delText")}
_SKIP_ORIGINAL = _ALWAYS_SKIP | {wtag("ins"), wtag("moveTo")}


@dataclass
class _Par:
    text: str
    label: str | None = None
    anchors: list[str] = field(default_factory=list)


def read_docx_document(
    name: str, data: bytes, *, original: bool = False
) -> tuple[list[Paragraph], Revisions | None]:
    """Paragraphs of the body and what the file records of tracked changes and comments."""
    document, body, numbering = _open(name, data)
    reader = _Reader(numbering, original)
    try:
        pars = reader.container(body)
    except DuizhaoError:
        raise
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(
            name, "has a document body that cannot be read ({reason})", reason=exc
        ) from None
    if reader.carry:
        pars.append(_Par(_clean(reader.carry)))
    pars = [p for p in pars if p.text]
    anchors = {a: i for i, p in enumerate(pars, start=1) for a in p.anchors}
    paragraphs = [Paragraph(p.text, i, p.label) for i, p in enumerate(pars, start=1)]
    comments = comments_of(document, anchors)
    revisions = revisions_of(body, comments, original)
    return paragraphs, revisions


def _open(name: str, data: bytes) -> tuple[Document, etree._Element, Numbering]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # BadZipFile, or a zip using features zipfile cannot read
        raise InputError(name, "is not a valid .docx (damaged zip archive)") from None
    check_zip(name, infos)
    if "word/document.xml" in {i.filename for i in infos}:
        try:
            with archive.open("word/document.xml") as stream:
                check_xml_paragraphs(name, stream)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
            raise InputError(name, "is not a valid .docx (damaged zip archive)") from None
    kind = _zip_kind({i.filename for i in infos})
    if kind:
        raise InputError(
            name,
            "is {kind}, not a Word document: save it as .docx, or export the plan text",
            kind=kind,
        )
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        part = document.part
        styles = part.styles.element
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_root = None
        return document, document.element.body, Numbering(numbering_root, styles)
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise InputError(
                name, "is a macro-enabled Word file (.docm); save it as .docx"
            ) from None
        raise InputError(name, "is not a valid .docx (corrupt or not a Word document)") from None
    except MemoryError:
        raise InputError(name, "is too large to read as a .docx") from None
    except Exception:
        raise InputError(name, "is not a valid .docx (corrupt or not a Word document)") from None


def _zip_kind(names: set[str]) -> Message | None:
    """What a zip that is not a Word document is, or None when it may be one."""
    if "xl/workbook.xml" in names:
        return message("an Excel workbook")
    if "ppt/presentation.xml" in names:
        return message("a PowerPoint presentation")
    if "mimetype" in names and "content.xml" in names:
        return message("an OpenDocument file")
    if "[Content_Types].xml" not in names:
        return message("a zip archive")
    return None


class _Reader:
    """Walks the body once, in order (list counters advance as Word's do)."""

    def __init__(self, numbering: Numbering, original: bool) -> None:
        self.numbering = numbering
        self.original = original
        self.skip = _SKIP_ORIGINAL if original else _SKIP_ACCEPTED
        self.carry = ""
        """Text of a paragraph whose mark is gone in this reading: it joins the next one."""
        self.pending: list[str] = []
        """Comment anchors of that paragraph."""

    def container(self, el: etree._Element) -> list[_Par]:
        out: list[_Par] = []
        for child in el:
            tag = child.tag
            if tag == _P:
                out.extend(self.paragraph(child))
            elif tag == _TBL:
                out.extend(self.table(child))
            elif isinstance(tag, str) and tag not in self.skip:
                out.extend(self.container(child))
        return out

    def _mark_gone(self, p: etree._Element) -> bool:
        """Whether this paragraph's mark is deleted (accepted) or inserted (original) text."""
        mark = p.find(f"{wtag('pPr')}/{wtag('rPr')}")
        if mark is None:
            return False
        return mark.find(wtag("ins" if self.original else "del")) is not None

    def paragraph(self, p: etree._Element) -> list[_Par]:
        segments: list[str] = [""]
        boxes: list[etree._Element] = []
        anchors: list[str] = []
        self._collect(p, segments, boxes, anchors)
        out: list[_Par] = []
        for box in boxes:
            out.extend(self.container(box))
        if self._mark_gone(p):
            self.carry += "".join(segments)
            self.pending.extend(anchors)
            return out
        if self.carry:
            segments[0] = self.carry + segments[0]
            self.carry = ""
        anchors = [*self.pending, *anchors]
        self.pending = []
        label = self.numbering.label_for(p)
        if label and any(seg.strip() for seg in segments):
            segments[0] = label + segments[0].lstrip()
        else:
            label = ""
        pars: list[_Par] = []
        for raw in segments:
            seg = _clean(raw)
            if not seg:
                continue
            if pars and not starts_with_label(seg):
                pars[-1].text = _join(pars[-1].text, seg)
            else:
                pars.append(_Par(seg))
        if pars and label:
            pars[0].label = label.strip()
        if pars:
            pars[0].anchors.extend(anchors)
        elif anchors and out:
            out[-1].anchors.extend(anchors)
        return out + pars

    def _collect(
        self,
        el: etree._Element,
        segments: list[str],
        boxes: list[etree._Element],
        anchors: list[str],
    ) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in self.skip:
                continue
            if tag == _T or (tag == wtag("delText") and self.original):
                segments[-1] += child.text or ""
            elif tag in _TABS:
                segments[-1] += "\t"
            elif tag in _BREAKS:
                segments.append("")
            elif tag == wtag("noBreakHyphen"):
                segments[-1] += "-"
            elif tag == _TXBX:
                boxes.append(child)
            elif tag in _COMMENT_MARKS:
                cid = child.get(wtag("id"))
                if cid is not None and cid not in anchors:
                    anchors.append(cid)
            elif tag == _R and _hidden(child):
                continue
            else:
                self._collect(child, segments, boxes, anchors)

    def table(self, tbl: etree._Element) -> list[_Par]:
        """A task table as measures; any other table cell by cell, row by row."""
        grid = len(tbl.findall(f"{wtag('tblGrid')}/{wtag('gridCol')}"))
        rows: list[Row] = []
        cell_pars: list[list[_Par]] = []
        above: dict[int, str] = {}
        """Text of the cell that a vertically merged cell continues, by grid column."""
        for tr in tbl.iter(wtag("tr")):
            body = tr.getparent()  # the table, or one wrapper inside it (a content control)
            if body is not tbl and (body is None or body.getparent() is not tbl):
                continue  # a row of a nested table is read inside its cell
            cells: list[str] = []
            merged: list[bool] = []
            pars_of_row: list[_Par] = []
            tcs = [tc for tc in tr if tc.tag == wtag("tc")] or list(tr.iter(wtag("tc")))
            column = 0
            for tc in tcs:
                span = _int(wval(tc.find(f"{wtag('tcPr')}/{wtag('gridSpan')}"))) or 1
                merge = tc.find(f"{wtag('tcPr')}/{wtag('vMerge')}")
                pars = self.container(tc)
                pars_of_row.extend(pars)
                text = "\n".join(p.text for p in pars)
                continued = merge is not None and wval(merge) != "restart" and not text
                if continued:
                    text = above.get(column, "")
                else:
                    above[column] = text
                cells.extend([text] + [""] * (span - 1))
                merged.extend([continued] + [False] * (span - 1))
                column += span
            full = len(tcs) == 1 and (grid <= 1 or column >= grid) and grid > 1
            rows.append(Row(tuple(cells), full_width=full, merged=tuple(merged)))
            cell_pars.append(pars_of_row)
        structured = read_rows(rows)
        if structured is None:
            return [p for row in cell_pars for p in row]
        out: list[_Par] = []
        seen_rows: set[int] = set()
        for item in structured:
            par = _Par(item.text, item.label)
            if item.row not in seen_rows:
                seen_rows.add(item.row)
                par.anchors = [a for p in cell_pars[item.row] for a in p.anchors]
            out.append(par)
        return out


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else max(1, min(int(value), 64))
    except ValueError:
        return None


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{wtag('rPr')}/{wtag('vanish')}")
    return vanish is not None and wval(vanish) not in ("0", "false", "off")


_SPACE_RE = re.compile(r"[\s\u00a0]+")


def _clean(text: str) -> str:
    return _SPACE_RE.sub(lambda m: " " if "\u3000" not in m.group() else "\u3000", text).strip()


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right
