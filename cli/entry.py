"""The `duizhao` console script: the process's start and end, around the typer app.

Signals: SIGINT, SIGTERM and SIGHUP are handled from the script's first line (`cli.signals`,
whose module loads nothing but `signal`): exit 128+n with one line, whenever they come — while
the modules load, during the run, and while the process ends.

Start: the commands that compare files fork a segmenter helper first
(`cli.early_segmenter`): it builds its dictionary on the second core while this process
imports typer, the readers, numpy and the engine. The command word is read from argv before
anything is parsed; if the command turns out not to need it (`compare --help`, a typo, a
comparison served from the cache) the spare is killed at exit.

BLAS: the engine makes no BLAS calls (its scores are postings sums and rapidfuzz, not matrix
products), yet OpenBLAS starts a spinning thread per core when numpy is imported, which took
0.1 s of CPU from the helper's core; the console script asks for one BLAS thread unless the
environment says otherwise.

End: exit handlers run and standard streams are flushed as at any exit, then the process
ends without tearing the interpreter down object by object, which takes 30–50 ms once numpy
and a comparison are in memory. With other threads still running it exits normally.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import MutableMapping

from duizhao.cli import signals

COMPARING = frozenset({"compare", "check"})
"""Commands that usually segment clause texts."""

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""Variables a BLAS reads at load for its thread count."""


def one_blas_thread(environ: MutableMapping[str, str]) -> None:
    """One BLAS thread unless `environ` already sets a count (read when numpy loads)."""
    for var in BLAS_THREADS:
        environ.setdefault(var, "1")


def main() -> None:
    """Console-script entry point."""
    code: object
    try:
        try:
            signals.install()  # first: a signal during the imports below ends as quietly as any
            code = run()
        except SystemExit as done:
            code = 0 if reader_gone(done) else done.code
        finish(code)
    except signals.Interrupted as stopped:  # in the run, or while it ended
        finish(signals.exit_code(stopped))
    except Exception as exc:  # a signal another exception wraps (see signals.interrupted_in)
        wrapped = signals.interrupted_in(exc)
        if wrapped is None:
            raise
        finish(signals.exit_code(wrapped))


def reader_gone(done: SystemExit) -> bool:
    """Whether click or rich ended the run because the reader of standard output went away
    (`duizhao --help | head`): they exit 1 from inside their broken-pipe handler. A command
    whose output is cut short that way did nothing wrong, and a report piped into `head`
    already ends in 0 (`output.emit`); help does the same, as git's and ruff's do."""
    cause = done.__context__
    return done.code == 1 and isinstance(cause, OSError) and cause.errno == errno.EPIPE


def run() -> int:
    """The command itself (its exit code)."""
    one_blas_thread(os.environ)
    args = sys.argv[1:]
    if args and args[0] in COMPARING and not {"-h", "--help", "--init"} & set(args):
        from duizhao.cli.early_segmenter import prestart

        prestart()
    from duizhao.cli.app import main as run_app

    run_app()
    return 0


def finish(code: str | int | None) -> None:
    """Exit with `code` (a `SystemExit` code), skipping the interpreter's teardown when safe."""
    import contextlib
    import threading

    if not (code is None or isinstance(code, int)) or threading.active_count() > 1:
        signals.ending()
        sys.exit(code)
    import atexit

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        signals.ending()
        sys.exit(code)  # a closed pipe: the normal exit reports it (and runs the handlers)
    atexit._run_exitfuncs()
    with contextlib.suppress(OSError, ValueError):  # what a handler may have written
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code or 0)
