"""Waivers for parent measures, keyed by a hash of the measure's text so renumbering keeps them.

The key's normalisation is its own (width, whitespace, the plan's own names) and deliberately
not the comparison's localisation: tuning the comparison must not invalidate written waivers.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from duizhao.corpus.model import Node, Plan

KEY_LENGTH = 8
"""Hex characters of the sha1 kept as a measure key (32 bits: collisions are not a concern)."""
TEXT_MIN_RATIO = 90.0
"""A waiver without a matching key still matches a measure whose normalised text is this similar."""
_SPACE = re.compile(r"\s+")
PLACE = "本地"
"""What the plan's own jurisdiction names become in a key's text."""
PLACEHOLDER_REASON = "TODO: reason"
"""The reason `check --init` and the printed fixes write: a waiver still to be justified."""


class MatchHow(StrEnum):
    """How a waiver found its measure (JSON strings)."""

    KEY = "key"
    TEXT = "text"
    TITLE = "title"
    NONE = "none"


@dataclass(frozen=True)
class Waiver:
    """Permission for a parent measure not to be carried, with the reason a reviewer reads."""

    key: str
    """Measure key (see `measure_key`); may match nothing when the parent text changed."""
    reason: str
    label: str | None = None
    """The measure's number when the waiver was written: for humans only, never matched."""
    title: str | None = None
    """The measure's title when the waiver was written; a fallback when key and text fail."""
    text: str | None = None
    """The measure's normalised text (`MeasureKeys.normalise`), to match a lightly edited parent."""
    line: int = 1
    """Line of the waiver in its configuration file (for annotations)."""

    @property
    def has_reason(self) -> bool:
        """False for empty reasons and the "TODO: reason" placeholder that `check --init` writes."""
        reason = self.reason.strip()
        return bool(reason) and not reason.upper().startswith("TODO")


@dataclass(frozen=True)
class WaiverMatch:
    """The measures a waiver applies to, and how they were found."""

    measure_ids: tuple[str, ...]
    how: MatchHow


class MeasureKeys:
    """Normalised texts and keys of one plan's measures."""

    def __init__(self, plan: Plan) -> None:
        j = plan.jurisdiction
        self.names = tuple(
            sorted({n for n in (j.name, j.short) if len(n) >= 2}, key=len, reverse=True)
        )
        self.measures: list[Node] = plan.measures()
        self.texts = {m.id: self.normalise(m.text) for m in self.measures}
        self.titles = {m.id: self.normalise(m.title or "") for m in self.measures}
        self.keys = {mid: key_of(text) for mid, text in self.texts.items()}

    def normalise(self, text: str) -> str:
        """Width folded (NFKC), whitespace removed, the plan's own names made neutral."""
        text = _SPACE.sub("", unicodedata.normalize("NFKC", text))
        for name in self.names:
            text = text.replace(name, PLACE)
        return text

    def match(self, waiver: Waiver) -> WaiverMatch:
        """Measures the waiver names: by key, else by near-identical text, else by unique title."""
        by_key = tuple(mid for mid, key in self.keys.items() if key == waiver.key)
        if by_key:
            return WaiverMatch(by_key, MatchHow.KEY)
        if waiver.text:
            found = process.extractOne(
                self.normalise(waiver.text),
                self.texts,
                scorer=fuzz.ratio,
                score_cutoff=TEXT_MIN_RATIO,
            )
            if found is not None:
                return WaiverMatch((found[2],), MatchHow.TEXT)
        if waiver.title:
            title = self.normalise(waiver.title)
            by_title = tuple(mid for mid, t in self.titles.items() if t and t == title)
            if len(by_title) == 1:
                return WaiverMatch(by_title, MatchHow.TITLE)
        return WaiverMatch((), MatchHow.NONE)


def looks_like_key(key: str) -> bool:
    """True for KEY_LENGTH lowercase hex characters (not a label such as "湖北.1.6")."""
    return bool(re.fullmatch(rf"[0-9a-f]{{{KEY_LENGTH}}}", key))


def key_of(normalised: str) -> str:
    """The measure key of an already normalised text."""
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def measure_key(node: Node, plan: Plan) -> str:
    """Stable key of a measure: survives renumbering, reordering, spacing and width changes."""
    return MeasureKeys(plan).keys[node.id]


def match_all(waivers: Sequence[Waiver], keys: MeasureKeys) -> list[WaiverMatch]:
    """Each waiver's match against one plan, in waiver order."""
    return [keys.match(w) for w in waivers]


def toml_string(text: str) -> str:
    """A TOML basic string: JSON escaping (valid TOML) plus DEL and every invisible format,
    separator or surrogate character as a \\u escape, so a printed line shows what it holds."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in quoted)


_HIDDEN = ("Cc", "Cf", "Cs", "Zl", "Zp")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@dataclass(frozen=True)
class WaiverStyle:
    """How the configuration writes waivers, so a finding can carry the exact TOML to add."""

    config: str = "duizhao.toml"
    """The configuration's file name (where to add the waiver)."""
    table: str = "waivers"
    """`waivers` or `tool.duizhao.waivers`."""
    array: bool = False
    """True for `[[waivers]]` tables, False for `[waivers] "key" = "reason"` lines."""

    def toml(self, key: str, node: Node) -> str:
        """The TOML that waives the measure with this key (reason still to be written)."""
        if self.array:
            return "\n".join(
                [
                    f"[[{self.table}]]",
                    f"key = {toml_string(key)}",
                    f"label = {toml_string(node.label)}",
                    f"title = {toml_string(node.title or '')}",
                    f"reason = {toml_string(PLACEHOLDER_REASON)}",
                ]
            )
        return (
            f"{toml_string(key)} = {toml_string(PLACEHOLDER_REASON)}  # {toml_comment(node.name)}"
        )


def toml_comment(text: str) -> str:
    """Text safe in a TOML comment: one line, no control characters."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def reasons_by_measure(waivers: Sequence[Waiver], plan: Plan) -> dict[str, str]:
    """Measure id of `plan` → the reason of the waiver that names it (waivers with a real reason
    only; the first waiver wins): what the 对照表 says beside a measure that is not carried."""
    keys = MeasureKeys(plan)
    out: dict[str, str] = {}
    for waiver in waivers:
        if not waiver.has_reason:
            continue
        for measure_id in keys.match(waiver).measure_ids:
            out.setdefault(measure_id, waiver.reason.strip())
    return out
