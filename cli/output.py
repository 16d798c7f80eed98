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
