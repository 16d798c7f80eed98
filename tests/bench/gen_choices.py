"""Bench generator, first step: which parent measures are dropped, merged, split, elaborated; owners."""

from __future__ import annotations

import itertools

from gen_model import Container, _section_key
from gen_templates import POOL_UNITS
from gen_text import sentences, unit_key

from duizhao.corpus.model import Node


class Choices:
    """Mixin of _Deriver (generate.py): the choices of what changes, and owners."""

    def _parent_sections(self) -> dict[str, list[Node]]:
        out: dict[str, list[Node]] = {}
        for m in self.pm:
            out.setdefault(_section_key(m.id), []).append(m)
        return out

    def _heading(self, key: str) -> tuple[str, str | None]:
        """Part title and section title (None when measures sit directly under the part)."""
        if not key:
            return "主要任务", None
        top = self.parent.node(key.split(".")[0])
        part = top.title or "主要任务"
        if "." not in key:
            return part, None
        return part, self.parent.node(key).title or part

    def _choose_drops(self, sections: dict[str, list[Node]]) -> set[str]:
        rng = self.rng
        n = len(self.pm)
        k = rng.randint(1, max(1, round(0.15 * n)))
        order = [m.id for m in self.pm]
        rng.shuffle(order)
        # A district cannot legislate: a "local legislation" measure goes first, most of the time.
        legislative = [m.id for m in self.pm if "立法" in (m.title or "")]
        if legislative and rng.random() < 0.6:
            order.remove(legislative[0])
            order.insert(0, legislative[0])
        left = {key: len(ms) for key, ms in sections.items()}
        dropped: list[str] = []
        for mid in order:
            if len(dropped) >= k:
                break
            key = _section_key(mid)
            if left[key] <= 2:
                continue
            left[key] -= 1
            dropped.append(mid)
        self.stats["dropped"] = len(dropped)
        return set(dropped)

    def _choose_merges(self, sections: dict[str, list[Node]], dropped: set[str]) -> dict[str, str]:
        """first parent id → second parent id (adjacent measures of one section)."""
        rng = self.rng
        want = rng.choice([0, 1, 1, 2, 2, 3])
        candidates = []
        for ms in sections.values():
            alive = [m for m in ms if m.id not in dropped]
            if len(alive) < 4:
                continue
            for a, b in itertools.pairwise(alive):
                candidates.append((a.id, b.id))
        rng.shuffle(candidates)
        merges: dict[str, str] = {}
        used: set[str] = set()
        for a, b in candidates:
            if len(merges) >= want:
                break
            if a in used or b in used:
                continue
            merges[a] = b
            used.update((a, b))
        return merges

    def _choose_splits(
        self, sections: dict[str, list[Node]], dropped: set[str], merges: dict[str, str]
    ) -> set[str]:
        rng = self.rng
        want = rng.choice([0, 1, 1, 2, 2])
        busy = set(merges) | set(merges.values()) | dropped
        candidates = [
            m.id
            for m in self.pm
            if m.id not in busy and len(sentences(m.text)) >= 4 and len(m.text) >= 160
        ]
        rng.shuffle(candidates)
        return set(candidates[:want])

    def _choose_elaborations(self, busy: set[str]) -> dict[str, int]:
        """Parent measures one sentence of which becomes the seed of a new local measure (like
        Gaoxin's （十九）, built around the last sentence of Hubei 19): parent id → sentence."""
        rng = self.rng
        want = rng.choice([0, 0, 1, 1, 2])
        candidates: list[tuple[str, int]] = []
        for m in self.pm:
            sents = sentences(m.text)
            if m.id in busy or len(sents) < 3:
                continue
            fits = [
                k
                for k, s in enumerate(sents[1:], 1)
                if 0.3 * len(m.text) <= len(s) <= 0.45 * len(m.text)
                and 25 <= len(s) <= 80
                and not s[:1].isdigit()
            ]
            if fits:
                candidates.append((m.id, rng.choice(fits)))
        rng.shuffle(candidates)
        return dict(candidates[:want])

    # -- owners ------------------------------------------------------------------------------

    def _owners(self, containers: list[Container]) -> None:
        rng = self.rng
        has_owners = any(m.owners for m in self.pm)
        measures = [m for c in containers for m in c.measures]
        pool = [u.format(S=self.short) for u in POOL_UNITS]
        if has_owners and rng.random() < 0.85:
            p_change = rng.uniform(0.04, 0.15)
            changed = 0
            for cm in measures:
                if cm.kind == "added":
                    continue
                source = self.by_id[cm.main] if cm.main else None
                if source is None or not source.owners:
                    if rng.random() < 0.2:
                        cm.owners = self._pool_owners(pool)
                    continue
                owners = {
                    "responsible": [
                        self.localise(u) for u in source.owners.lead + source.owners.responsible
                    ],
                    "participating": [self.localise(u) for u in source.owners.participating],
                }
                if cm.kind == "merged":
                    others = [s for s in cm.contribution() if s != cm.main]
                    extra = [
                        self.localise(u)
                        for s in others
                        for u in self.by_id[s].owners.lead + self.by_id[s].owners.responsible
                    ]
                    target = "responsible" if rng.random() < 0.5 else "participating"
                    for u in extra:
                        if u not in owners["responsible"] + owners["participating"]:
                            owners[target].append(u)
                if rng.random() < p_change:
                    self._reassign(owners, pool)
                    changed += 1
                cm.owners = owners
            self.stats["owners_reassigned"] = changed
        elif not has_owners and rng.random() < 0.35:
            for cm in measures:
                if rng.random() < 0.6:
                    cm.owners = self._pool_owners(pool)
        if has_owners or any(cm.owners for cm in measures):
            for cm in measures:
                if cm.kind == "added" and not cm.owners and rng.random() < 0.5:
                    cm.owners = self._pool_owners(pool)

    def _pool_owners(self, pool: list[str]) -> dict[str, list[str]]:
        units = self.rng.sample(pool, self.rng.randint(1, 4))
        k = self.rng.randint(1, min(2, len(units)))
        return {"responsible": units[:k], "participating": units[k:]}

    def _reassign(self, owners: dict[str, list[str]], pool: list[str]) -> None:
        """A different agency takes the lead: the principal units change, not just their level."""
        rng = self.rng
        resp, part = owners["responsible"], owners["participating"]

        def keys(units: list[str]) -> set[str]:
            return {unit_key(u, self.names) for u in units}

        before = keys(resp)
        fresh = [u for u in pool if unit_key(u, self.names) not in keys(resp + part)]
        how = rng.random()
        if resp and part and how < 0.4:
            # the first participating unit leads, the lead unit takes part
            resp[0], part[0] = part[0], resp[0]
        elif resp and fresh and how < 0.8:
            resp[rng.randrange(len(resp))] = rng.choice(fresh)
        elif fresh:
            resp.append(rng.choice(fresh))
        if keys(resp) == before:
            resp.append(fresh[0] if fresh else "区委依法治区办")
