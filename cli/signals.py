"""How the command ends on SIGINT, SIGTERM or SIGHUP: exit 128+n, at most one line, nothing left.

The handlers are installed first thing in the console script (`entry.py`), before typer, the
readers or numpy are imported, so a Ctrl-C in the first tenth of a second ends as quietly as
one in the middle of a comparison: never a traceback.

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

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """The process received `signum`; raised by the handler, caught at the top."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def install() -> None:
    """Raise `Interrupted` on the first of SIGINT, SIGTERM, SIGHUP (ignored ones stay ignored)."""
    for sig in SIGNALS:
        if signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, _first)


def _first(signum: int, frame: object) -> None:
    for sig in SIGNALS:
        if signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, _again)
    raise Interrupted(signum)


def _again(signum: int, frame: object) -> None:
    """A second signal while unwinding: end the children and the process now, silently."""
    from duizhao.corpus import children

    children.end_all()
    os._exit(128 + signum)


def exit_code(exc: Interrupted) -> int:
    """End what is still running, print the one line, and return 128 + the signal number."""
    from duizhao.corpus import children

    children.end_all()
    name = signal.Signals(exc.signum).name
    with contextlib.suppress(OSError):  # stderr closed (a terminal that hung up): the code says it
        os.write(2, f"duizhao: interrupted ({name})\n".encode())
    return 128 + exc.signum
