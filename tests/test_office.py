"""Files as office suites write them (tests/data/office, made by LibreOffice): each reads like its .txt.

Only the .doc/.wps/.odt tests need LibreOffice (they convert); they skip with a reason when
`soffice` is absent. The fixtures are remade by `tests/data/office/make.py`.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

import pytest

from duizhao.compare.localise import normalise_width
from duizhao.corpus import InputError, load_plan
from duizhao.corpus.samples import load_sample

OFFICE = Path(__file__).parent / "data" / "office"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def reading(plan) -> list[tuple]:
    """What a user checks of a reading: ids, labels, titles, texts, owners, deadlines."""
    return [
        (
            n.id,
            normalise_width(n.label),
            normalise_width(n.title or ""),
            normalise_width(n.text),
            n.owners,
            n.deadline,
        )
        for n in plan.walk()
    ]


def same_as(plan, reference) -> None:
    assert len(plan.measures()) == len(reference.measures())
    assert reading(plan) == reading(reference)
    assert plan.title == reference.title
    assert plan.jurisdiction == reference.jurisdiction


# --- read without LibreOffice -------------------------------------------------------------


def test_libreoffice_list_numbering_reads_like_the_typed_plan() -> None:
    plan = load_plan(OFFICE / "gaoxin-lists.docx")
    same_as(plan, load_sample("gaoxin"))
    assert [m.label for m in plan.measures()][-1] == "（二十七）"


def test_topic_level_numbered_with_a_unicode_space_keeps_its_level() -> None:
    plan = load_plan(OFFICE / "topics.docx")
    same_as(plan, load_plan(OFFICE / "topics.txt"))
    topics = plan.nodes[0].children
    assert [t.heading for t in topics] == ["1组织保障", "2政务服务"]
    assert [len(t.children) for t in topics] == [2, 2]


def test_task_table_docx_one_measure_per_row_with_owners_and_deadlines() -> None:
    plan = load_plan(OFFICE / "tasks.docx")
    same_as(plan, load_plan(OFFICE / "tasks.txt"))
    measures = plan.measures()
    assert len(measures) == 56
    assert sum(1 for m in measures if m.owners) == 49
    assert all(m.deadline for m in measures)
    assert measures[3].owners.responsible[0] == "区委宣传部"


def test_task_table_pdf_rows_cut_by_a_page_break_are_one_measure() -> None:
    plan = load_plan(OFFICE / "tasks-short.pdf")
    same_as(plan, load_plan(OFFICE / "tasks-short.txt"))


def test_two_column_pdf_reads_column_by_column() -> None:
    plan = load_plan(OFFICE / "gaoxin-2col.pdf")
    same_as(plan, load_plan(OFFICE / "gaoxin-2col.txt"))


def test_tracked_changes_read_as_accepted_by_default_and_original_on_request() -> None:
    path = OFFICE / "draft-tracked.docx"
    accepted = load_plan(path)
    original = load_plan(path, original=True)
    assert reading(accepted) == reading(load_plan(OFFICE / "draft-tracked.accepted.txt"))
    assert reading(original) == reading(load_plan(OFFICE / "draft-tracked.original.txt"))
    rev = accepted.revisions
    assert rev is not None and not rev.original and original.revisions.original
    assert rev.changes >= 6 and rev.authors == ("区司法局审核人",)
    assert [c.text for c in rev.comments] == ["“深入”与上级方案表述一致", "请核实是否保留宣传周"]
    anchored = {c.anchor_line for c in rev.comments}
    by_line = {m.lines[0]: m for m in accepted.measures()}
    assert {by_line[line].label for line in anchored} == {"（一）", "（三）"}
    texts = " ".join(m.text for m in accepted.walk())
    assert "请核实" not in texts and "表述一致" not in texts


def test_pdfminer_warnings_never_reach_the_user(caplog: pytest.LogCaptureFixture) -> None:
    from duizhao.corpus.readers.pdf import _quiet

    with caplog.at_level(logging.DEBUG), _quiet():
        logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox from font descriptor")
    assert "FontBBox" not in caplog.text


# --- converted by LibreOffice ---------------------------------------------------------------


@pytest.fixture(scope="module")
def converted() -> dict[str, object]:
    """Each .doc/.odt fixture converted once for the module (a conversion takes ~2 s)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from concurrent.futures import ThreadPoolExecutor

    names = ("yaohai.doc", "hubei.doc", "gaoxin.odt")
    with ThreadPoolExecutor(len(names)) as pool:  # each conversion is its own LibreOffice
        return dict(zip(names, pool.map(lambda n: load_plan(OFFICE / n), names), strict=True))


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "sample"), [("yaohai.doc", "yaohai"), ("hubei.doc", "hubei"), ("gaoxin.odt", "gaoxin")]
)
def test_word97_and_odt_read_to_the_same_tree_as_the_txt(converted, name, sample) -> None:
    plan = converted[name]
    same_as(plan, load_sample(sample))
    assert plan.format == "docx" and plan.converted_from == name.rsplit(".", 1)[1]


@needs_soffice
@pytest.mark.slow
def test_wps_ole_file_is_converted_and_nothing_is_written_beside_it(tmp_path: Path) -> None:
    wps = tmp_path / "方案.wps"
    shutil.copy(OFFICE / "yaohai.doc", wps)
    before = sorted(p.name for p in tmp_path.iterdir())
    os.chmod(tmp_path, stat.S_IRUSR | stat.S_IXUSR)  # a read-only folder: a write would fail
    try:
        plan = load_plan(wps)
    finally:
        os.chmod(tmp_path, stat.S_IRWXU)
    assert len(plan.measures()) == 56 and plan.converted_from == "wps"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def _one_line(path: Path, match: str) -> str:
    with pytest.raises(InputError) as info:
        load_plan(path)
    message = str(info.value)
    assert "\n" not in message and match in message, message
    return message


def test_ole_file_without_a_word_document_is_refused(tmp_path: Path) -> None:
    ole = tmp_path / "sheet.doc"
    ole.write_bytes((OFFICE / "yaohai.doc").read_bytes()[:1536])  # no directory entry for it
    _one_line(ole, "no Word document in it")


def test_encrypted_doc_is_refused_before_conversion(tmp_path: Path) -> None:
    data = bytearray((OFFICE / "yaohai.doc").read_bytes())
    fib = data.find(b"\xec\xa5", 512)
    while fib % 512:
        fib = data.find(b"\xec\xa5", fib + 1)
    data[fib + 0x0B] |= 0x01  # FIB fEncrypted, as Word sets it for a password
    (tmp_path / "enc.doc").write_bytes(bytes(data))
    _one_line(tmp_path / "enc.doc", "password-protected")


@needs_soffice
@pytest.mark.slow
def test_doc_libreoffice_cannot_open_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.doc"
    data = bytearray((OFFICE / "yaohai.doc").read_bytes())
    data[512:30000] = os.urandom(30000 - 512)  # the directory kept, the streams destroyed
    bad.write_bytes(bytes(data))
    _one_line(bad, "LibreOffice cannot open")


def test_conversion_that_times_out_is_stopped(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text('#!/bin/sh\n[ "$1" = --version ] && { echo fake 1; exit 0; }\nsleep 30\n')
    fake.chmod(0o755)
    monkeypatch.setenv("DUIZHAO_SOFFICE", str(fake))
    monkeypatch.setenv("DUIZHAO_CACHE", "off")
    monkeypatch.setattr("duizhao.corpus.readers.office.CONVERT_TIMEOUT_S", 1)
    shutil.copy(OFFICE / "hubei.doc", tmp_path / "plan.doc")
    _one_line(tmp_path / "plan.doc", "did not convert it within 1 s")


def test_missing_libreoffice_names_the_command_that_installs_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DUIZHAO_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setenv("DUIZHAO_CACHE", "off")
    shutil.copy(OFFICE / "hubei.doc", tmp_path / "plan.doc")
    _one_line(tmp_path / "plan.doc", "apt-get install libreoffice-writer-nogui")


@needs_soffice
@pytest.mark.slow
def test_rtf_named_doc_is_converted(tmp_path: Path) -> None:
    def rtf(text: str) -> str:
        return "".join(f"\\u{ord(c)}?" for c in text)

    lines = ["某区实施方案", "一、总体要求", "（一）目标。到2025年基本建成。"]
    body = "\\par ".join(rtf(line) for line in lines)
    path = tmp_path / "方案.doc"  # portals publish RTF under a .doc name
    path.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0 " + body + "\\par}")
    plan = load_plan(path)
    assert plan.converted_from == "rtf" and plan.title == "某区实施方案"
    assert [m.text for m in plan.measures()] == ["目标。到2025年基本建成。"]
