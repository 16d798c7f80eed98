"""OCR bench: the bundled plans printed, scanned and read back, against their text versions.

Every plan bundled in the tests (the three samples and the hand-made pair) is typeset as an
official document and made to look scanned (`tests/scanned_pages.py`: a red 红头, a red seal
over the text, up to ±2° skew, speckle noise, JPEG at quality 75), at each resolution, stored
as an image-only PDF and read back through duizhao with each OCR engine. Against the text
version it measures:

- CER: the character error rate of everything read (Levenshtein distance over the length of
  the text version, both with whitespace removed and width folded (NFKC), as the engine
  compares text; page numbers are not part of either);
- measures: whether the scanned plan has the same number of measures, and how many measure
  texts are identical;
- compare: for the two derived pairs (Hubei → Gaoxin, the small pair), the share of measures
  (parent and child) whose status is the same when the scan replaces the parent, and when
  it replaces the child, as when both are text, and the share of links that are the same;
- time per page (cold: a fresh cache for each run), and the mean confidence.

Run: `python tests/bench/ocr_bench.py` (every resolution, both engines: about an hour on
the 2-core machine); `--dpi 200 --engines rapidocr --plans small-parent small-child` for a
quick look.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from scanned_pages import Scan, scanned, typeset, write_pdf  # noqa: E402

from duizhao.corpus.readers.lookalike import unify  # noqa: E402

ROOT = HERE.parent.parent
PLANS = {
    "hubei": (ROOT / "corpus/samples/hubei-province.txt", "中共湖北省委"),
    "gaoxin": (ROOT / "corpus/samples/hubei-xiangyang-gaoxin-district-draft.txt", "高新区委"),
    "yaohai": (ROOT / "corpus/samples/anhui-hefei-yaohai-district-draft.txt", "瑶海区委"),
    "small-parent": (ROOT / "tests/data/pairs/small-parent.txt", "浙江省人民政府"),
    "small-child": (ROOT / "tests/data/pairs/small-child.txt", "杭州市人民政府"),
}
PAIRS = (("hubei", "gaoxin"), ("small-parent", "small-child"))


@dataclass
class Read:
    """One plan read from its scan."""

    pages: int
    seconds: float
    cpu: float
    """CPU seconds of this process's threads and of the engine's child processes."""
    cer: float
    measures: int
    text_measures: int
    same_texts: int
    confidence: float


def fold(text: str) -> str:
    """Text as compared: look-alikes unified, width folded, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", unify(text)).split())


def cer(reference: str, read: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref, got = fold(reference), fold(read)
    return Levenshtein.distance(ref, got) / max(len(ref), 1)


def paragraphs(path: Path) -> list[str]:
    return [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]


def scan_plan(name: str, dpi: int, folder: Path) -> Path:
    path, issuer = PLANS[name]
    pages = typeset(paragraphs(path), dpi, issuer=issuer)
    stored = scanned(pages, Scan(dpi=dpi, seed=sum(map(ord, name))), issuer)
    return write_pdf(folder / f"{name}-{dpi}.pdf", stored, dpi)


def read_scan(name: str, pdf: Path, engine: str) -> tuple[Read, object]:
    from duizhao.corpus import load_plan
    from duizhao.corpus.readers import read_source

    os.environ["DUIZHAO_OCR"] = engine
    started, cpu = time.perf_counter(), _cpu()
    plan = load_plan(pdf)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    text = load_plan(PLANS[name][0])
    source = read_source(pdf)  # from the page cache now: the paragraphs as read
    reference = "".join(paragraphs(PLANS[name][0]))
    read = "".join(p.text for p in source.paragraphs)
    same = sum(
        fold(a.text) == fold(b.text) for a, b in zip(plan.measures(), text.measures(), strict=False)
    )
    return Read(
        pages=len(plan.ocr.pages),
        seconds=seconds,
        cpu=cpu,
        cer=cer(reference, read),
        measures=len(plan.measures()),
        text_measures=len(text.measures()),
        same_texts=same,
        confidence=plan.ocr.confidence,
    ), plan


def _cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def agreement(reference, other) -> tuple[int, int, int, int]:
    """(same statuses, measures, same links, links) of `other` against `reference`."""
    same = total = 0
    for a, b in zip(reference.parent_measures, other.parent_measures, strict=False):
        same += a.status == b.status
    for a, b in zip(reference.child_measures, other.child_measures, strict=False):
        same += a.status == b.status
    total = len(reference.parent_measures) + len(reference.child_measures)
    ref_links = {(link.parent, link.child) for link in reference.links}
    got_links = {(link.parent, link.child) for link in other.links}
    return same, total, len(ref_links & got_links), len(ref_links | got_links)


def run(dpis: list[int], engines: list[str], names: list[str]) -> None:
    from duizhao.corpus import load_plan
    from duizhao.reports.api import compare_plans

    texts = {name: load_plan(PLANS[name][0]) for name in PLANS}
    print(
        "dpi  engine     plan          pages  s/page  cpu/page  CER     measures  same text  conf",
        flush=True,
    )
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for dpi in dpis:
            pdfs = {name: scan_plan(name, dpi, folder) for name in names}
            for engine in engines:
                os.environ["DUIZHAO_CACHE"] = str(folder / f"cache-{dpi}-{engine}")
                reads, plans = {}, {}
                for name in names:
                    reads[name], plans[name] = read_scan(name, pdfs[name], engine)
                    r = reads[name]
                    print(
                        f"{dpi:<4} {engine:<10} {name:<13} {r.pages:>5}  {r.seconds / r.pages:6.1f}"
                        f"  {r.cpu / r.pages:8.1f}"
                        f"  {r.cer:6.2%}  {r.measures:>3}/{r.text_measures:<4}"
                        f"  {r.same_texts:>3}/{r.text_measures:<4}  {r.confidence:.3f}",
                        flush=True,
                    )
                same = total = links_same = links = 0
                for parent, child in PAIRS:
                    if parent not in names or child not in names:
                        continue
                    reference = compare_plans(texts[parent], texts[child])
                    for scanned_side in (
                        compare_plans(plans[parent], texts[child]),
                        compare_plans(texts[parent], plans[child]),
                    ):
                        s, t, ls, lt = agreement(reference, scanned_side)
                        same, total, links_same, links = (
                            same + s, total + t, links_same + ls, links + lt
                        )  # fmt: skip
                pages = sum(r.pages for r in reads.values())
                summary.append(
                    (
                        dpi,
                        engine,
                        sum(r.seconds for r in reads.values()) / pages,
                        sum(r.cpu for r in reads.values()) / pages,
                        sum(
                            r.cer * len(fold("".join(paragraphs(PLANS[n][0]))))
                            for n, r in reads.items()
                        )
                        / sum(len(fold("".join(paragraphs(PLANS[n][0])))) for n in reads),
                        max(r.cer for r in reads.values()),
                        sum(r.measures == r.text_measures for r in reads.values()),
                        len(reads),
                        same / total if total else float("nan"),
                        links_same / links if links else float("nan"),
                        statistics.mean(r.confidence for r in reads.values()),
                    )
                )
    print()
    print("per resolution and engine (all plans; compare: both pairs, scan as parent and as child)")
    print(
        "dpi  engine     s/page  CER (all / worst plan)  same measure count  same status  same links"
    )
    for dpi, engine, spp, cpp, all_cer, worst, equal, n, status, links, _conf in summary:
        print(
            f"{dpi:<4} {engine:<10} {spp:6.1f}  {cpp:8.1f}  {all_cer:6.2%} / {worst:6.2%}"
            f"        {equal}/{n} plans          {status:7.1%}      {links:7.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--engines", nargs="+", default=["rapidocr", "tesseract"])
    parser.add_argument("--plans", nargs="+", default=list(PLANS), choices=list(PLANS))
    args = parser.parse_args()
    os.environ.setdefault("DUIZHAO_SEGMENTER_HELPER", "off")
    run(args.dpi, args.engines, args.plans)


if __name__ == "__main__":
    main()
