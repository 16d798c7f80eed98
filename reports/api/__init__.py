"""The library API: what the `duizhao` command does, as functions a Python user calls directly.

    from duizhao.reports.api import compare, render, PlanBytes
    result = compare("湖北省方案.docx", "高新区方案.docx")
    print(result.summary.dropped)
    markdown = render(result, "markdown")          # str
    table = render(result, "docx")                 # bytes
    upload = compare("省.docx", PlanBytes(data, "区.docx"))

One function per kind of result, each with one return type: `compare` (a `Comparison`),
`compare_chain` (a `Chain`), `compare_revision` and `compare_tracked` (a revision
`Comparison`), `scan` (an `Index`), `matrix` (a `Matrix`), `run_check` (a `CheckReport`);
plans as paths, `PlanBytes` (an upload), `PlanText` or a `Plan`. `render` writes any result
in any of its formats; `to_frame` turns one into a pandas DataFrame (pandas imported then).

Nothing here imports typer, rich or pandas, prints, exits, starts a process, or changes the
environment: results are returned, failures raised as `duizhao.corpus.errors.DuizhaoError`
(`InputError`, `SettingsError` …). The console script lends its own segmenter helper process
through the `helper=` arguments; a library caller leaves them out.

The application layer behind it, one module each: `inputs` (where a plan comes from),
`pairs` (comparisons), `folders` (scan, chains in a folder, matrices), `config` (settings and
the project's configuration), `check` (the check runner), `tasks` (what worker processes
run), `result_cache` and `tokens` (the two caches of a comparison).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from duizhao.compare import Comparison, Settings
    from duizhao.compare.chain import Chain
    from duizhao.compare.settings import SettingsError
    from duizhao.corpus.errors import DuizhaoError, InputError
    from duizhao.corpus.model import Plan
    from duizhao.reports.api.check import init_check, run_check, waiver_reasons
    from duizhao.reports.api.config import project_defaults, settings_from
    from duizhao.reports.api.folders import (
        Located,
        duplicate_notes,
        locate_chain,
        matrix,
        matrix_inputs,
        scan,
    )
    from duizhao.reports.api.frames import to_frame
    from duizhao.reports.api.inputs import (
        PlanBytes,
        PlanSource,
        PlanText,
        read_plan,
        read_sample,
        sample_paths,
    )
    from duizhao.reports.api.pairs import (
        compare,
        compare_cached,
        compare_chain,
        compare_revision,
        compare_sample,
        compare_tracked,
        with_notes,
    )
    from duizhao.reports.render import Format, formats_for, render

__all__ = [
    "Chain",
    "Comparison",
    "DuizhaoError",
    "Format",
    "InputError",
    "Located",
    "Plan",
    "PlanBytes",
    "PlanSource",
    "PlanText",
    "Settings",
    "SettingsError",
    "compare",
    "compare_cached",
    "compare_chain",
    "compare_revision",
    "compare_sample",
    "compare_tracked",
    "duplicate_notes",
    "formats_for",
    "init_check",
    "locate_chain",
    "matrix",
    "matrix_inputs",
    "project_defaults",
    "read_plan",
    "read_sample",
    "render",
    "run_check",
    "sample_paths",
    "scan",
    "settings_from",
    "to_frame",
    "waiver_reasons",
    "with_notes",
]

_HOME: dict[str, str] = {
    "Chain": "duizhao.compare.chain",
    "Comparison": "duizhao.compare",
    "DuizhaoError": "duizhao.corpus.errors",
    "Format": "duizhao.reports.render",
    "InputError": "duizhao.corpus.errors",
    "Located": "duizhao.reports.api.folders",
    "Plan": "duizhao.corpus.model",
    "PlanBytes": "duizhao.reports.api.inputs",
    "PlanSource": "duizhao.reports.api.inputs",
    "PlanText": "duizhao.reports.api.inputs",
    "Settings": "duizhao.compare",
    "SettingsError": "duizhao.compare.settings",
    "compare": "duizhao.reports.api.pairs",
    "compare_cached": "duizhao.reports.api.pairs",
    "compare_chain": "duizhao.reports.api.pairs",
    "compare_revision": "duizhao.reports.api.pairs",
    "compare_sample": "duizhao.reports.api.pairs",
    "compare_tracked": "duizhao.reports.api.pairs",
    "duplicate_notes": "duizhao.reports.api.folders",
    "formats_for": "duizhao.reports.render",
    "init_check": "duizhao.reports.api.check",
    "locate_chain": "duizhao.reports.api.folders",
    "matrix": "duizhao.reports.api.folders",
    "matrix_inputs": "duizhao.reports.api.folders",
    "project_defaults": "duizhao.reports.api.config",
    "read_plan": "duizhao.reports.api.inputs",
    "read_sample": "duizhao.reports.api.inputs",
    "render": "duizhao.reports.render",
    "run_check": "duizhao.reports.api.check",
    "sample_paths": "duizhao.reports.api.inputs",
    "scan": "duizhao.reports.api.folders",
    "settings_from": "duizhao.reports.api.config",
    "to_frame": "duizhao.reports.api.frames",
    "waiver_reasons": "duizhao.reports.api.check",
    "with_notes": "duizhao.reports.api.pairs",
}
"""Each public name → the module it lives in, imported on first use: the command line imports
one module of this package at a time, and start-up time counts."""


def __getattr__(name: str) -> Any:
    """A public name, from its module (PEP 562)."""
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
