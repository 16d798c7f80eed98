"""One draft with tracked changes compared with itself: its text before the changes (原稿)
against its text with them accepted (修改稿), so a reviewer sees in one command what they do.

Part of the library API (`duizhao.reports.api.compare_tracked`)."""

from __future__ import annotations

import dataclasses
import hashlib

from duizhao.compare import Comparison, Settings
from duizhao.corpus.errors import InputError


def compare_tracked(path, *, settings: Settings | None = None, progress=None) -> Comparison:
    """The revision `Comparison` of `path` before and after its tracked changes.

    Raises InputError when the file holds no tracked change (then there is nothing to compare)."""
    from duizhao.reports.api import EarlySegmenter, _compare_read, _read

    with EarlySegmenter() as early:
        after = _read(path, early=early)
        if not after.revisions or not after.revisions.changes:
            raise InputError(path, "has no tracked changes: give OLD and NEW to compare two drafts")
        before = _read(path, original=True, early=early)
        # One file, two texts: the original is told apart by the hash of what it says.
        text = "\n".join(m.text for m in before.measures()).encode("utf-8")
        before = dataclasses.replace(before, sha256=hashlib.sha256(text).hexdigest())
        return _compare_read(
            [before, after], settings, revision=True, progress=progress, early=early
        )
