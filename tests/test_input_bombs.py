"""Inputs under the file-size limit that inflate or multiply: refused in one line, fast.

A PDF whose one content stream inflates to hundreds of megabytes, one whose pages together do,
a .docx of 300,000 short paragraphs and a text file of as many lines are built here, each far
under the 50 MB limit per file.
"""

from __future__ import annotations

import random
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from duizhao.corpus import load_plan
from duizhao.corpus.errors import LimitError
from duizhao.corpus.limits import MAX_MEASURES, MAX_PARAGRAPHS
from duizhao.corpus.readers import pdf_bounds


def pdf(contents: list[bytes]) -> bytes:
    """A PDF with one page per content stream, each stream Flate-compressed."""
    pages = len(contents)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i, content in enumerate(contents):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R"
            " /Resources << >> >>".encode()
        )
        packed = zlib.compress(content, 9)
        head = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
        objs.append(head + packed + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def refused_fast(path: Path, words: str, *, seconds: float = 10, megabytes: int = 200) -> None:
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(LimitError, match=words) as caught:
            load_plan(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - start < seconds
    assert peak < megabytes * 1024 * 1024
    assert caught.value.subject.endswith(path.name) and "\n" not in str(caught.value)


def test_a_pdf_stream_that_inflates_to_400_mb_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf([b" " * (400 << 20)]))
    assert bomb.stat().st_size < 2 << 20
    refused_fast(bomb, "stream that inflates past 32 MB")


def test_pages_that_inflate_past_the_document_bound_are_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf_bounds, "MAX_DOCUMENT_BYTES", 40 << 20)
    many = tmp_path / "many.pdf"
    many.write_bytes(pdf([b" " * (16 << 20)] * 4))  # each stream and page under its bound
    refused_fast(many, "content inflating past 40 MB in all")


def test_a_page_whose_streams_inflate_past_the_page_bound_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_bounds, "MAX_PAGE_BYTES", 8 << 20)
    page = tmp_path / "page.pdf"
    page.write_bytes(pdf([b" " * (12 << 20)]))
    refused_fast(page, "page whose content inflates past 8 MB")


def docx(paragraphs: int) -> bytes:
    """A minimal .docx of `paragraphs` short numbered paragraphs (not compressible 200×)."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    rnd = random.Random(0)
    body = "".join(
        f"<w:p><w:r><w:t>{i}.{rnd.randrange(10**9)}</w:t></w:r></w:p>"
        for i in range(1, paragraphs + 1)
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def test_a_docx_of_too_many_paragraphs_is_refused_before_parsing(tmp_path: Path) -> None:
    many = tmp_path / "many.docx"
    many.write_bytes(docx(MAX_PARAGRAPHS + 100_000))
    refused_fast(many, f"more than {MAX_PARAGRAPHS:,} paragraphs", seconds=5, megabytes=80)


def test_a_text_of_too_many_lines_is_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.txt"
    many.write_text("\n".join(f"{i}.第{i}项" for i in range(MAX_PARAGRAPHS + 10)), "utf-8")
    refused_fast(many, f"more than {MAX_PARAGRAPHS:,} paragraphs", seconds=5, megabytes=150)
    crs = tmp_path / "crs.txt"  # old Mac line ends are lines too
    crs.write_text("\r".join(f"{i}.第{i}项" for i in range(MAX_PARAGRAPHS + 10)), "utf-8")
    refused_fast(crs, f"more than {MAX_PARAGRAPHS:,} paragraphs", seconds=5, megabytes=150)


def test_a_plan_of_too_many_measures_is_refused(tmp_path: Path, monkeypatch) -> None:
    from duizhao.corpus import load

    monkeypatch.setattr(load, "MAX_MEASURES", 500)
    lines = ["某某市法治社会建设实施方案", "一、主要任务"]
    lines += [f"{i}.推进第{i}项工作。" for i in range(1, 601)]
    plan = tmp_path / "plan.txt"
    plan.write_text("\n".join(lines), "utf-8")
    with pytest.raises(LimitError, match="has 600 measures, over the limit of 500"):
        load_plan(plan)
    assert MAX_MEASURES >= 10_000
