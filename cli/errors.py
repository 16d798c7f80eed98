"""How a failure reads at the edge: one line for every exception a user can cause.

Both the command group (`duizhao.cli.app.Group`) and `duizhao check`'s own runner turn
exceptions into `duizhao: error: <line>` through `error_line`, so every command words a
permission error, a full disk or bad input the same way.
"""

from __future__ import annotations

import errno

from duizhao.corpus.errors import DuizhaoError, display_path


def error_line(exc: BaseException) -> str | None:
    """The one line an exception becomes at the edge, or None for one that is a bug; nothing
    in it (a file name, a .docx member's name) can act on a terminal (`escape.visible`)."""
    from duizhao.reports.common.escape import visible

    line = _line(exc)
    return None if line is None else visible(line)


def _line(exc: BaseException) -> str | None:
    if isinstance(exc, DuizhaoError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory: the input is too large for this machine"
    if isinstance(exc, OSError):
        where = display_path(exc.filename) if exc.filename is not None else "duizhao"
        if exc.errno == errno.ENOSPC:
            return f"{where}: no space left on the device"
        return f"{where}: {exc.strerror or exc}"
    if isinstance(exc, UnicodeError):
        return f"text that is not valid Unicode: {exc}"
    if isinstance(exc, RecursionError):
        return "input nested too deeply to read"
    return None
