"""The `duizhao` command: parse arguments, call the library, pick a renderer, map errors to exit codes.

Exit codes: 0 ok, 1 a check failed, 2 bad input or usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from duizhao.corpus.errors import InputError

app = typer.Typer(
    name="duizhao",
    help="对照: what a local implementation plan did to the plan above it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2


@app.callback()
def root() -> None:
    """对照: what a local implementation plan did to the plan above it."""


def fail(message: str) -> typer.Exit:
    """Print a one-line error on stderr and return the exit for bad input."""
    typer.echo(f"duizhao: error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def console(file=None):
    """A rich console: colour only on a terminal, and never with NO_COLOR."""
    from rich.console import Console

    return Console(file=file or sys.stdout, highlight=False, soft_wrap=False)


def dump_json(data: object) -> str:
    """Deterministic JSON: key order as built, UTF-8 text, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_output(text: str, output: Path | None) -> None:
    """Write to `output` (never to an input) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(output), f"cannot be written ({exc.strerror or exc})") from None


def load(path: Path | None, sample: str | None):
    """Load a plan from a path or a bundled sample name."""
    from duizhao.corpus import load_plan
    from duizhao.corpus.samples import SAMPLES, sample_path

    if sample:
        return load_plan(sample_path(sample), name=SAMPLES[sample])
    if path is None:
        raise InputError("inspect", "give a FILE or --sample NAME")
    return load_plan(path)


@app.command()
def inspect(
    file: Annotated[Path | None, typer.Argument(help="Plan file: txt, md, docx, html or pdf.")] = None,
    sample: Annotated[
        str | None, typer.Option(help="A bundled sample instead of FILE: hubei, gaoxin, yaohai.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan model as JSON.")] = False,
    flat: Annotated[bool, typer.Option(help="One row per measure (a table).")] = False,
    csv: Annotated[bool, typer.Option(help="One row per measure, as CSV.")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here.")] = None,
) -> None:
    """Show what duizhao reads in a plan: metadata, the tree of measures, owners, warnings.

    Example: duizhao inspect --sample hubei
    """
    try:
        plan = load(file, sample)
        if as_json:
            from duizhao.reports.model_json import model_dict

            write_output(dump_json(model_dict(plan)), output)
        elif csv or flat:
            from duizhao.reports.tables import measures_frame

            frame = measures_frame(plan)
            if csv:
                write_output(frame.to_csv(index=False), output)
            else:
                from duizhao.reports.terminal import print_frame

                view = frame[["id", "label", "title", "text", "lead", "responsible", "first_line"]]
                print_frame(view, console(), title=plan.title)
        else:
            from duizhao.reports.inspect_view import render_plan

            render_plan(plan, console())
    except InputError as exc:
        raise fail(str(exc)) from None


def main() -> None:
    """Console-script entry point: usage errors exit 2, like every other bad input."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        typer.echo("duizhao: interrupted", err=True)
        sys.exit(130)
