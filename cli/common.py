"""What every command shares: option types, the format an output takes, and lines on stderr.

Errors are not handled here but in one place, `duizhao.cli.app.Group`, which turns every
`DuizhaoError` (and the OS, Unicode and memory errors that reach the edge) into one line on
stderr and exit 2.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from duizhao.cli.errors import warning_line
from duizhao.corpus.errors import InputError, display_path, message
from duizhao.corpus.model import Plan
from duizhao.reports.common.i18n import LANGUAGES, N_, gettext_for, note_text

if TYPE_CHECKING:
    from duizhao.compare.settings import Settings

# ---------------------------------------------------------------------------------------------
# Option types shared by several commands


class Choice(click.Choice):
    """A closed set of values whose refusal reads `unknown format 'pdf' (choose from …)`."""

    def __init__(self, what: str, choices: Sequence[str]) -> None:
        super().__init__(list(choices))
        self.what = what

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.choices:
            return value
        self.fail(
            message(
                "unknown {what} {value!r} (choose from {choices})",
                what=message(self.what),
                value=value,
                choices=", ".join(self.choices),
            )
        )


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o", "--output", metavar="FILE", help="Write to FILE; the format follows its extension."
    ),
]
SettingsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set", metavar="NAME=VALUE", help="Override a threshold (repeatable; see README)."
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-j", min=1, help="Worker processes (default: CPUs, at most 4)."),
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        envvar="DUIZHAO_DASK",
        help="Run the tasks on this Dask scheduler (tcp://host:8786); needs duizhao\\[dask].",
    ),
]
AllOption = Annotated[bool, typer.Option("--all", help="Show every row in the terminal.")]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        envvar="DUIZHAO_LANG",
        click_type=Choice(N_("language"), LANGUAGES),
        help="Language of the report: zh (中文, default) or en; default: DUIZHAO_LANG, else "
        "lang in duizhao.toml, else zh.",
        show_default=False,
    ),
]
ColorOption = Annotated[
    str,
    typer.Option(
        "--color",
        click_type=Choice(N_("colour choice"), ("auto", "always", "never")),
        help="Colour: auto (a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it), "
        "always or never.",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Print the report and errors only: no warnings, progress or notes."
    ),
]
OriginalOption = Annotated[
    bool,
    typer.Option(
        "--original",
        help="Read drafts with tracked changes as before the changes (default: accepted).",
    ),
]


def format_option(choices: Sequence[str]) -> Any:
    """A `--format/-f` option limited to `choices` (listed in --help; the help is a literal,
    so that the catalogue holds it)."""
    return typer.Option(
        "--format",
        "-f",
        click_type=Choice(N_("format"), [str(c) for c in choices]),
        help="Output format; default: from -o's extension, else terminal.",
    )


# ---------------------------------------------------------------------------------------------
# Formats


def pick_format(fmt: str | None, output: Path | None, choices: Sequence[str]) -> str:
    """The format to write: as given, else implied by `-o`'s extension, else the terminal.

    A format that contradicts the extension (`-f json -o report.md`) is refused rather than
    writing JSON into a .md file.
    """
    from duizhao.reports.render import BINARY, format_for_suffix

    implied = format_for_suffix(output.suffix) if output is not None and output.suffix else None
    if implied == "terminal" and fmt is not None and fmt not in BINARY:
        implied = None  # .txt holds any text format
    if fmt is not None:
        if implied is not None and implied != fmt:
            raise InputError(
                output,
                "the extension says {implied} but --format says {fmt}; make them agree",
                implied=implied,
                fmt=fmt,
            )
        kind = fmt
    elif output is not None:
        if implied is None or implied not in choices:
            raise InputError(
                output,
                "cannot tell the format from the extension (this command writes {choices}); add --format",
                choices=", ".join(choices),
            )
        kind = str(implied)
    else:
        kind = "terminal"
    if kind in BINARY and output is None:
        raise InputError(f"--format {kind}", "needs -o FILE.{kind} (it is not text)", kind=kind)
    return kind


def preflight(output: Path | None, inputs: Sequence[Path | str]) -> None:
    """Refuse an output that would land on an input, or in a folder that does not exist,
    before any work is done."""
    if output is not None:
        from duizhao.cli.output import guard
        from duizhao.corpus.errors import OutputError

        folder = output.parent if str(output.parent) else Path(".")
        if not folder.is_dir():
            what = message("is not a folder") if folder.exists() else message("does not exist")
            raise OutputError(
                output,
                "cannot be written: the folder {folder} {what}",
                folder=display_path(folder),
                what=what,
            )
        guard(output, inputs)


def render_out(
    result: Any,
    kind: str,
    output: Path | None,
    inputs: Sequence[Path | str],
    *,
    lang: str,
    show_all: bool = False,
    redline: bool = False,
    reasons: Mapping[str, str] | None = None,
) -> None:
    """Render `result` and write it to stdout or `output` (atomically, never onto an input)."""
    from duizhao.cli.output import emit
    from duizhao.cli.session import color_on
    from duizhao.reports.render import Options, render_counted

    to_terminal = output is None and kind in ("terminal", "flat")
    color = to_terminal and color_on(sys.stdout)
    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    options = Options(lang=lang, show_all=show_all, color=color, width=width, redline=redline,
                      reasons=reasons)  # fmt: skip
    data, changed = render_counted(result, kind, options)
    if changed:
        say(left_out(lang))
    emit(data, output, inputs=inputs)
    if output is not None:
        say(wrote_line(output, kind, result, lang))


# ---------------------------------------------------------------------------------------------
# Lines on stderr


def configure(*, color: str | None = None, quiet: bool = False, lang: str | None = None) -> None:
    """Set the running command's colour choice, quietness and language (`session`; called
    without arguments when a command is over: the next one run in this process starts
    afresh), and show the pages of a scanned plan read as a bar when stderr is a terminal."""
    from duizhao.cli import session

    session.SESSION.color = session.Color(color or session.Color.AUTO)
    session.SESSION.quiet = quiet
    session.SESSION.lang = lang or "zh"
    session.SESSION.chosen = lang is not None
    session.SESSION.guessed = None
    if lang is None:
        session.SESSION.args = None
    if session.interactive(sys.stderr):
        # Scanned plans: pages read by OCR / total, on stderr (imported only on a terminal).
        from duizhao.cli.progress import PageBar
        from duizhao.corpus.readers.ocr import set_progress
        from duizhao.reports.common.i18n import N_

        set_progress(PageBar(N_("reading scanned pages (OCR)")))


def say(line: str) -> None:
    """One line on stderr (warnings, notices, what was written): file names, authors and
    plan text in it cannot act on the terminal (`escape.visible`)."""
    from duizhao.cli.session import SESSION
    from duizhao.reports.common.escape import visible

    if not SESSION.quiet:
        click.echo(visible(line), err=True)


def warn(message: str, lang: str) -> None:
    """`duizhao: warning: …` on stderr (`message` already in `lang`; the prefix stays ASCII in
    every language, as `duizhao: error:` does: see `cli.errors`)."""
    say(warning_line(message))


def left_out(lang: str | None) -> str:
    """The one warning that control characters or lone surrogates of the plans' text were
    left out of a report (or replaced): said once per report, whatever the format. No count:
    the same text sits in several places of a result (a measure, its clauses, a cached
    comparison holds fewer copies), so a count of places would vary from run to run."""
    _ = gettext_for(lang or "zh")
    return warning_line(
        _(
            "control characters or lone surrogates in the plans' text were left out of the "
            "report or replaced by U+FFFD"
        )
    )


def wrote_line(output: Path, kind: str, result: Any, lang: str) -> str:
    """`wrote 对照表.docx (docx, 28 + 27 measures)`."""
    _ = gettext_for(lang)
    counts = [str(len(p.measures())) for p in plans_of(result)]
    detail = kind
    if counts:
        detail += ", " + _("{counts} measures").format(counts=" + ".join(counts))
    return _("wrote {file} ({detail})").format(file=display_path(output), detail=detail)


def plans_of(result: Any) -> list[Any]:
    """The plans a result was made from, highest level first (for messages)."""
    if hasattr(result, "parent") and hasattr(result, "child"):
        return [result.parent, result.child]
    if hasattr(result, "plans"):  # a chain's plans; a folder index's entries are not plans
        return [p for p in result.plans if hasattr(p, "measures")]
    if hasattr(result, "measures") and hasattr(result, "nodes"):
        return [result]
    return []


def notices(result: Any, lang: str, kind: str, output: Path | None) -> None:
    """Every note a result carries (wrong parent, swapped order, skipped level, no common
    measures) and every tracked-changes notice of its plans, on stderr, whatever the output.

    The one exception: a terminal report printed to an interactive terminal opens with the
    same notes, so saying them on stderr as well would show each twice on the same screen."""
    for plan in plans_of(result):
        revision_notice(plan, lang)
    if output is None and kind in ("terminal", "flat") and sys.stdout.isatty():
        return
    seen: set[str] = set()
    for note in getattr(result, "notes", ()) or ():
        text = note_text(note, lang)
        if text not in seen:
            seen.add(text)
            warn(text, lang)


def revision_notice(plan: Plan, lang: str) -> None:
    """`5 tracked changes by 区司法局审核人 and 2 comments: reading the text with changes
    accepted; --original reads it as before the changes` (once per plan that has them)."""
    info = plan.revisions
    if not info:  # none, or neither changes nor comments
        return
    _ = gettext_for(lang)
    authors = "、".join(info.authors) or _("unknown authors")
    if info.original:
        how = _("reading the text as before the changes (--original)")
    else:
        how = _("reading the text with changes accepted; --original reads it as before the changes")
    say(
        _("{file}: {changes} tracked changes by {authors} and {comments} comments: {how}").format(
            file=display_path(plan.path),
            changes=info.changes,
            authors=authors,
            comments=len(info.comments),
            how=how,
        )
    )


def parse_overrides(values: Sequence[str] | None, base: Settings | None = None) -> Settings:
    """`--set` values parsed once into `Settings` (a mistyped name suggests the nearest), on
    top of `base` (the configuration's [settings]) when given."""
    from duizhao.compare.settings import SettingsError
    from duizhao.corpus.errors import InputError
    from duizhao.reports.api import settings_from

    try:
        if base is None:
            return settings_from(list(values or ()))
        return base.with_overrides(list(values)) if values else base
    except SettingsError as exc:
        raise InputError("--set", exc.problem) from None


def project(lang: str | None) -> tuple[str, Any]:
    """The command's language and base settings: `--lang` (or DUIZHAO_LANG), else the `lang`
    of the configuration found from the current folder up to the repository root (as `check`
    finds it), else zh; the configuration's [settings] (defaults without one)."""
    from duizhao.reports.api import project_defaults

    found_lang, settings, _path = project_defaults()
    return lang or found_lang or "zh", settings
