"""The one decoder of text bytes (txt, md and html): byte-order mark, UTF-8, declared, detected.

Order: a byte-order mark decides; then strict UTF-8 (most files today); for a web page, then
the charset its <meta> declares (GB2312 read as GB18030, which pages labelled so routinely
need); then charset-normalizer, on a bounded sample and, for a page, on its text only so the
markup does not drown out the Chinese. A text file must decode to Chinese text; a page may
carry a few undecodable bytes (replaced) rather than be refused.
"""

from __future__ import annotations

import codecs
import re

from duizhao.corpus.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_TAG_RE = re.compile(rb"<[^<>]*>")
_BLOCK_OPEN_RE = re.compile(rb"(?i)<(script|style)\b")
_SAMPLE_BYTES = 512 * 1024
"""Detection looks at this much of the file (enough to tell GB18030 from Big5)."""
_CANDIDATES = ["gb18030", "big5", "utf_16", "utf_8"]


def decode(name: str, data: bytes, *, markup: bool = False) -> str:
    """`data` as text; InputError for binary data and encodings that cannot be determined."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(
                    name, "starts with a {enc} byte-order mark but is not {enc}", enc=enc
                ) from None
    if not markup and b"\x00" in data[:8192]:
        raise InputError(name, "is a binary file, not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if markup:
        return _decode_page(name, data)
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE_BYTES]
    best = from_bytes(sample, cp_isolation=_CANDIDATES).best() or from_bytes(sample).best()
    if best is None:
        raise InputError(name, "has an encoding that cannot be determined (save it as UTF-8)")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(
            name, "has an encoding that cannot be determined (save it as UTF-8)"
        ) from None
    if _cjk_share(text[:200_000]) < 0.05:
        raise InputError(
            name,
            "does not decode to Chinese text (best guess {encoding}); save it as UTF-8",
            encoding=best.encoding,
        )
    return text


def _decode_page(name: str, data: bytes) -> str:
    m = _META_CHARSET_RE.search(data[:8192])
    declared = codec(m.group(1).decode("ascii", "ignore")) if m else None
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    sample = _TAG_RE.sub(b" ", _without_scripts(data[:_SAMPLE_BYTES]))
    best = from_bytes(sample, cp_isolation=_CANDIDATES).best()
    encoding = (best.encoding if best is not None else None) or declared
    if encoding is None:
        return decode(name, data)
    return data.decode(encoding, errors="replace")


def _without_scripts(data: bytes) -> bytes:
    """`data` without <script> and <style> blocks, in one pass (an unclosed one runs to the end)."""
    out, at = [], 0
    lower = data.lower()
    while True:
        m = _BLOCK_OPEN_RE.search(data, at)
        if m is None:
            out.append(data[at:])
            return b" ".join(out)
        out.append(data[at : m.start()])
        end = lower.find(b"</" + m.group(1).lower(), m.end())
        if end < 0:
            return b" ".join(out)
        at = end


def codec(label: str) -> str | None:
    """Python's codec for a declared charset label; None when unknown."""
    label = label.lower()
    if label in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"):
        return "gb18030"  # pages labelled GB2312 routinely contain GBK-only characters
    if label in ("big5", "big5-hkscs"):
        return "big5hkscs"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u4e00" <= c <= "\u9fff") / len(letters)
