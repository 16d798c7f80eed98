"""The files of a plan folder: which are read as plans, every other one with why not, duplicates.

Folders never skip silently: a file with an ending that names no plan format, a hidden file
or folder, a link to a folder (not followed, so a folder cannot loop into itself), a link
loop, a broken link, a link out of the folder or to a device, a folder that cannot be listed:
each is reported with its reason, for `corpus scan` to show.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from duizhao.corpus.errors import Message, display_path, message, os_reason
from duizhao.corpus.readers import PLAN_SUFFIXES


@dataclass(frozen=True, order=True)
class Skipped:
    """A file (or folder) of the scanned folder that was not read, and why."""

    path: str
    """Relative to the folder, posix form, printable (see `display_path`)."""
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """One plan found in several files: the file the index uses for it, and why that one."""

    chosen: str
    others: tuple[str, ...]
    reason: str


def list_files(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Plan files under `root` (by ending; the format is sniffed when read) and what was skipped."""
    files: list[Path] = []
    skipped: list[Skipped] = []

    def rel(path: Path) -> str:
        return display_path(path.relative_to(root).as_posix())

    def error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        skipped.append(
            Skipped(
                rel(where) if where != root else ".",
                message("cannot be listed ({reason})", reason=os_reason(exc)),
            )
        )

    real_root = os.path.realpath(root)
    for folder, dirs, names in os.walk(root, onerror=error):
        here = Path(folder)
        keep = []
        for d in sorted(dirs):
            path = here / d
            if d.startswith("."):
                skipped.append(Skipped(rel(path) + "/", message("hidden folder (not searched)")))
            elif path.is_symlink():
                skipped.append(Skipped(rel(path) + "/", _folder_link(path)))
            else:
                keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            path = here / name
            if name.startswith("."):
                skipped.append(Skipped(rel(path), message("hidden file")))
                continue
            problem = _not_a_file(path, real_root)
            if problem is not None:
                skipped.append(Skipped(rel(path), problem))
            elif name.lower().endswith(PLAN_SUFFIXES):
                files.append(path)
            else:
                ending = path.suffix.lower() or "(no ending)"
                supported = " ".join(PLAN_SUFFIXES)
                skipped.append(
                    Skipped(
                        rel(path),
                        message(
                            "format not supported ({ending}); plans are read from {supported}",
                            ending=ending,
                            supported=supported,
                        ),
                    )
                )
    return files, skipped


def _not_a_file(path: Path, root: str) -> Message | None:
    """Why `path` is not a regular file of the folder to read, or None when it is one.

    A link is followed only to a regular file inside the folder: a loop (a link to itself, two
    links to each other), a broken link, a link out of the folder and a link to a device or a
    pipe are listed with their reason, never opened."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return message("cannot be read ({reason})", reason=os_reason(exc))
    link = stat.S_ISLNK(mode)
    if link:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return message("link loop (not followed)")
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                return message("broken link")
            return message("cannot be read ({reason})", reason=os_reason(exc))
        if not _within(os.path.realpath(path), root):
            return message("link out of the folder (not followed)")
    if not stat.S_ISREG(mode):
        if link:
            return message("link to a device or pipe")
        return message("not a regular file (a device, pipe or socket)")
    return None


def _within(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _folder_link(path: Path) -> Message:
    """Why a link among the folders is not followed: a loop to a folder above it, or any link."""
    target = os.path.realpath(path)
    if _within(os.path.realpath(path.parent), target):
        return message("link loop (to a folder that contains it; not followed)")
    return message("link to a folder (not followed)")


FORMAT_PREFERENCE = ("docx", "doc", "wps", "odt", "pdf", "html", "md", "txt")
"""Which file stands for a plan held in several: the one keeping the most structure first
(Word's own list numbering and tables), a PDF's reflowed text next, web pages and text last."""


def _format(entry: Any) -> str:
    return entry.converted_from or entry.format or "txt"


def find_duplicates(
    entries: Sequence[Any], title_key: Callable[[str], str]
) -> tuple[Duplicate, ...]:
    """Plans with the same title, jurisdiction, period and draft status in several files.

    The chosen file is the preferred format (`FORMAT_PREFERENCE`), then the shortest path,
    then the first path; the reason says which rule decided.
    """
    groups: dict[tuple, list[Any]] = {}
    for e in entries:
        if e.error is None and e.title:
            key = (title_key(e.title), e.jurisdiction.name, e.period, e.draft)
            groups.setdefault(key, []).append(e)
    out = []
    for group in groups.values():
        if len(group) < 2:
            continue

        def rank_of(e: Any) -> tuple:
            fmt = _format(e)
            order = FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else 99
            return (order, len(e.path), e.path)

        ranked = sorted(group, key=rank_of)
        best, runner = ranked[0], ranked[1]
        if _format(best) != _format(runner):
            others = "、".join(sorted({_format(e) for e in ranked[1:]}))
            reason = message(
                "{chosen} is preferred over {others} (it keeps the most structure)",
                chosen=_format(best),
                others=others,
            )
        elif len(best.path) != len(runner.path):
            reason = message("the same format ({format}): the shortest path", format=_format(best))
        else:
            reason = message(
                "the same format ({format}): the first path in order", format=_format(best)
            )
        out.append(Duplicate(best.path, tuple(sorted(e.path for e in ranked[1:])), reason))
    return tuple(sorted(out, key=lambda d: d.chosen))
