"""How the command ends on SIGINT, SIGTERM or SIGHUP: exit 128+n, at most one line, nothing left.

The handlers are installed first thing in the console script (`entry.py`), before typer, the
readers or numpy are imported, so a Ctrl-C in the first tenth of a second ends as quietly as
one in the middle of a comparison: never a traceback. Installing them also unblocks these
signals: a launcher that starts the command with them blocked (so that none is lost while the
interpreter starts) has one that came meanwhile delivered to the handler then. Before the
script's first line the interpreter is still starting (its `site`, with the .pth files of
the environment): a SIGTERM or SIGHUP then kills the process as the default action does (a
shell reports 128+n), and only a SIGINT there is the interpreter's own to report.

The first signal raises `Interrupted` where the program is, so every `finally` on the way out
runs: a half-written output's temporary file is unlinked, a LibreOffice conversion's process
group is killed and its temporary folder removed, worker processes are ended. At the top the
process groups still recorded (`corpus.children`) are killed, one line is printed and the exit
code is 128 + the signal's number, as a shell reports a process killed by it. A second signal
while that runs ends the process at once (children first, no second line). A SIGHUP that the
parent ignored (`nohup`) stays ignored.

`Interrupted` derives from `BaseException` but not from `KeyboardInterrupt`: click turns a
`KeyboardInterrupt` into "Aborted!" and exit 1, and `except Exception` must not swallow it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """The process received `signum`; raised by the handler, caught at the top."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def install() -> None:
    """Raise `Interrupted` on the first of SIGINT, SIGTERM, SIGHUP (ignored ones stay ignored),
    then unblock them (one that came while they were blocked is handled now)."""
    _arm(_first)
    sys.unraisablehook = _swallowed
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _arm(handler: Callable[[int, FrameType | None], object]) -> None:
    for sig in SIGNALS:
        if signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, handler)


def _swallowed(unraisable: sys.UnraisableHookArgs) -> None:
    """`Interrupted` raised where Python only reports an exception and goes on (a weakref
    callback, a `__del__`, the import lock's clean-up): the signal is sent again, to be
    raised where the program is next, instead of a traceback and a run that goes on."""
    if isinstance(unraisable.exc_value, Interrupted):
        _arm(_first)
        signal.raise_signal(unraisable.exc_value.signum)
        return
    sys.__unraisablehook__(unraisable)


def ending() -> None:
    """The run is over and the interpreter shuts down normally (threads still running): a
    signal now ends the process at once, with its one line, instead of raising in the
    interpreter's teardown (which would print a traceback)."""
    _arm(_late)


def _late(signum: int, frame: object) -> None:
    _arm(_again)
    os._exit(exit_code(Interrupted(signum)))


def _first(signum: int, frame: object) -> None:
    _arm(_again)
    raise Interrupted(signum)


def _again(signum: int, frame: object) -> None:
    """A second signal while unwinding: end the children and the process now, silently."""
    from duizhao.corpus import children

    children.end_all()
    os._exit(128 + signum)


def interrupted_in(exc: BaseException) -> Interrupted | None:
    """The signal behind an exception that wraps it, if any: Python 3.11 turns an exception
    raised while a class body runs `__set_name__` into a RuntimeError (a signal landing in an
    import that defines a class), and code that catches one exception may raise another in
    its place. Followed through `__cause__` and `__context__`, a few links deep."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, Interrupted):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def exit_code(exc: Interrupted) -> int:
    """End what is still running, print the one line, and return 128 + the signal number."""
    from duizhao.corpus import children

    children.end_all()
    name = signal.Signals(exc.signum).name
    with contextlib.suppress(OSError):  # stderr closed (a terminal that hung up): the code says it
        os.write(2, f"duizhao: {_interrupted(name)}\n".encode())
    return 128 + exc.signum


def _interrupted(name: str) -> str:
    """ "interrupted (SIGINT)" in the user's language, as far as it is known without reading a
    configuration (the command's own once it has read its options); English when the signal
    came while the modules that say it were still loading."""
    try:
        from duizhao.cli.session import line_lang
        from duizhao.reports.common.i18n import gettext_for

        _ = gettext_for(line_lang(config=False))
        return _("interrupted ({signal})").format(signal=name)
    except Exception:
        return f"interrupted ({name})"
