"""Reading plans from git: the repository's top folder and a file as it was at a revision.

Git runs with a timeout, no terminal prompt and no pager, and a blob's size is asked
(`git cat-file -s`) before its bytes are read, so a hostile revision can neither hang the
check nor exhaust memory. Nothing is checked out: the blob is parsed from a temporary copy.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from duizhao.corpus import children
from duizhao.corpus.errors import InputError, LimitError
from duizhao.corpus.model import Plan
from duizhao.corpus.readers import MAX_BYTES

TIMEOUT = 30.0
"""Seconds any one git command may take."""
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run git in `folder`; None when git is missing or cannot run there."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
            timeout=TIMEOUT,
            env={**os.environ, **_ENV},
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            f"git {args[0]}", "took over {timeout:.0f} s; gave up", timeout=TIMEOUT
        ) from None
    except OSError:
        return None


def git_root(folder: Path) -> Path | None:
    """The repository's top folder (resolved), or None outside a git repository."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done is None or done.returncode != 0:
        return None
    top = os.fsdecode(done.stdout.rstrip(b"\n"))
    return Path(top).resolve() if top else None


def _valid_rev(rev: str) -> bool:
    return bool(rev.strip()) and not rev.startswith("-") and rev.isprintable() and ":" not in rev


def show(folder: Path, rev: str, path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `path` (absolute) at revision `rev`, without a checkout; bounded by `limit`."""
    if not _valid_rev(rev):
        raise InputError("--baseline", "{rev!r} is not a revision", rev=rev)
    root = git_root(folder)
    if root is None:
        raise InputError(
            "--baseline", "{folder} is not in a git repository (or git is missing)", folder=folder
        )
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if done is None or done.returncode != 0:
        raise InputError(
            "--baseline", "unknown revision {rev!r} in the repository at {root}", rev=rev, root=root
        )
    commit = done.stdout.decode("ascii", "replace").strip()
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise InputError(path, "is outside the git repository at {root}", root=root) from None
    spec = f"{commit}:{relative}"
    size = _git(root, "cat-file", "-s", spec)
    if size is None or size.returncode != 0:
        raise InputError(
            "--baseline",
            "{relative} does not exist at revision {rev!r}",
            relative=relative,
            rev=rev,
        )
    if int(size.stdout.strip() or 0) > limit:
        raise LimitError(
            f"{rev}:{relative}", "is larger than {size} MB", size=limit // (1024 * 1024)
        )
    blob = _git(root, "cat-file", "blob", spec)
    if blob is None or blob.returncode != 0:
        raise InputError(
            "--baseline",
            "{relative} cannot be read at revision {rev!r}",
            relative=relative,
            rev=rev,
        )
    return blob.stdout


def read_plan_at(rev: str, path: Path, *, name: str | None = None) -> Plan:
    """The plan at `path` as it was at `rev` (read through a temporary file of the same suffix)."""
    from duizhao.corpus import load_plan

    folder = next((p for p in path.parents if p.is_dir()), Path.cwd())
    data = show(folder, rev, path)
    children.sweep("baseline")  # copies left by a run that was killed outright
    with tempfile.TemporaryDirectory(prefix=children.temp_prefix("baseline")) as tmp:
        copy = Path(tmp) / f"baseline{path.suffix}"
        copy.write_bytes(data)
        return load_plan(copy, name=name or f"{rev}:{path.name}")
