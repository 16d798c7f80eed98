"""`duizhao check` as a stage of its own: configuration, rules, waivers, baseline. No I/O.

`parse_config(text, path=…, git_root=…)` validates a configuration; `run(config, read_plan=…,
compare=…, read_plan_at=…, baseline=…)` evaluates it into a `CheckReport` whose findings carry
data (the renderers in `duizhao.reports.check` write the sentences).
"""

from duizhao.compare.check.config import Config, PlanEntry, parse_config
from duizhao.compare.check.model import (
    CheckReport,
    Detail,
    FailOn,
    Finding,
    MeasureRow,
    PlanCheck,
    RuleId,
    Severity,
)
from duizhao.compare.check.rules import Rules, evaluate
from duizhao.compare.check.stage import run
from duizhao.compare.check.waivers import MeasureKeys, Waiver, WaiverStyle

__all__ = [
    "CheckReport",
    "Config",
    "Detail",
    "FailOn",
    "Finding",
    "MeasureKeys",
    "MeasureRow",
    "PlanCheck",
    "PlanEntry",
    "RuleId",
    "Rules",
    "Severity",
    "Waiver",
    "WaiverStyle",
    "evaluate",
    "parse_config",
    "run",
]
