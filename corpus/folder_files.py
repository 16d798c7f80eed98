"""The files of a plan folder: which are read as plans, every other one with why not, duplicates.

Folders never skip silently: a file with an ending that names no plan format, a hidden file
or folder, a link to a folder (not followed, so a folder cannot loop into itself), a folder
that cannot be listed: each is reported with its reason, for `corpus scan` to show.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from duizhao.corpus.errors import display_path
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
            Skipped(rel(where) if where != root else ".", f"cannot be listed ({exc.strerror})")
        )

    for folder, dirs, names in os.walk(root, onerror=error):
        here = Path(folder)
        keep = []
        for d in sorted(dirs):
            path = here / d
            if d.startswith("."):
                skipped.append(Skipped(rel(path) + "/", "hidden folder (not searched)"))
            elif path.is_symlink():
                skipped.append(Skipped(rel(path) + "/", "link to a folder (not followed)"))
            else:
                keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            path = here / name
            if name.startswith("."):
                skipped.append(Skipped(rel(path), "hidden file"))
            elif name.lower().endswith(PLAN_SUFFIXES):
                files.append(path)
            else:
                skipped.append(Skipped(rel(path), _why(path)))
    return files, skipped


def _why(path: Path) -> str:
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(mode) and not path.exists():
        return "broken link"
    if not stat.S_ISREG(os.stat(path).st_mode):
        return "not a regular file"
    ending = path.suffix.lower() or "(no ending)"
    return f"format not supported ({ending}); plans are read from {' '.join(PLAN_SUFFIXES)}"


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
            reason = f"{_format(best)} is preferred over {others} (it keeps the most structure)"
        elif len(best.path) != len(runner.path):
            reason = f"the same format ({_format(best)}): the shortest path"
        else:
            reason = f"the same format ({_format(best)}): the first path in order"
        out.append(Duplicate(best.path, tuple(sorted(e.path for e in ranked[1:])), reason))
    return tuple(sorted(out, key=lambda d: d.chosen))
