"""The `duizhao` command: parse arguments, call the library, pick a renderer, map errors to exit codes.

Exit codes: 0 ok, 1 a check failed, 2 bad input or usage. Every write goes through
`duizhao.cli.output`, which never writes over an input file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from duizhao.cli import EXIT_BAD_INPUT
from duizhao.cli.output import pick_format, text_stream, write_file, write_text
from duizhao.corpus.errors import InputError

app = typer.Typer(
    name="duizhao",
    help="对照: what a local implementation plan did to the plan above it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
corpus_app = typer.Typer(
    help="Folders of plans: index them and find the parents each plan declares.",
    no_args_is_help=True,
)
app.add_typer(corpus_app, name="corpus")


OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write to FILE (format from extension).")
]
SettingsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set", help="Override a threshold: name=value (see README).", metavar="NAME=VALUE"
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-j", min=1, help="Worker processes (default: CPUs, at most 4)."),
]
AllOption = Annotated[bool, typer.Option("--all", help="Show every row in the terminal.")]


@app.callback()
def root() -> None:
    """对照: what a local implementation plan did to the plan above it."""


def fail(message: str) -> typer.Exit:
    """Print a one-line error on stderr and return the exit for bad input."""
    typer.echo(f"duizhao: error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def console(file=None):
    """A rich console; rich itself turns colour off off a terminal and under NO_COLOR."""
    from rich.console import Console

    return Console(file=file or sys.stdout, highlight=False, soft_wrap=False)


def load(path: Path | None, sample: str | None):
    """Load a plan from a path or a bundled sample name."""
    from duizhao.corpus import load_plan
    from duizhao.corpus.samples import load_sample

    if sample:
        if path is not None:
            raise InputError("--sample", "takes no FILE")
        return load_sample(sample)
    if path is None:
        raise InputError("inspect", "give a FILE or --sample NAME")
    return load_plan(path)


@app.command()
def inspect(
    file: Annotated[
        Path | None, typer.Argument(help="Plan file: txt, md, docx, html or pdf.")
    ] = None,
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
        inputs = [file] if file is not None else []
        if as_json:
            from duizhao.reports.json_report import dump_json
            from duizhao.reports.model_json import model_dict

            write_text(dump_json(model_dict(plan)), output, inputs)
        elif csv:
            from duizhao.reports.tables import measures_frame

            write_text(measures_frame(plan).to_csv(index=False), output, inputs)
        else:
            with text_stream(output, inputs) as handle:
                if flat:
                    from duizhao.reports.tables import measures_frame
                    from duizhao.reports.terminal import print_frame

                    frame = measures_frame(plan)
                    owners = frame["lead"].where(frame["lead"] != "", frame["responsible"])
                    view = frame[["label", "title", "text"]].assign(
                        owners=owners, line=frame["first_line"]
                    )
                    print_frame(view, console(handle), title=plan.title)
                else:
                    from duizhao.reports.inspect_view import render_plan

                    render_plan(plan, console(handle))
    except InputError as exc:
        raise fail(str(exc)) from None


FORMATS = ("terminal", "json", "markdown", "html", "csv", "xlsx")


@app.command()
def compare(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="PARENT CHILD, or a chain PROVINCE CITY DISTRICT …: highest level first; "
            "with --corpus, CHILD alone."
        ),
    ] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Compare the bundled Hubei → Gaoxin pair.")
    ] = False,
    revision: Annotated[
        bool,
        typer.Option("--revision", help="OLD NEW: two versions of one plan (no localisation)."),
    ] = False,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Find CHILD's declared parents in this folder."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="terminal, json, markdown, html, csv or xlsx."),
    ] = None,
    output: OutputOption = None,
    settings: SettingsOption = None,
    show_all: AllOption = False,
    workers: WorkersOption = None,
) -> None:
    """Compare a child plan to its parent: dropped, added and reassigned measures.

    Example: duizhao compare 湖北省方案.docx 高新区方案.docx -o report.md
    Example: duizhao compare --corpus 方案/ 方案/高新区方案.docx   (parents found in the folder)
    """
    from duizhao.cli import jobs
    from duizhao.cli.progress import DelayedBar
    from duizhao.compare.chain import Chain

    try:
        kind = pick_format(fmt, output, FORMATS)
        paths = list(files or [])
        inputs: list[Path] = jobs.sample_paths() if sample else list(paths)
        if corpus is not None:
            from duizhao.cli import folders

            if sample or revision or len(paths) != 1:
                raise InputError("--corpus", "takes one CHILD: duizhao compare --corpus DIR CHILD")
            found = folders.compare_in_corpus(
                corpus, paths[0], workers=workers, overrides=settings or []
            )
            plans = found.plans if isinstance(found, Chain) else (found.parent, found.child)
            inputs = [Path(p.path) for p in plans]
        elif len(paths) > 2 and not revision and not sample:
            found = jobs.compare_chain_paths(paths, overrides=settings or [])
        else:
            with DelayedBar("comparing") as bar:
                found = jobs.compare_paths(
                    paths, sample=sample, revision=revision, overrides=settings or [], progress=bar
                )
        if isinstance(found, Chain):
            _render_chain(found, kind, output, inputs, show_all)
        else:
            _render_comparison(found, kind, output, inputs, show_all)
    except InputError as exc:
        raise fail(str(exc)) from None


def _render_comparison(result, kind: str, output: Path | None, inputs, show_all: bool) -> None:
    from duizhao.cli import jobs

    if kind == "terminal":
        from duizhao.reports.terminal_compare import render_compare

        with text_stream(output, inputs) as handle:
            render_compare(result, console(handle), show_all=show_all)
    elif kind == "xlsx":
        from duizhao.reports.comparison_table import write_xlsx

        write_file(lambda path: write_xlsx(result, path), output, inputs, "xlsx")
    else:
        write_text(jobs.render_text(result, kind), output, inputs)


def _render_chain(chain, kind: str, output: Path | None, inputs, show_all: bool) -> None:
    from duizhao.cli import jobs
    from duizhao.reports import chain_report

    if kind == "terminal":
        with text_stream(output, inputs) as handle:
            chain_report.render_chain_terminal(chain, console(handle), show_all=show_all)
    elif kind == "xlsx":
        write_file(lambda path: chain_report.write_chain_xlsx(chain, path), output, inputs, "xlsx")
    else:
        write_text(jobs.render_chain_text(chain, kind), output, inputs)


@corpus_app.command("scan")
def corpus_scan(
    folder: Annotated[Path, typer.Argument(help="Folder of plans, read recursively.")],
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="terminal, json or markdown.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE (.json or .md).")
    ] = None,
    workers: WorkersOption = None,
) -> None:
    """Index every plan in a folder: title, jurisdiction, period, draft, declared parents.

    A plan's parents are the plans its preamble cites in 《》, found in the folder by title;
    cited plans the folder does not hold are listed as missing, files that are not plans as
    unreadable. Example: duizhao corpus scan 方案/ -o index.md
    """
    from duizhao.cli import folders

    try:
        kind = pick_format(fmt, output, folders.SCAN_FORMATS)
        index = folders.scan(folder, workers=workers)
        inputs = [index.file(e.path) for e in index.entries]
        if kind == "terminal":
            from duizhao.reports.scan_report import render_scan_terminal

            with text_stream(output, inputs) as handle:
                render_scan_terminal(index, console(handle))
        else:
            write_text(folders.scan_text(index, kind), output, inputs)
    except InputError as exc:
        raise fail(str(exc)) from None


@app.command()
def matrix(
    parent: Annotated[Path, typer.Argument(help="The parent plan (in the folder or not).")],
    corpus: Annotated[Path, typer.Option("--corpus", help="Folder of plans deriving from PARENT.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="terminal, json, markdown, xlsx, png or svg."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write to FILE: .md .json .xlsx, or a heatmap .png .svg."
        ),
    ] = None,
    settings: SettingsOption = None,
    workers: WorkersOption = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every plan in the terminal.")
    ] = False,
) -> None:
    """Which jurisdictions carry, partly carry or drop each measure of PARENT.

    Every plan of the folder that derives from PARENT (directly or through its declared chain)
    is compared to PARENT. Example: duizhao matrix --corpus 方案/ 省方案.docx -o heatmap.png
    """
    from duizhao.cli import folders

    try:
        kind = pick_format(fmt, output, folders.MATRIX_FORMATS)
        result = folders.matrix(corpus, parent, workers=workers, overrides=settings or [])
        inputs = folders.matrix_inputs(result, corpus)
        if kind == "terminal":
            from duizhao.reports.matrix_report import render_matrix_terminal

            with text_stream(output, inputs) as handle:
                render_matrix_terminal(result, console(handle), show_all=show_all)
        elif kind in ("xlsx", "png", "svg"):
            write_file(lambda path: folders.write_matrix(result, kind, path), output, inputs, kind)
        else:
            write_text(folders.write_matrix(result, kind, None) or "", output, inputs)
    except InputError as exc:
        raise fail(str(exc)) from None


@app.command()
def check(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(help="With --init: PARENT… CHILD, highest level first."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="Configuration (default: ./duizhao.toml, else \\[tool.duizhao] in ./pyproject.toml).",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            envvar="DUIZHAO_CHECK_FORMAT",
            help="text, json, github, junit or sarif.",
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
) -> None:
    """Check plans against their parents (CI, pre-commit): unwaived drops fail with exit 1.

    Example: duizhao check --format github --baseline origin/main
    """
    import os

    from duizhao.cli.check import run

    code = run(
        config,
        fmt=fmt,
        baseline=baseline,
        junit=junit,
        exit_zero=exit_zero,
        init=init,
        init_plans=plans or [],
        stdout=sys.stdout,
        stderr=sys.stderr,
        env=os.environ,
    )
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point: usage errors exit 2, like every other bad input."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        typer.echo("duizhao: interrupted", err=True)
        sys.exit(130)
