"""Where command output goes: stdout or a file that is never one of the inputs.

Every write of every command goes through here, so a report can never replace a plan and an
unwritable path (missing folder, a directory, no permission) is one line and exit 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from duizhao.corpus.errors import InputError

BINARY = ("xlsx", "png", "svg")
"""Formats written to a file, never to stdout."""
SUFFIXES = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".png": "png",
    ".svg": "svg",
    ".txt": "terminal",
}


def pick_format(fmt: str | None, output: Path | None, kinds: Sequence[str]) -> str:
    """The output format: as given, else from the output file's extension, else the terminal."""
    if fmt and fmt not in kinds:
        raise InputError("--format", f"unknown format {fmt!r} (choose from {', '.join(kinds)})")
    kind = fmt
    if kind is None and output is not None:
        kind = SUFFIXES.get(output.suffix.lower())
        if kind is None or kind not in kinds:
            raise InputError(str(output), "cannot tell the format from the extension; add --format")
    kind = kind or "terminal"
    if kind in BINARY and output is None:
        raise InputError(f"--format {kind}", f"needs -o FILE.{kind} (it is not text)")
    return kind


def guard(output: Path, inputs: Sequence[Path | str]) -> None:
    """Refuse an output path that is one of the input files (or a folder)."""
    if output.is_dir():
        raise InputError(str(output), "is a directory; give a file name")
    target = output.resolve()
    for path in inputs:
        path = Path(path)
        same = path.resolve() == target
        if not same and output.exists() and path.exists():
            same = os.path.samefile(path, output)
        if same:
            raise InputError(str(output), "is an input file; choose another output path")


def _unwritable(output: Path, exc: OSError) -> InputError:
    return InputError(str(output), f"cannot be written ({exc.strerror or exc})")


@contextmanager
def text_stream(output: Path | None, inputs: Sequence[Path | str]) -> Iterator[TextIO]:
    """stdout, or `output` opened for UTF-8 text after the input check."""
    if output is None:
        yield sys.stdout
        return
    guard(output, inputs)
    try:
        handle = output.open("w", encoding="utf-8")
    except OSError as exc:
        raise _unwritable(output, exc) from None
    with handle:
        yield handle


def write_text(text: str, output: Path | None, inputs: Sequence[Path | str]) -> None:
    """Write text to stdout or to `output`."""
    with text_stream(output, inputs) as handle:
        handle.write(text)


def write_file(
    writer: Callable[[Path], None], output: Path | None, inputs: Sequence[Path | str], what: str
) -> None:
    """Run a writer of a binary file (xlsx, png) on `output`, after the input check."""
    if output is None:
        raise InputError(f"--format {what}", f"needs -o FILE.{what} (it is not text)")
    guard(output, inputs)
    try:
        writer(output)
    except OSError as exc:
        raise _unwritable(output, exc) from None
