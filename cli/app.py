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


class SlowProgress:
    """A progress bar on stderr that appears only once a job has run for more than a second."""

    DELAY = 1.0

    def __init__(self, description: str) -> None:
        self.description = description
        self._bar = None
        self._task = None
        self._start = 0.0

    def __enter__(self) -> SlowProgress:
        import time

        self._start = time.monotonic()
        return self

    def __call__(self, done: int, total: int) -> None:
        import time

        if self._bar is None:
            if time.monotonic() - self._start < self.DELAY or done >= total:
                return
            from rich.progress import Progress

            self._bar = Progress(console=console(sys.stderr), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.description, total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


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


FORMATS = ("terminal", "json", "markdown", "html", "csv", "xlsx")
_EXTENSIONS = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".txt": "terminal",
}


def pick_format(fmt: str | None, output: Path | None) -> str:
    """The output format: as given, else from the output file's extension, else the terminal."""
    if fmt:
        if fmt not in FORMATS:
            raise InputError(
                "--format", f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})"
            )
        return fmt
    if output is not None:
        if output.suffix.lower() not in _EXTENSIONS:
            raise InputError(str(output), "cannot tell the format from the extension; add --format")
        return _EXTENSIONS[output.suffix.lower()]
    return "terminal"


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
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE (format from extension).")
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override a threshold: name=value (see README).", metavar="NAME=VALUE"
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every row in the terminal.")
    ] = False,
    workers: WorkersOption = None,
) -> None:
    """Compare a child plan to its parent: dropped, added and reassigned measures.

    Example: duizhao compare 湖北省方案.docx 高新区方案.docx -o report.md
    Example: duizhao compare --corpus 方案/ 方案/高新区方案.docx   (parents found in the folder)
    """
    from duizhao.cli import jobs
    from duizhao.compare.chain import Chain

    try:
        kind = pick_format(fmt, output)
        if kind == "xlsx" and output is None:
            raise InputError("--format xlsx", "needs -o FILE.xlsx (a workbook is not text)")
        paths = [] if sample else list(files or [])
        if corpus is not None:
            from duizhao.cli import folders

            if sample or revision or len(paths) != 1:
                raise InputError("--corpus", "takes one CHILD: duizhao compare --corpus DIR CHILD")
            found = folders.compare_in_corpus(
                corpus, paths[0], workers=workers, overrides=settings or []
            )
            plans = found.plans if isinstance(found, Chain) else (found.parent, found.child)
            paths = [Path(p.path) for p in plans]
        elif len(paths) > 2 and not revision:
            found = jobs.compare_chain_paths(paths, overrides=settings or [])
        else:
            with SlowProgress("comparing") as progress:
                found = jobs.compare_paths(
                    paths,
                    sample=sample,
                    revision=revision,
                    overrides=settings or [],
                    progress=progress,
                )
        if isinstance(found, Chain):
            if kind == "terminal":
                from duizhao.reports.chain_report import render_chain_terminal

                render_chain_terminal(found, console(), show_all=show_all)
            elif kind == "xlsx":
                from duizhao.reports.chain_report import write_chain_xlsx

                jobs.guard_output(output, paths)
                write_chain_xlsx(found, output)
            else:
                if output is not None:
                    jobs.guard_output(output, paths)
                write_output(jobs.render_chain_text(found, kind), output)
            return
        result = found
        if kind == "terminal":
            from duizhao.reports.terminal_compare import render_compare

            if output is None:
                render_compare(result, console(), show_all=show_all)
            else:
                with output.open("w", encoding="utf-8") as handle:
                    render_compare(result, console(handle), show_all=show_all)
        elif kind == "xlsx":
            from duizhao.reports.comparison_table import write_xlsx

            jobs.guard_output(output, paths)
            write_xlsx(result, output)
        else:
            if output is not None:
                jobs.guard_output(output, paths)
            write_output(jobs.render_text(result, kind), output)
    except InputError as exc:
        raise fail(str(exc)) from None


corpus_app = typer.Typer(
    help="Folders of plans: index them and find the parents each plan declares.",
    no_args_is_help=True,
)
app.add_typer(corpus_app, name="corpus")

WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-j", min=1, help="Worker processes (default: CPUs, at most 4)."),
]


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
    from duizhao.cli import folders, jobs

    try:
        kind = folders.pick_kind(fmt, output, folders.SCAN_FORMATS)
        index = folders.scan(folder, workers=workers)
        if output is not None:
            jobs.guard_output(output, [index.file(e.path) for e in index.entries])
        if kind == "terminal":
            from duizhao.reports.scan_report import render_scan_terminal

            if output is None:
                render_scan_terminal(index, console())
            else:
                with output.open("w", encoding="utf-8") as handle:
                    render_scan_terminal(index, console(handle))
        else:
            write_output(folders.scan_text(index, kind), output)
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
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override a threshold: name=value (see README).", metavar="NAME=VALUE"
        ),
    ] = None,
    workers: WorkersOption = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every plan in the terminal.")
    ] = False,
) -> None:
    """Which jurisdictions carry, partly carry or drop each measure of PARENT.

    Every plan of the folder that derives from PARENT (directly or through its declared chain)
    is compared to PARENT. Example: duizhao matrix --corpus 方案/ 省方案.docx -o heatmap.png
    """
    from duizhao.cli import folders, jobs

    try:
        kind = folders.pick_kind(fmt, output, folders.MATRIX_FORMATS)
        result = folders.matrix(corpus, parent, workers=workers, overrides=settings or [])
        if output is not None:
            jobs.guard_output(output, folders.matrix_inputs(result, corpus))
        if kind == "terminal":
            from duizhao.reports.matrix_report import render_matrix_terminal

            if output is None:
                render_matrix_terminal(result, console(), show_all=show_all)
            else:
                with output.open("w", encoding="utf-8") as handle:
                    render_matrix_terminal(result, console(handle), show_all=show_all)
            return
        text = folders.write_matrix(result, kind, output)
        if text is not None:
            write_output(text, output)
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
