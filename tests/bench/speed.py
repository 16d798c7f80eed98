"""Whole-process start-up bench: cold and warm times of everyday commands against bare Python.

Each command runs as a fresh process, as a drafter runs it (the installed `duizhao` script,
which forks its segmenter helper at start), `--repeat` times (default 5); the median is
reported, with the bare interpreter (`python -c pass`) for scale. Cold: the cache is off
(DUIZHAO_CACHE=off), so plans are parsed and every clause is segmented. Warm: a private
cache folder filled by one run beforehand. Last, the first command cold once more with
DUIZHAO_SEGMENTER_HELPER=off: what the helper is worth. Output goes to a pipe, so terminal output is the
plain (non-tty) rendering. Run: `python tests/bench/speed.py [--repeat N]`.

Targets (2 cores): `compare --sample --format json` cold ≤ 0.6 s, warm ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "compare json": ["compare", "--sample", "--format", "json"],
    "compare terminal": ["compare", "--sample"],
    "inspect": ["inspect", "--sample", "hubei"],
}
TARGETS = {"compare json": (0.6, 0.3)}
"""Command → (cold, warm) ceilings in seconds, whole process."""


def duizhao_command() -> list[str]:
    """The installed `duizhao` script next to this interpreter, else the app run through -c."""
    script = Path(sys.executable).with_name("duizhao")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from duizhao.cli.entry import main; main()"]


def timed(argv: list[str], env: dict[str, str], *, output: bool = True) -> tuple[float, float]:
    """(wall, CPU) seconds of one process; a failing command stops the bench with its stderr.

    CPU time (user + system, all threads) is printed too: on a busy machine wall time grows
    with the load, CPU time much less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0 or (output and not done.stdout):
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {message[-1:] or 'no output'}")
    return elapsed, cpu


def median_time(
    argv: list[str], env: dict[str, str], repeat: int, *, output: bool = True
) -> tuple[float, float]:
    """Median wall and median CPU seconds of `repeat` runs."""
    runs = [timed(argv, env, output=output) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args(argv)
    base = {k: v for k, v in os.environ.items() if not k.startswith("DUIZHAO_")}
    base.setdefault("COLUMNS", "100")
    tool = duizhao_command()
    cache = Path(tempfile.mkdtemp(prefix="duizhao-speed-"))
    try:
        cold_env = {**base, "DUIZHAO_CACHE": "off"}
        warm_env = {**base, "DUIZHAO_CACHE": str(cache)}
        bare, bare_cpu = median_time(
            [sys.executable, "-c", "pass"], base, args.repeat, output=False
        )
        load = os.getloadavg()[0]
        print(f"cpu {os.cpu_count()}, load average {load:.2f}; median of {args.repeat}; wall (CPU)")
        print(f"{'python -c pass':<18} {bare:6.3f} s ({bare_cpu:.3f})")
        ok = True
        for name, rest in COMMANDS.items():
            cold, cold_cpu = median_time(tool + rest, cold_env, args.repeat)
            timed(tool + rest, warm_env)  # fill the cache
            warm, warm_cpu = median_time(tool + rest, warm_env, args.repeat)
            line = (
                f"{name:<18} {cold:6.3f} s ({cold_cpu:.3f}) cold  {warm:6.3f} s ({warm_cpu:.3f}) warm"
                f"  +{cold - bare:.3f} / +{warm - bare:.3f} over bare"
            )
            if name in TARGETS:
                cold_max, warm_max = TARGETS[name]
                met = cold <= cold_max and warm <= warm_max
                ok = ok and met
                line += f"; target ≤ {cold_max} / ≤ {warm_max}: {'met' if met else 'NOT met'}"
            print(line)
        # What the segmenter helper is worth: the first command again, cut in-process.
        name, rest = next(iter(COMMANDS.items()))
        alone_env = {**cold_env, "DUIZHAO_SEGMENTER_HELPER": "off"}
        alone, alone_cpu = median_time(tool + rest, alone_env, args.repeat)
        print(f"{name:<18} {alone:6.3f} s ({alone_cpu:.3f}) cold without the segmenter helper")
        print(f"load average {os.getloadavg()[0]:.2f} after (figures above 1 per core are noisy)")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
