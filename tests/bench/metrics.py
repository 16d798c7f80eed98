"""Precision, recall and F1 per category, from predicted and true sets, micro-averaged over pairs.

Categories: `links` ((parent id, child id) pairs), `dropped` (parent ids), `added`, `moved`,
`merged`, `split`, `owners_changed` (child ids). A system's answer is read from the part of
the `duizhao/compare@1` shape every system fills (see baselines.py). Truth comes from the
generator (child measures by index) or from a gold file, mapped to ids by the caller.

Micro-averaging: true positives, false positives and false negatives are summed over all pairs,
then P, R and F1 computed once. A figure with a zero denominator is None ("n/a"): P when
nothing was predicted, R when nothing was true, F1 when neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = ("links", "dropped", "added", "moved", "merged", "split", "owners_changed")
FLAGS = ("moved", "merged", "split", "owners_changed")
CHILD_SIDE = ("links", "added", "moved", "merged", "split", "owners_changed")
"""Categories whose items name child measures (wrong when the child is mis-parsed)."""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def to_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def score(predicted: set, true: set, ignore: set | frozenset = frozenset()) -> Counts:
    """Counts for one category of one pair. Items in `ignore` are neither hits nor errors."""
    predicted = predicted - ignore
    true = true - ignore
    return Counts(len(predicted & true), len(predicted - true), len(true - predicted))


def predicted_sets(result: dict) -> dict[str, set]:
    """The sets a system's compare@1-like answer claims, per category."""
    out: dict[str, set] = {
        "links": {(link["parent"], link["child"]) for link in result["links"]},
        "dropped": {m["id"] for m in result["parent_measures"] if m["status"] == "dropped"},
        "added": {m["id"] for m in result["child_measures"] if m["status"] == "added"},
    }
    for flag in FLAGS:
        out[flag] = {m["id"] for m in result["child_measures"] if flag in m.get("flags", ())}
    return out


def truth_sets(truth: dict, child_ids: list[str]) -> dict[str, set]:
    """The generator's truth (child measures by index) as sets of ids like predicted_sets'."""

    def cid(index: int) -> str:
        return child_ids[index] if index < len(child_ids) else f"#missing-{index}"

    out: dict[str, set] = {
        "links": {(p, cid(j)) for p, j in truth["links"]},
        "dropped": set(truth["dropped"]),
        "added": {cid(j) for j in truth["added"]},
    }
    for flag in FLAGS:
        out[flag] = {cid(j) for j in truth[flag]}
    return out


@dataclass
class Tally:
    """Counts per category, summed over pairs."""

    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})

    def add(
        self,
        predicted: dict[str, set],
        true: dict[str, set],
        ignore: dict[str, set] | None = None,
        *,
        child_side_wrong: bool = False,
    ) -> None:
        """Add one pair. `child_side_wrong`: the child was mis-parsed, so every child-side item,
        predicted or true, is an error (false positive or false negative)."""
        ignore = ignore or {}
        for cat in CATEGORIES:
            if child_side_wrong and cat in CHILD_SIDE:
                self.counts[cat] += Counts(0, len(predicted.get(cat, ())), len(true.get(cat, ())))
            else:
                self.counts[cat] += score(
                    set(predicted.get(cat, ())), set(true.get(cat, ())), ignore.get(cat, set())
                )

    def to_dict(self) -> dict:
        return {cat: c.to_dict() for cat, c in self.counts.items()}


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
