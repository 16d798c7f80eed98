"""A folder of page images read as one scanned plan: its pages in natural name order.

A plan scanned page by page often arrives as `page1.png … page12.png`. Such a folder, given
where a plan file is expected, is one plan: its regular files must all be page images (hidden
files aside) and are read in natural order (page2 before page10). Anything else in it (a
text file, a subfolder) is refused rather than guessed at, since a folder of plans is what
`--corpus` and `corpus scan` read.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from duizhao.corpus.errors import InputError, display_path, os_reason
from duizhao.corpus.limits import read_bounded
from duizhao.corpus.readers.ocr.pages import PageSource, check_page_count, open_pages

PAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def is_folder(path: str | Path) -> bool:
    """Whether `path` names a folder (following links; False when it cannot be stat'ed)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def page_files(folder: Path) -> list[Path]:
    """The page images of `folder` in natural name order; InputError naming the folder when
    it holds anything else or no page image."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(
                (e for e in found if not e.name.startswith(".")), key=lambda e: natural_key(e.name)
            )
    except OSError as exc:
        raise InputError(folder, "cannot be read ({reason})", reason=os_reason(exc)) from None
    others = [
        e.name + ("/" if e.is_dir() else "")
        for e in entries
        if not (e.is_file() and Path(e.name).suffix.lower() in PAGE_SUFFIXES)
    ]
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise InputError(
            folder,
            "is a folder holding other than page images ({shown}); a folder is read as one scanned plan only when it holds page images alone ({page_suffixes})",
            shown=shown,
            page_suffixes=" ".join(PAGE_SUFFIXES),
        )
    if not entries:
        raise InputError(
            folder,
            "is a folder with no page images ({page_suffixes}) in it",
            page_suffixes=" ".join(PAGE_SUFFIXES),
        )
    return [Path(folder) / e.name for e in entries]


def natural_key(name: str) -> tuple:
    """Sort key putting `page2` before `page10`; ties broken by the name itself."""
    parts = re.split(r"(\d+)", name.casefold())
    return tuple((1, int(p), "") if p.isdigit() else (0, 0, p) for p in parts), name


def open_folder(folder: Path) -> tuple[PageSource, str]:
    """The folder's pages (counted and bounded like one file's, `MAX_OCR_PAGES` over them all)
    and one hash of the pages' names and contents in reading order, for the plan's `sha256`."""
    files = page_files(folder)
    name = display_path(folder)
    digest = hashlib.sha256()
    count = 0
    for path in files:
        data = read_bounded(path)
        digest.update(display_path(path.name).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(data).digest())
        count += open_pages(display_path(path), data, "image").count
        check_page_count(name, count)
    return PageSource(name, b"", "folder", count, tuple(files)), digest.hexdigest()
