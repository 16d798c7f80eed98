"""Property-based: random and mutated documents never make the parser raise anything but InputError."""

from __future__ import annotations

import contextlib

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
