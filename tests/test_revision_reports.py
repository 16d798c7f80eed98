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
    return api.compare_cached(old, new, revision=True)


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


def test_one_draft_with_tracked_changes_is_compared_before_and_after(tmp_path):
    from readers_fixtures import write_docx_xml
    from typer.testing import CliRunner

    from duizhao.cli.app import app

    by = 'w:id="{}" w:author="审核人" w:date="2026-03-01T00:00:00Z"'
    body = (
        "<w:p><w:r><w:t>高新区法治社会建设实施方案</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>一、主要任务</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>（一）加强法治宣传。到</w:t></w:r>"
        f"<w:del {by.format(1)}><w:r><w:delText>2025</w:delText></w:r></w:del>"
        f"<w:ins {by.format(2)}><w:r><w:t>2026</w:t></w:r></w:ins>"
        "<w:r><w:t>年实现普法全覆盖。</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>（二）健全调解机制。推进矛盾纠纷多元化解。</w:t></w:r></w:p>"
    )
    draft = write_docx_xml(tmp_path / "草案.docx", body)
    result = api.compare_tracked(draft)
    assert [c.status.value for c in result.child_measures] == ["modified", "inherited"]
    spans = [(s.op, s.text) for s in result.child_measures[0].diff[0].spans if s.op != "equal"]
    assert spans == [("delete", "2025"), ("insert", "2026")]
    run = CliRunner().invoke(app, ["compare", "--revision", str(draft), "--lang", "zh"])
    assert run.exit_code == 0, run.stderr
    assert "共修改 1 处" in run.stdout and "[-2025-]{+2026+}" in run.stdout
    untracked = "".join(
        f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in ("一、主要任务", "（一）加强法治宣传。")
    )
    plain = write_docx_xml(tmp_path / "定稿.docx", untracked)
    run = CliRunner().invoke(app, ["compare", "--revision", str(plain)])
    assert run.exit_code == 2 and "没有修订痕迹" in run.stderr  # 中文 by default
    run = CliRunner().invoke(app, ["compare", "--revision", str(plain), "--lang", "en"])
    assert run.exit_code == 2 and "has no tracked changes" in run.stderr
