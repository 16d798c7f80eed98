"""The Word 对照表: tracked revisions, a repeated header row, landscape, stable bytes, and a
real conversion to PDF with LibreOffice whose pages hold the plans' text."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from golden.regen import small_result

from duizhao.reports.docx_table import docx_bytes

EXAMPLE_PNG = Path(__file__).resolve().parents[1] / "reports" / "examples" / "dui-zhao-biao.png"


@pytest.fixture(scope="module")
def document() -> bytes:
    return docx_bytes(small_result())


def test_docx_is_byte_identical_and_landscape_with_repeated_header(document: bytes) -> None:
    assert document == docx_bytes(small_result())
    xml = zipfile.ZipFile(io.BytesIO(document)).read("word/document.xml").decode()
    assert 'w:orient="landscape"' in xml
    assert "<w:tblHeader" in xml
    assert '<w:ins w:id="' in xml and '<w:del w:id="' in xml
    assert 'w:author="duizhao"' in xml
    assert (
        'w:eastAsia="仿宋"'
        in zipfile.ZipFile(io.BytesIO(document)).read("word/styles.xml").decode()
    )


@pytest.mark.slow
def test_libreoffice_converts_it_to_pdf_pages_with_the_text(document: bytes, tmp_path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing")
        pytest.skip("LibreOffice (soffice) is missing")
    source = tmp_path / "对照表.docx"
    source.write_bytes(document)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    import pdfplumber

    with pdfplumber.open(tmp_path / "对照表.pdf") as pdf:
        assert len(pdf.pages) > 0
        page = pdf.pages[0]
        assert page.width > page.height  # landscape
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        image = page.to_image(resolution=70)
        image.save(tmp_path / "page1.png")
    for needle in ("对照表", "上级方案", "本级方案", "说明", "未落实", "行政许可事项清单"):
        assert needle in text, needle
    if os.environ.get("DUIZHAO_UPDATE_EXAMPLES"):
        shutil.copy(tmp_path / "page1.png", EXAMPLE_PNG)
