"""`duizhao corpus scan` and `duizhao matrix`: folders of plans, on local workers or Dask."""

from pathlib import Path
from typing import Annotated

import typer

from duizhao.cli.common import (
    ColorOption,
    DaskOption,
    LangOption,
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
from duizhao.reports.common.i18n import N_
from duizhao.reports.render import formats_for

SCAN_FORMATS = formats_for("duizhao.corpus.scan.Index")
MATRIX_FORMATS = formats_for("duizhao.compare.matrix.Matrix")


def scan(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder of plans, read recursively.")
    ],
    fmt: Annotated[str | None, format_option(SCAN_FORMATS)] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    workers: WorkersOption = None,
    dask: DaskOption = None,
    color: ColorOption = "auto",
    quiet: QuietOption = False,
) -> None:
    """Index every plan in a folder: title, jurisdiction, period, draft, declared parents.

    A plan's parents are the plans its preamble cites in 《》, found in the folder by title;
    cited plans the folder does not hold are listed as missing, files not read with the reason.
    Example: duizhao corpus scan 方案/ -o index.md
    """
    from duizhao.cli.common import configure
    from duizhao.cli.progress import DelayedBar
    from duizhao.reports import api

    lang = project(lang)[0]
    configure(color=color, quiet=quiet, lang=lang)
    preflight(output, [])
    kind = pick_format(fmt, output, SCAN_FORMATS)
    with DelayedBar(N_("reading plans")) as bar:
        index = api.scan(folder, workers=workers, dask=dask, progress=bar)
    inputs = [index.file(e.path) for e in index.entries]
    render_out(index, kind, output, inputs, lang=lang)


def matrix(
    parent: Annotated[
        Path, typer.Argument(metavar="PARENT", help="The parent plan (in the folder or not).")
    ],
    corpus: Annotated[
        Path, typer.Option("--corpus", metavar="DIR", help="Folder of plans deriving from PARENT.")
    ],
    fmt: Annotated[str | None, format_option(MATRIX_FORMATS)] = None,
    output: OutputOption = None,
    settings: SettingsOption = None,
    lang: LangOption = None,
    workers: WorkersOption = None,
    dask: DaskOption = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every plan in the terminal.")
    ] = False,
    color: ColorOption = "auto",
    quiet: QuietOption = False,
) -> None:
    """Which jurisdictions carry, partly carry or drop each measure of PARENT.

    Every plan of the folder that derives from PARENT (directly or through its declared chain)
    is compared to PARENT. Example: duizhao matrix --corpus 方案/ 省方案.docx -o heatmap.png
    """
    from duizhao.cli.common import configure
    from duizhao.cli.progress import DelayedBar
    from duizhao.reports import api

    lang, base = project(lang)
    configure(color=color, quiet=quiet, lang=lang)
    preflight(output, [parent])
    kind = pick_format(fmt, output, MATRIX_FORMATS)
    chosen = parse_overrides(settings, base)
    with DelayedBar(N_("comparing")) as bar:
        result = api.matrix(
            corpus, parent, settings=chosen, workers=workers, dask=dask, progress=bar
        )
    notices(result, lang, kind, output)
    inputs = api.matrix_inputs(result, corpus)
    render_out(result, kind, output, inputs, lang=lang, show_all=show_all)
