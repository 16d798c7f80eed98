"""The real pair of the bench: Hubei → Gaoxin against the hand-made gold.

Gold keys ("12", "二（一）") are mapped to measure ids through the parsed labels and paths;
minor gold links are neither hits nor errors; main and substantial links must be found.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from generate import load_samples
from metrics import CATEGORIES, Tally, predicted_sets

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold" / "hubei-gaoxin.json"
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _numeral(label: str) -> int:
    core = re.sub(r"[（()）.．、\s]", "", label)
    if core.isdigit():
        return int(core)
    if len(core) == 1:
        return _CN.get(core, 0)
    if core.startswith("十"):
        return 10 + _CN.get(core[1:], 0)
    tens = _CN.get(core[0], 0) * 10
    return tens + (_CN.get(core[-1], 0) if core[-1] != "十" else 0)


def gold_ids(plan, keys: set[str]) -> dict[str, str]:
    """Gold key ("12", "二（一）") → measure id, through the parsed measures' labels and paths."""
    out: dict[str, str] = {}
    for m in plan.measures():
        value = _numeral(m.label)
        top = m.path[0] if m.path else ""
        top_cn = re.match(r"^([一二三四五六七八九十]+)", top)
        candidates = [str(value)]
        if top_cn:
            candidates.append(f"{top_cn.group(1)}（{re.sub(r'[（()）]', '', m.label)}）")
        for key in candidates:
            if key in keys and key not in out:
                out[key] = m.id
                break
    return out


def bench_real(runners: dict, systems: tuple[str, ...]) -> dict:
    """Every system on Hubei → Gaoxin against the gold (minor gold links ignored)."""
    samples = load_samples()
    parent, child = samples["hubei"], samples["gaoxin"]
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pkeys = {link["parent"] for link in gold["links"]} | set(gold["parent_status"])
    ckeys = {link["child"] for link in gold["links"]} | set(gold["child_status"])
    pid, cid = gold_ids(parent, pkeys), gold_ids(child, ckeys)
    unmapped = sorted(pkeys - set(pid)) + sorted(ckeys - set(cid))
    true: dict[str, set] = {c: set() for c in CATEGORIES}
    ignore: dict[str, set] = {"links": set()}
    for link in gold["links"]:
        pair = (pid.get(link["parent"]), cid.get(link["child"]))
        if link["strength"] in ("main", "substantial"):
            true["links"].add(pair)
        else:
            ignore["links"].add(pair)
    true["dropped"] = {pid[k] for k, s in gold["parent_status"].items() if s == "dropped"}
    true["added"] = {cid[k] for k, s in gold["child_status"].items() if s == "added"}
    for k, flags in gold["child_flags"].items():
        for flag in flags:
            true.setdefault(flag, set()).add(cid[k])
    ckey_of = {v: k for k, v in cid.items()}
    pkey_of = {v: k for k, v in pid.items()}
    tallies, checks, times = {}, {}, {}
    for s in systems:
        start = time.perf_counter()
        result = runners[s](parent, child)
        times[s] = time.perf_counter() - start
        predicted = predicted_sets(result)
        tally = Tally()
        tally.add(predicted, true, ignore)
        tallies[s] = tally
        misses = sorted(
            true["links"] - predicted["links"],
            key=lambda p: str(ckey_of.get(p[1], p[1])).zfill(4),
        )
        extra = predicted["links"] - true["links"] - ignore["links"]
        checks[s] = {
            "missed_links": [
                f"高新({ckey_of.get(c, c)}) ← 湖北 {pkey_of.get(p, p)}" for p, c in misses
            ],
            "extra_links": sorted(
                (f"高新({ckey_of.get(c, c)}) ← 湖北 {pkey_of.get(p, p)}" for p, c in extra),
            ),
            "hubei_6_dropped": pid.get("6") in predicted["dropped"],
            "status_agreement": _agreement(result, gold, cid),
        }
    return {"tallies": tallies, "checks": checks, "times": times, "unmapped": unmapped}


def _agreement(result: dict, gold: dict, cid: dict[str, str]) -> str:
    """Child measures whose status is the gold's, as "n/N"."""
    status = {m["id"]: m["status"] for m in result["child_measures"]}
    same = sum(1 for k, v in gold["child_status"].items() if status.get(cid.get(k)) == v)
    return f"{same}/{len(gold['child_status'])}"
