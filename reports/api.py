"""The library API: read plans, compare them, scan folders, line up matrices, run checks.

What the `duizhao` command does, as functions a Python user calls directly; the CLI only
parses arguments, calls one of these, picks a renderer (`render`) and maps errors to exit
codes. Nothing here imports typer or rich, prints, or exits: results are returned, failures
raised as `duizhao.corpus.errors.DuizhaoError`. It sits at the top of the library pipeline
(files → corpus → compare → reports) because it uses all of it.

    from duizhao.reports.api import compare_files, render
    result = compare_files("湖北省方案.docx", "高新区方案.docx")
    print(result.summary.dropped)
    markdown = render(result, "markdown")
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from duizhao.compare import Comparison, Settings
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Plan
from duizhao.reports.early_segmenter import EarlySegmenter, discard_spare
from duizhao.reports.tokens import TOKEN_KIND, segmenter_version, tokenize

__all__ = [
    "TOKEN_KIND",
    "compare_files",
    "compare_in_corpus",
    "compare_plans",
    "compare_read",
    "compare_sample",
    "compare_tracked",  # noqa: F822  (module __getattr__ below)
    "init_check",  # noqa: F822  (module __getattr__ below)
    "matrix",
    "matrix_inputs",
    "project_defaults",
    "read_plan",
    "read_sample",
    "render",
    "run_check",  # noqa: F822  (module __getattr__ below)
    "sample_paths",
    "scan",
    "segmenter_version",
    "settings_from",
    "tokenize",
]

Progress = Callable[[int, int], None]
PathLike = str | os.PathLike[str]


_LAZY = {"run_check": "check_run", "init_check": "check_run", "compare_tracked": "tracked"}
"""Names imported from other modules of reports/ on first use (check costs ~10 ms to import)."""


def __getattr__(name: str) -> Any:
    """A name of `_LAZY`, from its module."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"duizhao.reports.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def settings_from(overrides: Mapping[str, str] | Sequence[str] | None = None) -> Settings:
    """Default settings with `name=value` overrides (from `--set` or a configuration); a name
    that is not a setting is refused with the nearest known one suggested."""
    if not overrides:
        return Settings()
    return Settings().with_overrides(
        dict(overrides) if isinstance(overrides, Mapping) else list(overrides)
    )


def project_defaults(cwd: PathLike | None = None) -> tuple[str | None, Settings, Path | None]:
    """The language and settings of the configuration that applies in `cwd` (duizhao.toml or
    [tool.duizhao] found from `cwd` up to the repository root, as `check` finds it): (lang or
    None, settings, the file or None). Without one: (None, defaults, None)."""
    from duizhao.corpus.config_file import search_config

    found = search_config(Path(cwd) if cwd is not None else Path.cwd())
    if found is None:
        return None, Settings(), None
    from duizhao.compare.check.config import project_defaults as defaults_in

    path, text = found
    lang, settings = defaults_in(text, path=path)
    return lang, settings, path


# ---------------------------------------------------------------------------------------------
# Plans


def read_plan(path: PathLike, *, name: str | None = None, original: bool = False) -> Plan:
    """The plan in a file (served from the cache when these bytes were read before)."""
    return _read(path, name=name, original=original)


def _read(
    path: PathLike,
    *,
    name: str | None = None,
    original: bool = False,
    early: EarlySegmenter | None = None,
) -> Plan:
    """`read_plan`, starting `early`'s helper when the file has to be parsed."""
    from duizhao.corpus.plan_cache import cached_plan

    before = early.start if early is not None else None
    return cached_plan(path, name=name, original=original, before_parse=before)


def sample_paths() -> list[Path]:
    """The files of the bundled demo pair (Hubei province → Gaoxin district), parent first."""
    from duizhao.corpus.samples import DEMO_PAIR, sample_path

    return [sample_path(n) for n in DEMO_PAIR]


def read_sample(name: str) -> Plan:
    """A bundled sample plan (hubei, gaoxin, yaohai), named by its file name."""
    return _read_sample(name)


def _read_sample(name: str, early: EarlySegmenter | None = None) -> Plan:
    from duizhao.corpus.samples import SAMPLES, sample_path

    return _read(sample_path(name), name=SAMPLES[name], early=early)


def _distinct(paths: Sequence[PathLike]) -> list[Path]:
    seen: dict[Path, PathLike] = {}
    for path in paths:
        try:
            resolved = Path(path).resolve()
        except (OSError, RuntimeError):
            resolved = Path(os.path.abspath(path))
        if resolved in seen:
            raise InputError(path, "is given twice: compare different plans")
        seen[resolved] = path
    return [Path(p) for p in paths]


# ---------------------------------------------------------------------------------------------
# Comparisons


def compare_plans(
    parent: Plan,
    child: Plan,
    settings: Settings | None = None,
    *,
    revision: bool = False,
    progress: Progress | None = None,
) -> Comparison:
    """Compare two plans already read: the engine with the cached segmenter, or the result
    of the very same comparison from the cache (`reports.result_cache`)."""
    return _compare_pair(parent, child, settings, revision=revision, progress=progress)


def _compare_pair(
    parent: Plan,
    child: Plan,
    settings: Settings | None,
    *,
    revision: bool = False,
    progress: Progress | None = None,
    early: EarlySegmenter | None = None,
) -> Comparison:
    """`compare_plans`, with clause texts cut by `early`'s helper process when it runs."""
    from duizhao.reports import result_cache

    settings = settings or Settings()
    found = result_cache.cached(parent, child, settings, revision)
    if found is not None:
        if early is not None:
            # Nothing to segment: a spare helper forked at start-up stops now, not at exit.
            discard_spare()
        return found
    from duizhao.compare import compare_plans as engine_compare

    cut = tokenize if early is None else partial(tokenize, cutter=early.cut)
    result = engine_compare(
        parent, child, settings, revision=revision, progress=progress, tokenize=cut
    )
    result_cache.store(result, revision)
    return result


def compare_files(
    *paths: PathLike,
    settings: Settings | None = None,
    revision: bool = False,
    original: bool = False,
    progress: Progress | None = None,
):
    """Compare PARENT CHILD (a `Comparison`), or a chain P0 P1 P2 … (a `Chain`).

    Paths come highest level first (or OLD NEW with `revision=True`). `original=True` reads
    drafts with tracked changes as they were before the changes.
    """
    if len(paths) < 2:
        raise InputError("compare", f"needs PARENT and CHILD (got {len(paths)} file(s))")
    if revision and len(paths) != 2:
        raise InputError("--revision", f"compares OLD and NEW (got {len(paths)} files)")
    files = _distinct(paths)
    with EarlySegmenter() as early:
        plans = [_read(p, original=original, early=early) for p in files]
        return _compare_read(plans, settings, revision=revision, progress=progress, early=early)


def compare_read(
    plans: Sequence[Plan],
    *,
    settings: Settings | None = None,
    revision: bool = False,
    progress: Progress | None = None,
):
    """Compare plans already read: a pair gives a `Comparison`, three or more a `Chain`."""
    return _compare_read(plans, settings, revision=revision, progress=progress)


def _compare_read(
    plans: Sequence[Plan],
    settings: Settings | None,
    *,
    revision: bool = False,
    progress: Progress | None = None,
    early: EarlySegmenter | None = None,
):
    settings = settings or Settings()
    if len(plans) == 2:
        return _compare_pair(
            plans[0], plans[1], settings, revision=revision, progress=progress, early=early
        )
    from duizhao.compare.chain import compare_chain

    return compare_chain(
        list(plans), settings, lambda p, c: _compare_pair(p, c, settings, early=early)
    )


def compare_sample(*, settings: Settings | None = None, progress: Progress | None = None):
    """The bundled Hubei → Gaoxin comparison."""
    from duizhao.corpus.samples import DEMO_PAIR

    with EarlySegmenter() as early:
        parent, child = (_read_sample(n, early) for n in DEMO_PAIR)
        return _compare_pair(parent, child, settings, progress=progress, early=early)


# ---------------------------------------------------------------------------------------------
# Folders


def _mapper(workers: int | None, dask: str | None, progress: Progress | None):
    """A `scan_folder` mapper running its calls as tasks (local processes or Dask)."""
    from duizhao.corpus.parallel import run_tasks
    from duizhao.reports.tasks import apply

    def run(fn: Callable[..., Any], args: Sequence[tuple]) -> list:
        return run_tasks(
            apply, [(fn, a) for a in args], workers=workers, dask=dask, progress=progress
        )

    return run


def scan(
    folder: PathLike,
    *,
    extra: Sequence[PathLike] = (),
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
):
    """Index every plan file under `folder`: metadata, declared parents, files not read."""
    from duizhao.corpus.scan import scan_folder

    return scan_folder(
        folder, extra=[Path(p) for p in extra], mapper=_mapper(workers, dask, progress)
    )


def compare_in_corpus(
    folder: PathLike,
    child: PathLike,
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
):
    """Find the chain `child` declares in `folder` and compare it (a pair or a chain)."""
    from duizhao.corpus.scan import find_chain

    index = scan(folder, extra=[child], workers=workers, dask=dask, progress=progress)
    files = find_chain(index, child)
    with EarlySegmenter() as early:
        plans = [_read(f, name=str(f), early=early) for f in files]
        result = _compare_read(plans, settings, early=early)
    return _with_notes(result, duplicate_notes(index, [index.key_of(f) for f in files[:-1]]))


def duplicate_notes(index, keys: Sequence[str]) -> list[str]:
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


def _with_notes(result, notes: Sequence[str]):
    from dataclasses import replace

    if not notes:
        return result
    return replace(result, notes=(*result.notes, *notes))


def matrix(
    folder: PathLike,
    parent: PathLike,
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
    index=None,
):
    """Compare every plan of `folder` deriving from `parent` with it; line the answers up."""
    from duizhao.corpus.parallel_dask import dask_session

    with dask_session(dask):
        return _matrix(folder, parent, settings, workers, dask, progress, index)


def _matrix(
    folder: PathLike,
    parent: PathLike,
    settings: Settings | None,
    workers: int | None,
    dask: str | None,
    progress: Progress | None,
    index,
):
    from duizhao.compare.matrix import Column, build_matrix
    from duizhao.corpus.parallel import run_tasks
    from duizhao.reports.tasks import apply, compare_column

    settings = settings or Settings()
    if index is None:
        index = scan(folder, extra=[parent], workers=workers, dask=dask)
    name, _ = index.readable(parent)
    children = index.descendants(name)
    if not children:
        raise InputError(
            parent, f"no plan in {index.root} declares it as a parent (directly or above)"
        )
    parent_file = str(index.file(name))
    tasks = [
        (compare_column, (parent_file, name, str(index.file(c.path)), c.path, settings))
        for c in children
    ]
    answers = run_tasks(apply, tasks, workers=workers, dask=dask, progress=progress)
    columns = [a for a in answers if isinstance(a, Column)]
    notes = [a for a in answers if isinstance(a, str)]
    notes += duplicate_notes(index, [name])
    return build_matrix(read_plan(parent_file, name=name), columns, notes)


def matrix_inputs(result, folder: PathLike) -> list[Path]:
    """Files a matrix was built from (its report must never be written over them)."""
    return [Path(folder) / result.parent_path, *(Path(folder) / c.path for c in result.columns)]


# ---------------------------------------------------------------------------------------------
# Rendering


def render(result, fmt: str, *, lang: str = "zh", **options) -> str | bytes:
    """Any result in any of its formats (see `duizhao.reports.render`)."""
    from duizhao.reports.render import render as _render

    return _render(result, fmt, lang=lang, **options)
