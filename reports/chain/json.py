"""A chain as `duizhao/chain@1` JSON: the plans, each comparison, the trace and the origins."""

from __future__ import annotations

from typing import Any

from duizhao.compare.chain import Chain
from duizhao.reports.pair.json import compare_dict
from duizhao.reports.plan.json import plan_dict

SCHEMA = "duizhao/chain@1"


def chain_dict(chain: Chain) -> dict[str, Any]:
    """The chain in the `duizhao/chain@1` shape; each comparison also names its plan indexes."""
    return {
        "schema": SCHEMA,
        "plans": [plan_dict(p) for p in chain.plans],
        "pairs": [
            {**compare_dict(r), "parent_index": i, "child_index": i + 1}
            for i, r in enumerate(chain.pairs)
        ],
        "direct": [
            {**compare_dict(r), "parent_index": k, "child_index": i} for k, i, r in chain.direct
        ],
        "trace": [
            {
                "measure": t.measure,
                "label": t.label,
                "title": t.title,
                "levels": [
                    {
                        "plan": lv.plan,
                        "status": lv.status,
                        "via": list(lv.via),
                        "against": lv.against,
                    }
                    for lv in t.levels
                ],
                "lost_at": t.lost_at,
                "restored_at": t.restored_at,
            }
            for t in chain.trace
        ],
        "origins": [
            {"plan": o.plan, "measure": o.measure, "origin": o.origin} for o in chain.origins
        ],
        "notes": list(chain.notes),
    }
