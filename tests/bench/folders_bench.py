"""Scale benchmark for the folder commands: a generated province → city → district tree (10,000 plans).

The tree comes from `folders_tree.generate_folder` (documents derived from the Hubei sample,
with the truth of which measures each plan lost). The bench runs `scan` (cold and warm
cache), `compare --corpus` and `matrix` through the library API (`duizhao.reports.api`) on
local worker processes, then `scan` and `matrix` again on a two-worker Dask `LocalCluster` on
loopback (or `--dask ADDRESS`), reporting time, peak memory (this process, and the largest
worker process) and whether both runs gave the same JSON bytes.
Run: `python tests/bench/folders_bench.py [--plans N] [--no-dask]`; `--plans 200` is quick.

Targets (2 cores), per 1,000 plans: scan ≤ 20 s, matrix ≤ 60 s; any process ≤ 1 GB.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # conftest_dask
from folders_tree import generate_folder

__all__ = ["generate_folder", "main"]


# ---------------------------------------------------------------------------------------------
# The benchmark


class Peak:
    """Peak resident memory while the block runs: this process, and its largest descendant.

    Sampled every 0.1 s with psutil (Dask's workers are grandchildren: nanny → worker), so
    each phase has its own figure; without psutil, the lifetime peaks from getrusage."""

    def __init__(self) -> None:
        self.own = self.worker = 0.0
        self._stop = threading.Event()

    def __enter__(self) -> Peak:
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        try:
            import psutil
        except ImportError:
            self._stop.wait()
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            self.own, self.worker = (
                own,
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            )
            return
        me = psutil.Process()
        while True:
            self.own = max(self.own, me.memory_info().rss / 2**20)
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # a process that just ended
                    self.worker = max(self.worker, child.memory_info().rss / 2**20)
            if self._stop.wait(0.1):
                return

    def __str__(self) -> str:
        return f"peak {self.own:5.0f} MB main, {self.worker:5.0f} MB largest worker"


def accuracy(matrix, truth: dict[str, frozenset[str]]) -> Counter:
    """Cells by (truth, status): ("kept", "carried") and ("lost", "dropped") agree with the truth."""
    cells: Counter = Counter()
    for column in matrix.columns:
        lost = truth[column.path]
        for row, status in zip(matrix.rows, column.statuses, strict=True):
            cells["lost" if row.id in lost else "kept", status] += 1
    return cells


def tree_shape(plans: int, cities: int | None) -> tuple[int, int]:
    """(cities, districts) for `plans` in all: about 50 districts a city unless told."""
    if plans < 3:
        raise SystemExit("--plans: at least 3 (a province, a city, a district)")
    cities = cities or max(1, (plans - 1) // 51)
    if not 1 <= cities <= plans - 2:
        raise SystemExit(f"--cities: between 1 and {plans - 2} for {plans} plans")
    return cities, plans - 1 - cities


def fresh_cache(tmp: Path, name: str) -> None:
    """Point the plan and token cache at an empty folder (workers started later inherit it)."""
    os.environ["DUIZHAO_CACHE"] = str(tmp / name)


def run_folder_commands(
    label, root, gen, workers, dask, *, chain: bool, matrix: bool = True
) -> dict[str, object]:
    """scan (cold), rescan (warm), optionally compare --corpus and matrix; timings printed."""
    from duizhao.reports import api

    out: dict[str, object] = {}
    with Peak() as peak:
        t = time.perf_counter()
        index = api.scan(root, workers=workers, dask=dask)
        scan_s = time.perf_counter() - t
    with_parent = sum(1 for e in index.plans if e.parent)
    print(
        f"{label:<6} scan      {scan_s:7.2f} s  cold cache; {len(index.plans)} plans, {with_parent}"
        f" with a parent, {len(index.unreadable)} unreadable; {peak}"
    )
    t = time.perf_counter()
    api.scan(root, workers=workers, dask=dask)
    print(f"{label:<6} rescan    {time.perf_counter() - t:7.2f} s  warm cache")
    if chain:
        t = time.perf_counter()
        located = api.locate_chain(root, gen.districts[0], workers=workers, dask=dask)
        found = api.compare_chain(*located.files)
        print(
            f"{label:<6} chain     {time.perf_counter() - t:7.2f} s  compare --corpus"
            f" {gen.districts[0].name}: {len(found.plans)} plans"
        )
    out["scan_s"], out["matrix_s"], out["peak_mb"] = scan_s, 0.0, max(peak.own, peak.worker)
    out["scan_json"], out["matrix_json"] = api.render(index, "json"), ""
    if not matrix:
        return out
    with Peak() as peak:
        t = time.perf_counter()
        matrix = api.matrix(root, gen.province, workers=workers, dask=dask)
        matrix_s = time.perf_counter() - t
    cells = accuracy(matrix, gen.lost)
    good = cells["kept", "carried"] + cells["lost", "dropped"]
    agree = (("kept", "carried"), ("lost", "dropped"))
    others = ", ".join(f"{t}→{s} {n}" for (t, s), n in sorted(cells.items()) if (t, s) not in agree)
    print(
        f"{label:<6} matrix    {matrix_s:7.2f} s  {len(matrix.columns)} plans × {len(matrix.rows)}"
        f" measures; {good}/{cells.total()} cells agree with the truth ({others or 'all of them'});"
        f" {peak}"
    )
    out["matrix_s"] = matrix_s
    out["peak_mb"] = max(out["peak_mb"], peak.own, peak.worker)
    out["matrix_json"] = api.render(matrix, "json")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10_000, help="plans in the tree (≥ 3)")
    parser.add_argument("--cities", type=int, default=None, help="default: plans / 51")
    parser.add_argument("--workers", type=int, default=None, help="local worker processes")
    parser.add_argument(
        "--dask", default=None, help="a running scheduler instead of a LocalCluster"
    )
    parser.add_argument("--no-dask", action="store_true", help="local runs only")
    parser.add_argument("--no-matrix", action="store_true", help="scan only (a quick scale run)")
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    args = parser.parse_args(argv)
    from duizhao.corpus.parallel import default_workers

    cities, districts = tree_shape(args.plans, args.cities)
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp_name:
        tmp = Path(tmp_name)
        root = args.keep or tmp / "corpus"
        t = time.perf_counter()
        gen = generate_folder(root, cities=cities, districts=districts)
        n = 1 + len(gen.cities) + len(gen.districts)
        print(f"generate  {time.perf_counter() - t:6.2f} s  {n} plans ({cities} cities) in {root}")
        workers = args.workers or default_workers()
        load = os.getloadavg()[0]
        print(f"workers   {workers} local (cpu {os.cpu_count()}, load average {load:.2f} before)")

        fresh_cache(tmp, "cache-local")
        runs = {
            "local": run_folder_commands(
                "local", root, gen, workers, "", chain=not args.no_matrix, matrix=not args.no_matrix
            )
        }
        if not args.no_dask:
            fresh_cache(tmp, "cache-dask")
            with dask_scheduler(args.dask) as address:
                runs["dask"] = run_folder_commands(
                    "dask", root, gen, None, address, chain=False, matrix=not args.no_matrix
                )
            differ = [
                k[:-5] for k in ("scan_json", "matrix_json") if runs["dask"][k] != runs["local"][k]
            ]
            same = not differ
            print(
                "same      scan and matrix JSON from Dask and local: "
                + (
                    "yes"
                    if same
                    else f"NO ({' and '.join(differ)} differ; was the code edited mid-run?)"
                )
            )
        else:
            same = True
        print(f"load      {os.getloadavg()[0]:.2f} (1-minute average after the run)")
        per = n / 1000
        missed = [] if same else ["same bytes"]
        for label, r in runs.items():
            limits = (("scan_s", 20 * per, "scan"), ("matrix_s", 60 * per, "matrix"))
            missed += [f"{label} {name} {r[k]:.1f} s" for k, limit, name in limits if r[k] > limit]
            if r["peak_mb"] > 1024:
                missed.append(f"{label} peak {r['peak_mb']:.0f} MB")
        ok = not missed
        matrix_part = "" if args.no_matrix else f", matrix ≤ {60 * per:.1f} s"
        print(
            f"targets   scan ≤ {20 * per:.1f} s{matrix_part}, any process ≤ 1 GB, same bytes: "
            + ("met" if ok else "NOT met: " + ", ".join(missed))
        )
    return 0 if ok else 1


@contextlib.contextmanager
def dask_scheduler(address: str | None):
    """`address` as given, or a two-worker loopback LocalCluster started (and stopped) here."""
    if address:
        yield address
        return
    from conftest_dask import loopback_cluster

    t = time.perf_counter()
    with loopback_cluster() as cluster:
        print(
            f"dask      {time.perf_counter() - t:6.2f} s  LocalCluster started: 2 workers × 1 thread"
        )
        yield cluster.scheduler_address


if __name__ == "__main__":
    sys.exit(main())
