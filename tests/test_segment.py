"""Segmentation: rjieba cuts exactly as jieba (the reference) does, with the domain dictionary."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from duizhao.compare import segment
from duizhao.compare.engine import compare_plans
from duizhao.compare.settings import Settings
from duizhao.corpus.samples import SAMPLES


class _Recorded(Exception):
    """Stops a comparison once both sides' texts have been asked for (the rest is not needed)."""


@pytest.fixture(scope="module")
def engine_texts(samples) -> list[str]:
    """Every text the engine asks to be tokenized for each ordered pair of sample plans.

    Recorded through the engine's own `tokenize` hook, so the texts are normalised and
    localised exactly as in a real comparison (whatever the engine does to them); the
    comparison is stopped once it has asked for every text it will segment."""
    seen: list[str] = []
    calls = 0

    def record(texts: list[str]) -> list[list[str]]:
        nonlocal calls
        seen.extend(texts)
        calls += 1
        if calls % 2 == 0:
            raise _Recorded
        return [list(t) for t in texts]

    for a, b in itertools.permutations(SAMPLES, 2):
        with pytest.raises(_Recorded):
            compare_plans(samples[a], samples[b], Settings(), tokenize=record)
    return list(dict.fromkeys(seen))


def test_rjieba_cuts_every_sample_clause_as_jieba_does(engine_texts):
    fast, reference = segment.segmenter(), segment.reference_segmenter()
    assert len(engine_texts) > 500
    differ = [t for t in engine_texts if fast(t) != reference(t)]
    assert differ == []


def test_rjieba_cuts_raw_sample_lines_as_jieba_does(sample_text):
    """Unnormalised text too: punctuation, digits, Latin letters, full-width forms, spaces."""
    fast, reference = segment.segmenter(), segment.reference_segmenter()
    lines = [line for text in sample_text.values() for line in text.splitlines()]
    lines += ["5G网络和C++ 2021年 3.5% a_b x-y", "\u3000全角\t空格 １２３ＡＢＣ"]
    assert [fast(t) for t in lines] == [reference(t) for t in lines]


def test_every_dictionary_word_is_one_token():
    words = [w for w, _, _ in segment._user_words()]
    assert len(words) > 100
    for cut in (segment.segmenter(), segment.reference_segmenter()):
        assert [w for w in words if cut(w) != [w]] == []
    assert "枫桥经验" in segment.tokens("坚持和发展新时代枫桥经验，化解矛盾纠纷")
    assert "谁执法谁普法" in segment.tokens("落实谁执法谁普法普法责任制")


def test_tokens_drop_punctuation_spaces_and_function_words():
    toks = segment.tokens("加强和改进 基层的法治宣传教育，（一）提高群众满意度。")
    assert "法治宣传教育" in toks and "基层" in toks
    assert not {"和", "的", " ", "，", "（", "）", "。"} & set(toks)


def test_tokenize_all_keeps_order_and_length():
    texts = ["推进法治社会建设", "", "完善公共法律服务体系"]
    out = segment.tokenize_all(texts)
    assert len(out) == 3 and out[1] == []
    assert out[0] == segment.tokens(texts[0]) and out[2] == segment.tokens(texts[2])


def test_without_rjieba_jieba_gives_the_same_tokens(monkeypatch):
    text = "深入学习宣传习近平法治思想，健全矛盾纠纷多元化解机制"
    expected = segment.tokens(text)
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba → ImportError
    segment.segmenter.cache_clear()
    try:
        assert segment.segmenter() is segment.reference_segmenter()
        assert segment.tokens(text) == expected
    finally:
        segment.segmenter.cache_clear()


def test_importing_the_module_loads_no_segmenter():
    """The dictionary is paid for only by a command that segments."""
    code = (
        "import sys, duizhao.compare.segment, duizhao.compare.score; "
        "print(sorted(m for m in ('jieba', 'rjieba') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_content_tokens_filter_a_raw_cut_as_tokens_does():
    text = "坚持和发展新时代枫桥经验，（二）健全社会矛盾纠纷预防化解机制。"
    cut = segment.segmenter()(text)
    assert "".join(cut) == text  # a cut covers the text, punctuation included
    assert segment.content_tokens(cut) == segment.tokens(text)


def test_version_is_stable_and_names_no_loaded_segmenter():
    code = (
        "import sys; from duizhao.compare import segment; "
        "print(segment.version(), 'rjieba' in sys.modules or 'jieba' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    first, loaded = runs[0].stdout.split()
    assert runs[1].stdout.split()[0] == first == segment.version()
    assert len(first) == 16 and loaded == "False"
