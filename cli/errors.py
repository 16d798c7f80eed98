"""How a failure reads at the edge: one line for every exception a user can cause.

Both the command group (`duizhao.cli.app.Group`) and `duizhao check`'s own runner turn
exceptions into `duizhao: error: <line>` through `error_line`, so every command words a
permission error, a full disk or bad input the same way, in the user's language (中文 by
default, English with --lang en or DUIZHAO_LANG=en): a `DuizhaoError` carries its message's
English template and values, said here from the catalogue.

The prefixes `duizhao: error:` and `duizhao: warning:` stay ASCII in both languages, as GNU
tools keep theirs: the program's name and the kind of line are what CI log scrapers, problem
matchers and `grep` look for, and a script that reads them need not know the language.
"""

from __future__ import annotations

import errno
from collections.abc import Callable

from duizhao.corpus.errors import DuizhaoError, display_path, os_reason, say

ERROR = "duizhao: error: "
WARNING = "duizhao: warning: "


def error_line(exc: BaseException, lang: str | None = None) -> str | None:
    """The one line an exception becomes at the edge (without the prefix), in `lang` (the
    language lines on stderr speak when not given), or None for one that is a bug; nothing in
    it (a file name, a .docx member's name) can act on a terminal (`escape.visible`)."""
    from duizhao.cli.session import line_lang
    from duizhao.reports.common.escape import visible
    from duizhao.reports.common.i18n import gettext_for

    line = _line(exc, gettext_for(lang or line_lang()))
    return None if line is None else visible(line)


def _line(exc: BaseException, _: Callable[[str], str]) -> str | None:
    if isinstance(exc, DuizhaoError):
        return exc.say(_)
    if isinstance(exc, MemoryError):
        return _("out of memory: the input is too large for this machine")
    if isinstance(exc, OSError):
        where = display_path(exc.filename) if exc.filename is not None else "duizhao"
        if exc.errno == errno.ENOSPC:
            return _("{where}: no space left on the device").format(where=where)
        return f"{where}: {say(os_reason(exc), _)}"
    if isinstance(exc, UnicodeError):
        return _("text that is not valid Unicode: {reason}").format(reason=exc)
    if isinstance(exc, RecursionError):
        return _("input nested too deeply to read")
    return None


def warning_line(text: str) -> str:
    """A warning as its one line on stderr (`text` already in the user's language)."""
    return f"{WARNING}{text}"
