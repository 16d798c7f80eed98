"""The one error path: every failure a user can cause is a `DuizhaoError` naming its subject.

The readers, the comparison, the check stage and the writers raise these; the command line
turns any of them into one line on stderr and exit code 2 (`duizhao.cli` maps them in one
place). `subject` is what the problem is about (a file, an option, a setting), printed with
`display_path` so that file names that are not valid UTF-8 never raise while printing.
"""

from __future__ import annotations

import os


def display_path(path: object) -> str:
    """A path as text that can always be printed: undecodable bytes as \\xNN, controls escaped."""
    text = os.fsdecode(path) if isinstance(path, bytes | os.PathLike) else str(path)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


class DuizhaoError(Exception):
    """A failure the user can fix; `str()` is the one-line message (`subject: problem`)."""

    def __init__(self, subject: object, problem: str) -> None:
        self.subject = display_path(subject)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.subject}: {self.problem}")

    def __reduce__(self):
        # Pickled across worker processes (a local pool, Dask) with its subject and problem.
        return (type(self), (self.subject, self.problem))

    @property
    def path(self) -> str:
        """The subject (kept under this name: most subjects are files)."""
        return self.subject


class InputError(DuizhaoError):
    """Input that cannot be read as a plan (or a configuration, or an option value)."""


class ConfigError(InputError):
    """A `duizhao.toml` / `[tool.duizhao]` that cannot be used as it stands."""


class OutputError(DuizhaoError):
    """An output that cannot be written (unwritable folder, full disk, would overwrite an input)."""


class LimitError(InputError):
    """An input over a stated limit (size, nesting, numbering); the message names the limit."""


class WorkerLost(DuizhaoError):
    """A worker process or a Dask cluster was lost mid-run (killed, out of memory, stopped)."""
