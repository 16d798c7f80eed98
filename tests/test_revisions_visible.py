"""Between revisions every edit is modified and visible; a wrong parent is said in every mode."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.corpus import parse_plan
from duizhao.corpus.samples import sample_path
from duizhao.reports import api
from duizhao.reports.render import render


def _revised():
    text = sample_path("gaoxin").read_text(encoding="utf-8")
    at = text.index("2025年", text.index("一、"))
    new = text[:at] + "2026年" + text[at + len("2025年") :]
    return parse_plan(text, path="草案-0301.txt"), parse_plan(new, path="草案-0315.txt")


def test_a_changed_year_is_modified_and_shown_in_every_view():
    old, new = _revised()
    result = api.compare_cached(old, new, revision=True)
    changed = [c for c in result.child_measures if c.status != "inherited"]
    assert [c.status for c in changed] == ["modified"]
    assert result.summary.inherited == len(result.child_measures) - 1
    for lang in ("zh", "en"):
        markdown = render(result, "markdown", lang=lang)
        html = render(result, "html", lang=lang)
        terminal = render(result, "terminal", lang=lang, width=160)
        # the year whole, never 202~~5~~6
        for page in (markdown, html):  # marked as a changed number
            assert '<del class="number">2025</del><ins class="number">2026</ins>' in page
        assert "[-2025-]{+2026+}年" in terminal
    data = json.loads(render(result, "json"))
    diff = next(c["diff"] for c in data["child_measures"] if c["status"] == "modified")
    changed_clause = next(d for d in diff if d["op"] == "changed")
    assert changed_clause["number_spans"]


def test_width_and_spacing_alone_leave_a_measure_inherited():
    old, _ = _revised()
    text = sample_path("gaoxin").read_text(encoding="utf-8")
    at = text.index("2025年", text.index("一、"))
    edited = text[:at] + "2026年" + text[at + len("2025年") :]
    # one more measure whose only changes are full-/half-width punctuation and spaces
    first = edited.index("（二）") if "（二）" in edited else edited.index("(二)")
    end = edited.index("\n", first)
    line = edited[first:end]
    folded = line.replace("，", ",").replace(",", "， ").replace("。", "。 ")
    edited = edited[:first] + folded + edited[end:]
    result = api.compare_cached(old, parse_plan(edited, path="草案-0315.txt"), revision=True)
    assert folded != line
    assert result.summary.modified == 1 and result.summary.added == 0


def test_a_parent_the_child_does_not_cite_is_said_in_every_output_mode(tmp_path):
    runner = CliRunner()
    pair = [str(sample_path("hubei")), str(sample_path("yaohai"))]
    runs = {
        "json": ["-f", "json", "--lang", "en"],
        "file": ["-o", str(tmp_path / "report.md"), "--lang", "en"],
        "terminal": ["--lang", "en"],
    }
    for mode, args in runs.items():
        result = runner.invoke(app, ["compare", *pair, *args])
        assert result.exit_code == 0, (mode, result.stderr)
        lines = [line for line in result.stderr.splitlines() if "the right parent?" in line]
        assert len(lines) == 1, (mode, result.stderr)
        assert "安徽" in lines[0]
    data = json.loads(runner.invoke(app, ["compare", *pair, "-f", "json"]).stdout)
    assert any("the right parent?" in note for note in data["notes"])
