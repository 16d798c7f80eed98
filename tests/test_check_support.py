"""Shared by the check tests: hand-made comparisons, and a git repository of sample plans.

Rule tests must not move when the alignment engine is tuned, so the `Comparison`s here are
built directly: the plans are parsed from short texts, every status, link and flag is given.
The workflow tests use a real git repository of the sample plans (`template`, `repo`).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from duizhao.cli.check import run
from duizhao.compare import Settings, compare_plans
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
from duizhao.corpus.samples import sample_path

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


# --- a git repository of the sample plans -----------------------------------------------

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
DROPPED_CHILD = "(十五)健全社会治理体制机制"
"""The Gaoxin paragraph whose removal drops Hubei's 16.完善社会治理体制机制."""
SECTION_LINE = 43
"""Line of 四、推进社会治理法治化 in the Gaoxin draft: where a drop in that section is annotated."""
REASONS = "区级无立法权"


# --- helpers ---------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


_COMPARED: dict[tuple, Comparison] = {}


def cached_compare(parent: Plan, child: Plan, settings: Settings) -> Comparison:
    """The engine, once per (parent, child, settings) content in this test session."""
    key = (parent.path, parent.sha256, child.path, child.sha256, settings)
    if key not in _COMPARED:
        _COMPARED[key] = compare_plans(parent, child, settings)
    return _COMPARED[key]


def check(folder: Path, **options) -> tuple[int, str, str]:
    """Run the check in `folder`; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    options.setdefault("env", {})
    options.setdefault("lang", "en")
    options.setdefault("compare", cached_compare)
    code = run(options.pop("config", None), cwd=folder, stdout=out, stderr=err, **options)
    return code, out.getvalue(), err.getvalue()


def check_json(folder: Path, **options) -> tuple[int, dict]:
    code, out, err = check(folder, fmt="json", **options)
    assert code != 2, err
    return code, json.loads(out)


def failing(report: dict, rule: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if f["failing"] and rule in (None, f["rule"])]


def drop_child_measure(plans: Path) -> None:
    """Delete one measure paragraph (and the blank line after it) from the district draft."""
    path = plans / "gaoxin.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(DROPPED_CHILD))
    del lines[at : at + 2]
    path.write_text("\n".join(lines), encoding="utf-8")


def swapped(text: str) -> str:
    """The provincial plan renumbered: 16. and 17. change places (and numbers)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("16.完善社会治理体制机制"))
    line = lines[at]
    seventeen, eighteen = line.index("17.推进"), line.index("18.发挥")
    first, second = line[3:seventeen], line[seventeen + 3 : eighteen]
    lines[at] = f"16.{second}17.{first}{line[eighteen:]}"
    return "\n".join(lines)


def swap_parent_measures(plans: Path) -> None:
    path = plans / "hubei.txt"
    path.write_text(swapped(path.read_text(encoding="utf-8")), encoding="utf-8")


def fill_reasons(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("TODO: reason", REASONS), encoding="utf-8")


def initial_waivers(plans: Path) -> list[dict]:
    """The waivers --init wrote for what the sample pair drops today (engine-dependent)."""
    config = tomllib.loads((plans / "duizhao.toml").read_text(encoding="utf-8"))
    return config.get("waivers", [])


def add_waiver_from_fix(config: Path, finding: dict) -> None:
    """Paste the TOML the finding printed (its `fix`, minus the instruction line)."""
    toml = finding["fix"].split("\n", 1)[1].replace("TODO: reason", "并入第十六条")
    with config.open("a", encoding="utf-8") as handle:
        handle.write("\n" + toml + "\n")


_TEMPLATE: list[Path] = []


def template_repo(factory: pytest.TempPathFactory) -> Path:
    """A repository whose first commit is the Gaoxin draft with --init waivers, reasons filled.

    Built once per test session (the test modules' `template` fixtures share it).
    """
    if _TEMPLATE:
        return _TEMPLATE[0]
    root = factory.mktemp("template") / "repo"
    plans = root / "plans"
    plans.mkdir(parents=True)
    git(root, "init", "-q")
    shutil.copy(sample_path("hubei"), plans / "hubei.txt")
    shutil.copy(sample_path("gaoxin"), plans / "gaoxin.txt")
    code, out, err = check(plans, init=True, init_plans=[Path("hubei.txt"), Path("gaoxin.txt")])
    assert code == 0, err
    assert "dropped parent measure(s) listed as waivers" in err and not out
    fill_reasons(plans / "duizhao.toml")
    commit(root, "district draft")
    _TEMPLATE.append(root)
    return root


def copy_repo(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template repository for one test."""
    root = tmp_path / "repo"
    shutil.copytree(template, root, symlinks=True)
    return root


def write_config(folder: Path, text: str, name: str = "duizhao.toml") -> None:
    (folder / name).write_text(text, encoding="utf-8")
