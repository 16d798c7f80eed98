"""The starting `duizhao.toml` that `check --init` writes: today's drops listed as waivers. No I/O."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from duizhao.compare.check.config import relative
from duizhao.compare.check.waivers import PLACEHOLDER_REASON, MeasureKeys, toml_string
from duizhao.compare.result import Comparison


def config_text(result: Comparison, folder: Path, child: Path, parents: Sequence[Path]) -> str:
    """A configuration checking `child` against `parents` (nearest last), paths relative to
    `folder` (where it is written). Every measure dropped today is a waiver whose reason is
    still "TODO: reason", so the check passes at once and the reasons are visible work."""
    keys = MeasureKeys(result.parent)
    covered = sum(r.status != "dropped" for r in result.parent_measures)
    share = covered / len(result.parent_measures) if result.parent_measures else 1.0
    parent_list = ", ".join(toml_string(relative(p, folder)) for p in parents)
    lines = [
        "# duizhao check: what this plan may drop from the plan above it.",
        "# Written by `duizhao check --init`; paths are relative to this file.",
        "",
        "[[plans]]",
        f"file = {toml_string(relative(child, folder))}",
        f"parents = [{parent_list}]  # highest level first; checked against the last",
        "",
        "[rules]",
        'fail_on = ["dropped"]  # also: partial, added, moved, merged, split, owners_changed, swapped',
        "max_dropped = 0  # unwaived dropped parent measures allowed",
        f"# min_coverage = {int(share * 100) / 100}  # share of parent measures carried or "
        f"partial (now {share:.0%})",
        "strict_waivers = false  # true: stale waivers and missing reasons fail",
        "",
        "[settings]  # thresholds, see the README (e.g. carried_coverage = 0.5)",
        "",
        "# Parent measures this plan drops today: say why each may be dropped.",
        "# key: a hash of the measure's text (survives renumbering); text: for matching",
        "# a lightly edited parent; label and title are for people.",
    ]
    dropped = [r for r in result.parent_measures if r.status == "dropped"]
    for r in dropped:
        node = r.measure
        lines += [
            "",
            "[[waivers]]",
            f"key = {toml_string(keys.keys[node.id])}",
            f"label = {toml_string(node.label)}",
            f"title = {toml_string(node.title or '')}",
            f"reason = {toml_string(PLACEHOLDER_REASON)}",
            f"text = {toml_string(keys.texts[node.id])}",
        ]
    if not dropped:
        lines.append("# (none: nothing is dropped)")
    return "\n".join(lines) + "\n"


def dropped_count(result: Comparison) -> int:
    """How many waivers `config_text` writes."""
    return sum(r.status == "dropped" for r in result.parent_measures)
