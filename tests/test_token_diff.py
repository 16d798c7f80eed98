"""Word-grade redlines between two drafts: whole tokens, one mark per edit, formatting never an edit."""

from __future__ import annotations

import pytest

from duizhao.compare.segment import fine_segmenter
from duizhao.compare.token_diff import edits, same_text, token_spans, tokens_of


@pytest.fixture(scope="module")
def cut():
    return fine_segmenter()


def changes(old: str, new: str, cut) -> list[tuple[str, str]]:
    return edits(token_spans(old, new, cut))


def test_numbers_years_and_percentages_change_whole(cut):
    assert changes("到2025年建成10个示范点。", "到2027年建成13个示范点。", cut) == [
        ("2025", "2027"),
        ("10", "13"),
    ]
    assert changes("覆盖率达到95%，投入3.5亿元。", "覆盖率达到100%，投入3.8亿元。", cut) == [
        ("95%", "100%"),
        ("3.5", "3.8"),
    ]


def test_a_chinese_numeral_is_its_own_token(cut):
    assert changes("打好三大攻坚战。", "打好四大攻坚战。", cut) == [("三", "四")]


def test_a_word_changes_whole_even_inside_a_compound(cut):
    assert changes("切实加强法治宣传。", "切实强化法治宣传。", cut) == [("加强", "强化")]


def test_an_inserted_clause_is_marked_alone(cut):
    old = "全面推进依法行政，加强法治宣传教育，提高全民法治素养。"
    new = "全面推进依法行政，加强法治宣传教育，建立普法责任清单，提高全民法治素养。"
    assert changes(old, new, cut) == [("", "建立普法责任清单，")]


def test_a_rewritten_sentence_is_one_edit(cut):
    old = "建立健全先进典型关怀礼遇帮扶机制。加强宣传。"
    new = "督促网信企业落实主体责任，履行法律规定的安全管理责任。加强宣传。"
    assert changes(old, new, cut) == [
        ("建立健全先进典型关怀礼遇帮扶机制", "督促网信企业落实主体责任，履行法律规定的安全管理责任")
    ]


def test_swapped_sentences_are_marked_as_moved(cut):
    spans = token_spans("完善制度体系。健全工作机制。", "健全工作机制。完善制度体系。", cut)
    moved = [s for s in spans if s.op != "equal"]
    assert len(moved) == 2 and all(s.kind == "moved" for s in moved)
    assert {s.op for s in moved} == {"delete", "insert"}


def test_formatting_alone_is_no_edit(cut):
    old = "推进（试点）工作，到2025年形成经验。"
    for new in (
        "推进(试点)工作, 到2025年形成经验.",
        "推进（试点）工作，到２０２５年形成经验。",
        "　　推进（试点）工作，\n到2025年 形成经验。",
    ):
        assert same_text(old, new, cut)
        assert changes(old, new, cut) == []


def test_tokens_give_the_text_back(cut):
    text = "　到2025年，三大任务完成100%。 第三项"
    assert "".join(t.text for t in tokens_of(text, cut)) == text


def test_numbers_are_marked_and_words_holding_a_numeral_are_not(cut):
    kinds = {s.text: s.kind for s in token_spans("到2025年建成。", "到2026年建成宪法进万家。", cut)}
    assert kinds["2025"] == "number" and kinds["2026"] == "number"
    assert all(kind == "text" for text, kind in kinds.items() if "万家" in text)
    units = {s.text: s.kind for s in token_spans("建成3个站点。", "建成3家站点。", cut)}
    assert units["个"] == "number" and units["家"] == "number"
