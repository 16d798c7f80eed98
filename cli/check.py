"""`duizhao check` output: run the library's check, write every output, decide the exit code.

The rules live in `duizhao.compare.check` (pure), the I/O glue in `duizhao.reports.api.check`
(`run_check`), the words in `duizhao.reports.check`; this module writes to the streams and
files and turns every `DuizhaoError` into one line on stderr and exit 2. Every write (`--junit`, `--init`, the step summary)
goes through `duizhao.cli.output`, which never writes onto an input.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from duizhao.cli import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK
from duizhao.cli.common import left_out
from duizhao.cli.errors import ERROR, error_line, warning_line
from duizhao.cli.session import color_on, line_lang
from duizhao.compare.check import CheckReport
from duizhao.compare.check.config import CONFIG_NAME
from duizhao.compare.check.stage import Compare
from duizhao.corpus.errors import DuizhaoError, InputError, display_path, os_reason, say
from duizhao.reports.api import run_check
from duizhao.reports.common.escape import visible

if TYPE_CHECKING:
    from duizhao.reports.check import CheckFormat

STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a step summary over 1 MiB."""


def init_config(
    target: Path,
    plan_paths: Sequence[Path],
    cwd: Path,
    compare: Compare | None = None,
    lang: str | None = None,
) -> str:
    """Write a starting configuration listing today's drops as waivers; never overwrite.
    The line that says so is in `lang` (中文 by default)."""
    from duizhao.cli.output import write_bytes_atomic
    from duizhao.reports.api import init_check
    from duizhao.reports.common.i18n import gettext_for

    made = init_check(plan_paths, cwd=cwd, target=target, compare=compare)
    write_bytes_atomic(target, made.text.encode("utf-8"), inputs=[*made.parents, made.child])
    _ = gettext_for(lang or "zh")
    line = _(
        "wrote {file}: checks {child} against {parent}; {n} dropped parent measure(s) listed as "
        'waivers with reason = "TODO: reason": write why each may be dropped'
    )
    return (
        visible(
            line.format(
                file=display_path(target.name),
                child=display_path(made.child.name),
                parent=display_path(made.parents[-1].name),
                n=made.dropped,
            )
        )
        + "\n"
    )


# --- the command ------------------------------------------------------------------------------


class Lines(Protocol):
    """Where warnings and error lines go: stderr, or a filter of it (`--quiet` lets errors pass)."""

    def write(self, text: str, /) -> int: ...


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
    stderr: Lines,
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
            stderr.write(init_config(target, init_plans, here, compare, lang))
            return EXIT_OK
        if init_plans:
            raise InputError("check", "plan files are taken only with --init")
        if fmt not in tuple(CheckFormat):
            choices = ", ".join(CheckFormat)
            raise InputError(
                "--format",
                "unknown format {fmt!r} (choose from {choices})",
                fmt=fmt,
                choices=choices,
            )
        from duizhao.cli.early_segmenter import EarlySegmenter

        with EarlySegmenter() as helper:
            report = run_check(
                config_path, cwd=here, baseline=baseline, compare=compare, helper=helper
            )
        lang = lang or report.lang
        _write(report, CheckFormat(fmt), here / junit if junit else None, env, lang,
               (stdout, stderr), summary_limit)  # fmt: skip
    except (DuizhaoError, OSError, UnicodeError, MemoryError) as exc:  # one line, never a trace
        stderr.write(f"{ERROR}{error_line(exc, lang)}\n")
        return EXIT_BAD_INPUT
    return EXIT_CHECK_FAILED if report.failed and not exit_zero else EXIT_OK


def _write(
    report: CheckReport,
    fmt: CheckFormat,
    junit: Path | None,
    env: Mapping[str, str],
    lang: str | None,
    streams: tuple[TextIO, Lines],
    summary_limit: int,
) -> None:
    from duizhao.cli.output import append_text_safely, write_bytes_atomic
    from duizhao.corpus.errors import OutputError
    from duizhao.reports.check import CheckFormat, render
    from duizhao.reports.check.summary import render_summary, truncated
    from duizhao.reports.common.clean import cleaned
    from duizhao.reports.common.i18n import gettext_for

    stdout, stderr = streams
    summary_path = env.get("GITHUB_STEP_SUMMARY") if fmt == CheckFormat.GITHUB else None
    raw = report
    report, changed = cleaned(raw)  # no control character or lone surrogate in any output
    if changed:
        stderr.write(visible(left_out(lang)) + "\n")
    if junit is not None:
        data = render(report, CheckFormat.JUNIT, lang=lang).encode("utf-8")
        write_bytes_atomic(junit, data, inputs=report.inputs)
    color = fmt == CheckFormat.TEXT and color_on(stdout, env)
    shown = cleaned(raw, only_surrogates=True)[0] if fmt == CheckFormat.JSON else report
    stdout.write(render(shown, fmt, lang=lang, color=color, summary=bool(summary_path)))
    if summary_path:
        path = Path(summary_path)
        try:
            used = path.lstat().st_size if os.path.lexists(path) else 0
            limit = max(summary_limit - used, 0)
            text = truncated(render_summary(report, lang=lang), limit, lang=lang)
            append_text_safely(path, text, inputs=report.inputs)
        except (OutputError, OSError) as exc:  # a courtesy: the verdict stands without it
            _ = gettext_for(lang or line_lang())
            problem = error_line(exc, lang) if isinstance(exc, OutputError) else None
            if problem is None:
                problem = f"{display_path(path)}: {say(os_reason(exc), _)}"
            line = _("the step summary was not written: {problem}").format(problem=problem)
            stderr.write(visible(warning_line(line)) + "\n")
