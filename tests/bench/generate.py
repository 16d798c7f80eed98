"""Derive synthetic child plans from real parent plans, with the truth of every change (bench).

`derive(parent, seed, donors)` copies a parent plan the way a district drafting office does:
it localises names and level words, drops measures, adds local ones
(from templates or from another plan), merges, splits, moves and rewords measures, renames
and renumbers sections in another numbering layout and reassigns owners. It writes the child
as a complete plain-text document and records what it did as truth, in the terms of
the compare@1 JSON: parent measures by `Node.id`, child measures by their index in document
order.

Modules: gen_text (sentences, localisation, rewording), gen_templates (new local text),
gen_model (the child under construction), gen_choices / gen_build / gen_render (the steps of
`_Deriver`, as mixins). Their public names stay importable from here.

Deterministic: everything random goes through one `random.Random(seed)`; no set is iterated.
Run as a script to write pairs for inspection: `python tests/bench/generate.py OUT_DIR [N]`.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from gen_build import Builder
from gen_choices import Choices
from gen_model import Derived
from gen_render import Writer
from gen_templates import _DETAILS, _MEASURES, _slots
from gen_text import (
    CHILD_FIRST,
    CHILD_SECOND,
    CITY_FIRST,
    NOVEL_MAX_OVERLAP,
    Localiser,
    cn_numeral,
    grams,
    overlap,
    reword,
    sentences,
    unit_key,
)

from duizhao.corpus import load_plan
from duizhao.corpus.model import Plan
from duizhao.corpus.samples import SAMPLES, sample_path

__all__ = [
    "CHILD_FIRST",
    "CHILD_SECOND",
    "NOVEL_MAX_OVERLAP",
    "_DETAILS",
    "_MEASURES",
    "Derived",
    "Localiser",
    "_slots",
    "cn_numeral",
    "derive",
    "derive_pairs",
    "grams",
    "load_samples",
    "overlap",
    "pair_specs",
    "reword",
    "sentences",
    "unit_key",
    "write_pairs",
]
"""Importable from here as before the split (hard.py, run.py and the tests import them)."""

# ---------------------------------------------------------------------------------------------
# derive


def derive(parent: Plan, seed: int, donors: list[Plan], intensity: float | None = None) -> Derived:
    """A child plan derived from `parent` with `random.Random(seed)`; see the module docstring.

    `intensity` (0–1) fixes how hard the drafter rewrites; by default each document draws it.
    """
    return _Deriver(parent, seed, donors, intensity).run()


class _Deriver(Choices, Builder, Writer):
    """One derivation: the state shared by the steps (gen_choices, gen_build, gen_render)."""

    def __init__(
        self, parent: Plan, seed: int, donors: list[Plan], intensity: float | None = None
    ) -> None:
        self.parent = parent
        self.seed = seed
        self.rng = random.Random(seed)
        self.donors = [d for d in donors if d.sha256 != parent.sha256]
        self.pm = parent.measures()
        self.by_id = {m.id: m for m in self.pm}
        raw = "".join(m.text for m in self.pm)
        taken = raw + "".join(d.preamble + "".join(m.text for m in d.measures()) for d in donors)
        rng = self.rng
        choices = [a + b for a in CHILD_FIRST for b in CHILD_SECOND if a + b not in taken]
        self.short = rng.choice(choices)
        self.name = self.short + "区"
        self.city = rng.choice([c for c in CITY_FIRST if c not in taken]) + "州市"
        self.localise = Localiser.build([parent], self.name, self.short)
        self.pool = grams(raw) | grams(self.localise(raw))
        self.names = tuple(
            n
            for n in (parent.jurisdiction.name, parent.jurisdiction.short, self.name, self.short)
            if n
        )
        # Per-document style of rewording.
        drawn = rng.random()  # drawn even when fixed, so the rest of the document is the same
        self.intensity = drawn if intensity is None else intensity
        """How hard this drafter rewrites: 0 copies and localises, 1 rewrites a lot."""
        self.p_syn = 0.15 + 0.5 * self.intensity
        self.p_para = 0.1 + 0.5 * self.intensity
        self.legislate = rng.random() < 0.8
        self.stats: dict[str, int] = {}

    # -- steps -----------------------------------------------------------------------------

    def run(self) -> Derived:
        rng = self.rng
        sections = self._parent_sections()
        dropped = self._choose_drops(sections)
        merges = self._choose_merges(sections, dropped)
        splits = self._choose_splits(sections, dropped, merges)
        elaborations = self._choose_elaborations(
            dropped | splits | set(merges) | set(merges.values())
        )
        containers = self._carry(sections, dropped, merges, splits, elaborations)
        self._move(containers)
        self._add(containers)
        if rng.random() < 0.25:
            self._swap_sections(containers)
        self._owners(containers)
        layout = rng.choice(["nested", "flat", "flat", "deep"])
        lines, ordered, located = self._render(containers, layout)
        truth = self._truth(ordered, located, layout)
        return Derived("\n".join(lines) + "\n", truth, self.name)


# ---------------------------------------------------------------------------------------------
# Pairs for the bench


def load_samples() -> dict[str, Plan]:
    """The bundled sample plans, parsed, by short name."""
    return {name: load_plan(sample_path(name)) for name in SAMPLES}


def pair_specs(n: int, seed: int = 0) -> list[tuple[str, int]]:
    """(parent sample name, derivation seed) for n pairs, cycling over the samples."""
    names = list(SAMPLES)
    return [(names[i % len(names)], seed * 100_003 + i) for i in range(n)]


def derive_pairs(
    n: int = 50,
    seed: int = 0,
    samples: dict[str, Plan] | None = None,
    intensity: float | None = None,
):
    """Yield (parent name, parent plan, Derived) for n generated pairs."""
    samples = samples or load_samples()
    for name, s in pair_specs(n, seed):
        donors = [p for other, p in samples.items() if other != name]
        yield name, samples[name], derive(samples[name], s, donors, intensity)


def write_pairs(out_dir: str | Path, n: int = 50, seed: int = 0) -> list[Path]:
    """Write parents/, NNN-child.txt and NNN-truth.json for inspection; return the child paths."""
    out = Path(out_dir)
    (out / "parents").mkdir(parents=True, exist_ok=True)
    samples = load_samples()
    for name in samples:
        target = out / "parents" / Path(sample_path(name)).name
        target.write_bytes(Path(sample_path(name)).read_bytes())
    written = []
    for i, (_name, _parent, d) in enumerate(derive_pairs(n, seed, samples)):
        child = out / f"{i:03d}-child.txt"
        child.write_text(d.text, encoding="utf-8")
        (out / f"{i:03d}-truth.json").write_text(
            json.dumps(d.truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        written.append(child)
    return written


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: generate.py OUT_DIR [N] [SEED]")
        sys.exit(2)
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    base = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    paths = write_pairs(sys.argv[1], count, base)
    print(f"wrote {len(paths)} pairs to {sys.argv[1]}")
