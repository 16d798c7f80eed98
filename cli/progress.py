"""A progress bar on stderr that appears only once a job has run for more than a second.

Labels are messages (`N_`) shown in the command's language; no bar under `--quiet`, on a
stream that is not a terminal, or under TERM=dumb."""

from __future__ import annotations

import sys
import time
from typing import Any

DELAY = 1.0
"""Seconds before the bar appears: quick jobs print nothing."""


class DelayedBar:
    """Call it with (done, total) as work advances; use it as a context manager to close it.

    It draws only on a terminal (or when `enabled` is forced) and never starts a refresh thread:
    folder commands fork worker processes, and a thread holding a lock must not be copied.
    """

    def __init__(self, label: str, *, enabled: bool | None = None) -> None:
        from duizhao.cli.session import SESSION, interactive
        from duizhao.reports.common.i18n import gettext_for

        self.label = gettext_for(SESSION.lang)(label)
        self.enabled = interactive(sys.stderr) if enabled is None else enabled
        self.started = time.monotonic()
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> DelayedBar:
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < DELAY:
            return
        if self.progress is None:
            if done >= total:
                return
            self._start(total)
        self.progress.update(self.task, completed=done, total=total)
        self.progress.refresh()

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from duizhao.cli.session import color_on

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True, no_color=not color_on(sys.stderr)),
            transient=True,
            auto_refresh=False,
        )
        self.progress.start()
        self.task = self.progress.add_task(self.label, total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


class PageBar:
    """The OCR reader's progress (pages done / total) as a `DelayedBar` per scanned file.

    Given to `duizhao.corpus.readers.ocr.set_progress`; each file's first page opens a new bar
    and its last closes it. A bar that cannot be drawn (another live display) is skipped:
    progress never stops a reading."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: DelayedBar | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None or done <= 1:
            self.bar = DelayedBar(self.label)
        try:
            self.bar(done, total)
        except Exception:  # rich refuses a second live display: no bar, same reading
            self.bar.enabled = False
        if done >= total:
            self.bar.close()
            self.bar = None
