"""Inputs are bounded before they are read: special files, sizes, archives, numbering, nesting.

Time bounds are ratios (10× the input must not take 30× the time), never absolutes, so the
tests hold on a slow machine and still catch a quadratic step.
"""

from __future__ import annotations

import io
import os
import socket
import time
import zipfile
from pathlib import Path

import pytest
from readers_fixtures import write_docx, write_docx_xml

from duizhao.corpus import InputError, load_plan, parse_plan
from duizhao.corpus.errors import LimitError
from duizhao.corpus.limits import MAX_FILE_BYTES
from duizhao.corpus.readers import read_source
from duizhao.corpus.readers.html import read_html

PLAN = [
    "某区实施方案",
    "一、总体要求",
    "（一）指导思想。坚持依法治区。",
    "（二）主要目标。到2025年基本建成。",
]


def one_line(path, match: str, error=InputError) -> str:
    with pytest.raises(error) as info:
        load_plan(path)
    message = str(info.value)
    assert "\n" not in message and match in message, message
    return message


def test_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    one_line(fifo, "named pipe")
    assert time.monotonic() - started < 5  # opening it would block forever


def test_character_device_is_refused() -> None:
    one_line("/dev/zero", "character device")


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        one_line(path, "socket")


def test_size_limit_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: nothing is written, the size is what stat says
        handle.truncate(MAX_FILE_BYTES + 1)
    message = one_line(big, "limit", LimitError)
    assert "50 MB" in message


def test_docx_zip_bomb_refused_before_inflating(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", PLAN)
    buffer = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/media/bomb.bin", bytes(30 * 1024 * 1024))
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(buffer.getvalue())
    one_line(bomb, "zip bomb", LimitError)


def test_huge_word_numbering_start_is_bounded(tmp_path: Path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="100000000000000000000"/>'
        '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num>'
    )
    body = (
        "<w:p><w:r><w:t>某区实施方案</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr>'
        "<w:r><w:t>总体要求</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>一、主要目标。到2025年基本建成。</w:t></w:r></w:p>"
    )
    path = write_docx_xml(tmp_path / "start.docx", body, numbering)
    texts = [p.text for p in read_source(path).paragraphs]
    assert len(texts[1]) < 40  # a clamped counter, not 10^20 letters


def _ratio(run, small: int, large: int) -> float:
    def timed(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            run(n)
            best = min(best, time.perf_counter() - started)
        return max(best, 1e-3)

    return timed(large) / timed(small)


def test_title_cleaning_is_linear() -> None:
    def run(n: int) -> None:
        line = "《实施方案" + "（征求意见稿）" * n + "》"
        parse_plan(line + "\n一、总体要求\n（一）指导思想。内容。\n")

    assert _ratio(run, 2_000, 20_000) < 30


def test_html_cleaning_is_linear_in_nesting_depth() -> None:
    def run(depth: int) -> None:
        page = "<html><body>" + "<div>" * depth + "<p>一、总体要求</p><p>（一）目标。内容。</p>"
        paragraphs = read_html("deep.html", (page + "</div>" * depth + "</body></html>").encode())
        assert [p.text for p in paragraphs] == ["一、总体要求", "（一）目标。内容。"]

    assert _ratio(run, 1_000, 10_000) < 30


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"\xff\xfe-plan.txt")
    with open(raw, "wb") as handle:
        handle.write("\n".join(PLAN).encode())
    plan = load_plan(os.fsdecode(raw))
    assert len(plan.measures()) == 2
    plan.path.encode("utf-8")  # printable and writable as UTF-8
    empty = os.path.join(os.fsencode(tmp_path), b"\xff-empty.txt")
    open(empty, "wb").close()
    message = one_line(os.fsdecode(empty), "is empty")
    message.encode("utf-8")
    assert "\\xff" in message


def test_permission_error_from_stat_is_one_line(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(PLAN), encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "stat", denied)
    one_line(path, "permission denied")


def test_plan_without_numbered_measures_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("关于印发方案的通知\n各单位：现将方案印发给你们。\n", encoding="utf-8")
    one_line(path, "no numbered measures found")


def test_owner_clauses_are_parsed_in_linear_time() -> None:
    def run(n: int) -> None:
        units = "、".join(f"第{i}单位" for i in range(n))
        body = "（一）目标。" + "（责任单位：" * n + "）" * n + f"（牵头单位：{units}）"
        parse_plan("某区实施方案\n" + body + "\n一、总体要求\n（一）指导思想。内容。\n")

    # 5,000 and 50,000: at 1,000 the run takes 2 ms, and a busy machine's noise decided the
    # ratio (a quadratic parse still gives about 100)
    assert _ratio(run, 5_000, 50_000) < 30
