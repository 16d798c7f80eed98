"""Word .docx in body order (tables included) with automatic list numbering rendered as labels."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

from duizhao.corpus.errors import InputError
from duizhao.corpus.readers import Paragraph
from duizhao.corpus.readers.text import starts_with_label
from duizhao.corpus.readers.word_numbering import MC_NS, Numbering, wtag, wval

_P, _T, _R, _TXBX = wtag("p"), wtag("t"), wtag("r"), wtag("txbxContent")
_BREAKS = {wtag("br"), wtag("cr")}
_TABS = {wtag("tab"), wtag("ptab")}
# Property elements, deleted text and fallback copies: nothing to read inside.
_SKIP = {
    wtag(t)
    for t in [
        "pPr",
        "rPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sectPr",
        "sdtPr",
        "sdtEndPr",
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "delInstrText",
        "footnoteReference",
        "endnoteReference",
    ]
} | {f"{{{MC_NS}}}Fallback"}


def read_docx(name: str, data: bytes) -> list[Paragraph]:
    """Paragraphs of the document body, table cells in row order, list labels as text."""
    body, numbering = _open(name, data)
    texts: list[str] = []
    try:
        for p in _blocks(body, numbering):
            texts.extend(p)
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(name, f"has a document body that cannot be read ({exc})") from None
    return [Paragraph(t, i) for i, t in enumerate(texts, start=1)]


def _open(name: str, data: bytes) -> tuple[etree._Element, Numbering]:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # BadZipFile, or a zip using features zipfile cannot read
        raise InputError(name, "is not a valid .docx (damaged zip archive)") from None
    kind = _zip_kind(names)
    if kind:
        raise InputError(
            name, f"is {kind}, not a Word document: save it as .docx, or export the plan text"
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
        return document.element.body, Numbering(numbering_root, styles)
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise InputError(
                name, "is a macro-enabled Word file (.docm); save it as .docx"
            ) from None
        raise InputError(name, "is not a valid .docx (corrupt or not a Word document)") from None
    except Exception:
        raise InputError(name, "is not a valid .docx (corrupt or not a Word document)") from None


def _zip_kind(names: set[str]) -> str | None:
    """What a zip that is not a Word document is, or None when it may be one."""
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    if "mimetype" in names and "content.xml" in names:
        return "an OpenDocument file"
    if "[Content_Types].xml" not in names:
        return "a zip archive"
    return None


def _blocks(container: etree._Element, numbering: Numbering) -> Iterator[list[str]]:
    """Each paragraph of `container` in order, descending into tables and content controls."""
    for child in container:
        tag = child.tag
        if tag == _P:
            yield from _paragraph(child, numbering)
        elif isinstance(tag, str) and tag not in _SKIP:
            yield from _blocks(child, numbering)


def _paragraph(p: etree._Element, numbering: Numbering) -> Iterator[list[str]]:
    segments: list[str] = [""]
    boxes: list[etree._Element] = []
    _collect(p, segments, boxes)
    for box in boxes:
        yield from _blocks(box, numbering)
    label = numbering.label_for(p)
    if label and any(seg.strip() for seg in segments):
        segments[0] = label + segments[0].lstrip()
    out: list[str] = []
    for raw in segments:
        seg = _clean(raw)
        if not seg:
            continue
        if out and not starts_with_label(seg):
            out[-1] = _join(out[-1], seg)
        else:
            out.append(seg)
    yield out


def _collect(el: etree._Element, segments: list[str], boxes: list[etree._Element]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            segments[-1] += child.text or ""
        elif tag in _TABS:
            segments[-1] += "\t"
        elif tag in _BREAKS:
            segments.append("")
        elif tag == wtag("noBreakHyphen"):
            segments[-1] += "-"
        elif tag == _TXBX:
            boxes.append(child)
        elif tag == _R and _hidden(child):
            continue
        else:
            _collect(child, segments, boxes)


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
