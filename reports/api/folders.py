"""Folders of plans as library calls: index one, find a plan's chain in it, line up a matrix.

The work is spread over worker processes (or a Dask cluster) only when the caller asks for
it (`workers`, `dask`); each task is a module-level function of `tasks`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from duizhao.compare import Settings
from duizhao.corpus.errors import InputError
from duizhao.reports.api.inputs import PathLike, read_plan
from duizhao.reports.api.pairs import Progress

if TYPE_CHECKING:
    from duizhao.compare.matrix import Matrix
    from duizhao.compare.notes import Note
    from duizhao.corpus.scan import Index, Mapper


def scan(
    folder: PathLike,
    *,
    extra: Sequence[PathLike] = (),
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
) -> Index:
    """Index every plan file under `folder`: metadata, declared parents, files not read."""
    from duizhao.corpus.scan import scan_folder

    return scan_folder(
        os.fspath(folder), extra=[Path(p) for p in extra], mapper=_mapper(workers, dask, progress)
    )


@dataclass(frozen=True)
class Located:
    """The chain a plan declares in a folder: its files, highest level first, ending with the
    plan itself, and what the folder has to say about them (copies of one plan, and which
    was chosen)."""

    files: tuple[Path, ...]
    notes: tuple[str, ...]


def locate_chain(
    folder: PathLike,
    child: PathLike,
    *,
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
) -> Located:
    """The plans above `child` in `folder`, found by the parents each declares; compare them
    with `compare` (two files) or `compare_chain` (more), and add the notes (`with_notes`)."""
    from duizhao.corpus.scan import find_chain

    index = scan(folder, extra=[child], workers=workers, dask=dask, progress=progress)
    files = find_chain(index, os.fspath(child))
    notes = duplicate_notes(index, [index.key_of(f) for f in files[:-1]])
    return Located(tuple(Path(f) for f in files), tuple(notes))


def duplicate_notes(index: Index, keys: Sequence[str]) -> list[Note]:
    """A note for each plan used that the folder holds more than once: which file was chosen."""
    from duizhao.compare.notes import note

    notes = []
    for dup in index.duplicates:
        if dup.chosen in keys:
            others = ", ".join(dup.others)
            notes.append(
                note(
                    "{chosen} was chosen among copies of the same plan ({others}): {reason}",
                    chosen=dup.chosen,
                    others=others,
                    reason=dup.reason,
                )
            )
    return notes


def matrix(
    folder: PathLike,
    parent: PathLike,
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
    index: Index | None = None,
) -> Matrix:
    """Compare every plan of `folder` deriving from `parent` with it; line the answers up."""
    from duizhao.corpus.parallel_dask import dask_session

    with dask_session(dask):
        return _matrix(folder, parent, settings or Settings(), workers, dask, progress, index)


def _matrix(
    folder: PathLike,
    parent: PathLike,
    settings: Settings,
    workers: int | None,
    dask: str | None,
    progress: Progress | None,
    index: Index | None,
) -> Matrix:
    from duizhao.compare.matrix import Column, build_matrix
    from duizhao.corpus.parallel import run_tasks
    from duizhao.reports.api.tasks import apply, compare_column, forget

    if index is None:
        index = scan(folder, extra=[parent], workers=workers, dask=dask)
    name, _ = index.readable(os.fspath(parent))
    children = index.descendants(name)
    if not children:
        raise InputError(
            parent, "no plan in {root} declares it as a parent (directly or above)", root=index.root
        )
    parent_file = str(index.file(name))
    tasks = [
        (compare_column, (parent_file, name, str(index.file(c.path)), c.path, settings))
        for c in children
    ]
    try:
        answers = run_tasks(apply, tasks, workers=workers, dask=dask, progress=progress)
    finally:
        forget()  # the tasks ran here when there was one worker: no memo outlives the call
    columns = [a for a in answers if isinstance(a, Column)]
    notes = [a for a in answers if isinstance(a, str)]
    notes += duplicate_notes(index, [name])
    return build_matrix(read_plan(parent_file, name=name), columns, notes)


def matrix_inputs(result: Matrix, folder: PathLike) -> list[Path]:
    """Files a matrix was built from (its report must never be written over them)."""
    return [Path(folder) / result.parent_path, *(Path(folder) / c.path for c in result.columns)]


def _mapper(workers: int | None, dask: str | None, progress: Progress | None) -> Mapper:
    """A `scan_folder` mapper running its calls as tasks (local processes or Dask)."""
    from duizhao.corpus.parallel import run_tasks
    from duizhao.reports.api.tasks import apply

    def run(fn: Callable[..., Any], args: Sequence[tuple]) -> list:
        return run_tasks(
            apply, [(fn, a) for a in args], workers=workers, dask=dask, progress=progress
        )

    return run
