"""Revision bench: duizhao --revision on generated drafts with known edits (revision_gen.py).

Prints, over every pair:
- edits given the right status: a text edit → its measure 修改 (modified, from its old measure);
  an owner edit → 责任单位变化 (owners_changed); moved → moved; deleted → the old measure
  dropped; inserted → added; split → split on both halves; merged → merged;
- false alarms: untouched and formatting-only measures (and every measure of a pair whose
  whole document was converted to half width) reported anything but 沿用 without flags;
- redlines exact with whole tokens: the measure's edits — each maximal changed run as
  (deleted, inserted), compared by token keys — are the gold edits exactly;
- noise: characters marked beyond the true edits (per measure, marked − true when the redline
  is not exact) ÷ characters truly edited;
- sentence swaps marked: every swapped pair shows a changed span.

Usage: python tests/bench/revision_bench.py [--pairs N] [--seed S] [--verbose]
Always exits 0: a bench reports, it does not fail.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from revision_gen import FORMAT_KINDS, OWNER_KINDS, TEXT_KINDS, generate  # noqa: E402

from duizhao.compare import compare_plans  # noqa: E402
from duizhao.compare.segment import fine_segmenter  # noqa: E402
from duizhao.compare.settings import Settings  # noqa: E402
from duizhao.compare.token_diff import edits, keys  # noqa: E402
from duizhao.corpus import parse_plan  # noqa: E402
from duizhao.corpus.samples import load_sample  # noqa: E402

TARGETS = {"status": 1.0, "false_alarms": 0, "exact": 0.98, "noise": 0.01, "swaps": 1.0}


def sections_of(plan) -> list[tuple[str, list[str]]]:
    out: dict[str, list[str]] = {}
    for m in plan.measures():
        out.setdefault(m.section, []).append(m.text)
    return [((plan.node(k).title if k else "") or "主要任务", v) for k, v in out.items()]


def score(pair, result, cut, tally: Counter, verbose: bool) -> None:
    """Adds one pair's figures to `tally`."""
    children = result.child_measures
    parents = result.parent_measures
    if len(children) != len(pair.new) or len(parents) != len(pair.old):
        tally["parse_mismatch"] += 1
        if verbose:
            print(f"  seed {pair.seed}: parsed {len(parents)}/{len(children)} measures, "
                  f"generated {len(pair.old)}/{len(pair.new)}")  # fmt: skip
        return
    old_ids = [p.measure.id for p in parents]

    def key(text: str) -> str:
        return "".join(keys(text, cut))

    for k in pair.deleted:
        tally["edits"] += 1
        ok = parents[k].status == "dropped"
        tally["right"] += ok
        if not ok and verbose:
            print(f"  seed {pair.seed}: deleted {k} is {parents[k].status}")
    for j, (truth, got) in enumerate(zip(pair.new, children, strict=True)):
        kind = truth.kind
        flags = set(got.flags)
        if kind in ("untouched", *FORMAT_KINDS):
            tally["quiet"] += 1
            alarm = got.status != "inherited" or bool(flags)
            tally["false_alarms"] += alarm
            if alarm:
                tally["noise_chars"] += sum(len(key(d)) + len(key(i)) for d, i in _edits(got))
                if verbose:
                    print(
                        f"  seed {pair.seed}: {kind} {j} is {got.status} {sorted(flags)} {_edits(got)}"
                    )
            continue
        tally["edits"] += 1
        source_ok = got.main_source in {old_ids[o] for o in truth.origin} if truth.origin else True
        if kind in TEXT_KINDS:
            ok = got.status == "modified" and source_ok
        elif kind in OWNER_KINDS:
            ok = "owners_changed" in flags and got.status == "inherited" and source_ok
        elif kind == "inserted":
            ok = got.status == "added"
        else:  # moved, split, merged
            ok = kind in flags and source_ok
        tally["right"] += ok
        tally[f"kind:{kind}"] += 1
        tally[f"right:{kind}"] += ok
        if not ok and verbose:
            print(f"  seed {pair.seed}: {kind} {j} is {got.status} {sorted(flags)} "
                  f"novelty {got.novelty} counterpart {got.counterpart}")  # fmt: skip
        if kind not in TEXT_KINDS:
            continue
        predicted = [(key(d), key(i)) for d, i in _edits(got)]
        golds = [truth.gold, *truth.alternatives]
        wanted = [[(key(d), key(i)) for d, i in g] for g in golds]
        exact = predicted in wanted
        gold_chars = sum(len(d) + len(i) for d, i in wanted[0])
        marked = sum(len(d) + len(i) for d, i in predicted)
        tally["redlines"] += 1
        tally["exact"] += exact
        tally["true_chars"] += gold_chars
        tally["noise_chars"] += 0 if exact else max(0, marked - gold_chars)
        if kind == "sentences_swapped":
            tally["swaps"] += 1
            tally["swaps_marked"] += bool(predicted)
        if not exact and verbose:
            print(f"  seed {pair.seed}: {kind} {j} redline {predicted} ≠ gold {wanted[0]}")


def _edits(got) -> list[tuple[str, str]]:
    spans = tuple(s for d in got.diff for s in d.spans) if got.diff else ()
    return edits(spans)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    cut = fine_segmenter()
    samples = {name: load_sample(name) for name in ("hubei", "gaoxin", "yaohai")}
    names = list(samples)
    tally: Counter = Counter()
    started = time.perf_counter()
    for n in range(args.pairs):
        base = names[n % len(names)]
        donor = samples[names[(n + 1) % len(names)]]
        pair = generate(
            sections_of(samples[base]),
            [m.text for m in donor.measures()],
            args.seed + n,
            converted=n % 4 == 3,
        )
        old = parse_plan(pair.old_text, path="原稿.txt")
        new = parse_plan(pair.new_text, path="修改稿.txt")
        result = compare_plans(old, new, Settings(), revision=True)
        score(pair, result, cut, tally, args.verbose)
    elapsed = time.perf_counter() - started
    _print(tally, args.pairs, elapsed)


def _print(t: Counter, pairs: int, elapsed: float) -> None:
    def share(a: str, b: str) -> float:
        return t[a] / t[b] if t[b] else 0.0

    status = share("right", "edits")
    exact = share("exact", "redlines")
    noise = share("noise_chars", "true_chars")
    swaps = share("swaps_marked", "swaps")
    print(
        f"revision bench: {pairs} pairs ({t['parse_mismatch']} not parsed as generated), {elapsed:.1f} s"
    )
    print(f"  edits given the right status   {t['right']}/{t['edits']} = {status:.3f}")
    kinds = sorted(k[5:] for k in t if k.startswith("kind:"))
    wrong = [
        f"{k} {t['right:' + k]}/{t['kind:' + k]}" for k in kinds if t["right:" + k] < t["kind:" + k]
    ]
    if wrong:
        print("    missed by kind: " + ", ".join(wrong))
    print(f"  false alarms (untouched, formatting only)  {t['false_alarms']}/{t['quiet']}")
    print(f"  redlines exact with whole tokens  {t['exact']}/{t['redlines']} = {exact:.3f}")
    print(
        f"  noise (marked beyond true ÷ true)  {t['noise_chars']}/{t['true_chars']} = {noise:.4f}"
    )
    print(f"  sentence swaps marked  {t['swaps_marked']}/{t['swaps']}")
    missed = []
    if status < TARGETS["status"]:
        missed.append("status")
    if t["false_alarms"] > TARGETS["false_alarms"]:
        missed.append("false alarms")
    if exact < TARGETS["exact"]:
        missed.append("exact ≥ 0.98")
    if noise > TARGETS["noise"]:
        missed.append("noise ≤ 1 %")
    if swaps < TARGETS["swaps"]:
        missed.append("swaps")
    print("  targets missed: " + (", ".join(missed) if missed else "none"))


if __name__ == "__main__":
    main()
