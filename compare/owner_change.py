"""What really changed in a measure's owners: units added and removed per role, and role moves.

Why compare keys and not names: 省司法厅 → 区司法局 is the same agency one level down
(owner_names.py), so a district plan that restates every provincial owner at its own level has
changed nothing. Why every role: moving an agency from 牵头单位 to 参加单位 changes who answers
for the measure, so it is a change even when the set of agencies is the same. Lead (牵头) and
responsible (责任) units are the principal tier (责任单位 is written where a plan has no
lead/participating split); participating (参加/配合) units are the second tier, and a unit
moving between tiers is a role move. The result keeps the names as each plan prints them, so a
report can say "牵头单位由省司法厅调整为区民政局" without ever showing the two full lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from duizhao.compare.owner_names import unit_key
from duizhao.corpus.model import Owners


class Role(StrEnum):
    """The owners fields of a measure (values are the compare@1 `owners` keys)."""

    LEAD = "lead"
    RESPONSIBLE = "responsible"
    PARTICIPATING = "participating"


TIER = {Role.LEAD: 0, Role.RESPONSIBLE: 0, Role.PARTICIPATING: 1}
"""Principal units (lead, responsible) and the units that take part."""


@dataclass(frozen=True)
class RoleUnit:
    """One unit in one role, as the plan prints it."""

    role: Role
    unit: str


@dataclass(frozen=True)
class RoleMove:
    """A unit both plans name, in another tier of role (牵头 → 参加, or back)."""

    before: RoleUnit
    after: RoleUnit


@dataclass(frozen=True)
class OwnerChange:
    """The real difference between a child measure's owners and its source's (never empty)."""

    added: tuple[RoleUnit, ...] = ()
    """Units the child names whose agency the source does not name in any role."""
    removed: tuple[RoleUnit, ...] = ()
    """Units of the source whose agency the child does not name in any role."""
    moved: tuple[RoleMove, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.moved)

    def size(self) -> int:
        return len(self.added) + len(self.removed) + len(self.moved)

    def to_dict(self) -> dict[str, list[dict[str, str]]]:
        """The JSON form (compare@1 `owners_change`, a field added beyond the contract)."""
        return {
            "added": [{"role": u.role.value, "unit": u.unit} for u in self.added],
            "removed": [{"role": u.role.value, "unit": u.unit} for u in self.removed],
            "moved": [
                {
                    "unit": m.after.unit,
                    "unit_before": m.before.unit,
                    "from": m.before.role.value,
                    "to": m.after.role.value,
                }
                for m in self.moved
            ],
        }


def _units(owners: Owners, places: tuple[str, ...]) -> dict[str, RoleUnit]:
    """Key → the unit in its highest tier (a unit named twice counts where it leads)."""
    out: dict[str, RoleUnit] = {}
    for role in Role:
        for unit in getattr(owners, role.value):
            out.setdefault(unit_key(unit, places), RoleUnit(role, unit))
    return out


def compare_owners(
    before: Owners, after: Owners, places: tuple[str, ...], free: frozenset[str] = frozenset()
) -> OwnerChange:
    """The difference from `before` (the source's owners) to `after` (the child's).

    Units whose key is in `free` may take any role in `after` (see `owner_change`)."""
    old, new = _units(before, places), _units(after, places)
    return OwnerChange(
        added=tuple(u for k, u in new.items() if k not in old),
        removed=tuple(u for k, u in old.items() if k not in new),
        moved=tuple(
            RoleMove(old[k], u)
            for k, u in new.items()
            if k in old and k not in free and TIER[old[k].role] != TIER[u.role]
        ),
    )


def owner_change(
    sources: list[Owners], after: Owners, places: tuple[str, ...]
) -> OwnerChange | None:
    """The change against the sources a child measure draws on substantially, or None.

    Nothing is said when either side names no owners (a plan that leaves owners out has not
    reassigned anything). A merged measure is compared with each of its sources and with the
    union of their owners, and the smallest difference is its change: keeping one source's
    units, or naming all of them, is not a reassignment, and which of two near-equal sources
    is "main" must not decide it. Against the union, the units only the other sources name may
    take either role: a merged measure names the lead unit of a measure it absorbed as lead or
    as participant, and neither hands the main source's work to anyone else. Ties go to the
    main source (first)."""
    named = [s for s in sources if s]
    if not after or not named:
        return None
    changes = [compare_owners(s, after, places) for s in named]
    if len(named) > 1:
        free = frozenset(_units(_union(named[1:]), places)) - frozenset(_units(named[0], places))
        changes.append(compare_owners(_union(named), after, places, free))
    best = min(changes, key=OwnerChange.size)
    return best or None


def _union(sources: list[Owners]) -> Owners:
    def join(role: Role) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u for s in sources for u in getattr(s, role.value)))

    return Owners(join(Role.LEAD), join(Role.PARTICIPATING), join(Role.RESPONSIBLE))
