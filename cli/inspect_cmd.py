"""`duizhao inspect`: what duizhao reads in one plan (metadata, tree, owners, warnings, comments)."""

from pathlib import Path
from typing import Annotated

import typer

from duizhao.cli.common import (
    ColorOption,
    LangOption,
    OriginalOption,
    OutputOption,
    QuietOption,
    format_option,
    pick_format,
    preflight,
    project,
    render_out,
    revision_notice,
)
from duizhao.corpus.errors import InputError
from duizhao.reports.render import formats_for

FORMATS = formats_for("duizhao.corpus.model.Plan")


def inspect(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE", help="Plan file: txt, md, docx, doc, wps, odt, html or pdf."
        ),
    ] = None,
    sample: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="A bundled sample instead of FILE: hubei, gaoxin, yaohai."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The plan model as JSON.")] = False,
    flat: Annotated[bool, typer.Option("--flat", help="One row per measure (a table).")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="One row per measure, as CSV.")] = False,
    fmt: Annotated[str | None, format_option(FORMATS)] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    original: OriginalOption = False,
    color: ColorOption = "auto",
    quiet: QuietOption = False,
) -> None:
    """Show what duizhao reads in a plan: metadata, the tree of measures, owners, warnings.

    Example: duizhao inspect --sample hubei
    """
    from duizhao.cli.common import configure
    from duizhao.reports import api

    lang = project(lang)[0]
    configure(color=color, quiet=quiet, lang=lang)
    chosen = [k for k, on in (("json", as_json), ("flat", flat), ("csv", csv)) if on]
    if len(chosen) > 1 or (chosen and fmt and fmt != chosen[0]):
        raise InputError("inspect", "choose one of --json, --flat, --csv and --format")
    preflight(output, [file] if file is not None else [])
    kind = pick_format(chosen[0] if chosen else fmt, output, FORMATS)
    if sample:
        if file is not None:
            raise InputError("--sample", "takes no FILE")
        plan, inputs = api.read_sample(sample), []
    elif file is None:
        raise InputError("inspect", "give a FILE or --sample NAME")
    else:
        plan, inputs = api.read_plan(file, original=original), [file]
    revision_notice(plan, lang)
    render_out(plan, kind, output, inputs, lang=lang)
