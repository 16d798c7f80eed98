"""Printing report files with LibreOffice and reading the pages back, for the tests that look
at what an office prints: a file to PDF, the text under one column of a repeated header row,
and the first page as a PNG for the README (when DUIZHAO_UPDATE_EXAMPLES is set)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def to_pdf(data: bytes, name: str, tmp_path: Path) -> Path:
    """`data` saved as `name` in `tmp_path` and printed to PDF there by LibreOffice headless."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing")
        pytest.skip("LibreOffice (soffice) is missing")
    source = tmp_path / name
    source.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return source.with_suffix(".pdf")


def column_text(pdf_path: Path, head: str, next_head: str) -> str:
    """The text printed under the header `head` on every page (between its left edge and
    that of `next_head`, both found in the header row each page repeats: the row of 序号),
    without spaces. Pages without that row (other sheets of a workbook) are passed over."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            number = next((w for w in words if w["text"].startswith("序号")), None)
            if number is None:  # a page of another sheet (summary, legend)
                continue
            row = [w for w in words if abs(w["top"] - number["top"]) < 3]
            left = next(w for w in row if w["text"].startswith(head))
            right = next(w for w in row if w["text"].startswith(next_head))
            lo, hi, top = left["x0"] - 2, right["x0"] - 2, left["bottom"]

            def inside(obj, lo=lo, hi=hi, top=top) -> bool:
                """A character whose centre is in the column, below the header row."""
                if obj.get("object_type") != "char":
                    return False
                return lo <= (obj["x0"] + obj["x1"]) / 2 < hi and obj["top"] > top

            out.append(page.filter(inside).extract_text() or "")
    return re.sub(r"\s+", "", "".join(out))


def first_page_png(pdf_path: Path, target: Path) -> None:
    """The first page at 60 dpi (README examples), when DUIZHAO_UPDATE_EXAMPLES is set."""
    if os.environ.get("DUIZHAO_UPDATE_EXAMPLES"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf_path), str(target.with_suffix(""))], check=True)  # fmt: skip
