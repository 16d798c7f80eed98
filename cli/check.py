"""`duizhao check` glue: find and read the configuration, hand the stage its I/O, write outputs.

The rules live in `duizhao.compare.check` (pure), the words in `duizhao.reports.check`; this
module only connects them to files, git and the streams, and turns every `DuizhaoError`
into one line on stderr and exit 2. Every write (`--junit`, `--init`, the step summary)
goes through `duizhao.cli.output`, which never writes onto an input.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from duizhao.cli import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK
from duizhao.compare.check import CheckReport, Config, parse_config
from duizhao.compare.check import run as run_stage
from duizhao.compare.check.config import CONFIG_NAME, inside
from duizhao.compare.check.stage import Compare
from duizhao.corpus.errors import DuizhaoError, InputError, display_path
from duizhao.corpus.model import Plan

STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a step summary over 1 MiB."""


def load_config(config_path: Path | None, cwd: Path) -> Config:
    """The configuration named by `--config`, or found in `cwd`, validated."""
    from duizhao.corpus.config_file import find_config
    from duizhao.corpus.git import git_root

    path, text = find_config(config_path, cwd)
    return parse_config(text, path=path, git_root=git_root(path.parent))


def plan_reader(config: Config):
    """`read_plan(path)` for the stage: inside the repository after symlinks, named for people."""
    from duizhao.corpus import load_plan

    roots = tuple(root.resolve() for root in config.roots)

    def read_plan(path: Path) -> Plan:
        name = config.display(path)
        if not os.path.lexists(path):
            raise InputError(
                name, f"no such plan file (named in {config.path.name}; paths are relative to it)"
            )
        if not config.allow_outside and not inside(path.resolve(), roots):
            raise InputError(
                name,
                "leads outside the repository (through a symbolic link); set allow_outside = "
                f"true in {config.path.name} if that is intended",
            )
        return load_plan(path, name=name)

    return read_plan


def run_check(
    config_path: Path | None = None,
    *,
    cwd: Path,
    baseline: str | None = None,
    compare: Compare | None = None,
) -> CheckReport:
    """The library call: configuration → report (raises `DuizhaoError` on bad input).

    `compare` defaults to `duizhao.reports.api.compare_plans` (the engine with the token
    cache, as every other command); tests pass a memoised one.
    """
    from duizhao.corpus.git import read_plan_at
    from duizhao.reports.api import compare_plans

    config = load_config(config_path, cwd)

    def at(rev: str, path: Path) -> Plan:
        return read_plan_at(rev, path, name=f"{rev}:{config.display(path)}")

    return run_stage(
        config,
        read_plan=plan_reader(config),
        read_plan_at=at,
        compare=compare or compare_plans,
        baseline=baseline,
    )


# --- init ------------------------------------------------------------------------------------


def init_config(
    target: Path, plan_paths: Sequence[Path], cwd: Path, compare: Compare | None = None
) -> str:
    """Write a starting configuration listing today's drops as waivers; never overwrite."""
    from duizhao.cli.output import write_bytes_atomic
    from duizhao.compare import Settings
    from duizhao.compare.check.init_text import config_text, dropped_count
    from duizhao.corpus import load_plan
    from duizhao.reports.api import compare_plans

    if os.path.lexists(target):
        raise InputError(target, "already exists: --init never overwrites; edit it or remove it")
    paths = [cwd / p for p in plan_paths] if plan_paths else _discover(cwd)
    if len(paths) < 2:
        raise InputError("--init", "needs the parent plan(s) and the checked plan: PARENT… CHILD")
    *parents, child_path = [Path(os.path.abspath(p)) for p in paths]
    if child_path.resolve() == parents[-1].resolve():
        raise InputError(child_path, "is given twice: give the parent, then the checked plan")
    for higher in parents[:-1]:
        if not higher.is_file():
            raise InputError(higher, "no such plan file")
    parent, child = load_plan(parents[-1]), load_plan(child_path)
    result = (compare or compare_plans)(parent, child, Settings())
    folder = Path(os.path.abspath(target)).parent
    text = config_text(result, folder, child_path, parents)
    write_bytes_atomic(target, text.encode("utf-8"), inputs=[*parents, child_path])
    return (
        f"wrote {display_path(target.name)}: checks {display_path(child_path.name)} against "
        f"{display_path(parents[-1].name)}; {dropped_count(result)} dropped parent measure(s) "
        'listed as waivers with reason = "TODO: reason": write why each may be dropped\n'
    )


def _discover(cwd: Path) -> list[Path]:
    """Exactly two plan files of different levels in `cwd`: [parent, child]."""
    from duizhao.corpus import load_plan
    from duizhao.corpus.jurisdiction import LEVEL_RANK
    from duizhao.corpus.readers import PLAN_SUFFIXES

    found: list[tuple[int, Path]] = []
    for path in sorted(cwd.iterdir()):
        if path.suffix.lower() not in PLAN_SUFFIXES or path.stem.upper().startswith("README"):
            continue
        try:
            level = load_plan(path).jurisdiction.level
        except InputError:
            continue
        found.append((LEVEL_RANK.get(level, 3), path))
    found.sort(key=lambda item: item[0])
    if len(found) != 2 or found[0][0] == found[1][0]:
        names = ", ".join(display_path(p.name) for _, p in found) or "none"
        raise InputError(
            "--init",
            f"cannot tell which plans to check in {cwd} (plan files: {names}); give PARENT CHILD",
        )
    return [found[0][1], found[1][1]]


# --- the command ------------------------------------------------------------------------------


def run(
    config_path: Path | None = None,
    *,
    fmt: str = "text",
    baseline: str | None = None,
    junit: Path | None = None,
    exit_zero: bool = False,
    init: bool = False,
    init_plans: Sequence[Path] = (),
    cwd: Path | None = None,
    stdout: TextIO,
    stderr: TextIO,
    env: Mapping[str, str],
    summary_limit: int = STEP_SUMMARY_LIMIT,
    lang: str | None = None,
    compare: Compare | None = None,
) -> int:
    """Run `duizhao check` and write its output; return the exit code. Raises nothing for input.

    0: every rule holds or everything found is waived (or `exit_zero`); 1: a rule fails;
    2: bad configuration, arguments, input or output: one line `duizhao: error: …` on stderr.
    With `fmt="github"` and GITHUB_STEP_SUMMARY in `env`, the markdown report is appended to
    that file, cut to fit `summary_limit` bytes. `lang`: zh or en (default: the
    configuration's `lang`, else zh); `compare` as in `run_check`.
    """
    from duizhao.reports.check import CheckFormat

    here = Path(cwd) if cwd is not None else Path.cwd()
    try:
        if init:
            target = here / (config_path or CONFIG_NAME)
            stdout.write(init_config(target, init_plans, here, compare))
            return EXIT_OK
        if init_plans:
            raise InputError("check", "plan files are taken only with --init")
        if fmt not in tuple(CheckFormat):
            choices = ", ".join(CheckFormat)
            raise InputError("--format", f"unknown format {fmt!r} (choose from {choices})")
        report = run_check(config_path, cwd=here, baseline=baseline, compare=compare)
        lang = lang or report.lang
        _write(report, CheckFormat(fmt), here / junit if junit else None, env, lang,
               (stdout, stderr), summary_limit)  # fmt: skip
    except DuizhaoError as exc:
        stderr.write(f"duizhao: error: {exc}\n")
        return EXIT_BAD_INPUT
    except (OSError, UnicodeError, MemoryError) as exc:  # at the edges: one line, never a trace
        stderr.write(f"duizhao: error: {display_path(type(exc).__name__)}: {exc}\n")
        return EXIT_BAD_INPUT
    return EXIT_CHECK_FAILED if report.failed and not exit_zero else EXIT_OK


def _write(
    report: CheckReport,
    fmt,
    junit: Path | None,
    env: Mapping[str, str],
    lang: str | None,
    streams: tuple[TextIO, TextIO],
    summary_limit: int,
) -> None:
    from duizhao.cli.output import append_text_safely, write_bytes_atomic
    from duizhao.corpus.errors import OutputError
    from duizhao.reports.check import CheckFormat, render
    from duizhao.reports.check.summary import render_summary, truncated

    stdout, stderr = streams
    summary_path = env.get("GITHUB_STEP_SUMMARY") if fmt == CheckFormat.GITHUB else None
    if junit is not None:
        data = render(report, CheckFormat.JUNIT, lang=lang).encode("utf-8")
        write_bytes_atomic(junit, data, inputs=report.inputs)
    color = fmt == CheckFormat.TEXT and stdout.isatty() and "NO_COLOR" not in env
    stdout.write(render(report, fmt, lang=lang, color=color, summary=bool(summary_path)))
    if summary_path:
        path = Path(summary_path)
        try:
            used = path.lstat().st_size if os.path.lexists(path) else 0
            text = truncated(render_summary(report, lang=lang), max(summary_limit - used, 0))
            append_text_safely(path, text, inputs=report.inputs)
        except (OutputError, OSError) as exc:  # a courtesy: the verdict stands without it
            problem = exc if isinstance(exc, OutputError) else f"{display_path(path)}: {exc}"
            stderr.write(f"duizhao: warning: the step summary was not written: {problem}\n")
