"""Helper processes that die with the process that started them, and what they leave behind.

duizhao starts children (LibreOffice for a .doc, worker processes for a folder); none may
outlive it, whatever ends it. Three layers, because no one of them covers every case:

- every child asks the kernel to be killed when its parent dies (`die_with_parent`, Linux's
  PR_SET_PDEATHSIG): this covers a parent ended by SIGKILL, which runs no code at all;
- a child that starts children of its own (LibreOffice's launcher starts `soffice.bin`) runs
  in a process group of its own, recorded here (`started` / `ended`), and the groups still
  recorded are killed when the parent ends on a signal (`end_all`);
- temporary folders carry the pid of the process that made them (`temp_prefix`), so one left
  by a process that was killed outright is removed by the next run (`sweep`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

_GROUPS: set[int] = set()
"""Process groups of running children, ended by `end_all`."""
PR_SET_PDEATHSIG = 1


def alive(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    return True


def _prctl() -> Callable[..., int] | None:
    """libc's prctl, or None off Linux."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(sig: int = signal.SIGKILL, parent: int | None = None) -> None:
    """In a child: have the kernel send `sig` when the parent dies (Linux; elsewhere nothing).

    `parent` is the pid the child was started by: if it is already gone (it died before this
    call), the child ends at once."""
    death_signal(sig, parent)()


def death_signal(sig: int, parent: int | None = None) -> Callable[[], None]:
    """A `preexec_fn` for `subprocess.Popen` that arms `die_with_parent` in the child.

    Everything is looked up here, in the parent: between fork and exec the child must not
    import (another thread may have held the import lock at the fork)."""
    prctl = _prctl()
    parent = os.getpid() if parent is None else parent

    def arm() -> None:
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        if os.getppid() != parent:
            os.kill(os.getpid(), sig)

    return arm


def started(group: int) -> None:
    """Record a child's process group (its pid, when started with `start_new_session`)."""
    _GROUPS.add(group)


def ended(group: int) -> None:
    """Forget a process group that has been waited for."""
    _GROUPS.discard(group)


def end_all() -> None:
    """Kill every recorded process group (the parent is ending on a signal)."""
    for group in sorted(_GROUPS):
        with contextlib.suppress(OSError):
            os.killpg(group, signal.SIGKILL)
    _GROUPS.clear()


def temp_prefix(name: str) -> str:
    """`duizhao-NAME-PID-`: a temporary folder's prefix naming the process that owns it."""
    return f"duizhao-{name}-{os.getpid()}-"


def sweep(name: str) -> None:
    """Remove temporary folders `duizhao-NAME-PID-*` whose process no longer runs.

    Only folders owned by this user are touched (the temporary folder is shared)."""
    root = Path(tempfile.gettempdir())
    prefix = f"duizhao-{name}-"
    try:
        entries = [e for e in os.scandir(root) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        pid, dash, _ = entry.name[len(prefix) :].partition("-")
        if not (dash and pid.isdigit()) or alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if entry.is_dir(follow_symlinks=False) and info.st_uid == os.getuid():
                shutil.rmtree(entry.path, ignore_errors=True)
