"""Owners in the hard bench: agencies renamed by level across many kinds, mixed with real changes.

Every parent measure gets owners at the parent's level (a lead unit, sometimes participating
units) drawn from a broad set of agency kinds — departments (厅/局), general offices
(办公厅/办公室), courts (高级/中级/基层), procuratorates, party and congress bodies, commissions
that are bureaus lower down (委/局), short forms (团省委, 依法治省办), jurisdiction-named units
(湖北省司法厅 / 某某区司法局) and collective owners (各市（州）, 省有关单位, 省直各部门). The child
restates them at the district level, which is no change; a share of child measures get a real
change in one role: another agency leads, a unit is added or removed, or a unit moves between
牵头 and 参加. Truth is by agency kind (the generator knows which names are one agency), scored
by the definition of comparison.md (owner_truth.py). Deterministic for the generator's rng.
"""

from __future__ import annotations

import random

import owner_truth

# One agency per row, as (province, city, district) names.
KINDS = (
    ("省司法厅", "市司法局", "区司法局"),
    ("省民政厅", "市民政局", "区民政局"),
    ("省教育厅", "市教育局", "区教育局"),
    ("省公安厅", "市公安局", "区公安分局"),
    ("省财政厅", "市财政局", "区财政局"),
    ("省住房和城乡建设厅", "市住房和城乡建设局", "区住房城乡建设局"),
    ("省人力资源和社会保障厅", "市人力资源和社会保障局", "区人力资源社会保障局"),
    ("省文化和旅游厅", "市文化和旅游局", "区文化和旅游局"),
    ("省市场监管局", "市市场监管局", "区市场监管局"),
    ("省委办公厅", "市委办公室", "区委办公室"),
    ("省政府办公厅", "市政府办公室", "区政府办公室"),
    ("省人大常委会办公厅", "市人大常委会办公室", "区人大常委会办公室"),
    ("省高级人民法院", "市中级人民法院", "区人民法院"),
    ("省人民检察院", "市人民检察院", "区人民检察院"),
    ("省委宣传部", "市委宣传部", "区委宣传部"),
    ("省委组织部", "市委组织部", "区委组织部"),
    ("省委政法委", "市委政法委", "区委政法委"),
    ("省委网信办", "市委网信办", "区委网信办"),
    ("省委依法治省办", "市委依法治市办", "区委依法治区办"),
    ("团省委", "团市委", "团区委"),
    ("省卫生健康委", "市卫生健康委", "区卫生健康局"),
    ("省发展改革委", "市发展改革委", "区发展改革局"),
    ("省精神文明办", "市精神文明办", "区精神文明办"),
    ("省妇联", "市妇联", "区妇联"),
    ("省总工会", "市总工会", "区总工会"),
    ("省法学会", "市法学会", "区法学会"),
    ("各市（州）", "各县（市、区）", "各乡镇（街道）"),
    ("省有关单位", "市有关单位", "区有关单位"),
    ("省直各部门", "市直各部门", "区直各部门"),
)
LEVEL_INDEX = {"province": 0, "city": 1, "district": 2}
P_CHANGE = 0.25
"""Share of child measures (with a source) whose owners really change."""

Owned = dict[str, list[int]]
"""Role (lead / participating) → agency kinds."""


def parent_owners(n: int, rng: random.Random) -> list[Owned]:
    """Owners of each parent measure (80 % have some): one lead, 0–3 participating."""
    out = []
    for _ in range(n):
        if rng.random() < 0.2:
            out.append({})
            continue
        kinds = rng.sample(range(len(KINDS)), rng.randint(1, 4))
        out.append({"lead": kinds[:1], "participating": kinds[1:]})
    return out


def child_owners(sources: list[Owned], rng: random.Random) -> tuple[Owned, bool]:
    """A child measure's owners from its sources (main first), and whether they really changed."""
    main = sources[0] if sources else {}
    if not main:
        return {}, False
    owned = {role: list(kinds) for role, kinds in main.items()}
    for other in sources[1:]:
        for k in other.get("lead", []):
            if k not in owned["lead"] + owned["participating"]:
                owned["participating" if rng.random() < 0.5 else "lead"].append(k)
    if rng.random() < P_CHANGE:
        _change(owned, rng)
    changed = owner_truth.owners_changed([_tiered(s) for s in sources if s], _tiered(owned))
    return owned, changed


def _change(owned: Owned, rng: random.Random) -> None:
    """One real change: another lead, a unit added, a unit removed, or a move between roles."""
    lead, part = owned["lead"], owned["participating"]
    fresh = [k for k in range(len(KINDS)) if k not in lead + part]
    how = rng.choice(("lead", "add", "remove", "move"))
    if how == "move" and part:
        lead[0], part[0] = part[0], lead[0]
    elif how == "remove" and part:
        part.pop(rng.randrange(len(part)))
    elif how == "add":
        part.append(rng.choice(fresh))
    else:
        lead[0] = rng.choice(fresh)


def _tiered(owned: Owned) -> dict[str, int]:
    return {
        str(k): tier
        for tier, role in ((0, "lead"), (1, "participating"))
        for k in owned.get(role, [])
    }


def owner_lines(owned: Owned, level: int, place: tuple[str, str], rng: random.Random) -> str:
    """The owners as lines after a measure, at `level` (0 province … 2 district).

    `place` is (full name, level word) of the plan's jurisdiction (湖北省, 省): a fifth of the
    units that start with that level word are written with the full name instead."""
    lines = []
    for role, word in (("lead", "牵头单位"), ("participating", "参加单位")):
        names = []
        for k in owned.get(role, []):
            name = KINDS[k][level]
            if name.startswith(place[1]) and place[0] and rng.random() < 0.2:
                name = place[0] + name[len(place[1]) :]
            names.append(name)
        if names:
            # A child plan without a lead/participating split names its principal units 责任单位.
            lines.append(f"{word}：{'、'.join(names)}")
    return "".join("\n" + line for line in lines)


class HardOwners:
    """The owners of one hard pair, drawn from their own random stream (so adding owners left
    every other choice of the generator as it was)."""

    def __init__(self, plan, child_name: str, seed: int, n: int) -> None:
        self.rng = random.Random(seed * 7 + 1)
        j = plan.jurisdiction
        self.level = LEVEL_INDEX.get(j.level, 0)
        self.place = (j.name, j.name[-1:] if j.name else "")
        self.child_place = (child_name, "区")
        self.owned = parent_owners(n, self.rng)

    def parent(self, k: int) -> str:
        """Owner lines of parent measure k (index in the generator's flat order)."""
        return owner_lines(self.owned[k], self.level, self.place, self.rng)

    def dress(self, ordered) -> list[int]:
        """Append owner lines to the child measures; the indices whose owners really changed.

        Measures restating parent measures take their sources' owners (main source first);
        local measures get owners of their own; a local measure borrowing a sentence gets none
        (its "source" is a lender, not a measure it restates)."""
        changed = []
        for j, c in enumerate(ordered):
            if c.phenomenon == "borrowed":
                continue
            if not c.sources:
                owned = parent_owners(1, self.rng)[0]
                c.text += owner_lines(owned, 2, self.child_place, self.rng)
                continue
            order = sorted(c.sources, key=lambda k: (-c.sources[k], k))
            owned, really = child_owners([self.owned[k] for k in order], self.rng)
            c.text += owner_lines(owned, 2, self.child_place, self.rng)
            if really:
                changed.append(j)
        return changed
