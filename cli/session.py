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
from collections.abc import Mapping
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
