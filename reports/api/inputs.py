"""Where a plan comes from in a library call: a path, bytes with a file name, text, or a plan.

`read_plan` turns any of them into a `Plan`, served from the cache when the same bytes were
read before. A `str` is a path (as `open` takes it); text and in-memory files say what they
are by their type, so nothing is guessed from a string's content.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeAlias

from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Plan

PathLike: TypeAlias = str | os.PathLike[str]


@dataclass(frozen=True)
class PlanBytes:
    """A plan file held in memory (an upload): its bytes, and the file name its extension and
    every message come from. Read exactly as the file on disk would be (bounded, format
    sniffed from the bytes)."""

    data: bytes
    name: str


@dataclass(frozen=True)
class PlanText:
    """A plan as plain text, one paragraph a line, shown in messages as `name`."""

    text: str
    name: str = "<text>"


PlanSource: TypeAlias = PathLike | PlanBytes | PlanText | Plan
"""Anything the library reads a plan from."""


class SegmenterHelper(Protocol):
    """What the console script lends the library calls it makes: a second process cutting
    texts (`duizhao.cli.early_segmenter.EarlySegmenter`). A library caller passes none, and
    every text is cut in its own process: no library call starts a process by itself."""

    def start(self) -> None:
        """A plan is about to be parsed (not served from the cache): start if worth it."""

    def cut(self, texts: list[str]) -> list[list[str]]:
        """The segmenter's cut of each text (the same as `tokens.cut_here`)."""
        ...

    def idle(self) -> None:
        """Nothing to cut (every comparison came from the cache): stop what was started."""


def read_plan(
    source: PlanSource,
    *,
    name: str | None = None,
    original: bool = False,
    helper: SegmenterHelper | None = None,
) -> Plan:
    """The plan `source` holds; `name` replaces the path shown in reports and messages.

    `original=True` reads a draft with tracked changes as it was before the changes. A file
    whose bytes were read before is served from the cache (`duizhao.corpus.plan_cache`)."""
    before = helper.start if helper is not None else None
    if isinstance(source, Plan):
        return source
    if isinstance(source, PlanText):
        from duizhao.corpus.load import parse_text

        return parse_text(source.text, path=name or source.name)
    if isinstance(source, PlanBytes):
        from duizhao.corpus.plan_cache import cached_plan_data

        return cached_plan_data(
            source.data, name or source.name, original=original, before_parse=before
        )
    from duizhao.corpus.plan_cache import cached_plan

    return cached_plan(os.fspath(source), name=name, original=original, before_parse=before)


def read_plans(
    sources: Sequence[PlanSource], *, original: bool = False, helper: SegmenterHelper | None = None
) -> list[Plan]:
    """`read_plan` of each source; the same file given twice is refused (compare different
    plans)."""
    distinct_paths(s for s in sources if isinstance(s, str | os.PathLike))
    return [read_plan(s, original=original, helper=helper) for s in sources]


def distinct_paths(paths: Iterable[PathLike]) -> None:
    """InputError naming the second of two paths that lead to the same file."""
    seen: set[Path] = set()
    for path in paths:
        try:
            resolved = Path(path).resolve()
        except (OSError, RuntimeError):
            resolved = Path(os.path.abspath(path))
        if resolved in seen:
            raise InputError(path, "is given twice: compare different plans")
        seen.add(resolved)


def sample_paths() -> list[Path]:
    """The files of the bundled demo pair (Hubei province → Gaoxin district), parent first."""
    from duizhao.corpus.samples import DEMO_PAIR, sample_path

    return [sample_path(n) for n in DEMO_PAIR]


def read_sample(name: str, *, helper: SegmenterHelper | None = None) -> Plan:
    """A bundled sample plan (hubei, gaoxin, yaohai), named by its file name."""
    from duizhao.corpus.samples import SAMPLES, sample_path

    return read_plan(sample_path(name), name=SAMPLES[name], helper=helper)
