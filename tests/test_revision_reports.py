"""Every human format of a revision speaks of 原稿 and 修改稿, never of a parent and a child; the
Word 修改对照表 holds the changed measures only, each edit a tracked change."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from compare_helpers import write_plan

from duizhao.corpus import parse_plan
from duizhao.reports import api
from duizhao.reports.render import render

HUMAN = ("terminal", "markdown", "html", "csv", "xlsx", "docx")
PARENT_CHILD_ZH = ("上级方案", "本级方案", "落实", "上级", "本级")
PARENT_CHILD_EN = ("parent", "child", "carried")


def _texts(hubei_measures) -> list[str]:
    """Measures whose own words say none of the forbidden ones (the report must not either)."""
    clean = [t for t in hubei_measures if not any(w in t for w in PARENT_CHILD_ZH)]
    assert len(clean) >= 6
    return clean[:6]


def _two_edits(hubei_measures):
    texts = _texts(hubei_measures)
    edited = list(texts)
    edited[1] = texts[1] + "到2025年建成示范点10个。"
    edited[4] = re.sub("[，,]", "，建立工作台账，", texts[4], count=1)
    assert edited[4] != texts[4]
    old = parse_plan(
        write_plan("高新区法治社会建设实施方案", [("任务", [(t, "") for t in texts])]),
        path="原稿.txt",
    )
    new = parse_plan(
        write_plan("高新区法治社会建设实施方案", [("任务", [(t, "") for t in edited])]),
        path="修改稿.txt",
    )
    return api.compare_plans(old, new, revision=True)


def _words(out: str | bytes) -> str:
    """The text a reader sees: for docx and xlsx the XML parts' text."""
    if isinstance(out, str):
        return out
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
    return re.sub(r"<[^>]+>", " ", " ".join(parts))


@pytest.mark.parametrize("fmt", HUMAN)
def test_every_human_format_speaks_of_a_revision(hubei_measures, fmt):
    result = _two_edits(hubei_measures)
    zh = _words(render(result, fmt, lang="zh", width=100))
    for needed in ("原稿", "修改稿", "修改"):
        assert needed in zh, (fmt, needed)
    if fmt != "csv":
        assert "共修改 2 处" in zh
    for banned in PARENT_CHILD_ZH:
        assert banned not in zh, (fmt, banned)
    en = _words(render(result, fmt, lang="en", width=100)).lower()
    assert "old" in en and "new" in en
    for banned in PARENT_CHILD_EN:
        assert banned not in en, (fmt, banned)


def test_the_word_table_of_a_two_edit_revision_has_two_rows_of_tracked_changes(hubei_measures):
    result = _two_edits(hubei_measures)
    with zipfile.ZipFile(io.BytesIO(render(result, "docx"))) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    table = xml[xml.index("<w:tbl>") : xml.index("</w:tbl>")]
    assert len(re.findall(r"<w:tr[ >]", table)) == 3  # header + the two changed measures
    assert re.findall(r'<w:ins w:id="\d+" w:author="duizhao"', table)
    inserted = "".join(re.findall(r"<w:ins [^>]*>.*?</w:ins>", table))
    assert "到2025年建成示范点10个。" in re.sub(r"<[^>]+>", "", inserted)
    assert "建立工作台账，" in re.sub(r"<[^>]+>", "", inserted)
    with zipfile.ZipFile(io.BytesIO(render(result, "docx", show_all=True))) as z:
        every = z.read("word/document.xml").decode("utf-8")
    assert len(re.findall(r"<w:tr[ >]", every)) == 1 + len(result.child_measures)
    assert render(result, "docx") == render(result, "docx")  # byte-identical


def test_json_stays_compare_at_1_in_revision_mode(hubei_measures):
    data = json.loads(render(_two_edits(hubei_measures), "json"))
    assert data["schema"] == "duizhao/compare@1" and data["mode"] == "revision"
    assert [c["status"] for c in data["child_measures"]].count("modified") == 2
