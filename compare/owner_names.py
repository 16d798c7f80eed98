"""Agency names without their level: the grammar of compare/data/owner_levels.toml.

Why a grammar and not a list: the same agency is named differently at every level (省司法厅,
襄阳市司法局, 区司法局; 省高级人民法院, 市中级人民法院, 区人民法院; 各市（州）, 各县（市、区）), and
plans name thousands of agencies no list would hold. What changes with the level is regular:
a jurisdiction name or level word in front, a rank word that follows the level (厅/局,
办公厅/办公室, 委/局, 高级/中级/基层人民法院), level letters inside short forms (团省委, 依法治省办)
and collective owners one level down. Each of those is one rule in the data file, applied in
order, with examples the tests check; the key a name reduces to is compared, never shown.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class Rule:
    """One substitution of the grammar, with the name pairs it makes equal or keeps apart."""

    id: str
    why: str
    pattern: re.Pattern[str]
    replace: str
    same: tuple[tuple[str, str], ...]
    differ: tuple[tuple[str, str], ...]


@cache
def _source() -> str:
    return files("duizhao.compare").joinpath("data/owner_levels.toml").read_text("utf-8")


def version() -> str:
    """A hash of the rules (cached comparisons are keyed by it: the rules are data, not code)."""
    return hashlib.sha256(_source().encode("utf-8")).hexdigest()[:16]


@cache
def rules() -> tuple[Rule, ...]:
    """The rules of compare/data/owner_levels.toml, in the order they apply."""
    data = tomllib.loads(_source())
    return tuple(
        Rule(
            r["id"],
            r["why"],
            re.compile(r["pattern"]),
            r["replace"],
            tuple(tuple(p) for p in r.get("same", ())),
            tuple(tuple(p) for p in r.get("differ", ())),
        )
        for r in data["rule"]
    )


def unit_key(name: str, places: tuple[str, ...] = (), skip: str | None = None) -> str:
    """The level-free key of one unit name: equal keys are one agency at two levels.

    `places` are the jurisdiction names of the plans compared (湖北省, 湖北, 襄阳高新区 …),
    removed first wherever they appear (湖北省司法厅, 公安瑶海分局): a plan's own name is the
    surest sign of a level. `skip` leaves one rule out (for the tests that show
    each rule is needed)."""
    return _key(name, places, skip)


@lru_cache(maxsize=1 << 12)
def _key(name: str, places: tuple[str, ...], skip: str | None) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    for place in sorted(places, key=lambda p: (-len(p), p)):
        if len(place) >= 2:
            text = text.replace(place, "")
    for rule in rules():
        if rule.id != skip:
            text = rule.pattern.sub(rule.replace, text)
    return text
