"""Writing a report through a character device, a named pipe or a Unix socket, never replacing it.

`-o /dev/null`, `-o /dev/stdout` on a pipe, `-o >(gzip > r.gz)` and a socket a log collector
listens on are not files to replace: `os.replace` onto `/dev/null` run as root would turn the
machine's null device into a regular file. They are opened and written as they are. A named
pipe gets `FIFO_WAIT_S` to find a reader (the shell may start `gzip` a moment later), then the
write is refused rather than left waiting forever. A block device is a disk: a report is never
written onto one. Errors of the write itself (ENOSPC on `/dev/full`, a reader that went away)
are `OutputError`s like any other.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
import stat
import time
from enum import StrEnum
from pathlib import Path

from duizhao.corpus.errors import Message, OutputError, message, os_reason

FIFO_WAIT_S = 10.0
"""How long an output named pipe may go without a reader before the write is refused."""


class Special(StrEnum):
    """The kinds of output that are written through rather than replaced."""

    DEVICE = "character device"
    FIFO = "named pipe"
    SOCKET = "socket"
    DISK = "block device"


def kind_of(path: Path) -> Special | None:
    """What `path` leads to when it is not a regular file or nothing at all (symlinks followed)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISCHR(mode):
        return Special.DEVICE
    if stat.S_ISFIFO(mode):
        return Special.FIFO
    if stat.S_ISSOCK(mode):
        return Special.SOCKET
    if stat.S_ISBLK(mode):
        return Special.DISK
    return None


def write_problem(exc: OSError) -> Message:
    """Why an output could not be written, as the user's language can say it."""
    if exc.errno == errno.ENOSPC:
        return message("cannot be written: no space left on the device")
    if exc.errno == errno.EPIPE:
        return message("cannot be written: its reader went away")
    return message("cannot be written ({reason})", reason=os_reason(exc))


def write_through(path: Path, kind: Special, data: bytes) -> None:
    """Write `data` into the device, pipe or socket at `path`; an OutputError when it fails."""
    if kind is Special.DISK:
        raise OutputError(path, "is a block device (a disk); refusing to write a report onto it")
    try:
        if kind is Special.SOCKET:
            _send(path, data)
            return
        fd = _open_fifo(path) if kind is Special.FIFO else _open_device(path)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(path, write_problem(exc)) from None


def _open_device(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CLOEXEC | os.O_NOCTTY)


def _open_fifo(path: Path) -> int:
    """The pipe opened for writing once a reader is there (at most `FIFO_WAIT_S`), blocking."""
    deadline = time.monotonic() + FIFO_WAIT_S
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
            if time.monotonic() >= deadline:
                raise OutputError(
                    path,
                    "is a named pipe that nothing read within {seconds:g} s",
                    seconds=FIFO_WAIT_S,
                ) from None
            time.sleep(0.05)
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    return fd


def _send(path: Path, data: bytes) -> None:
    """Connect to a Unix socket (stream, else datagram) and send everything."""
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        with socket.socket(socket.AF_UNIX, kind) as sock:
            try:
                sock.connect(os.fspath(path))
            except OSError as exc:
                if exc.errno == errno.EPROTOTYPE:
                    continue
                raise
            sock.sendall(data)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
            return
    raise OutputError(path, "is a socket that accepts no connection")
