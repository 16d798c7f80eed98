"""Comparisons as library calls: a pair, a chain, two drafts, one draft's tracked changes.

One function per kind of result, each with one return type: `compare` → `Comparison`,
`compare_chain` → `Chain`, `compare_revision` and `compare_tracked` → a `Comparison` whose
`revision` is set. Plans come as anything `inputs.read_plan` takes. Every comparison goes
through `compare_cached`: the result of the very same comparison is served from the cache
(`result_cache`), else the engine runs with cached tokens (`tokens`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from duizhao.compare import Comparison, Settings
from duizhao.compare.chain import Chain
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Plan
from duizhao.reports.api import result_cache
from duizhao.reports.api.inputs import PlanSource, SegmenterHelper, read_plan, read_plans
from duizhao.reports.api.tokens import tokenize

R = TypeVar("R", Comparison, Chain)

Progress = Callable[[int, int], None]
"""`progress(done, total)`: called as blocks of clauses are scored."""


def compare(
    parent: PlanSource,
    child: PlanSource,
    *,
    settings: Settings | None = None,
    original: bool = False,
    progress: Progress | None = None,
    helper: SegmenterHelper | None = None,
) -> Comparison:
    """What `child` did to `parent`: each parent measure carried, partly carried or dropped,
    each child measure inherited, modified, added, moved, merged, split, owners changed.

    `original=True` reads drafts with tracked changes as they were before the changes.
    `helper` is for the console script (see `inputs.SegmenterHelper`)."""
    parent_plan, child_plan = read_plans([parent, child], original=original, helper=helper)
    return compare_cached(parent_plan, child_plan, settings, progress=progress, helper=helper)


def compare_chain(
    *plans: PlanSource,
    settings: Settings | None = None,
    original: bool = False,
    helper: SegmenterHelper | None = None,
) -> Chain:
    """Each adjacent pair of a chain (province → city → district …, highest level first)
    compared, and every measure traced down it: where it was lost, where restored."""
    if len(plans) < 2:
        raise InputError(
            "compare_chain", "needs at least two plans (got {count})", count=len(plans)
        )
    from duizhao.compare.chain import compare_chain as trace

    read = read_plans(plans, original=original, helper=helper)
    chosen = settings or Settings()
    return trace(read, chosen, partial(compare_cached, settings=chosen, helper=helper))


def compare_revision(
    old: PlanSource,
    new: PlanSource,
    *,
    settings: Settings | None = None,
    original: bool = False,
    progress: Progress | None = None,
    helper: SegmenterHelper | None = None,
) -> Comparison:
    """Two drafts of one plan: what NEW deleted, added and rewrote of OLD (the 修改对照表);
    `result.revision` holds what only a revision has (renumbering, renamed headings).
    `original=True` reads drafts with tracked changes as they were before the changes."""
    old_plan, new_plan = read_plans([old, new], original=original, helper=helper)
    return compare_cached(
        old_plan, new_plan, settings, revision=True, progress=progress, helper=helper
    )


def compare_tracked(
    source: PlanSource,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    helper: SegmenterHelper | None = None,
) -> Comparison:
    """One draft with tracked changes compared with itself: its text before the changes (原稿)
    against its text with them accepted (修改稿), so a reviewer sees in one call what they do.

    Raises InputError when the file holds no tracked change (there is nothing to compare)."""
    if isinstance(source, Plan):
        raise InputError(source.path, "give the file: a plan already read has one text only")
    after = read_plan(source, helper=helper)
    if not after.revisions or not after.revisions.changes:
        subject = after.path
        raise InputError(subject, "has no tracked changes: give OLD and NEW to compare two drafts")
    before = read_plan(source, original=True, helper=helper)
    # One file, two texts: the original is told apart by the hash of what it says.
    text = "\n".join(m.text for m in before.measures()).encode("utf-8")
    before = dataclasses.replace(before, sha256=hashlib.sha256(text).hexdigest())
    return compare_cached(before, after, settings, revision=True, progress=progress, helper=helper)


def compare_sample(
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    helper: SegmenterHelper | None = None,
) -> Comparison:
    """The bundled Hubei → Gaoxin comparison (`duizhao compare --sample`)."""
    from duizhao.corpus.samples import DEMO_PAIR
    from duizhao.reports.api.inputs import read_sample

    parent, child = (read_sample(n, helper=helper) for n in DEMO_PAIR)
    return compare_cached(parent, child, settings, progress=progress, helper=helper)


def compare_cached(
    parent: Plan,
    child: Plan,
    settings: Settings | None = None,
    *,
    revision: bool = False,
    progress: Progress | None = None,
    helper: SegmenterHelper | None = None,
) -> Comparison:
    """Two plans already read, compared by the engine with cached tokens, or the result of the
    very same comparison from the cache. Every library comparison ends here."""
    settings = settings or Settings()
    found = result_cache.cached(parent, child, settings, revision)
    if found is not None:
        if helper is not None:
            helper.idle()
        return found
    from duizhao.compare import compare_plans as engine_compare

    cut = tokenize if helper is None else partial(tokenize, cutter=helper.cut)
    result = engine_compare(
        parent, child, settings, revision=revision, progress=progress, tokenize=cut
    )
    result_cache.store(result, revision)
    return result


def with_notes(result: R, notes: Sequence[str]) -> R:
    """`result` with `notes` after its own (what the folder it was found in has to say)."""
    if not notes:
        return result
    return dataclasses.replace(result, notes=(*result.notes, *notes))
