"""Plain text and markdown in any common encoding (see `decoding`), one paragraph per line."""

from __future__ import annotations

import codecs
import re

from duizhao.corpus.limits import check_text_lines
from duizhao.corpus.numbering import close_label_gap, starts_with_label
from duizhao.corpus.readers.decoding import decode
from duizhao.corpus.readers.source import Paragraph

_HTML_RE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|div|p|table)[\s>]", re.I)
_MD_PREFIX_RE = re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+(?=\S)|>\s?)")
_MD_INLINE_RE = re.compile(r"(\*\*|__|`)")


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes are markup (tolerating a BOM and UTF-16)."""
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(enc, "ignore").encode("utf-8")
            break
    return bool(_HTML_RE.search(head[:2048].lstrip(codecs.BOM_UTF8)))


def read_text(name: str, data: bytes) -> list[Paragraph]:
    """One paragraph per non-blank line, numbered by source line; markdown marks stripped."""
    text = decode(name, data)
    check_text_lines(name, text)
    out = []
    for i, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u00a0", " ").strip()
        if not line:
            continue
        line = _MD_PREFIX_RE.sub("", line)
        line = _MD_INLINE_RE.sub("", line).strip()
        if line:
            out.append(Paragraph(line, i))
    return out


__all__ = ["close_label_gap", "decode", "looks_like_html", "read_text", "starts_with_label"]
