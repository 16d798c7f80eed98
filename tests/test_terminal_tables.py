"""Terminal tables never cut a number, and a measure without a title is named by its first
words wherever a reader would otherwise see an empty title."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duizhao.reports.api import compare_sample, read_plan, render

UNTITLED = """某市法治建设实施方案

一、总体要求

1.坚持党的领导，把党的领导贯穿法治建设全过程和各方面，确保正确方向，推进各项工作落实落细。

2.坚持以人民为中心，依法保障人民权益，让人民群众在每一个司法案件中感受到公平正义。
"""


@pytest.fixture(scope="module")
def sample():
    return compare_sample()


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_every_share_of_a_merged_measure_is_shown_whole(sample, width) -> None:
    text = render(sample, "terminal", lang="en", width=width)
    merged = [c for c in sample.child_measures if "merged" in c.flags]
    assert merged
    for c in merged:
        for s in c.sources:
            assert re.search(rf"(?<![\d.]){s.child_share:.0%}", text), (width, s)


def test_untitled_measures_are_named_by_their_first_words(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(UNTITLED, encoding="utf-8")
    plan = read_plan(path)
    assert [m.title for m in plan.measures()] == [None, None]
    flat = render(plan, "flat", lang="en", width=100)
    rows = [line for line in flat.splitlines() if line.startswith("│ 1.") or "│ 2." in line]
    assert len(rows) == 2
    assert "坚持党的领导" in rows[0].split("│")[2] and "坚持以人民为" in rows[1].split("│")[2]
