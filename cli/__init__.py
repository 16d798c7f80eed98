"""The `duizhao` command line: a thin typer layer over the library.

When this process is the `duizhao` console script, this is the first line of ours that runs
(the script imports `duizhao.cli.entry`): SIGINT, SIGTERM and SIGHUP are blocked here, with
nothing imported, until `cli.signals.install` has its handlers in place and unblocks them, so
a signal while the command's modules load is held, then ends the run in one line (never the
interpreter's KeyboardInterrupt traceback). A Ctrl-C that came just before this line is the
interpreter's KeyboardInterrupt here: exit 130 with the same one line. Imported as a
library, nothing is changed.
"""

try:
    import sys as _sys

    if _sys.argv and _sys.argv[0].rsplit("/", 1)[-1] == "duizhao":
        import _signal  # type: ignore[import-not-found]  # (the C module: nothing else loads)

        _signal.pthread_sigmask(
            _signal.SIG_BLOCK, {_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP}
        )
except KeyboardInterrupt:
    import os as _os

    _os.write(2, b"duizhao: interrupted (SIGINT)\n")
    _os._exit(130)

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
"""0 ok, 1 a check failed, 2 bad input or usage: the same for every command and format."""
