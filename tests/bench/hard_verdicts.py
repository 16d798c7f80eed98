"""Hard bench, verdicts (issue 19): the derivations that make a status wrong although links are right.

Each pair restates a bundled plan as a district plan (copies lightly reworded, one or two
parent measures dropped) with these phenomena, each tagged so it is scored apart:

- `condense`: a child keeps a minority (25–45 %) of its parent measure's clauses — modified,
  never inherited, and its parent measure partial;
- `oneclause`: a local measure sharing one clause, cut and reworded to middling similarity, with a
  dropped parent measure — added, and the parent measure stays dropped;
- `echo`: a dropped parent measure whose clauses are echoed (cut and reworded, middling
  similarity), one each, by two or three unrelated child measures (copies of other
  measures) — the parent measure stays dropped and
  the hosts link only to their own sources (their status is not scored: a foreign clause is
  a matter of degree);
- `smallmerge`: a child carrying most of a long parent measure and most of a short one (a
  small part of the child) — merged, linked to both;
- `copy` / `dropped`: the ordinary cases around them.

Truth is by measure index on both sides, in the shape hard_run.py scores. Deterministic for a
seed.
"""

from __future__ import annotations

from generate import reword, sentences
from hard import HardMeasure, HardPair, _Hard
from hard_text import _body, _clauses, _render, _sections, picker

from duizhao.corpus.model import Plan

PHENOMENA = ("condense", "oneclause", "echo", "smallmerge")


class _Verdicts(_Hard):
    def middling(self, clause: str) -> str:
        """A clause said again with middling resemblance: about 45 % of its words, in order,
        reworded — what two measures of one field share, not a copied sentence."""
        from duizhao.compare.segment import tokens

        words = tokens(self.localise(clause.rstrip("，,。；")))
        keep = sorted(self.rng.sample(range(len(words)), max(2, round(0.45 * len(words)))))
        return reword("".join(words[x] for x in keep), self.rng, 1.0, True, 1.0) + "。"

    def run(self) -> HardPair:
        rng = self.rng
        secs = _sections(self.plan)
        flat = [m for _, ms in secs for m in ms]
        n = len(flat)
        sec_of = [si for si, (_, ms) in enumerate(secs) for _ in ms]
        bodies = [_body(m) for m in flat]
        pieces = [[c for s in sentences(b) for c in _clauses(s) if len(c) >= 8] for b in bodies]
        order = list(range(n))
        rng.shuffle(order)
        roles: dict[int, str] = {}
        pick = picker(order, roles)

        pick("condense", rng.randint(2, 3), lambda k: len(pieces[k]) >= 6)
        pick("oneclause", rng.randint(1, 2), lambda k: len(pieces[k]) >= 2)
        pick("echo", rng.randint(1, 2), lambda k: len(pieces[k]) >= 3)
        pick("dropped", 1)
        by_len = sorted((k for k in range(n) if k not in roles), key=lambda k: len(bodies[k]))
        small = next((k for k in by_len if len(bodies[k]) >= 40), None)
        big = next((k for k in reversed(by_len) if k != small), None)
        if small is not None and big is not None and len(bodies[big]) >= 3 * len(bodies[small]):
            roles[small], roles[big] = "smallmerge-part", "smallmerge"
        for k in range(n):
            roles.setdefault(k, "copy")
        child: list[list[HardMeasure]] = [[] for _ in secs]
        for k in range(n):
            role, si, body = roles[k], sec_of[k], bodies[k]
            if role == "copy":
                child[si].append(HardMeasure(self.light(body), {k: 1}, "copy", "inherited", si))
            elif role == "condense":
                keep = max(2, round(len(pieces[k]) * rng.uniform(0.25, 0.45)))
                kept = sorted(rng.sample(range(len(pieces[k])), keep))
                text = "".join(pieces[k][x] for x in kept).rstrip("，,") + "。"
                hm = HardMeasure(self.light(text), {k: 1}, "condense", "modified", si)
                child[si].append(hm)
            elif role == "smallmerge":
                main = "".join(sentences(body)[: max(2, len(sentences(body)) * 2 // 3)])
                text = self.light(main) + self.light(bodies[small])
                weights = {k: len(main), small: len(bodies[small])}
                child[si].append(HardMeasure(text, weights, "smallmerge", "modified", si))
        # Local measures, one per `oneclause` parent, each holding one reworded clause of it.
        for k in (k for k in range(n) if roles[k] == "oneclause"):
            borrowed = self.middling(rng.choice(pieces[k]))
            text = self.local()
            text = borrowed + text if rng.random() < 0.5 else text + borrowed
            si = rng.randrange(len(secs))
            hm = HardMeasure(text, {}, "oneclause", "added", si, ignore_split=True)
            child[si].insert(rng.randrange(len(child[si]) + 1), hm)
        # Echoes: one clause of an echoed parent measure appended to 2–3 copies elsewhere.
        hosts_all = [c for cs in child for c in cs if c.phenomenon == "copy"]
        for k in (k for k in range(n) if roles[k] == "echo"):
            hosts = rng.sample(hosts_all, min(len(hosts_all), rng.randint(2, 3)))
            for host, clause in zip(hosts, rng.sample(pieces[k], len(hosts)), strict=False):
                host.text += self.middling(clause)
                host.phenomenon, host.status, host.ignore_split = "echo", None, True
                hosts_all.remove(host)
        ordered = [c for cs in child for c in cs]
        truth = self._verdict_truth(ordered, roles)
        preamble = f"为深入贯彻落实《{self.plan.title}》精神，结合我区实际，制定本方案。"
        return HardPair(
            _render(
                self.plan.title or "法治社会建设实施方案",
                "为加快建设法治社会，制定本方案。",
                [(h, [_body(m) for m in ms]) for h, ms in secs],
            ),
            _render(
                f"{self.name}法治社会建设实施方案",
                preamble,
                [(secs[si][0], [c.text for c in cs]) for si, cs in enumerate(child) if cs],
            ),
            truth,
            self.name,
        )

    def _verdict_truth(self, ordered: list[HardMeasure], roles: dict[int, str]) -> dict:
        links = sorted((k, j) for j, c in enumerate(ordered) for k in c.sources)
        main = {
            str(j): max(c.sources, key=lambda k: (c.sources[k], -k))
            for j, c in enumerate(ordered)
            if c.sources
        }
        dropped = sorted(k for k, r in roles.items() if r in ("dropped", "oneclause", "echo"))
        return {
            "links": links,
            "added": [j for j, c in enumerate(ordered) if c.status == "added"],
            "dropped": dropped,
            "moved": [],
            "merged": [j for j, c in enumerate(ordered) if c.phenomenon == "smallmerge"],
            "split": [],
            "owners_changed": [],
            "ignore_split": [j for j, c in enumerate(ordered) if c.ignore_split],
            "main": main,
            "status": [c.status for c in ordered],
            "phenomenon": [c.phenomenon for c in ordered],
            "parent_count": len(roles),
            "parent_roles": [roles[k] for k in range(len(roles))],
            "seed": self.seed,
        }


def verdict_pair(plan: Plan, seed: int) -> HardPair:
    """One verdicts pair derived from `plan` with `random.Random(seed)`."""
    return _Verdicts(plan, seed).run()
