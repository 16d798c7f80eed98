"""The one renderer registry: which formats each result type has, and `render(result, fmt)`.

Every command and the library API render through here, so formats are declared once:
`formats_for(type)` lists what a result can be written as, `format_for_suffix(".md")` maps an
output file's extension to a format, and `render` dispatches on the result's type. Renderer
modules are imported only when their format is asked for (start-up time counts).

Text formats return `str`; xlsx, docx, png and svg return `bytes` (write them with
`Path.write_bytes`). The terminal format is rendered to a string by a rich console of
`width` columns, with ANSI colour only when `color=True`: the CLI passes
`color=sys.stdout.isatty() and "NO_COLOR" not in os.environ` and the terminal width.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any


class Format(StrEnum):
    """Output formats (the values are what `--format` takes)."""

    TERMINAL = "terminal"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    XLSX = "xlsx"
    DOCX = "docx"
    PNG = "png"
    SVG = "svg"
    FLAT = "flat"
    """`inspect --flat`: one row per measure as a terminal table."""


BINARY = frozenset({Format.XLSX, Format.DOCX, Format.PNG, Format.SVG})
"""Formats whose `render` returns bytes."""

SUFFIXES: dict[str, Format] = {
    ".txt": Format.TERMINAL,
    ".json": Format.JSON,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".csv": Format.CSV,
    ".xlsx": Format.XLSX,
    ".docx": Format.DOCX,
    ".png": Format.PNG,
    ".svg": Format.SVG,
}
"""Output file extensions (lower case) and the format each implies."""


@dataclass(frozen=True)
class Options:
    """How to render: language, every row or the first few, terminal colour and width."""

    lang: str = "zh"
    show_all: bool = False
    color: bool = False
    width: int = 100


Renderer = Callable[[Any, Options], "str | bytes"]


def format_for_suffix(suffix: str) -> Format | None:
    """The format an output file extension implies (".MD" → markdown), or None if unknown."""
    return SUFFIXES.get(suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}")


def formats_for(result_type: type) -> tuple[Format, ...]:
    """The formats a result type can be rendered as, the default first."""
    return tuple(_table_for(result_type))


def render(
    result: Any,
    fmt: Format | str,
    *,
    lang: str = "zh",
    show_all: bool = False,
    color: bool = False,
    width: int = 100,
) -> str | bytes:
    """`result` (Comparison, Chain, Matrix, Index or Plan) in format `fmt`.

    Raises ValueError when `fmt` is not a format of this result type (the CLI checks
    `formats_for` first and reports it as an InputError).
    """
    fmt = Format(fmt)
    table = _table_for(type(result))
    if fmt not in table:
        names = ", ".join(table)
        raise ValueError(f"{type(result).__name__} has no {fmt} output (formats: {names})")
    return table[fmt](result, Options(lang=lang, show_all=show_all, color=color, width=width))


def _table_for(result_type: type) -> dict[Format, Renderer]:
    tables = _tables()
    for klass in result_type.__mro__:
        if klass in tables:
            return tables[klass]
    raise TypeError(f"nothing renders a {result_type.__name__}")


def console_text(draw: Callable[[Any], None], o: Options) -> str:
    """What `draw(console)` prints on a rich console of `o.width` columns, as a string."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=o.width,
        force_terminal=o.color,
        color_system="standard" if o.color else None,
        no_color=not o.color,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    draw(console)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The table: one entry per result type and format. Imports happen inside the renderers.


def _json(make: Callable[[Any], dict]) -> Renderer:
    def run(result: Any, o: Options) -> str:
        from duizhao.reports.json_report import dump_json

        return dump_json(make(result))

    return run


@cache
def _tables() -> dict[type, dict[Format, Renderer]]:
    from duizhao.compare.chain import Chain
    from duizhao.compare.matrix import Matrix
    from duizhao.compare.result import Comparison
    from duizhao.corpus.model import Plan
    from duizhao.corpus.scan import Index

    return {
        Comparison: _comparison(),
        Chain: _chain(),
        Matrix: _matrix(),
        Index: _scan(),
        Plan: _plan(),
    }


def _comparison() -> dict[Format, Renderer]:
    def terminal(r: Any, o: Options) -> str:
        from duizhao.reports.terminal_compare import render_compare

        return console_text(lambda c: render_compare(r, c, show_all=o.show_all, lang=o.lang), o)

    def as_dict(r: Any) -> dict:
        from duizhao.reports.json_report import compare_dict

        return compare_dict(r)

    def markdown(r: Any, o: Options) -> str:
        from duizhao.reports.markdown import render_markdown

        return render_markdown(r, lang=o.lang)

    def html(r: Any, o: Options) -> str:
        from duizhao.reports.html import render_html

        return render_html(r, lang=o.lang)

    def csv(r: Any, o: Options) -> str:
        from duizhao.reports.comparison_table import render_csv

        return render_csv(r, lang=o.lang)

    def xlsx(r: Any, o: Options) -> bytes:
        from duizhao.reports.xlsx_table import xlsx_bytes

        return xlsx_bytes(r, lang=o.lang)

    def docx(r: Any, o: Options) -> bytes:
        from duizhao.reports.docx_table import docx_bytes

        return docx_bytes(r, lang=o.lang)

    return {
        Format.TERMINAL: terminal,
        Format.JSON: _json(as_dict),
        Format.MARKDOWN: markdown,
        Format.HTML: html,
        Format.CSV: csv,
        Format.XLSX: xlsx,
        Format.DOCX: docx,
    }


def _chain() -> dict[Format, Renderer]:
    def terminal(r: Any, o: Options) -> str:
        from duizhao.reports.chain_terminal import render_chain_terminal

        return console_text(
            lambda c: render_chain_terminal(r, c, show_all=o.show_all, lang=o.lang), o
        )

    def as_dict(r: Any) -> dict:
        from duizhao.reports.chain_json import chain_dict

        return chain_dict(r)

    def markdown(r: Any, o: Options) -> str:
        from duizhao.reports.chain_markdown import render_chain_markdown

        return render_chain_markdown(r, lang=o.lang)

    def html(r: Any, o: Options) -> str:
        from duizhao.reports.chain_html import render_chain_html

        return render_chain_html(r, lang=o.lang)

    def csv(r: Any, o: Options) -> str:
        from duizhao.reports.chain_tables import render_chain_csv

        return render_chain_csv(r, lang=o.lang)

    def xlsx(r: Any, o: Options) -> bytes:
        from duizhao.reports.chain_tables import chain_xlsx_bytes

        return chain_xlsx_bytes(r, lang=o.lang)

    return {
        Format.TERMINAL: terminal,
        Format.JSON: _json(as_dict),
        Format.MARKDOWN: markdown,
        Format.HTML: html,
        Format.CSV: csv,
        Format.XLSX: xlsx,
    }


def _matrix() -> dict[Format, Renderer]:
    def terminal(r: Any, o: Options) -> str:
        from duizhao.reports.matrix_terminal import render_matrix_terminal

        return console_text(
            lambda c: render_matrix_terminal(r, c, show_all=o.show_all, lang=o.lang), o
        )

    def as_dict(r: Any) -> dict:
        from duizhao.reports.matrix_json import matrix_dict

        return matrix_dict(r)

    def markdown(r: Any, o: Options) -> str:
        from duizhao.reports.matrix_markdown import render_matrix_markdown

        return render_matrix_markdown(r, lang=o.lang)

    def xlsx(r: Any, o: Options) -> bytes:
        from duizhao.reports.matrix_xlsx import matrix_xlsx_bytes

        return matrix_xlsx_bytes(r, lang=o.lang)

    def picture(kind: str) -> Renderer:
        def run(r: Any, o: Options) -> bytes:
            from duizhao.reports.matrix_heatmap import heatmap_bytes

            return heatmap_bytes(r, kind, lang=o.lang)

        return run

    return {
        Format.TERMINAL: terminal,
        Format.JSON: _json(as_dict),
        Format.MARKDOWN: markdown,
        Format.XLSX: xlsx,
        Format.PNG: picture("png"),
        Format.SVG: picture("svg"),
    }


def _scan() -> dict[Format, Renderer]:
    def terminal(r: Any, o: Options) -> str:
        from duizhao.reports.scan_report import render_scan_terminal

        return console_text(lambda c: render_scan_terminal(r, c, lang=o.lang), o)

    def as_dict(r: Any) -> dict:
        from duizhao.reports.scan_report import scan_dict

        return scan_dict(r)

    def markdown(r: Any, o: Options) -> str:
        from duizhao.reports.scan_report import render_scan_markdown

        return render_scan_markdown(r, lang=o.lang)

    return {Format.TERMINAL: terminal, Format.JSON: _json(as_dict), Format.MARKDOWN: markdown}


def _plan() -> dict[Format, Renderer]:
    def terminal(r: Any, o: Options) -> str:
        from duizhao.reports.inspect_view import render_plan

        return console_text(lambda c: render_plan(r, c, lang=o.lang), o)

    def flat(r: Any, o: Options) -> str:
        from duizhao.reports.inspect_view import render_flat

        return console_text(lambda c: render_flat(r, c, lang=o.lang), o)

    def as_dict(r: Any) -> dict:
        from duizhao.reports.model_json import model_dict

        return model_dict(r)

    def csv(r: Any, o: Options) -> str:
        from duizhao.reports.tables import measures_csv

        return measures_csv(r, lang=o.lang)

    return {
        Format.TERMINAL: terminal,
        Format.JSON: _json(as_dict),
        Format.FLAT: flat,
        Format.CSV: csv,
    }
