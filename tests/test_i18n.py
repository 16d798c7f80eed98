"""Report languages: the report vocabulary, catalogues compiled from their .po."""

from __future__ import annotations

import gettext

import pytest

from duizhao.reports.common.i18n import LOCALE_DIR, _, normalise, translator, using, word

VOCABULARY = {
    "carried": ("落实", "carried"),
    "partial": ("部分落实", "partly carried"),
    "dropped": ("未落实", "dropped"),
    "inherited": ("沿用", "inherited"),
    "modified": ("修改", "modified"),
    "added": ("新增", "added"),
    "moved": ("移位", "moved"),
    "merged": ("合并", "merged"),
    "split": ("拆分", "split"),
    "owners_changed": ("责任单位变化", "owners changed"),
    "reassigned": ("调整", "reassigned"),
    "parent": ("上级方案", "parent"),
    "child": ("本级方案", "child"),
    "old": ("原稿", "old"),
    "new": ("修改稿", "new"),
}


@pytest.mark.parametrize("value", sorted(VOCABULARY))
def test_words_in_reports_are_the_documented_vocabulary(value: str) -> None:
    zh, en = VOCABULARY[value]
    assert word(value, "zh") == zh
    assert word(value, "en") == en
    assert word(value) == zh  # Chinese by default


def test_compiled_catalogues_match_their_po_files() -> None:
    from babel.messages.pofile import read_po

    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/duizhao.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        expected = {m.id: m.string for m in catalogue if m.id and m.string and not m.fuzzy}
        with po.with_suffix(".mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        compiled = {k: v for k, v in compiled.items() if k}
        assert compiled == expected, f"{po.with_suffix('.mo')} is stale: run make i18n"


def test_languages_and_the_using_block() -> None:
    assert normalise("zh-CN") == normalise("zh_Hans") == "zh"
    assert normalise("en-GB") == "en"
    with pytest.raises(ValueError, match="unknown language"):
        normalise("fr")
    assert isinstance(translator("en"), gettext.NullTranslations)
    with using("en"):
        assert _("Summary") == "Summary"
        assert word("partial") == "partly carried"
    assert _("Summary") == "汇总"


def test_every_message_of_the_reports_and_the_cli_has_its_chinese() -> None:
    """Messages inside f-strings too (Babel's extractor misses those before Python 3.12)."""
    from tools.i18n_extract import catalogue_messages, messages_in

    assert [m for _line, m in messages_in("x = f\"## {_('Summary')} {N_('a')}\"")] == [
        "Summary", "a"]  # fmt: skip
    zh = translator("zh")
    untranslated = {
        message: files
        for message, files in catalogue_messages().items()
        if message and zh.gettext(message) == message
    }
    assert not untranslated, f"translate these in duizhao.po, then make i18n: {untranslated}"


def test_notes_are_said_in_the_report_language() -> None:
    from golden.regen import small_result

    from duizhao.reports.render import Format, render

    result = small_result()  # a district compared straight to its province
    assert result.notes and all(hasattr(n, "template") for n in result.notes)
    for fmt in (Format.MARKDOWN, Format.HTML, Format.TERMINAL):
        zh, en = render(result, fmt), render(result, fmt, lang="en")
        assert "直接与" in zh and "中间缺少一级方案" in zh and "is compared straight" not in zh
        assert "is compared straight to" in en and "（省级）" not in en
