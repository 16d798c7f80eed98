"""Plain text and markdown in any common encoding, detected by charset-normalizer."""

from __future__ import annotations

import codecs
import re

from duizhao.corpus.errors import InputError
from duizhao.corpus.numbering import close_label_gap, starts_with_label
from duizhao.corpus.readers import Paragraph

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


def decode(name: str, data: bytes) -> str:
    """Decode bytes with a detected encoding; refuse binary data and undecidable encodings."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(
                    name, f"starts with a {enc} byte-order mark but is not {enc}"
                ) from None
    if b"\x00" in data[:8192]:
        raise InputError(name, "is a binary file, not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "has an encoding that cannot be determined (save it as UTF-8)")
    text = str(best)
    if _cjk_share(text) < 0.05:
        raise InputError(
            name, f"does not decode to Chinese text (best guess {best.encoding}); save it as UTF-8"
        )
    return text


def _cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u4e00" <= c <= "\u9fff") / len(letters)


def read_text(name: str, data: bytes) -> list[Paragraph]:
    """One paragraph per non-blank line, numbered by source line; markdown marks stripped."""
    text = decode(name, data)
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
