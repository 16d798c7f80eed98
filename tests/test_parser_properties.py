"""Property-based: random and mutated documents never make the parser raise anything but InputError."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.corpus import InputError, parse_plan
from duizhao.corpus.readers import read_source
from duizhao.corpus.samples import sample_path

SAMPLE = sample_path("yaohai").read_text(encoding="utf-8")
LINES = SAMPLE.splitlines()
PIECES = ["一、", "（一）", "(二)", "1.", "2、", "12．", "（3）", "①", "第一部分", "。", "；", "\n",
          "牵头单位：", "（责任单位：", "）", "(", "《", "》", "2021—2025年", "征求意见稿", "12·4",
          "\u3000", "当前位置：首页 > ", "ICP备"]  # fmt: skip

text_pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60)


def _parse(text: str) -> None:
    try:
        plan = parse_plan(text)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert plan.measures()
    for m in plan.measures():
        assert m.lines[0] <= m.lines[1]


@given(text_pieces)
@settings(max_examples=300, deadline=None)
def test_random_documents(pieces):
    _parse("".join(pieces))


@given(
    st.lists(
        st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(["drop", "dup", "cut", "swap"])),
        max_size=25,
    ),
    st.integers(0, 40),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_real_plan(mutations, cut):
    lines = list(LINES)
    for index, op in mutations:
        if not lines:
            break
        index %= len(lines)
        if op == "drop":
            del lines[index]
        elif op == "dup":
            lines.insert(index, lines[index])
        elif op == "cut":
            lines[index] = lines[index][cut:]
        else:
            lines[index], lines[-1] = lines[-1], lines[index]
    _parse("\n".join(lines))


MAGIC = [b"", b"PK\x03\x04", b"%PDF-1.4\n", b"<html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe"]


@given(
    st.sampled_from(MAGIC),
    st.binary(max_size=400),
    st.sampled_from([".txt", ".md", ".docx", ".html", ".pdf"]),
)
@settings(max_examples=200, deadline=None)
def test_random_bytes_in_any_file_type(tmp_path_factory, magic, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(magic + data)
    try:
        source = read_source(path)
    except InputError:
        return
    with contextlib.suppress(InputError):
        parse_plan("\n".join(p.text for p in source.paragraphs))


OFFICE = Path(__file__).parent / "data" / "office"
_DOCX_MEMBERS: dict[str, bytes] = {}


def _docx_members() -> dict[str, bytes]:
    """The members of a LibreOffice-saved task-table docx with tracked changes' neighbours."""
    if not _DOCX_MEMBERS:
        import zipfile

        with zipfile.ZipFile(OFFICE / "tasks.docx") as archive:
            _DOCX_MEMBERS.update({n: archive.read(n) for n in archive.namelist()})
    return _DOCX_MEMBERS


@given(
    st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml"]),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from([b"", b"<", b">", b'"', b"</w:tc>", b"<w:tbl>", b"<w:del>", b"\x00", b"&#0;"]),
    st.integers(min_value=0, max_value=200),
    st.booleans(),
)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_docx_xml(tmp_path_factory, member, at, insert, cut, original):
    """A real office docx with its XML damaged: a plan or one InputError, never a traceback."""
    import io
    import zipfile

    members = dict(_docx_members())
    xml = members[member]
    at %= max(len(xml), 1)
    members[member] = xml[:at] + insert + xml[at + cut :]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path = tmp_path_factory.mktemp("docx") / "plan.docx"
    path.write_bytes(buffer.getvalue())
    try:
        source = read_source(path, original=original)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    with contextlib.suppress(InputError):
        parse_plan("\n".join(p.text for p in source.paragraphs))


@pytest.mark.slow
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=10**6))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_office_pdf(tmp_path_factory, noise, at):
    """A LibreOffice PDF with bytes overwritten: read, or one InputError."""
    data = bytearray((OFFICE / "tasks-short.pdf").read_bytes())
    at %= len(data)
    data[at : at + len(noise)] = noise
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    path.write_bytes(bytes(data))
    try:
        read_source(path)
    except InputError as exc:
        assert "\n" not in str(exc)
