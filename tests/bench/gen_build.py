"""Bench generator, second step: child measures built from parent measures and new text."""

from __future__ import annotations

from gen_model import ChildMeasure, Container, Piece, _section_key
from gen_templates import _DETAILS, _LOCAL_SECTIONS, _MEASURES, _fill, _slots
from gen_text import (
    _COMMAS,
    CLAUSE_MAX_OVERLAP,
    NOVEL_MAX_OVERLAP,
    Localiser,
    _cjk,
    _scan,
    overlap,
    reword,
    sentences,
)

from duizhao.corpus.model import Node


class Builder:
    """Mixin of _Deriver (generate.py): carry, split, elaborate, move and add measures."""

    # -- building child measures -------------------------------------------------------------

    def _derived_pieces(
        self,
        node: Node,
        *,
        keep_min: float,
        light: bool = False,
        only: list[str] | None = None,
    ) -> list[Piece]:
        """The parent measure's sentences (or `only` these), trimmed, reordered and reworded,
        tagged with its id."""
        rng = self.rng
        sents = list(only) if only is not None else sentences(node.text)
        total = sum(len(s) for s in sents)
        first = 1 if len(sents) > 1 else 0
        # Clause deletion: whole sentences.
        heavy = self.intensity
        if len(sents) >= 3 and rng.random() < (0.25 if light else 0.3 + 0.4 * heavy):
            for _ in range(rng.randint(1, max(1, (len(sents) - first) // 3))):
                body = list(range(first, len(sents)))
                if len(body) <= 1:
                    break
                victim = rng.choice(body)
                if sum(len(s) for s in sents) - len(sents[victim]) < keep_min * total:
                    break
                del sents[victim]
            self.stats["clause_deleted"] = self.stats.get("clause_deleted", 0) + 1
        # Clause deletion inside a sentence: one comma segment.
        if rng.random() < 0.2 + 0.4 * heavy:
            long = [i for i, s in enumerate(sents) if len(_scan(s, _COMMAS)) >= 4]
            if long:
                i = rng.choice(long)
                segs = _scan(sents[i], _COMMAS)
                del segs[rng.randint(1, len(segs) - 2)]
                sents[i] = "".join(segs)
        # Clause reordering inside a sentence: two neighbouring comma segments swap.
        if rng.random() < 0.1 + 0.3 * heavy:
            long = [i for i, s in enumerate(sents) if len(_scan(s, _COMMAS)) >= 3]
            if long:
                i = rng.choice(long)
                segs = _scan(sents[i], _COMMAS)
                k = rng.randint(0, len(segs) - 3)
                if not segs[k + 1][:1].isdigit():
                    segs[k], segs[k + 1] = segs[k + 1], segs[k]
                    sents[i] = "".join(segs)
        # Clause reordering: two neighbouring body sentences swap.
        if len(sents) - first >= 2 and rng.random() < 0.15 + 0.25 * heavy:
            i = rng.randint(first, len(sents) - 2)
            if not sents[i + 1][:1].isdigit():
                sents[i], sents[i + 1] = sents[i + 1], sents[i]
                self.stats["reordered"] = self.stats.get("reordered", 0) + 1
        pieces = [
            Piece(reword(self.localise(s), rng, self.p_syn, self.legislate, self.p_para), node.id)
            for s in sents
        ]
        return pieces

    def _detail(self, pieces: list[Piece]) -> None:
        """Maybe insert one local detail sentence (new text) into a derived measure."""
        rng = self.rng
        if rng.random() >= 0.15 + 0.25 * self.intensity:
            return
        derived = sum(len(p.text) for p in pieces if p.source is not None)
        for _ in range(5):
            text = _fill(rng.choice(_DETAILS), rng, self.short)
            if len(text) <= 0.35 * derived and self._novel(text):
                pieces.insert(rng.randint(1, len(pieces)), Piece(text, None))
                self.stats["detail"] = self.stats.get("detail", 0) + 1
                return

    def _carry(
        self,
        sections: dict[str, list[Node]],
        dropped: set[str],
        merges: dict[str, str],
        splits: set[str],
        elaborations: dict[str, int],
    ) -> list[Container]:
        rng = self.rng
        second = set(merges.values())
        containers = []
        parts: dict[str, str | None] = {}
        for key, ms in sections.items():
            part, section = self._heading(key)
            top = key.split(".")[0]
            if top not in parts:
                parts[top] = self._rename(part)
            renamed = None if section is None else self._rename(section)
            c = Container(key, parts[top] or part, renamed, [])
            for m in ms:
                if m.id in dropped or m.id in second:
                    continue
                if m.id in merges:
                    other = self.by_id[merges[m.id]]
                    a = self._derived_pieces(m, keep_min=0.7, light=True)
                    b = self._derived_pieces(other, keep_min=0.7, light=True)
                    if len(b) > 1 and rng.random() < 0.5:
                        b = b[1:] if other.title else b  # the second title rarely survives
                    c.measures.append(ChildMeasure(a + b, "merged"))
                elif m.id in splits:
                    c.measures.extend(self._split(m))
                elif m.id in elaborations:
                    c.measures.extend(self._elaborate(m, elaborations[m.id]))
                else:
                    keep = 0.55 - 0.15 * self.intensity
                    pieces = self._derived_pieces(m, keep_min=keep)
                    self._detail(pieces)
                    c.measures.append(ChildMeasure(pieces, "carried"))
            if c.measures:
                containers.append(c)
        self.stats["merged"] = len(merges)
        self.stats["split"] = len(splits)
        return containers

    def _split(self, node: Node) -> list[ChildMeasure]:
        pieces = self._derived_pieces(node, keep_min=0.85, light=True)
        total = sum(len(p.text) for p in pieces)
        cuts = []
        for cut in range(2, len(pieces)):
            head = sum(len(p.text) for p in pieces[:cut])
            if 0.3 * total <= head <= 0.7 * total and not pieces[cut].text[:1].isdigit():
                cuts.append(cut)
        if not cuts:
            cuts = [max(1, len(pieces) // 2)]
        cut = self.rng.choice(cuts)
        return [ChildMeasure(pieces[:cut], "split"), ChildMeasure(pieces[cut:], "split")]

    def _elaborate(self, node: Node, k: int) -> list[ChildMeasure]:
        """The measure without sentence k, then a new local measure built around sentence k.

        The new measure is mostly new text (at least 75%), so it is `added`; the parent feeds
        both substantially (sentence k is 30–45% of it), so both are `split`.
        """
        rng = self.rng
        sents = sentences(node.text)
        seed = sents.pop(k)
        carried = self._derived_pieces(node, keep_min=0.85, light=True, only=sents)
        core = Piece(
            reword(self.localise(seed), rng, self.p_syn, self.legislate, self.p_para), node.id
        )
        need = 3.0 * len(core.text)
        made = self._added_measure(templates_only=True)
        if made is None:
            return [ChildMeasure([*carried, core], "carried")]
        pieces = [made.pieces[0], core, *made.pieces[1:]]
        details = list(_DETAILS)
        rng.shuffle(details)
        for template in details:
            new = sum(len(p.text) for p in pieces if p.source is None)
            if new >= need:
                break
            text = _fill(template, rng, self.short)
            if self._novel(text):
                pieces.append(Piece(text, None))
        if sum(len(p.text) for p in pieces if p.source is None) < need:
            return [ChildMeasure([*carried, core], "carried")]
        self.stats["elaborated"] = self.stats.get("elaborated", 0) + 1
        return [ChildMeasure(carried, "split"), ChildMeasure(pieces, "elaborated")]

    def _rename(self, heading: str | None) -> str | None:
        if heading is None:
            return None
        text = self.localise(heading)
        if self.rng.random() < 0.4:
            text = reword(text, self.rng, 0.8, False)
        return text

    def _natives(self, c: Container) -> int:
        return sum(1 for m in c.measures if m.main and _section_key(m.main) == c.origin)

    def _move(self, containers: list[Container]) -> None:
        """Move whole single-source measures to another section (at most one in, one out)."""
        rng = self.rng
        want = rng.choice([0, 1, 1, 2, 2, 3])
        moved = 0
        touched: set[int] = set()
        order = list(range(len(containers)))
        rng.shuffle(order)
        for si in order:
            if moved >= want:
                break
            src = containers[si]
            if si in touched or self._natives(src) < 3:
                continue
            movable = [m for m in src.measures if m.kind == "carried"]
            if not movable:
                continue
            targets = [
                ti
                for ti, t in enumerate(containers)
                if ti != si and ti not in touched and self._natives(t) >= 2
            ]
            if not targets:
                continue
            ti = rng.choice(targets)
            measure = rng.choice(movable)
            src.measures.remove(measure)
            target = containers[ti]
            target.measures.insert(rng.randint(0, len(target.measures)), measure)
            touched.update((si, ti))
            moved += 1
        self.stats["moved"] = moved

    def _novel(self, text: str) -> bool:
        """New text: few of its 4-grams occur in the parent, and none of its clauses is copied."""
        if overlap(text, self.pool) > NOVEL_MAX_OVERLAP:
            return False
        return all(
            overlap(seg, self.pool) <= CLAUSE_MAX_OVERLAP
            for seg in _scan(text, _COMMAS + "、")
            if len(_cjk(seg)) >= 8
        )

    def _added_measure(self, *, templates_only: bool = False) -> ChildMeasure | None:
        rng = self.rng
        if self.donors and not templates_only and rng.random() < 0.5:
            made = self._from_donor()
            if made is not None:
                return made
        for _ in range(10):
            title, *body = rng.choice(_MEASURES)
            slots = _slots(rng, self.short)
            texts = [title.format(**slots) + "。"] + [s.format(**slots) for s in body]
            if all(self._novel(t) for t in texts):
                return ChildMeasure([Piece(t, None) for t in texts], "added")
        return None

    def _from_donor(self) -> ChildMeasure | None:
        rng = self.rng
        donor = rng.choice(self.donors)
        local = Localiser.build([donor, self.parent], self.name, self.short)
        candidates = []
        for m in donor.measures():
            novel = [s for s in sentences(m.text) if self._novel(s) and self._novel(local(s))]
            if len(novel) >= 2 and sum(len(s) for s in novel) >= 60:
                candidates.append((m, novel))
        if not candidates:
            return None
        m, novel = rng.choice(candidates)
        texts = [local(s) for s in novel]
        if texts[0][:1].isdigit():
            return None
        made = ChildMeasure([Piece(t, None) for t in texts], "added")
        if m.owners:
            made.owners = {
                "responsible": [local(u) for u in m.owners.lead + m.owners.responsible],
                "participating": [local(u) for u in m.owners.participating],
            }
        return made

    def _add(self, containers: list[Container]) -> None:
        rng = self.rng
        count = 0
        for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
            made = self._added_measure()
            if made is None:
                continue
            target = rng.choice(containers)
            target.measures.insert(rng.randint(0, len(target.measures)), made)
            count += 1
        if rng.random() < 0.25 and len(containers) >= 2:
            made = [m for m in (self._added_measure() for _ in range(rng.randint(2, 3))) if m]
            if made:
                heading = _fill(rng.choice(_LOCAL_SECTIONS), rng, self.short)
                containers.insert(len(containers) - 1, Container(None, heading, heading, made))
                count += len(made)
        self.stats["added"] = count

    def _swap_sections(self, containers: list[Container]) -> None:
        """Two neighbouring sections of one part change places (renumbering, not moving)."""
        pairs = [
            i
            for i in range(len(containers) - 2)
            if containers[i].part == containers[i + 1].part
            and containers[i].section
            and containers[i + 1].section
        ]
        if pairs:
            i = self.rng.choice(pairs)
            containers[i], containers[i + 1] = containers[i + 1], containers[i]
            self.stats["sections_swapped"] = 1
