"""Owners of a measure: inline （责任单位：…，参加单位：…） clauses and separate 牵头单位： lines."""

from __future__ import annotations

import bisect
import re

from duizhao.corpus.model import Owners

# Role words → Owners field. 配合/协办 units take part without leading.
ROLES = {
    "牵头单位": "lead",
    "主责单位": "lead",
    "牵头部门": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "参加单位": "participating",
    "参与单位": "participating",
    "配合单位": "participating",
    "协办单位": "participating",
    "参加部门": "participating",
    "参与部门": "participating",
    "配合部门": "participating",
    "协办部门": "participating",
    "协同单位": "participating",
    "协同部门": "participating",
}
_ROLE_RE = re.compile("(" + "|".join(ROLES) + r")\s*[：:]")
_DEADLINE_RE = re.compile(r"(完成时限|时间节点|完成时间)\s*[：:]\s*")
"""A deadline inside an owners clause (（牵头单位：…；完成时限：2025年底）): not a unit."""
_LINE_RE = re.compile(r"^\s*(" + "|".join(ROLES) + r")\s*[：:]")
_OPENERS = "（("
_CLOSERS = "）)"


def is_owner_line(text: str) -> bool:
    """A paragraph of its own naming units: 牵头单位：省委依法治省办."""
    return bool(_LINE_RE.match(text))


def parse_roles(text: str) -> Owners:
    """Parse "责任单位：A、B，参加单位：C" into Owners (units kept as printed, nesting intact)."""
    found: dict[str, dict[str, None]] = {"lead": {}, "participating": {}, "responsible": {}}
    marks = list(_ROLE_RE.finditer(text))
    stops = sorted([m.start() for m in marks] + [m.start() for m in _DEADLINE_RE.finditer(text)])
    for m in marks:
        after = bisect.bisect_right(stops, m.start())
        end = stops[after] if after < len(stops) else len(text)
        units = split_units(text[m.end() : end])
        field = ROLES[m.group(1)]
        found[field].update(dict.fromkeys(units))  # kept in order, without repeats
    return Owners(tuple(found["lead"]), tuple(found["participating"]), tuple(found["responsible"]))


def split_units(text: str) -> list[str]:
    """Split a unit list on 、，,；; outside parentheses; trim 等 and stray punctuation."""
    units: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;。":
            units.append("".join(current))
            current = []
        else:
            current.append(ch)
    units.append("".join(current))
    cleaned = []
    for unit in units:
        unit = unit.strip(" \u3000\t。.")
        if unit.endswith("等") and len(unit) > 2:
            unit = unit[:-1]
        if unit:
            cleaned.append(unit)
    return cleaned


def split_inline(body: str) -> tuple[str, Owners]:
    """Remove a trailing （责任单位：…） clause from `body`; return the body and its owners."""
    text = body.rstrip()
    if not text or text[-1] not in _CLOSERS:
        return body, Owners()
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in _CLOSERS:
            depth += 1
        elif ch in _OPENERS:
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : -1]
                if _ROLE_RE.match(inner.strip()):
                    return text[:i].rstrip(), parse_roles(inner)
                return body, Owners()
    return body, Owners()


def deadline_in(text: str) -> str | None:
    """The deadline an owners clause or line names (完成时限：2025年底), as printed."""
    m = _DEADLINE_RE.search(text)
    if m is None:
        return None
    when = re.split(r"[，,；;。）)]", text[m.end() :], maxsplit=1)[0].strip()
    return when or None


def merge(a: Owners, b: Owners) -> Owners:
    """Owners named in two places (inline and on separate lines) combined, without repeats."""

    def join(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x + y))

    return Owners(
        join(a.lead, b.lead),
        join(a.participating, b.participating),
        join(a.responsible, b.responsible),
    )
