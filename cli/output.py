"""Where command output goes: stdout, or a file written atomically that is never an input.

Every write of every command goes through here. A file is written to a temporary file in
the same folder, flushed, fsynced and then `os.replace`d onto its name, so a run that fails
half-way (an error, a full disk, Ctrl-C) leaves the previous report whole, and a reader
never sees half a JSON file. `os.replace` replaces the directory entry itself: a symlink or
a hard link at the output path is replaced, never written through, so nothing reaches the
file it pointed at. On top of that an output path that *is* an input (the same path, the same
file through a hard link, a symlink to it) is refused before anything is written.

The atomic write is for regular files only. An output that is a character device
(`/dev/null`, a terminal), a named pipe (`-o >(gzip > r.gz)`, `/dev/stdout` on a pipe) or a
Unix socket is written *through*, never replaced: replacing it would turn `/dev/null` into a
regular file for every other program. A pipe gets `special.FIFO_WAIT_S` to find a reader; a
block device (a disk) is refused. The temporary file's name holds the writer's process id,
so one left behind by a killed run (SIGKILL leaves no chance to clean up) is removed by the
next write to the same output once that process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from duizhao.cli import special
from duizhao.corpus.children import alive
from duizhao.corpus.errors import Message, OutputError, message, os_reason


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _target(path: Path) -> Path:
    """Where a path leads, following symlinks even when the last one dangles."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def guard(output: Path, inputs: Sequence[Path | str]) -> None:
    """Refuse an output path that is a folder or that leads to one of the input files."""
    try:
        if output.is_dir():
            raise OutputError(output, "is a directory; give a file name")
    except OSError as exc:
        raise OutputError(output, "cannot be written ({reason})", reason=os_reason(exc)) from None
    target = _target(output)
    same = _identity(output)
    for path in inputs:
        path = Path(path)
        if _target(path) == target or (same is not None and _identity(path) == same):
            raise OutputError(output, "is an input file; choose another output path")


def _problem(exc: OSError) -> Message:
    if exc.errno == errno.ENOSPC:
        return message("cannot be written: no space left on the device (nothing was changed)")
    return special.write_problem(exc)


def _temp_prefix(output: Path) -> str:
    """`.NAME.` — every temporary file for `output` starts so, then the writer's pid and a dot."""
    return f".{output.name}."


def sweep_stale(output: Path) -> None:
    """Remove temporary files for `output` left by writers that no longer run (a SIGKILL)."""
    folder = output.parent if str(output.parent) else Path(".")
    prefix = _temp_prefix(output)
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid, dot, _ = name[len(prefix) :].partition(".")
        if not (dot and pid.isdigit() and name.endswith(".tmp")) or alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(folder / name).st_mode):
                os.unlink(folder / name)


def write_bytes_atomic(output: Path, data: bytes, *, inputs: Sequence[Path | str] = ()) -> None:
    """Write `data` to `output` all at once or not at all, never onto an input."""
    output = Path(output)
    guard(output, inputs)
    kind = special.kind_of(output)
    if kind is not None:
        special.write_through(output, kind, data)
        return
    sweep_stale(output)
    folder = output.parent if str(output.parent) else Path(".")
    tmp: str | None = None
    try:
        prefix = f"{_temp_prefix(output)}{os.getpid()}."
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, output)
        tmp = None
    except OSError as exc:
        raise OutputError(output, _problem(exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def append_text_safely(output: Path, text: str, *, inputs: Sequence[Path | str] = ()) -> None:
    """Append to a file another program owns (GitHub's step summary), never to an input.

    The file is opened without following a symlink and without waiting (a named pipe with
    no reader would block `open` forever), must be a regular file, and must not be one of the
    inputs by identity (which catches hard links); the text goes in one write.
    """
    output = Path(output)
    guard(output, inputs)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(output, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(output, "is a symbolic link; refusing to append through it") from None
        if exc.errno == errno.ENXIO:  # a FIFO no one reads, or a socket
            raise OutputError(output, "is not a regular file (a pipe or socket)") from None
        raise OutputError(output, _problem(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(output, "is not a regular file")
        for path in inputs:
            if _identity(Path(path)) == (info.st_dev, info.st_ino):
                raise OutputError(output, "is an input file; refusing to append to it")
        os.write(fd, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(output, _problem(exc)) from None
    finally:
        os.close(fd)


def emit(data: str | bytes, output: Path | None, *, inputs: Sequence[Path | str] = ()) -> None:
    """Text to stdout, or anything to `output` (atomically)."""
    if output is not None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        write_bytes_atomic(output, data, inputs=inputs)
        return
    if isinstance(data, bytes):
        raise OutputError("-o", "this format is not text: give -o FILE")
    try:
        sys.stdout.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # `duizhao … | head`: the reader has gone; not an error of ours.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:
        raise OutputError("stdout", _problem(exc)) from None
