"""The chain bench's generator: a three-level chain whose losses and restoration are traced right."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import hard_chain  # noqa: E402


def test_generated_chain_losses_and_restorations_are_traced_at_their_level():
    province = generate.load_samples()["yaohai"]
    case = hard_chain.chain_case(province, 11)
    # The gold has a loss at the city that stays lost, one restored by the district, and one
    # loss at the district; the texts are really three different plans.
    assert 1 in case.lost_at and 2 in case.lost_at and 2 in case.restored_at
    assert len(set(case.texts)) == 3
    assert case.texts[1].startswith(tuple(f"{c}州市" for c in generate.CITY_FIRST))
    assert hard_chain.chain_case(province, 11) == case  # deterministic
    lost, restored, count = hard_chain.trace_case(case)
    assert count == len(case.lost_at)
    assert lost == list(case.lost_at)
    assert restored == list(case.restored_at)


def test_chain_scores_count_a_wrong_trace():
    r = {"chains": 1, "measures": 4, "lost_accuracy": 0.75, "restored": (1, 1, 0), "wrong": []}
    assert hard_chain.chain_missed(r) == [
        "chain lost_at accuracy 0.750 < 0.95",
        "chain restored_at P 0.500 < 0.95",
    ]
