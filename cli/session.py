"""How this run of the command speaks to the terminal: colour, quiet, language of its lines.

Set once by each command from its options (`--color`, `--quiet`, `--lang`: `common.configure`)
and read by every
line it prints on stderr (`common.say`), its progress bar and its terminal report, so a
command cannot print a warning in one language and its report in another, or colour one
and not the other.

Colour follows the conventions of ruff, git and most tools: `--color always|never` wins;
with `auto` (the default) `NO_COLOR` (any non-empty value) turns it off, `FORCE_COLOR` (any
value but empty or 0) turns it on, `TERM=dumb` turns it off, and otherwise it is on only
when the stream is a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TextIO


class Color(StrEnum):
    """What `--color` takes."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


@dataclass
class Session:
    """The settings of the running command (one per process)."""

    color: Color = Color.AUTO
    quiet: bool = False
    lang: str = "zh"
    chosen: bool = False
    """Whether the command has set `lang` from its options (else lines guess it: `line_lang`)."""
    args: tuple[str, ...] | None = None
    """The command line being run (None: this process's argv)."""
    guessed: str | None = None


SESSION = Session()


def color_on(
    stream: TextIO, env: Mapping[str, str] | None = None, choice: str | None = None
) -> bool:
    """Whether output to `stream` is coloured (see the module docstring for the order)."""
    env = os.environ if env is None else env
    choice = Color(choice or SESSION.color)
    if choice is not Color.AUTO:
        return choice is Color.ALWAYS
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def interactive(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """Whether a progress bar may be drawn on `stream`: a terminal that is not dumb, and the
    command not quiet."""
    env = os.environ if env is None else env
    if SESSION.quiet or env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def running(args: list[str]) -> None:
    """A command line starts to be run (its language is guessed afresh from it if needed)."""
    SESSION.args = tuple(args)
    SESSION.guessed = None


def line_lang(*, config: bool = True) -> str:
    """The language of a line on stderr (an error, a warning, a usage message): the running
    command's once it has read its options; before that (or when they are wrong) the one it
    would choose — `--lang` on the command line, else DUIZHAO_LANG, else (with `config`) the
    `lang` of the configuration found from here, else zh. Guessed once per command line."""
    if SESSION.chosen:
        return SESSION.lang
    if SESSION.guessed is not None:
        return SESSION.guessed
    args = list(SESSION.args if SESSION.args is not None else sys.argv[1:])
    lang = language_of(args, os.environ, config=config)
    if config:
        SESSION.guessed = lang
    return lang


def language_of(args: list[str], env: Mapping[str, str], *, config: bool = True) -> str:
    """`--lang` in `args`, else DUIZHAO_LANG, else `lang` of the configuration found from the
    current folder (with `config`), else zh; a value that names no language counts as zh."""
    from duizhao.reports.common.i18n import normalise

    for n, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(args):
            return _known(args[n + 1], normalise)
        if arg.startswith("--lang="):
            return _known(arg.split("=", 1)[1], normalise)
    if env.get("DUIZHAO_LANG"):
        return _known(env["DUIZHAO_LANG"], normalise)
    if config:
        try:
            from duizhao.reports.api import project_defaults

            return _known(project_defaults()[0] or "zh", normalise)
        except Exception:  # a broken configuration is the command's to report, in zh
            return "zh"
    return "zh"


def _known(lang: str, normalise: Callable[[str], str]) -> str:
    try:
        return normalise(lang)
    except ValueError:
        return "zh"
