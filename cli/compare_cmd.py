"""`duizhao compare`: a pair, a chain, a revision, the bundled sample, or a chain found in a folder."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from duizhao.cli.common import (
    AllOption,
    ColorOption,
    DaskOption,
    LangOption,
    OriginalOption,
    OutputOption,
    QuietOption,
    SettingsOption,
    WorkersOption,
    format_option,
    notices,
    parse_overrides,
    pick_format,
    preflight,
    project,
    render_out,
)
from duizhao.corpus.errors import InputError, message
from duizhao.reports.common.i18n import N_
from duizhao.reports.render import formats_for

if TYPE_CHECKING:  # quoted below: typer reads this module's annotations at run time
    from duizhao.cli.early_segmenter import EarlySegmenter
    from duizhao.compare.chain import Chain
    from duizhao.compare.result import Comparison
    from duizhao.compare.settings import Settings

COMPARISON, CHAIN = "duizhao.compare.result.Comparison", "duizhao.compare.chain.Chain"
FORMATS = tuple(dict.fromkeys(formats_for(COMPARISON) + formats_for(CHAIN)))
"""A pair's formats, then a chain's."""
TABLE_FORMATS = ("markdown", "html", "csv", "xlsx", "docx")
"""Formats whose 对照表 says why a waived parent measure is not carried."""


def compare(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PARENT CHILD [MORE…]",
            help="Highest level first: PARENT CHILD, or a chain PROVINCE CITY DISTRICT …; "
            "with --revision OLD NEW; with --corpus, CHILD alone.",
            show_default=False,
        ),
    ] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Compare the bundled Hubei → Gaoxin pair.")
    ] = False,
    revision: Annotated[
        bool,
        typer.Option(
            "--revision",
            help="OLD NEW: two versions of one plan (every edit shown); one DRAFT.docx: its "
            "text before and after its tracked changes.",
        ),
    ] = False,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", metavar="DIR", help="Find CHILD's declared parents in DIR."),
    ] = None,
    fmt: Annotated[str | None, format_option(FORMATS)] = None,
    output: OutputOption = None,
    settings: SettingsOption = None,
    show_all: AllOption = False,
    lang: LangOption = None,
    original: OriginalOption = False,
    workers: WorkersOption = None,
    dask: DaskOption = None,
    color: ColorOption = "auto",
    quiet: QuietOption = False,
    redline: Annotated[
        bool,
        typer.Option("--redline", help="Word 对照表: the child text as tracked revisions."),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Waivers whose reasons the 对照表 gives (default: the duizhao.toml found from "
            "here up to the repository root).",
        ),
    ] = None,
) -> None:
    """Compare a child plan to its parent: dropped, added and reassigned measures.

    Examples:

      duizhao compare 湖北省方案.docx 高新区方案.docx -o 对照表.docx

      duizhao compare 省.docx 市.doc 区.pdf            (a chain, highest level first)

      duizhao compare --revision 草案-0301.docx 草案-0315.docx

      duizhao compare --revision 草案-0315.docx        (what its tracked changes do)

      duizhao compare --corpus 方案/ 方案/高新区方案.docx   (parents found in the folder)
    """
    from duizhao.cli.common import configure
    from duizhao.cli.early_segmenter import EarlySegmenter

    lang, base = project(lang)
    configure(color=color, quiet=quiet, lang=lang)
    paths = list(files or [])
    preflight(output, paths)
    kind = pick_format(fmt, output, FORMATS)
    chosen = parse_overrides(settings, base)
    with EarlySegmenter() as helper:
        result, inputs = _compare(
            paths, sample, corpus, revision, original, chosen, kind, workers, dask, helper
        )
    notices(result, lang, kind, output)
    reasons = None
    if kind in TABLE_FORMATS:
        from duizhao.reports.api import waiver_reasons

        reasons = waiver_reasons(result, config)
    render_out(
        result, kind, output, inputs, lang=lang, show_all=show_all, redline=redline, reasons=reasons
    )


def _compare(
    paths: list[Path],
    sample: bool,
    corpus: Path | None,
    revision: bool,
    original: bool,
    chosen: "Settings",
    kind: str,
    workers: int | None,
    dask: str | None,
    helper: "EarlySegmenter",
) -> "tuple[Comparison | Chain, list[Path]]":
    """The comparison the arguments ask for (library calls lent the segmenter `helper`), and
    the files it read."""
    from duizhao.cli.progress import DelayedBar
    from duizhao.reports import api

    if sample:
        if paths or corpus is not None:
            raise InputError("--sample", "takes no files (it compares the bundled pair)")
        with DelayedBar(N_("comparing")) as bar:
            result = api.compare_sample(settings=chosen, progress=bar, helper=helper)
        return result, api.sample_paths()
    if corpus is not None:
        if revision or len(paths) != 1:
            raise InputError("--corpus", "takes one CHILD: duizhao compare --corpus DIR CHILD")
        with DelayedBar(N_("reading plans")) as bar:
            found = api.locate_chain(corpus, paths[0], workers=workers, dask=dask, progress=bar)
        files = [str(f) for f in found.files]
        if len(files) == 2:
            pair = api.compare(*files, settings=chosen, helper=helper)
            return api.with_notes(pair, found.notes), list(found.files)
        chain = api.compare_chain(*files, settings=chosen, helper=helper)
        return api.with_notes(chain, found.notes), list(found.files)
    if revision and len(paths) == 1:
        with DelayedBar(N_("comparing")) as bar:
            result = api.compare_tracked(paths[0], settings=chosen, progress=bar, helper=helper)
        return result, paths
    if len(paths) < 2:
        what = (
            message("--revision needs OLD and NEW")
            if revision
            else message("compare needs PARENT and CHILD")
        )
        raise InputError(
            "compare", "{what} (got {count} file(s)); or use --sample", what=what, count=len(paths)
        )
    if revision and len(paths) != 2:
        raise InputError("--revision", "compares OLD and NEW (got {count} files)", count=len(paths))
    if len(paths) > 2:
        if kind not in formats_for(CHAIN):
            raise InputError(f"--format {kind}", "a chain has no {kind} output", kind=kind)
        chain = api.compare_chain(*paths, settings=chosen, original=original, helper=helper)
        return chain, paths
    with DelayedBar(N_("comparing")) as bar:
        if revision:
            result = api.compare_revision(
                *paths, settings=chosen, original=original, progress=bar, helper=helper
            )
        else:
            result = api.compare(
                *paths, settings=chosen, original=original, progress=bar, helper=helper
            )
    return result, paths
