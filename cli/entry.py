"""The `duizhao` console script: the process's start and end, around the typer app.

Start: the commands that compare files fork a segmenter helper first
(`reports.early_segmenter`): it builds its dictionary on the second core while this process
imports typer, the readers, numpy and the engine. The command word is read from argv before
anything is parsed; if the command turns out not to need it (`compare --help`, a typo, a
comparison served from the cache) the spare is killed at exit.

End: exit handlers run and standard streams are flushed as at any exit, then the process
ends without tearing the interpreter down object by object, which takes 30–50 ms once numpy
and a comparison are in memory. With other threads still running it exits normally.
"""

from __future__ import annotations

import contextlib
import sys

COMPARING = frozenset({"compare", "check"})
"""Commands that usually segment clause texts."""


def main() -> None:
    """Console-script entry point."""
    args = sys.argv[1:]
    if args and args[0] in COMPARING and not {"-h", "--help", "--init"} & set(args):
        from duizhao.reports.early_segmenter import prestart

        prestart()
    from duizhao.cli.app import main as run

    try:
        run()
    except SystemExit as done:
        finish(done.code)
    finish(0)


def finish(code: object) -> None:
    """Exit with `code` (a `SystemExit` code), skipping the interpreter's teardown when safe."""
    import threading

    if not (code is None or isinstance(code, int)) or threading.active_count() > 1:
        sys.exit(code)
    import atexit
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)  # a closed pipe: the normal exit reports it (and runs the handlers)
    atexit._run_exitfuncs()
    with contextlib.suppress(OSError, ValueError):  # what a handler may have written
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code or 0)
