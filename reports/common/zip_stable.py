"""Office files (xlsx, docx) made byte-identical across runs: fixed entry dates and stamps."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, datetime

FIXED_DATE = datetime(2000, 1, 1)
"""Created/modified stamp written into docProps/core.xml when SOURCE_DATE_EPOCH is not set."""


def document_date() -> datetime:
    """The date written into a file: `SOURCE_DATE_EPOCH` (reproducible builds) or FIXED_DATE."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    return FIXED_DATE


def stable_zip(data: bytes) -> bytes:
    """The same workbook with fixed entry dates and a created/modified stamp of `document_date`."""
    when = document_date().strftime("%Y-%m-%dT%H:%M:%SZ")
    stamp = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = stamp.sub(rb"\g<1>" + when.encode() + rb"\g<3>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            dst.writestr(entry, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
