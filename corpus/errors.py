"""The one exception a reader or parser raises for bad input: it names the file and the problem."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be read as a plan; `str()` is the one-line message shown to the user."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
