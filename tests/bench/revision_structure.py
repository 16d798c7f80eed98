"""Structural edits of the revision generator: a measure moved to another section, deleted,
inserted, split in two, and two merged (the renumbering below follows when rendered)."""

from __future__ import annotations

import random
from dataclasses import replace

from gen_text import sentences


def restructure(sections, old, free, taken, rng: random.Random, inserted) -> list[int]:
    """Move, delete, insert, split and merge measures in `sections` (new draft); returns the
    old indexes deleted."""
    deleted: list[int] = []

    def where(k: int) -> tuple[int, int]:
        for si, (_, ms) in enumerate(sections):
            for mi, m in enumerate(ms):
                if m.origin == (k,):
                    return si, mi
        raise KeyError(k)

    def untouched(ok=lambda t: True) -> int | None:
        for k in free:
            if k not in taken and ok(old[k].text):
                taken.add(k)
                return k
        return None

    k = untouched()
    if k is not None and len(sections) >= 2:  # moved to the middle of another section
        si, mi = where(k)
        m = sections[si][1].pop(mi)
        target = (si + 1 + rng.randrange(len(sections) - 1)) % len(sections)
        ms = sections[target][1]
        ms.insert(len(ms) // 2, m)
        m.kind = "moved"
    k = untouched()
    if k is not None:
        si, mi = where(k)
        sections[si][1].pop(mi)
        deleted.append(k)
    si = rng.randrange(len(sections))
    sections[si][1].insert(
        len(sections[si][1]) // 2,
        inserted,
    )
    k = untouched(lambda t: len(sentences(t)) >= 3)
    if k is not None:
        si, mi = where(k)
        m = sections[si][1][mi]
        ss = sentences(m.text)
        half = len(ss) // 2
        first = replace(m, text="".join(ss[:half]), kind="split")
        second = replace(m, text="".join(ss[half:]), kind="split")
        sections[si][1][mi : mi + 1] = [first, second]
    for _, ms in sections:
        pairs = [
            mi
            for mi in range(len(ms) - 1)
            if ms[mi].kind == "untouched"
            and ms[mi + 1].kind == "untouched"
            and ms[mi].origin[0] not in taken
            and ms[mi + 1].origin[0] not in taken
        ]
        if pairs:
            mi = pairs[len(pairs) // 2]
            a, b = ms[mi], ms[mi + 1]
            taken.update({a.origin[0], b.origin[0]})
            units = {
                r: list(dict.fromkeys(getattr(a, r) + getattr(b, r)))
                for r in ("lead", "participating", "responsible")
            }
            ms[mi : mi + 2] = [
                replace(a, text=a.text + b.text, origin=a.origin + b.origin, kind="merged", **units)
            ]
            break
    return deleted
