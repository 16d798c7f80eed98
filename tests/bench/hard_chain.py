"""The chain bench: province → city → district chains with losses at the city, restorations below.

A bundled sample is the province plan. The city plan keeps most of its measures (lightly or hard
reworded and localised by hard.py's `_Hard`), drops some for good and drops others that the
district plan then restores from the province text (localised to the district); the district also
drops a few of the city's measures. Gold per province measure: `lost_at` (1 city, 2 district,
None) and `restored_at` (2 or None), as in the `duizhao/chain@1` trace. Scored: lost_at accuracy
and restored_at precision / recall of duizhao's `compare_chain`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generate import CITY_FIRST, Localiser
from hard import _Hard
from hard_text import _body, _render, _sections, picker

from duizhao.compare.chain import compare_chain
from duizhao.compare.settings import Settings
from duizhao.corpus import parse_plan
from duizhao.corpus.model import Plan


@dataclass(frozen=True)
class ChainCase:
    texts: tuple[str, str, str]
    """Province, city and district plan texts."""
    lost_at: tuple[int | None, ...]
    restored_at: tuple[int | None, ...]
    """Gold per province measure, in the province plan's order."""


def chain_case(plan: Plan, seed: int) -> ChainCase:
    """One three-level chain derived from `plan` with seed `seed` (deterministic)."""
    hard = _Hard(plan, seed)  # the district: its name, rng, light/heavy rewording
    rng = hard.rng
    secs = _sections(plan)
    flat = [m for _, ms in secs for m in ms]
    n = len(flat)
    index = {m.id: k for k, m in enumerate(flat)}
    order = list(range(n))
    rng.shuffle(order)
    roles: dict[int, str] = {}
    pick = picker(order, roles)
    pick("lost", rng.randint(1, 2))  # dropped by the city, not restored
    pick("restored", rng.randint(1, 2))  # dropped by the city, restored by the district
    pick("district_drops", rng.randint(1, 2))  # carried by the city, dropped by the district
    pick("heavy", rng.randint(1, 2))  # carried by the city, hard reworded
    # The city: the district's own rewording machinery with city names and city level words.
    city_short = rng.choice(CITY_FIRST) + "州"
    city = _Hard(plan, seed + 1)
    loc = Localiser.build([plan], city_short + "市", city_short)
    city.localise = Localiser(loc.names, tuple((p, r.replace("区", "市")) for p, r in loc.rules))
    city_secs, city_of = [], {}
    for h, ms in secs:
        kept = []
        for m in ms:
            k = index[m.id]
            role = roles.get(k, "copy")
            if role in ("lost", "restored"):
                continue
            city_of[k] = len(kept), len(city_secs)
            kept.append(city.heavy(_body(m)) if role == "heavy" else city.light(_body(m)))
        city_secs.append((h, kept))
    province_text = _render(
        plan.title or "法治社会建设实施方案",
        "为加快建设法治社会，制定本方案。",
        [(h, [_body(m) for m in ms]) for h, ms in secs],
    )
    city_text = _render(
        f"{city_short}市法治社会建设实施方案",
        f"为深入贯彻落实《{plan.title}》精神，结合我市实际，制定本方案。",
        [s for s in city_secs if s[1]],
    )
    city_plan = parse_plan(city_text, path=f"chain/{seed}-city.txt")
    hard.localise = Localiser.build([city_plan, plan], hard.name, hard.short)
    district_secs = []
    for (h, ms), (_, city_texts) in zip(secs, city_secs, strict=True):
        out = []
        for m in ms:
            k = index[m.id]
            role = roles.get(k, "copy")
            if role == "restored":
                out.append(hard.light(_body(m)))
            elif k in city_of and role != "district_drops":
                out.append(hard.light(city_texts[city_of[k][0]]))
        district_secs.append((h, out))
    district_text = _render(
        f"{hard.name}法治社会建设实施方案",
        f"为深入贯彻落实《{city_short}市法治社会建设实施方案》精神，结合我区实际，制定本方案。",
        [s for s in district_secs if s[1]],
    )
    lost = {"lost": 1, "restored": 1, "district_drops": 2}
    return ChainCase(
        (province_text, city_text, district_text),
        tuple(lost.get(roles.get(k, "copy")) for k in range(n)),
        tuple(2 if roles.get(k) == "restored" else None for k in range(n)),
    )


def trace_case(case: ChainCase, name: str = "chain"):
    """duizhao's trace of the case: (lost_at, restored_at) per province measure."""
    plans = [
        parse_plan(text, path=f"{name}-{level}.txt")
        for text, level in zip(case.texts, ("province", "city", "district"), strict=True)
    ]
    chain = compare_chain(plans, Settings())
    lost = [t.lost_at for t in chain.trace]
    return lost, [t.restored_at for t in chain.trace], len(plans[0].measures())


def bench_chains(n: int, seed: int, samples: dict[str, Plan]) -> dict:
    """Score duizhao's chain trace on `n` generated chains (samples in turn as the province)."""
    names = sorted(samples)
    lost_ok = lost_total = tp = fp = fn = 0
    lost_wrong: list[str] = []
    for i in range(n):
        name = names[i % len(names)]
        case = chain_case(samples[name], seed + 1000 * i + 7)
        lost, restored, count = trace_case(case, f"chain/{i:03d}")
        if count != len(case.lost_at):
            lost_wrong.append(f"chain {i} ({name}): parsed {count} province measures")
            continue
        for k, (gl, pl) in enumerate(zip(case.lost_at, lost, strict=True)):
            lost_total += 1
            if gl == pl:
                lost_ok += 1
            else:
                lost_wrong.append(f"chain {i} ({name}) measure {k}: lost_at {pl}, truth {gl}")
        for gr, pr in zip(case.restored_at, restored, strict=True):
            tp += gr is not None and gr == pr
            fp += pr is not None and gr != pr
            fn += gr is not None and gr != pr
    return {
        "chains": n,
        "measures": lost_total,
        "lost_accuracy": lost_ok / lost_total if lost_total else None,
        "restored": (tp, fp, fn),
        "wrong": lost_wrong,
    }


def _scores(r: dict) -> tuple[float | None, float | None, float | None]:
    """lost_at accuracy, restored_at precision and recall."""
    tp, fp, fn = r["restored"]
    p = tp / (tp + fp) if tp + fp else None
    rc = tp / (tp + fn) if tp + fn else None
    return r["lost_accuracy"], p, rc


def chain_missed(r: dict, target: float = 0.95) -> list[str]:
    names = ("lost_at accuracy", "restored_at P", "restored_at R")
    return [
        f"chain {what} {x:.3f} < {target}"
        for what, x in zip(names, _scores(r), strict=True)
        if x is not None and x < target
    ]


def chain_lines(r: dict) -> list[str]:
    tp, _, fn = r["restored"]
    acc, p, rc = _scores(r)

    def f(x):
        return "n/a" if x is None else f"{x:.3f}"

    lines = [
        f"CHAIN: {r['chains']} generated province → city → district chains "
        f"({r['measures']} province measures), duizhao's chain trace",
        f"lost_at accuracy {f(acc)}; restored_at P {f(p)} R {f(rc)} (truth {tp + fn} restored)",
    ]
    lines += [f"  {w}" for w in r["wrong"][:12]]
    if len(r["wrong"]) > 12:
        lines.append(f"  … {len(r['wrong']) - 12} more")
    return lines
