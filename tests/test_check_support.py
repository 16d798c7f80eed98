"""Hand-made comparisons for the check tests: tiny plans, statuses set by hand (no engine).

Rule tests must not move when the alignment engine is tuned, so the `Comparison`s here are
built directly: the plans are parsed from short texts, every status, link and flag is given.
"""

from __future__ import annotations

from pathlib import Path

from duizhao.compare import Settings
from duizhao.compare.check import Config, parse_config
from duizhao.compare.result import (
    ChildResult,
    ChildStatus,
    Comparison,
    Flag,
    Link,
    ParentResult,
    ParentStatus,
    SectionFlow,
    SourceShare,
    Summary,
)
from duizhao.corpus import parse_plan
from duizhao.corpus.model import Plan

PARENT = """湖北省法治宣传实施方案

一、总体要求

1.加强法治宣传教育工作。广泛开展宪法宣传，推动全社会增强法治观念。

2.完善地方立法制度建设。推进重点领域地方立法，提高立法质量。

二、保障措施

3.强化组织领导和统筹协调。各级党委要负总责，定期研究法治建设。

4.加强督促检查和考核评价。把法治建设成效纳入年度考核。
"""

CHILD = """襄阳市高新区法治宣传实施方案

一、总体要求

（一）加强法治宣传教育工作。广泛开展宪法宣传，推动全区增强法治观念。

二、保障措施

（二）强化组织领导。区委要负总责，定期研究法治建设，把成效纳入年度考核。

（三）建设法治文化公园。在各街道建设法治文化阵地。
"""


def plans() -> tuple[Plan, Plan]:
    return parse_plan(PARENT, path="hubei.txt"), parse_plan(CHILD, path="gaoxin.txt")


def comparison(
    statuses: dict[str, str] | None = None, *, child_flags: dict[str, tuple[str, ...]] | None = None
) -> Comparison:
    """Parent 1. carried by (一); 2. dropped; 3. and 4. merged into (二); (三) added.

    `statuses` overrides parent statuses by label (e.g. {"1.": "dropped"}), `child_flags` the
    flags of child measures by label.
    """
    parent, child = plans()
    p = {m.label: m for m in parent.measures()}
    c = {m.label: m for m in child.measures()}
    status = {"1.": "carried", "2.": "dropped", "3.": "partial", "4.": "carried"}
    status |= statuses or {}
    cover = {"carried": 0.9, "partial": 0.4, "dropped": 0.05}
    parents = tuple(
        ParentResult(
            m,
            ParentStatus(status[label]),
            cover[status[label]],
            closest=c["（三）"].id if status[label] == "dropped" else None,
        )
        for label, m in p.items()
    )
    links = tuple(
        Link(p[pl].id, c[cl].id, share, share, share, ())
        for pl, cl, share in (("1.", "（一）", 0.9), ("3.", "（二）", 0.4), ("4.", "（二）", 0.9))
        if status[pl] != "dropped"
    )
    flags = {"（一）": (), "（二）": ("merged",), "（三）": ()} | (child_flags or {})
    children = (
        ChildResult(
            c["（一）"],
            ChildStatus.INHERITED,
            0.05,
            (SourceShare(p["1."].id, 0.9),),
            tuple(Flag(f) for f in flags["（一）"]),
            main_source=p["1."].id,
        ),
        ChildResult(
            c["（二）"],
            ChildStatus.MODIFIED,
            0.2,
            (SourceShare(p["3."].id, 0.5), SourceShare(p["4."].id, 0.4)),
            tuple(Flag(f) for f in flags["（二）"]),
            main_source=p["3."].id,
            moved_from=("一、总体要求",),
            owners_before=("各级党委",),
        ),
        ChildResult(
            c["（三）"], ChildStatus.ADDED, 0.95, (), tuple(Flag(f) for f in flags["（三）"])
        ),
    )
    counts = [r.status for r in parents]
    every_flag = [f for r in children for f in r.flags]
    summary = Summary(
        parent_measures=len(parents),
        carried=counts.count("carried"),
        partial=counts.count("partial"),
        dropped=counts.count("dropped"),
        child_measures=len(children),
        inherited=1,
        modified=1,
        added=1,
        moved=every_flag.count("moved"),
        merged=every_flag.count("merged"),
        split=every_flag.count("split"),
        owners_changed=every_flag.count("owners_changed"),
    )
    sections = (
        SectionFlow("1", "1", "一、总体要求", "一、总体要求", 1, True),
        SectionFlow("2", "2", "二、保障措施", "二、保障措施", 2, True),
    )
    return Comparison(parent, child, parents, children, links, summary, Settings(), sections)


def config(text: str, folder: Path = Path("/repo/plans"), git_root: Path | None = None) -> Config:
    """A configuration parsed from `text` as if read from `folder`/duizhao.toml."""
    return parse_config(text, path=folder / "duizhao.toml", git_root=git_root)


PLANS_TOML = '[[plans]]\nfile = "gaoxin.txt"\nparents = ["hubei.txt"]\n'
