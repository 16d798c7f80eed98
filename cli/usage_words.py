"""click's and typer's own words (usage errors, help panels) said from our catalogue.

click words a usage error ("No such option", "Missing argument", "Did you mean", "Invalid
value" …) with `gettext` of Python's default domain, which is never ours, through a `_` (and
`ngettext`) each of its modules binds at import. `install` rebinds them in click's and typer's
modules to our catalogue, in the language a line on stderr speaks (`session.line_lang`, asked
only when click has something to say), so a usage error reads as every other error. Their
msgids are click's English, listed below for `make i18n`; the option names, values and
commands click puts into them stay verbatim. Help panels of typer (titles, `[default: …]`) are
module constants: `localise_help` sets them when help is shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from duizhao.reports.common.i18n import N_, translator

MODULES = (
    "click.core",
    "click.exceptions",
    "click.parser",
    "click.types",
    "click.decorators",
    "click.formatting",
)
"""click's modules whose `_`/`ngettext` word what a user sees (typer's core adds none of its
own on the way to an error)."""

CLICK_MESSAGES = (
    N_("No such option {name!r}."),
    N_("Did you mean {possibility}?"),
    N_("(Did you mean one of: {possibilities}?)"),
    N_("No such command {name!r}."),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} requires an argument."),
    N_("Option {name!r} requires {nargs} arguments."),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not {choice}."),
    N_("{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("Show this message and exit."),
    N_("Usage:"),
    N_("Aborted!"),
)
"""The messages of click a user of duizhao can meet (its usage errors, its help option)."""

WORDS = frozenset(
    {
        N_("integer"),
        N_("float"),
        N_("integer range"),
        N_("float range"),
        N_("file"),
        N_("directory"),
        N_("path"),
        N_("option"),
        N_("argument"),
        N_("parameter"),
    }
)
"""Words click fills into its messages untranslated (a type's or a parameter kind's name)."""

HELP_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
}
"""typer's help panel words (constants of `typer.rich_utils`, set when help is shown)."""


class _Said(str):
    """A translated click template: `.format` also translates the words click fills in."""

    gettext: Callable[[str], str]

    def format(self, *args: object, **values: object) -> str:
        said = {
            k: self.gettext(v) if isinstance(v, str) and v in WORDS else v
            for k, v in values.items()
        }
        return str.format(self, *args, **said)


def _said(message: str) -> _Said:
    from duizhao.cli.session import line_lang

    gettext = translator(line_lang()).gettext
    said = _Said(gettext(message))
    said.gettext = gettext
    return said


def _nsaid(singular: str, plural: str, n: int) -> _Said:
    return _said(singular if n == 1 else plural)


def install() -> None:
    """click's messages from our catalogue, from now on (in this process)."""
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            setattr(module, "_", _said)  # noqa: B010 (click binds it per module)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", _nsaid)  # noqa: B010


def localise_help(lang: str) -> None:
    """typer's help panels in `lang` (their titles, `[default: …]`, `[env var: …]`)."""
    from typer import rich_utils

    gettext = translator(lang).gettext
    for constant, text in HELP_WORDS.items():
        setattr(rich_utils, constant, gettext(text))
