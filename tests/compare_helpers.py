"""Shared by the comparison tests: a test parent built from the Hubei plan, a plan writer, helpers."""

from __future__ import annotations

from duizhao.compare import Settings, compare_plans
from duizhao.corpus import parse_plan
from duizhao.corpus.numbering import int_to_cn


def localise(text: str) -> str:
    for a, b in (("湖北省", "西安区"), ("湖北", "西安"), ("全省", "全区"), ("我省", "我区"),
                 ("省委", "区委"), ("省级", "区级"), ("省司法厅", "区司法局")):  # fmt: skip
        text = text.replace(a, b)
    return text


def write_plan(title: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """A plan document: sections of (title, [(measure text, owners line)])."""
    lines = [title, "（2021—2025年）", "为贯彻落实《某某纲要》，结合实际，制定本方案。"]
    n = 0
    for s_index, (heading, measures) in enumerate(sections, start=1):
        lines.append(f"{int_to_cn(s_index)}、{heading}")
        for text, owners in measures:
            n += 1
            lines.append(f"{n}.{text}")
            if owners:
                lines.append(owners)
    lines.append("各单位要结合实际认真贯彻落实本方案。")
    return "\n".join(lines)


def hubei_texts(samples) -> list[str]:
    """The first 24 measures of the Hubei sample plan."""
    return [m.text for m in samples["hubei"].measures()[:24]]


def make_parent(hubei_measures: list[str]):
    """A three-section test parent from the Hubei measures (owners on the first section)."""
    sections = [
        ("普法", [(t, "牵头单位：省司法厅") for t in hubei_measures[0:5]]),
        ("制度", [(t, "") for t in hubei_measures[5:10]]),
        ("权利", [(t, "") for t in hubei_measures[10:15]]),
    ]
    return parse_plan(write_plan("湖北省测试实施方案", sections), path="parent.txt")


def compare(parent, text, **kw):
    return compare_plans(parent, parse_plan(text, path="child.txt"), Settings(), **kw)


def by_label(result):
    return {r.measure.label: r for r in result.child_measures}, {
        r.measure.label: r for r in result.parent_measures
    }
