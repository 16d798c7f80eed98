"""A plan read from standard input (`-` in place of a file name), bounded like a file.

`cat 区.docx | duizhao compare 省.docx -`: the bytes are read once, at most
`limits.MAX_FILE_BYTES`, and kept for the process, since the cache and the reader both ask
for them and a pipe can be read only once. The format is sniffed from the bytes, as for
every file. A terminal on standard input is refused (nothing was piped in: reading would
wait for typing).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

from duizhao.corpus.errors import InputError

STDIN = "-"
"""The name that means standard input."""

_READ: list[bytes] = []


def is_stdin(path: object) -> bool:
    """Whether `path` is `-` (standard input)."""
    return isinstance(path, str | PurePath) and str(path) == STDIN


def read_input(path: str | PurePath) -> bytes:
    """The bytes of a plan given on the command line: standard input for `-`, else the file
    (`limits.read_bounded`); both bounded by `limits.MAX_FILE_BYTES`."""
    from duizhao.corpus.limits import MAX_FILE_BYTES, read_bounded

    if is_stdin(path):
        return read_stdin(MAX_FILE_BYTES)
    return read_bounded(Path(path))


def read_stdin(limit: int) -> bytes:
    """Every byte of standard input (read once per process), refused over `limit` bytes."""
    if _READ:
        return _READ[0]
    stream = sys.stdin
    if stream is None:
        raise InputError(STDIN, "standard input is closed: pipe a plan in")
    try:
        if stream.isatty():
            raise InputError(STDIN, "standard input is a terminal: pipe a plan in (cat 区.docx |)")
        fd = stream.fileno()
    except (AttributeError, ValueError, OSError):
        fd = None
    from duizhao.corpus.limits import read_capped

    read = (lambda size: os.read(fd, size)) if fd is not None else stream.buffer.read
    _READ.append(read_capped(read, STDIN, limit))
    return _READ[0]


def forget() -> None:
    """Drop what was read (tests run several commands in one process)."""
    _READ.clear()
