"""Office files (xlsx, docx) made byte-identical across runs: fixed entry dates and stamps."""

from __future__ import annotations

import io
import re
import zipfile

FIXED_TIME = "2000-01-01T00:00:00Z"
"""Created/modified stamp written into docProps/core.xml."""


def stable_zip(data: bytes) -> bytes:
    """The same workbook with fixed entry dates and a fixed created/modified stamp."""
    stamp = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = stamp.sub(rb"\g<1>" + FIXED_TIME.encode() + rb"\g<3>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            dst.writestr(entry, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
