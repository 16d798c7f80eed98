"""`duizhao check`: plans against their parents in CI and pre-commit (exit 1 when a rule fails)."""

import os
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from duizhao.cli.common import Choice, ColorOption, QuietOption
from duizhao.reports.common.i18n import N_

CHECK_FORMATS = ("text", "json", "github", "junit", "sarif")


def check(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PARENT… CHILD]", help="With --init: PARENT… CHILD, highest level first."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            metavar="FILE",
            help="Configuration (default: duizhao.toml, else [tool.duizhao] in pyproject.toml, "
            "here or in the nearest folder above, up to the repository root).",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            envvar="DUIZHAO_CHECK_FORMAT",
            click_type=Choice(N_("format"), CHECK_FORMATS),
            help="Output format.",
        ),
    ] = "text",
    baseline: Annotated[
        str | None,
        typer.Option(
            "--baseline", metavar="REV", help="Also fail on regressions since git revision REV."
        ),
    ] = None,
    junit: Annotated[
        Path | None, typer.Option("--junit", metavar="FILE", help="Also write JUnit XML to FILE.")
    ] = None,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", help="Report without failing (bad input still exits 2)."),
    ] = False,
    init: Annotated[
        bool,
        typer.Option("--init", help="Write a starting duizhao.toml with today's drops as waivers."),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="DUIZHAO_LANG",
            click_type=Choice(N_("language"), ("zh", "en")),
            help="Language of the text output (default: lang in the configuration, else zh).",
        ),
    ] = None,
    color: ColorOption = "auto",
    quiet: QuietOption = False,
) -> None:
    """Check plans against their parents (CI, pre-commit): unwaived drops fail with exit 1.

    Example: duizhao check --format github --baseline origin/main
    """
    from duizhao.cli.check import run
    from duizhao.cli.common import configure

    configure(color=color, quiet=quiet, lang=lang)
    code = run(
        config,
        fmt=fmt,
        baseline=baseline,
        junit=junit,
        exit_zero=exit_zero,
        init=init,
        init_plans=plans or [],
        stdout=sys.stdout,
        stderr=ErrorsOnly(sys.stderr) if quiet else sys.stderr,
        env=os.environ,
        lang=lang,
    )
    raise typer.Exit(code)


class ErrorsOnly:
    """stderr under --quiet: error lines pass, warnings and notes do not."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if text.startswith("duizhao: error:"):
            return self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()
