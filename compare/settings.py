"""Every threshold behind "most", "substantial" and "light", in one documented settings object."""

from __future__ import annotations

import difflib
import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from duizhao.corpus.errors import InputError, Message, message


@dataclass(frozen=True)
class Settings:
    """Named thresholds. Override with `--set name=value` or `[tool.duizhao.settings]`."""

    clause_min_similarity: float = 0.5
    """A clause pair below this similarity is not evidence."""
    clause_strong_similarity: float = 0.8
    """A clause pair at or above this is the same clause, lightly reworded or localised."""
    link_min_score: float = 0.15
    """A merge source (any source but the main one) needs a score (mean of child_share and
    parent_share) at least this large …"""
    link_min_child_share: float = 0.05
    """…and at least this much of the child measure credited to the parent measure."""
    main_min_child_share: float = 0.15
    """A child's main source (the parent measure explaining most of it) is linked when it
    explains this much of the child, however small a part of the parent that is (one parent
    measure restated as k fine child measures leaves each about 1/k of the parent)."""
    corroborated_min_child_share: float = 0.1
    """A weaker main source is linked from this child share on only when corroborated:
    corresponding sections, a sibling drawing on the same parent measure, or a clause kept
    nearly verbatim (at least clause_strong_similarity)."""
    context_min_similarity: float = 0.05
    """A child measure with no text link is linked by context (basis "context") to the parent
    measure its section supports whose wording is closest (character-bigram TF-IDF cosine,
    context.py), when that similarity is at least this (a floor: cosines of a short restated
    measure against a long parent measure are small) …"""
    context_runner_up: float = 0.5
    """… and the next supported parent measure's is at most this fraction of it: a clear
    closest, not one of several alike."""
    context_min_concentration: float = 0.2
    """… and that parent measure holds at least this share of the child's vocabulary that the
    parent plan uses at all (IDF-weighted over the parent's measures, context.py): a
    restatement draws its topic words from its one source, while a measure of the child's own
    in the same field (say, text of a grandparent plan) spreads them over many."""
    context_unsupported_min_concentration: float = 0.5
    """A context candidate the section context does not support, only the child's weak text
    main source (too little shared text to be linked by text), needs this concentration."""
    carried_coverage: float = 0.5
    """A parent measure whose coverage reaches this is carried ("most of its substance")."""
    partial_coverage: float = 0.2
    """Kept for configurations that set it: a linked parent measure is partial below
    `carried_coverage` whatever its coverage, and one no child measure links to is dropped."""
    inherited_novelty: float = 0.25
    """A child measure with novelty at most this (and no substantial rewording) is inherited."""
    added_novelty: float = 0.5
    """A child measure that is not the counterpart of any parent measure (outside the one-to-one
    assignment, see assign.py) is added when its novelty is above this ("most of it" new);
    so is one with no link at all."""
    expansion_added_novelty: float = 0.7
    """A child measure outside the assignment whose section restates one parent measure as
    several (its main source is the main source of `expansion_min_siblings` other measures of
    its section) is presumed one of those fine measures: added only above this novelty."""
    expansion_min_siblings: int = 2
    """Siblings drawing on the same main source that make a section an expansion of it."""
    assigned_added_novelty: float = 0.9
    """A counterpart (inside the assignment) is added only when its novelty is above this:
    essentially nothing matches. Below it, heavy local rewriting is still modified."""
    merge_min_share: float = 0.2
    """A second parent source explaining this much of a child measure makes it merged."""
    split_min_share: float = 0.25
    """A child's main source feeding another child measure this much of its own text makes a
    split (as does explaining merge_min_share of that other child)."""
    section_correspondence: float = 0.5
    """Sections correspond when more than this share of either side's main links join them."""
    closest_min_share: float = 0.1
    """A dropped measure names its closest child measure only when this much of it is there."""
    long_clause_chars: int = 40
    """Comma runs longer than this are split into clauses too."""

    def __post_init__(self) -> None:
        """Refuse a value out of its range when the settings are built, by any caller.

        A setting reaches the engine from `--set`, `[settings]` in a configuration or a library
        call; checking here names the setting whichever way it came (an unchecked
        `long_clause_chars=99999999999999999999` ended in a traceback in the JSON encoder)."""
        for name in _NAMES:
            problem = _out_of_range(name, getattr(self, name))
            if problem:
                raise SettingsError(SUBJECT, problem)
        self.check_order()

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)

    def with_overrides(self, pairs: dict[str, str] | list[str]) -> Settings:
        """Settings with `name=value` overrides applied; unknown names and bad values are errors."""
        if isinstance(pairs, list):
            parsed: dict[str, str] = {}
            for item in pairs:
                if "=" not in item:
                    raise SettingsError(SUBJECT, "expected name=value, got {item!r}", item=item)
                key, value = item.split("=", 1)
                parsed[key.strip()] = value.strip()
            pairs = parsed
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}  # field name → int or float, as the field is declared
        for key, value in pairs.items():
            if key not in known:
                near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
                hint = (
                    message("did you mean {name!r}?", name=near[0])
                    if near
                    else message("known: {names}", names=", ".join(known))
                )
                raise SettingsError(SUBJECT, "unknown setting {key!r}; {hint}", key=key, hint=hint)
            kind = int if key in WHOLE_RANGES else float
            try:
                number = kind(value)
            except (TypeError, ValueError, OverflowError):
                what = message("a whole number") if kind is int else message("a number")
                raise SettingsError(
                    SUBJECT, "{key} needs {what}, got {value!r}", key=key, what=what, value=value
                ) from None
            problem = _out_of_range(key, number)
            if problem:
                raise SettingsError(SUBJECT, problem)
            changes[key] = number
        return replace(self, **changes)

    def check_order(self) -> None:
        """Thresholds that bound one another must stay in order (else statuses contradict)."""
        pairs = (
            ("partial_coverage", "carried_coverage"),
            ("inherited_novelty", "added_novelty"),
            ("added_novelty", "expansion_added_novelty"),
            ("expansion_added_novelty", "assigned_added_novelty"),
            ("corroborated_min_child_share", "main_min_child_share"),
            ("link_min_child_share", "corroborated_min_child_share"),
            ("clause_min_similarity", "clause_strong_similarity"),
            ("context_min_concentration", "context_unsupported_min_concentration"),
        )
        for low, high in pairs:
            if getattr(self, low) > getattr(self, high):
                raise SettingsError(
                    SUBJECT,
                    "{low} ({low_value}) must not exceed {high} ({high_value})",
                    low=low,
                    low_value=getattr(self, low),
                    high=high,
                    high_value=getattr(self, high),
                )


SUBJECT = "settings"
"""What a settings error is about in a library call; the command line says `--set`, a
configuration file its own path (they re-raise with their subject)."""


class SettingsError(InputError):
    """A setting that is unknown, of the wrong type or out of its range (named in the message)."""


WHOLE_RANGES: dict[str, tuple[int, int]] = {
    "expansion_min_siblings": (1, 1_000),
    "long_clause_chars": (1, 100_000),
}
"""Bounds of the whole-number settings (a clause is never longer than a plan; every other
setting is a share between 0 and 1)."""
_NAMES = tuple(f.name for f in fields(Settings))


def _out_of_range(name: str, value: object) -> Message | None:
    """Why `value` cannot be setting `name` (its type or range), or None when it can."""
    if name in WHOLE_RANGES:
        low, high = WHOLE_RANGES[name]
        if not isinstance(value, int) or isinstance(value, bool):
            return message("{name} must be a whole number, got {value!r}", name=name, value=value)
        if not low <= value <= high:
            return message(
                "{name} must be a whole number from {low} to {high:,}, got {value}",
                name=name,
                low=low,
                high=high,
                value=value,
            )
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        return message(
            "{name} must be a number between 0 and 1, got {value!r}", name=name, value=value
        )
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        return message("{name} must be between 0 and 1, got {value}", name=name, value=value)
    return None
