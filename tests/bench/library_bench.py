"""Library bench: the same comparison called again and again in one Python process.

A script or a web service calls `duizhao.reports.api.compare` many times in one process. The
first call pays for the segmenter's dictionary; no later call may pay for anything again (a
helper process per call made each repeat 0.24–0.31 s where 0.07 s was due). Run with the cache
off (DUIZHAO_CACHE=off: every call runs the engine) and on (a private cache folder: repeats are
served from it), in a fresh interpreter each, counting the processes the calls start.

Run: `python tests/bench/library_bench.py [--calls 10]`. Target: every repeat ≤ the first,
no process started.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

SCRIPT = """
import json, os, subprocess, sys, time
spawned = []
real_popen = subprocess.Popen.__init__
def popen(self, *a, **k):
    spawned.append("popen")
    return real_popen(self, *a, **k)
subprocess.Popen.__init__ = popen
real_fork = os.fork
def fork():
    spawned.append("fork")
    return real_fork()
os.fork = fork
from duizhao.reports.api import compare, sample_paths
paths = sample_paths()
times = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    compare(*paths)
    times.append(time.perf_counter() - start)
print(json.dumps({"spawned": spawned, "times": times}))
"""


def run(calls: int, cache: str) -> dict:
    env = {**os.environ, "DUIZHAO_CACHE": cache}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(calls)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10)
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for label, cache in (("cache off", "off"), ("cache on", folder)):
            out = run(args.calls, cache)
            first, *repeats = out["times"]
            slower = [t for t in repeats if t > first]
            print(
                f"library {label:<9}  first {first * 1000:6.0f} ms   repeats median "
                f"{statistics.median(repeats) * 1000:5.0f} ms, max {max(repeats) * 1000:5.0f} ms"
                f"   processes started: {len(out['spawned'])}"
            )
            ok = ok and not slower and not out["spawned"]
    print("target met: every repeat ≤ the first, no process started" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
