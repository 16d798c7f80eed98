"""The one renderer registry: which formats each result type has, and `render(result, fmt)`.

Every command and the library API render through here, so formats are declared once:
`formats_for(type)` lists what a result can be written as, `format_for_suffix(".md")` maps an
output file's extension to a format, and `render` dispatches on the result's type. Renderer
modules are imported only when their format is asked for (start-up time counts).

Text formats return `str`; xlsx, docx, png and svg return `bytes` (write them with
`Path.write_bytes`). The terminal format is rendered to a string by a rich console of
`width` columns, with ANSI colour only when `color=True`: the CLI decides it from `--color`,
NO_COLOR, FORCE_COLOR, TERM and whether stdout is a terminal (`cli.session.color_on`).

Every result but a JSON one is passed through `clean.cleaned` first: control characters and
lone surrogates of plan text and file names never reach a report (`render_counted` says how
many were left out).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, overload


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
    redline: bool = False
    """Word 对照表: the child text as Word revisions against its source."""
    reasons: Mapping[str, str] | None = None
    """Parent measure id → the reason a waiver gives for not carrying it (said in 说明)."""


Renderer = Callable[[Any, Options], "str | bytes"]


def format_for_suffix(suffix: str) -> Format | None:
    """The format an output file extension implies (".MD" → markdown), or None if unknown."""
    return SUFFIXES.get(suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}")


def formats_for(result_type: type | str) -> tuple[Format, ...]:
    """The formats a result type can be rendered as, the default first.

    The type may be given by its qualified name (`"duizhao.compare.chain.Chain"`), so that the
    command line can list a command's formats without importing what produces the result."""
    if isinstance(result_type, str):
        return tuple(TABLES[result_type])
    return tuple(_table_for(result_type))


TextFormat = Literal[
    "terminal", "json", "markdown", "html", "csv", "flat",
    Format.TERMINAL, Format.JSON, Format.MARKDOWN, Format.HTML, Format.CSV, Format.FLAT,
]  # fmt: skip
"""The formats `render` returns as `str`."""
BinaryFormat = Literal[
    "xlsx", "docx", "png", "svg", Format.XLSX, Format.DOCX, Format.PNG, Format.SVG
]
"""The formats `render` returns as `bytes` (write them with `Path.write_bytes`)."""


@overload
def render(
    result: Any,
    fmt: TextFormat,
    *,
    lang: str = ...,
    show_all: bool = ...,
    color: bool = ...,
    width: int = ...,
    redline: bool = ...,
    reasons: Mapping[str, str] | None = ...,
) -> str: ...
@overload
def render(
    result: Any,
    fmt: BinaryFormat,
    *,
    lang: str = ...,
    show_all: bool = ...,
    color: bool = ...,
    width: int = ...,
    redline: bool = ...,
    reasons: Mapping[str, str] | None = ...,
) -> bytes: ...
@overload
def render(
    result: Any,
    fmt: Format | str,
    *,
    lang: str = ...,
    show_all: bool = ...,
    color: bool = ...,
    width: int = ...,
    redline: bool = ...,
    reasons: Mapping[str, str] | None = ...,
) -> str | bytes: ...
def render(
    result: Any,
    fmt: Format | str,
    *,
    lang: str = "zh",
    show_all: bool = False,
    color: bool = False,
    width: int = 100,
    redline: bool = False,
    reasons: Mapping[str, str] | None = None,
) -> str | bytes:
    """`result` (Comparison, Chain, Matrix, Index or Plan) in format `fmt`: a `str` for the
    text formats, `bytes` for xlsx, docx, png and svg (the overloads tell a type checker which).

    Raises InputError when `fmt` is not a format of this result type (a chain has no
    heatmap), so a caller that could not know the type beforehand still gets one line.
    """
    options = Options(lang, show_all, color, width, redline, reasons)
    return render_counted(result, fmt, options)[0]


def render_counted(result: Any, fmt: Format | str, o: Options) -> tuple[str | bytes, int]:
    """`render`, and how many characters of the result's text no report may hold (control
    characters, lone surrogates: see `clean.cleaned`) were left out or replaced."""
    from duizhao.corpus.errors import InputError
    from duizhao.reports.common.clean import cleaned

    table = _table_for(type(result))
    if fmt not in set(Format):
        names = ", ".join(table)
        raise InputError(f"format {fmt}", "is not a format (choose from {names})", names=names)
    fmt = Format(fmt)
    if getattr(result, "revision", None) is not None:
        # Two drafts of one plan: every human format speaks of 原稿 and 修改稿 (revision/).
        table = {**table, **{f: _renderer(e) for f, e in REVISION.items()}}
    if fmt not in table:
        names = ", ".join(table)
        what = type(result).__name__.lower()
        raise InputError(
            f"format {fmt}",
            "a {what} has no {fmt} output (choose from {names})",
            what=what,
            fmt=fmt,
            names=names,
        )
    result, changed = cleaned(result, only_surrogates=fmt is Format.JSON)
    return table[fmt](result, o), changed


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
# The table: one entry per result type and format, by name, so that nothing is imported until
# a format is asked for (a comparison's first render must not load the chain, matrix or scan
# code). Each entry is (module in duizhao.reports, function, how it is called):
#   "console"      draw(result, console, lang=…) on a string console
#   "console+all"  the same with show_all=…
#   "lang"         function(result, lang=…) → str or bytes
#   "table"        function(result, lang=…, reasons=…): a pair's 对照表 with waiver reasons
#   "docx"         the same with redline=…
#   "lang+all"     the same with show_all=…
#   "json"         dump_json(function(result))
#   "png", "svg"   function(result, kind, lang=…) → bytes (pictures)

Entry = tuple[str, str, str]

TABLES: dict[str, dict[Format, Entry]] = {
    "duizhao.compare.result.Comparison": {
        Format.TERMINAL: ("pair.terminal", "render_compare", "console+all"),
        Format.JSON: ("pair.json", "compare_dict", "json"),
        Format.MARKDOWN: ("pair.markdown", "render_markdown", "table"),
        Format.HTML: ("pair.html", "render_html", "table"),
        Format.CSV: ("pair.csv", "render_csv", "table"),
        Format.XLSX: ("pair.xlsx", "xlsx_bytes", "table"),
        Format.DOCX: ("pair.docx", "docx_bytes", "docx"),
    },
    "duizhao.compare.chain.Chain": {
        Format.TERMINAL: ("chain.terminal", "render_chain_terminal", "console+all"),
        Format.JSON: ("chain.json", "chain_dict", "json"),
        Format.MARKDOWN: ("chain.markdown", "render_chain_markdown", "lang"),
        Format.HTML: ("chain.html", "render_chain_html", "lang"),
        Format.CSV: ("chain.csv", "render_chain_csv", "lang"),
        Format.XLSX: ("chain.xlsx", "chain_xlsx_bytes", "lang"),
        Format.DOCX: ("chain.docx", "chain_docx_bytes", "lang"),
    },
    "duizhao.compare.matrix.Matrix": {
        Format.TERMINAL: ("matrix.terminal", "render_matrix_terminal", "console+all"),
        Format.JSON: ("matrix.json", "matrix_dict", "json"),
        Format.MARKDOWN: ("matrix.markdown", "render_matrix_markdown", "lang"),
        Format.XLSX: ("matrix.xlsx", "matrix_xlsx_bytes", "lang"),
        Format.PNG: ("matrix.heatmap", "heatmap_bytes", "png"),
        Format.SVG: ("matrix.heatmap", "heatmap_bytes", "svg"),
    },
    "duizhao.corpus.scan.Index": {
        Format.TERMINAL: ("scan.terminal", "render_scan_terminal", "console"),
        Format.JSON: ("scan.json", "scan_dict", "json"),
        Format.MARKDOWN: ("scan.markdown", "render_scan_markdown", "lang"),
    },
    "duizhao.corpus.model.Plan": {
        Format.TERMINAL: ("plan.terminal", "render_plan", "console"),
        Format.JSON: ("plan.json", "model_dict", "json"),
        Format.FLAT: ("plan.terminal", "render_flat", "console"),
        Format.CSV: ("plan.csv", "measures_csv", "lang"),
    },
}
"""Result type (module.Class) → format → how it is rendered; the first format is the default."""

REVISION: dict[Format, Entry] = {
    Format.TERMINAL: ("revision.terminal", "render_revision_terminal", "console+all"),
    Format.MARKDOWN: ("revision.markdown", "render_revision_markdown", "lang+all"),
    Format.HTML: ("revision.html", "render_revision_html", "lang+all"),
    Format.CSV: ("revision.csv", "render_revision_csv", "lang+all"),
    Format.XLSX: ("revision.xlsx", "revision_xlsx_bytes", "lang+all"),
    Format.DOCX: ("revision.docx", "revision_docx_bytes", "lang+all"),
}
"""A comparison of two drafts (`Comparison.revision` set): the human formats of the 修改对照表;
JSON stays compare@1."""


def _table_for(result_type: type) -> dict[Format, Renderer]:
    for klass in result_type.__mro__:
        entries = TABLES.get(f"{klass.__module__}.{klass.__qualname__}")
        if entries is not None:
            return {fmt: _renderer(entry) for fmt, entry in entries.items()}
    raise TypeError(f"nothing renders a {result_type.__name__}")


def _renderer(entry: Entry) -> Renderer:
    module, name, how = entry

    def run(result: Any, o: Options) -> str | bytes:
        import importlib

        function = getattr(importlib.import_module(f"duizhao.reports.{module}"), name)
        if how == "json":
            from duizhao.reports.pair.json import dump_json

            return dump_json(function(result))
        if how == "console":
            return console_text(lambda c: function(result, c, lang=o.lang), o)
        if how == "console+all":
            return console_text(lambda c: function(result, c, show_all=o.show_all, lang=o.lang), o)
        if how == "table":
            return function(result, lang=o.lang, reasons=o.reasons)
        if how == "docx":
            return function(result, lang=o.lang, reasons=o.reasons, redline=o.redline)
        if how == "lang+all":
            return function(result, lang=o.lang, show_all=o.show_all)
        if how in ("png", "svg"):
            return function(result, how, lang=o.lang)
        return function(result, lang=o.lang)

    return run
