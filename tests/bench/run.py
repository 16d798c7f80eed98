"""The accuracy bench: duizhao against two baselines on generated pairs and on the real pair.

Generated pairs: each bundled sample in turn is the parent; generate.py derives a child from it
(the other samples are donors of added measures) and knows the truth. The child document is
parsed back with `duizhao.corpus.parse_plan` (the parser is part of what is measured), then
compared by duizhao and by the baselines (baselines.py). Real pair: Hubei → Gaoxin against the
hand-made gold in tests/data/gold/hubei-gaoxin.json (minor gold links are neither hits nor
errors). Prints P/R/F1 per category, the real-pair checks, speed, and a line of missed targets.

Hard pairs (hard.py, scored by hard_run.py): the derivations that fool a symmetric score or one
novelty threshold, each phenomenon scored apart, plus revision pairs with small substantive edits.
Chains (hard_chain.py): province → city → district, losses at the city and restorations in the
district; lost_at accuracy and restored_at P / R of the chain trace (with the hard mode).

Usage: python tests/bench/run.py [--pairs N] [--hard-pairs N] [--mode all|easy|hard] [--seed S]
       [--chains N]
       [--json FILE] [--verbose]
Always exits 0: a bench reports, it does not fail.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import real_pair  # noqa: E402
from baselines import BASELINES  # noqa: E402
from generate import derive_pairs, load_samples  # noqa: E402
from hard_chain import bench_chains, chain_lines, chain_missed  # noqa: E402
from hard_run import bench_hard, hard_lines  # noqa: E402
from hard_run import missed as hard_missed  # noqa: E402
from metrics import CATEGORIES, Tally, fmt, predicted_sets, truth_sets  # noqa: E402

from duizhao.compare import compare_plans  # noqa: E402
from duizhao.corpus import parse_plan  # noqa: E402
from duizhao.reports.pair.json import compare_dict  # noqa: E402

SYSTEMS = ("duizhao", "difflib", "tfidf")
TARGETS = {
    "links": 0.95,
    "dropped": 0.95,
    "added": 0.95,
    "moved": 0.90,
    "merged": 0.90,
    "split": 0.90,
    "owners_changed": 0.90,
}


def run_duizhao(parent, child) -> dict:
    return compare_dict(compare_plans(parent, child))


RUNNERS = {"duizhao": run_duizhao, **BASELINES}


# ---------------------------------------------------------------------------------------------
# Generated pairs


def bench_generated(n: int, seed: int, verbose: bool, intensity: float | None = None) -> dict:
    samples = load_samples()
    tallies = {s: Tally() for s in SYSTEMS}
    times: dict[str, list[float]] = {s: [] for s in SYSTEMS}
    parse_failures: list[str] = []
    count_mismatches: list[str] = []
    text_mismatches: list[str] = []
    for i, (name, parent, derived) in enumerate(derive_pairs(n, seed, samples, intensity)):
        truth = derived.truth
        label = f"pair {i:03d} ({name} → {derived.name}, seed {truth['seed']}, {truth['layout']})"
        try:
            child = parse_plan(derived.text, path=f"generated/{i:03d}-{derived.name}.txt")
        except Exception as exc:  # the parser failing is a result to report, not a crash
            parse_failures.append(f"{label}: {type(exc).__name__}: {exc}")
            empty = {c: set() for c in CATEGORIES}
            true = truth_sets(truth, [])
            for s in SYSTEMS:
                tallies[s].add(empty, true, child_side_wrong=True)
            continue
        child_ids = [m.id for m in child.measures()]
        wrong = len(child_ids) != truth["measures"]
        if wrong:
            count_mismatches.append(
                f"{label}: parsed {len(child_ids)} measures, generated {truth['measures']}"
            )
        else:
            bad = [
                k
                for k, (m, t) in enumerate(zip(child.measures(), truth["texts"], strict=True))
                if _squash(m.text) != _squash(t)
            ]
            if bad:
                text_mismatches.append(f"{label}: measure text differs at indices {bad[:8]}")
        true = truth_sets(truth, child_ids)
        for s in SYSTEMS:
            start = time.perf_counter()
            result = RUNNERS[s](parent, child)
            times[s].append(time.perf_counter() - start)
            predicted = predicted_sets(result)
            tallies[s].add(predicted, true, child_side_wrong=wrong)
            if verbose and s == "duizhao":
                _explain(label, predicted, true, child_ids)
    return {
        "pairs": n,
        "tallies": tallies,
        "times": times,
        "parse_failures": parse_failures,
        "count_mismatches": count_mismatches,
        "text_mismatches": text_mismatches,
    }


def _squash(text: str) -> str:
    return re.sub(r"[\s。]", "", text)


def _explain(label: str, predicted: dict, true: dict, child_ids: list[str]) -> None:
    index = {cid: k for k, cid in enumerate(child_ids)}

    def show(cat: str, items: set) -> str:
        out = []
        for item in sorted(items, key=str):
            if cat == "links":
                out.append(f"{item[0]}→#{index.get(item[1], item[1])}")
            elif cat == "dropped":
                out.append(str(item))
            else:
                out.append(f"#{index.get(item, item)}")
        return " ".join(out)

    lines = []
    for cat in CATEGORIES:
        fp, fn = predicted[cat] - true[cat], true[cat] - predicted[cat]
        if fp or fn:
            lines.append(f"    {cat}: missed [{show(cat, fn)}] wrong [{show(cat, fp)}]")
    if lines:
        print(label)
        print("\n".join(lines))


# ---------------------------------------------------------------------------------------------
# The real pair


def bench_real() -> dict:
    return real_pair.bench_real(RUNNERS, SYSTEMS)


# ---------------------------------------------------------------------------------------------
# Speed of the command line


def cli_speed(runs: int = 5) -> float | None:
    """Median wall time of `duizhao compare --sample --format json` as a whole process."""
    exe = ROOT / ".venv" / "bin" / "duizhao"
    if not exe.exists():
        exe = Path(sys.executable).parent / "duizhao"
    if not exe.exists():
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [str(exe), "compare", "--sample", "--format", "json"],
            capture_output=True,
            cwd=ROOT,
            check=False,
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0 or not done.stdout.strip().startswith(b"{"):
            return None
    return statistics.median(times)


def large_pair_speed(measures: int = 1000) -> tuple[float, int]:
    """Wall time and peak memory (MB) of comparing two plans of `measures` measures each.

    The plans are the bundled measures repeated with a numbered title, so every measure is
    distinct and every clause pair has to be scored.
    """
    import resource

    texts = [m.text for plan in load_samples().values() for m in plan.measures()]

    def document(title: str, shift: int) -> str:
        lines = [title, "为贯彻落实《某纲要》，结合实际，制定本方案。", "一、主要任务"]
        lines += [f"{i + 1}.第{i}项。{texts[(i + shift) % len(texts)]}" for i in range(measures)]
        return "\n".join(lines)

    parent = parse_plan(document("湖北省大型实施方案", 0), path="large-parent.txt")
    child = parse_plan(document("高新区大型实施方案", 3), path="large-child.txt")
    start = time.perf_counter()
    compare_plans(parent, child)
    elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


# ---------------------------------------------------------------------------------------------
# Report


def table(title: str, tallies: dict[str, Tally]) -> list[str]:
    head = (
        f"{'category':<15}" + "".join(f"| {s:<7}  P     R     F1    " for s in SYSTEMS) + "| truth"
    )
    lines = [title, head, "-" * len(head)]
    for cat in CATEGORIES:
        row = f"{cat:<15}"
        for s in SYSTEMS:
            c = tallies[s].counts[cat]
            row += f"| {'':<7}{fmt(c.precision):>6}{fmt(c.recall):>6}{fmt(c.f1):>6}  "
        c = tallies["duizhao"].counts[cat]
        row += f"| {c.tp + c.fn}"
        lines.append(row)
    return lines


def missed_targets(scope: str, tallies: dict[str, Tally]) -> list[str]:
    out = []
    for cat, target in TARGETS.items():
        ours = tallies["duizhao"].counts[cat].f1
        if ours is None:
            continue
        if ours < target:
            out.append(f"{scope} {cat} F1 {ours:.3f} < {target}")
        for base in SYSTEMS[1:]:
            theirs = tallies[base].counts[cat].f1
            if theirs is not None and ours < 1.0 and ours <= theirs:
                out.append(f"{scope} {cat}: duizhao {ours:.3f} does not beat {base} {theirs:.3f}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=60, help="generated pairs (default 60)")
    ap.add_argument("--seed", type=int, default=0, help="base seed of the generated pairs")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    ap.add_argument("--verbose", action="store_true", help="list duizhao's misses per pair")
    ap.add_argument(
        "--intensity",
        type=float,
        help="rewrite every document this hard (0-1; default: each document draws its own)",
    )
    ap.add_argument("--hard-pairs", type=int, help="hard generated pairs (default: --pairs)")
    ap.add_argument("--chains", type=int, default=10, help="generated 3-level chains (default 10)")
    ap.add_argument(
        "--mode",
        choices=("all", "easy", "hard"),
        default="all",
        help="easy: generate.py pairs, the real pair and speed; hard: hard.py pairs only",
    )
    args = ap.parse_args(argv)

    start = time.perf_counter()
    out: list[str] = []
    hard = None
    if args.mode in ("all", "hard"):
        n_hard = args.hard_pairs if args.hard_pairs is not None else args.pairs
        hard = bench_hard(n_hard, args.seed, load_samples())
        out += [f"({n_hard} hard pairs, seed {args.seed})", *hard_lines(hard), ""]
        chains = bench_chains(args.chains, args.seed, load_samples())
        out += [*chain_lines(chains), ""]
        hard["chain_missed"] = chain_missed(chains)
    if args.mode == "hard":
        missed = hard_missed(hard) + hard["chain_missed"]
        out.append("TARGETS MISSED: " + ("; ".join(missed) if missed else "none"))
        print("\n".join(out))
        return 0
    gen = bench_generated(args.pairs, args.seed, args.verbose, args.intensity)
    real = bench_real()
    speed = cli_speed()
    large_time, large_mb = large_pair_speed()
    total = time.perf_counter() - start

    out += table(
        f"GENERATED: {args.pairs} pairs (seed {args.seed}"
        + (f", rewrite intensity {args.intensity}" if args.intensity is not None else "")
        + "), micro-averaged P / R / F1",
        gen["tallies"],
    )
    for key, what in (
        ("parse_failures", "parse failures"),
        ("count_mismatches", "measure count differs from truth (child side counted as errors)"),
        ("text_mismatches", "measure text differs from generated"),
    ):
        out.append(f"{what}: {len(gen[key])}")
        out += [f"  {line}" for line in gen[key]]
    out.append("")
    out += table("REAL PAIR: hubei → gaoxin vs tests/data/gold/hubei-gaoxin.json", real["tallies"])
    if real["unmapped"]:
        out.append(f"gold keys not found in the parsed plans: {real['unmapped']}")
    for s in SYSTEMS:
        c = real["checks"][s]
        out.append(
            f"{s}: Gaoxin measures missing a true Hubei source: {len(c['missed_links'])}"
            + (f" ({'; '.join(c['missed_links'])})" if c["missed_links"] else "")
            + f"; Hubei 6 (地方立法) dropped: {'yes' if c['hubei_6_dropped'] else 'NO'}"
            + f"; child statuses as in the gold: {c['status_agreement']}"
        )
        if c["extra_links"]:
            out.append(f"  links not in the gold: {'; '.join(c['extra_links'])}")
    out.append("")
    med = {s: statistics.median(v) if v else None for s, v in gen["times"].items()}
    out.append(
        "SPEED: `duizhao compare --sample --format json` (whole process, median of 5): "
        + (f"{speed:.2f} s" if speed is not None else "n/a")
    )
    out.append(
        f"large pair (1,000 measures each side): {large_time:.1f} s, peak memory {large_mb} MB"
    )
    out.append(
        "per pair inside the batch (median): "
        + ", ".join(f"{s} {med[s] * 1000:.0f} ms" for s in SYSTEMS if med[s] is not None)
        + f"; bench total {total:.0f} s"
    )
    missed = missed_targets("generated", gen["tallies"]) + missed_targets("real", real["tallies"])
    if hard is not None:
        missed += hard_missed(hard) + hard["chain_missed"]
    checks = real["checks"]["duizhao"]
    if checks["missed_links"]:
        missed.append(f"real: {len(checks['missed_links'])} Gaoxin measure(s) miss a true source")
    if not checks["hubei_6_dropped"]:
        missed.append("real: Hubei 6 not reported dropped")
    if gen["parse_failures"] or gen["count_mismatches"]:
        missed.append(
            f"parser: {len(gen['parse_failures'])} failures, "
            f"{len(gen['count_mismatches'])} measure-count mismatches"
        )
    out.append("TARGETS MISSED: " + ("; ".join(missed) if missed else "none"))
    print("\n".join(out))

    if args.json:
        payload = {
            "pairs": args.pairs,
            "seed": args.seed,
            "generated": {s: t.to_dict() for s, t in gen["tallies"].items()},
            "real": {s: t.to_dict() for s, t in real["tallies"].items()},
            "real_checks": real["checks"],
            "parse_failures": gen["parse_failures"],
            "count_mismatches": gen["count_mismatches"],
            "text_mismatches": gen["text_mismatches"],
            "speed": {
                "cli_sample_json_s": speed,
                "per_pair_median_s": med,
                "real_pair_s": real["times"],
                "bench_total_s": total,
            },
            "targets_missed": missed,
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a bench reports; it does not fail
        import traceback

        traceback.print_exc()
        print(f"TARGETS MISSED: bench crashed ({type(exc).__name__}: {exc})")
    sys.exit(0)
