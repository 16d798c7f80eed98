"""Parent-side results: each parent measure's coverage, status and closest child measure."""

from __future__ import annotations

import numpy as np

from duizhao.compare import classify
from duizhao.compare.align import Alignment
from duizhao.compare.links import LinkSet
from duizhao.compare.result import ParentResult, ParentStatus
from duizhao.compare.settings import Settings
from duizhao.corpus.model import Node


def parent_results(
    pm: list[Node], cm: list[Node], chosen: LinkSet, s: Settings
) -> list[ParentResult]:
    """One ParentResult per parent measure, in document order.

    A status needs carriers (issue 19): a parent measure's coverage is credited only from the
    clauses of the child measures linked to it, and one no child measure links to is dropped
    however much of its wording echoes elsewhere in the child — those echoes are credited to
    the parent measures their own measures restate, and counting them twice is how a measure
    the district never took up was reported partly carried (and a chain lost it a level too
    low). A dropped measure names the child measure holding the largest part of it, when that
    part reaches `closest_min_share`: the near-miss, as evidence for the reader, not a link."""
    al: Alignment = chosen.alignment
    carriers: dict[int, list[int]] = {}
    for link in chosen.links:
        carriers.setdefault(link.parent, []).append(link.child)
    out = []
    for i, node in enumerate(pm):
        coverage = al.carried_by(i, sorted(carriers.get(i, [])))
        status = classify.parent_status(coverage, s, linked=i in carriers)
        closest, closest_score = None, 0.0
        if status == ParentStatus.DROPPED and len(cm):
            k = int(np.argmax(al.parent_share[i]))
            if al.parent_share[i, k] >= s.closest_min_share:
                closest, closest_score = cm[k].id, round(float(al.parent_share[i, k]), 4)
        out.append(ParentResult(node, status, round(coverage, 4), closest, closest_score))
    return out
