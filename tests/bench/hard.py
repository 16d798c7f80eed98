"""The hard bench: derivations as real plans make them, each phenomenon tagged so it is scored apart.

Where generate.py (the easy mode) copies a parent the way a careful drafter does, this module
writes the cases that fool a symmetric score or one novelty threshold (issue 10):

- `expand`: one coarse parent measure restated as k = 3–6 short fine child measures;
- `grandparent`: text of a measure the (rendered) parent omits: a whole measure (added) or one
  sentence appended to a counterpart (modified, linked to the counterpart only);
- `restated`: a counterpart that keeps only its parent measure's topic words, restated in the
  district's own sentences (no clause need pass: the context channel's case);
- `heavy`: a counterpart rewritten hard (clauses cut, synonyms, reordering, local names and
  local detail) that stays its parent measure's counterpart;
- `borrowed`: a local measure that borrows 20–35 % of its text verbatim from a parent measure
  whose real counterpart is elsewhere (added, linked to the lender);
- `merge3`: three or four non-adjacent parent measures merged into one child measure;
- `moved`: a counterpart moved to another section and rewritten;
- `copy` / `dropped`: the ordinary cases around them;
- sibling and revision pairs: see hard_variants.py.

Both sides are rendered to text by this module (so the parent may omit measures) and parsed by
duizhao's parser; truth is by measure index on both sides. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from generate import (
    _DETAILS,
    _MEASURES,
    CHILD_FIRST,
    CHILD_SECOND,
    Localiser,
    _slots,
    reword,
    sentences,
)
from hard_owners import HardOwners
from hard_text import _body, _clauses, _render, _sections, picker

from duizhao.corpus.model import Node, Plan

PHENOMENA = ("copy", "expand", "grandparent", "heavy", "restated", "borrowed", "merge3", "moved")
FRAMES = (
    "围绕{a}，{town}要制定年度工作清单，明确责任单位和完成时限。",
    "{a}方面，由{dept}每季度开展一次督导，发现问题及时整改。",
    "聚焦{a}和{b}，在{town}先行先试，形成可复制的经验做法。",
    "把{a}纳入街道年度考核，考核结果向社会公布。",
    "组织{dept}定期研究{a}中的难点问题，推动{b}落地见效。",
)
LOCAL_NAMES = ("“枫桥式”司法所", "“法润万家”工程", "“一村一辅警”", "“红色物业”", "“法治夜市”")


@dataclass
class HardMeasure:
    """A child measure: text, where its pieces come from (parent index → characters), tags."""

    text: str
    sources: dict[int, int]
    phenomenon: str
    status: str
    section: int
    """Index of the child section it is written under."""
    ignore_split: bool = False
    moved: bool = False
    extra: tuple[int, ...] = ()
    """Measures of the hidden grandparent its text also comes from (not links: the parent
    omits them), for sibling truth."""
    """Its main source sits in another section (by the contract's definition of `moved`)."""


@dataclass
class HardPair:
    parent_text: str
    child_text: str
    truth: dict
    name: str
    revision: bool = False
    edits: dict[int, str] = field(default_factory=dict)
    """Revision pairs: child index → kind of edit (year, number, unit, deleted, added)."""


class _Hard:
    def __init__(self, plan: Plan, seed: int) -> None:
        self.plan = plan
        self.rng = random.Random(seed)
        self.seed = seed
        rng = self.rng
        taken = "".join(m.text for m in plan.measures())
        self.short = rng.choice(
            [a + b for a in CHILD_FIRST for b in CHILD_SECOND if a + b not in taken]
        )
        self.name = self.short + "区"
        self.localise = Localiser.build([plan], self.name, self.short)

    def light(self, text: str) -> str:
        return reword(self.localise(text), self.rng, 0.1, False)

    def detail(self) -> str:
        return self.rng.choice(_DETAILS).format(**_slots(self.rng, self.short))

    def heavy(self, text: str) -> str:
        """Clauses cut, reordered, strong synonyms, local names and local detail."""
        rng = self.rng
        sents = sentences(text)
        if len(sents) > 2:
            # Cut whole sentences until at least a third of the text is gone (keeping two).
            order = list(range(len(sents)))
            rng.shuffle(order)
            gone: set[int] = set()
            for k in order:
                if sum(len(sents[x]) for x in gone) >= len(text) / 3 or len(sents) - len(gone) <= 2:
                    break
                gone.add(k)
            sents = [x for k, x in enumerate(sents) if k not in gone]
        out = []
        for s in sents:
            cl = _clauses(s)
            if len(cl) > 2:
                cl = [c for k, c in enumerate(cl) if k == 0 or rng.random() < 0.7]
                last = cl[-1].rstrip("，")
                s = "".join(cl[:-1]) + last + ("" if last.endswith("。") else "。")
            out.append(s)
        if len(out) > 2:
            rng.shuffle(out)
        out.insert(
            rng.randrange(len(out) + 1), f"打造{rng.choice(LOCAL_NAMES)}等{self.short}品牌。"
        )
        out.append(self.detail())
        return reword(self.localise("".join(out)), rng, 0.9, True, 0.9)

    def restate(self, text: str) -> str:
        """A fine measure's piece in local words: clauses trimmed, strong synonyms, paraphrase."""
        out = []
        for s in sentences(text):
            cl = _clauses(s)
            if len(cl) > 2:
                cl = [c for k, c in enumerate(cl) if k == 0 or self.rng.random() < 0.75]
                last = cl[-1].rstrip("，")
                s = "".join(cl[:-1]) + last + ("" if last.endswith("。") else "。")
            out.append(s)
        return reword(self.localise("".join(out)), self.rng, 0.8, True, 0.8)

    def restated(self, node: Node) -> str:
        """The measure's distinctive words (3+ characters, first appearance) in new sentences."""
        from duizhao.compare.segment import tokens

        words = list(dict.fromkeys(t for t in tokens(self.localise(_body(node))) if len(t) >= 3))
        if len(words) < 4:
            return ""
        rng = self.rng
        picks = [words[k] for k in sorted(rng.sample(range(len(words)), min(len(words), 6)))]
        slots = _slots(rng, self.short)
        out = []
        for k in range(0, len(picks) - 1, 2):
            frame = FRAMES[(k // 2 + rng.randrange(len(FRAMES))) % len(FRAMES)]
            out.append(frame.format(a=picks[k], b=picks[k + 1], **slots))
        title = node.title or picks[0]
        return reword(self.localise(title), rng, 0.9, False) + "。" + "".join(out)

    def local(self) -> str:
        title, *rest = self.rng.choice(_MEASURES)
        slots = _slots(self.rng, self.short)
        return title.format(**slots) + "。" + "".join(r.format(**slots) for r in rest)

    def run(self) -> HardPair:
        rng = self.rng
        secs = _sections(self.plan)
        flat = [m for _, ms in secs for m in ms]
        n = len(flat)
        index = {m.id: k for k, m in enumerate(flat)}
        sec_of = [si for si, (_, ms) in enumerate(secs) for _ in ms]
        # Roles of the parent measures (by index in `flat`).
        order = list(range(n))
        rng.shuffle(order)
        roles: dict[int, str] = {}
        pick = picker(order, roles)

        long_enough = lambda k: len(sentences(_body(flat[k]))) >= 4  # noqa: E731
        pick("expand", rng.randint(1, 2), long_enough)
        pick("omitted", rng.randint(1, 2))
        pick("dropped", rng.randint(1, 2))
        merge: list[int] = []
        want = rng.choice((3, 3, 4))
        for k in order:
            if k in roles or any(abs(k - j) < 2 for j in merge):
                continue
            merge.append(k)
            if len(merge) == want:
                break
        for k in merge:
            roles[k] = "merge3"
        pick("heavy", rng.randint(2, 3))
        pick("restated", rng.randint(1, 2), lambda k: bool(self.restated(flat[k])))
        pick("moved", 1, lambda k: len(secs) > 1)
        for k in range(n):
            roles.setdefault(k, "copy")
        lenders = [k for k in range(n) if roles[k] in ("copy", "heavy")]
        # Parent as the engine sees it: every measure but the omitted (grandparent-only) ones.
        shown = [k for k in range(n) if roles[k] != "omitted"]
        p_index = {k: pos for pos, k in enumerate(shown)}
        owners = HardOwners(self.plan, self.name, self.seed, n)
        shown_in = [[m for m in ms if roles[index[m.id]] != "omitted"] for _, ms in secs]
        parent_sections = [
            (h, [_body(m) + owners.parent(index[m.id]) for m in ms])
            for (h, _), ms in zip(secs, shown_in, strict=True)
        ]
        # Child, section by section.
        child: list[list[HardMeasure]] = [[] for _ in secs]
        moved_in: list[tuple[int, HardMeasure]] = []
        for k, m in enumerate(flat):
            role, si, body = roles[k], sec_of[k], _body(m)
            if role == "copy":
                child[si].append(HardMeasure(self.light(body), {k: 1}, "copy", "inherited", si))
            elif role == "expand":
                sents = sentences(body)
                if rng.random() < 0.5:
                    # A coarse outline: each fine measure restates a clause or two.
                    sents = [c for x in sents for c in _clauses(x) if len(c) >= 12]
                kk = min(len(sents), rng.randint(3, 6))
                cuts = sorted(rng.sample(range(1, len(sents)), kk - 1))
                for a, b in zip([0, *cuts], [*cuts, len(sents)], strict=True):
                    piece = "".join(sents[a:b])
                    # Half the fine measures restate their piece in the district's own words.
                    text = self.light(piece) if rng.random() < 0.5 else self.restate(piece)
                    extra = self.detail()
                    # Local detail only where it stays a minor part ("most" is not new).
                    if rng.random() < 0.6 and len(text) >= 1.3 * len(extra):
                        text += extra
                    child[si].append(HardMeasure(text, {k: 1}, "expand", "modified", si))
            elif role == "restated":
                text = self.restated(m)
                child[si].append(HardMeasure(text, {k: 1}, "restated", "modified", si))
            elif role == "heavy":
                child[si].append(HardMeasure(self.heavy(body), {k: 1}, "heavy", "modified", si))
            elif role == "moved":
                other = rng.choice([s for s in range(len(secs)) if s != si])
                sents = sentences(body)
                # Cut whole sentences until a quarter of the text is gone: clearly modified.
                order2 = list(range(1, len(sents)))
                rng.shuffle(order2)
                cut: set[int] = set()
                for k2 in order2:
                    if sum(len(sents[x]) for x in cut) >= 0.35 * len(body):
                        break
                    if len(cut) < len(sents) - 1:
                        cut.add(k2)
                sents = [x for k2, x in enumerate(sents) if k2 not in cut]
                text = reword(self.localise("".join(sents)), rng, 0.6, True, 0.6) + self.detail()
                moved_in.append((other, HardMeasure(text, {k: 1}, "moved", "modified", other)))
            elif role == "omitted":
                if rng.random() < 0.5:
                    child[si].append(
                        HardMeasure(self.light(body), {}, "grandparent", "added", si, extra=(k,))
                    )
                else:
                    host = next(
                        (c for c in child[si] if c.phenomenon == "copy" and len(c.sources) == 1),
                        None,
                    )
                    if host is not None:
                        # Enough grandparent text that the host is clearly modified.
                        extra = ""
                        for sent in sentences(body):
                            if len(extra) >= 0.5 * len(host.text):
                                break
                            extra += self.light(sent)
                        if len(extra) >= 0.5 * len(host.text):
                            host.text += extra
                            host.phenomenon, host.status = "grandparent", "modified"
                            host.extra = (*host.extra, k)
            elif role == "merge3" and k == merge[0]:
                # The first measure is the main source, clearly (half as long again as any other
                # part, so the truth of `moved` does not hang on a near-tie).
                parts = []
                for j in merge[1:]:
                    part = ""
                    for sent in sentences(_body(flat[j]))[:3]:
                        part += sent
                        if len(part) >= 60:
                            break
                    parts.append((j, self.light(part)))
                want = 1.5 * max(len(t) for _, t in parts)
                main_part = ""
                for sent in sentences(_body(flat[merge[0]])):
                    main_part += sent
                    if len(main_part) >= want:
                        break
                parts.insert(0, (merge[0], self.light(main_part)))
                text = "".join(t for _, t in parts)
                main_j = max(parts, key=lambda p: len(p[1]))[0]
                child[sec_of[main_j]].append(
                    HardMeasure(
                        text, {j: len(t) for j, t in parts}, "merge3", "modified", sec_of[main_j]
                    )
                )
        for si, hm in moved_in:
            child[si].insert(rng.randrange(len(child[si]) + 1), hm)
        # Borrowed-sentence local measures, each in a random section.
        for lender in rng.sample(lenders, min(len(lenders), rng.randint(1, 2))):
            local = self.local()
            borrowed = self._borrow(_body(flat[lender]), len(local))
            if not borrowed:
                continue
            text = local + borrowed if rng.random() < 0.5 else borrowed + local
            si = rng.randrange(len(secs))
            hm = HardMeasure(text, {lender: 1}, "borrowed", "added", si, ignore_split=True)
            hm.moved = si != sec_of[lender]
            child[si].insert(rng.randrange(len(child[si]) + 1), hm)
            for cs in child:
                for c in cs:
                    if lender in c.sources and c is not hm:
                        c.ignore_split = True
        ordered = [c for cs in child for c in cs]
        owners_changed = owners.dress(ordered)
        child_sections = [(secs[si][0], [c.text for c in cs]) for si, cs in enumerate(child) if cs]
        truth = self._truth(ordered, flat, roles, p_index, sec_of, merge, owners_changed)
        preamble = f"为深入贯彻落实《{self.plan.title}》精神，结合我区实际，制定本方案。"
        return HardPair(
            _render(
                self.plan.title or "法治社会建设实施方案",
                "为加快建设法治社会，制定本方案。",
                parent_sections,
            ),
            _render(f"{self.name}法治社会建设实施方案", preamble, child_sections),
            truth,
            self.name,
        )

    def _borrow(self, body: str, local_len: int) -> str:
        """Verbatim parent clauses making 20–35 % of the child measure."""
        target = self.rng.uniform(0.2, 0.35)
        want = target * local_len / (1 - target)
        pieces = [c for s in sentences(body) for c in _clauses(s)]
        best = ""
        for a in range(len(pieces)):
            run = ""
            for b in range(a, len(pieces)):
                run += pieces[b]
                if abs(len(run) - want) < abs(len(best) - want):
                    best = run
        best = self.localise((best or pieces[0]).rstrip("，,"))
        return best if best.endswith("。") else best + "。"

    def _truth(self, ordered, flat, roles, p_index, sec_of, merge, owners_changed) -> dict:
        links, added, merged, split, moved, phen = [], [], [], [], [], {}
        main_of: dict[int, int] = {}
        feeders: dict[int, list[int]] = {}
        for j, c in enumerate(ordered):
            phen[j] = c.phenomenon
            for k in c.sources:
                links.append((p_index[k], j))
                feeders.setdefault(k, []).append(j)
            if c.status == "added":
                added.append(j)
            if c.sources:
                main_of[j] = max(c.sources, key=lambda k: (c.sources[k], -k))
            if c.phenomenon == "merge3":
                merged.append(j)
            if c.phenomenon == "moved" or c.moved:
                moved.append(j)
        ignore_split = [j for j, c in enumerate(ordered) if c.ignore_split]
        for j, c in enumerate(ordered):
            if c.phenomenon == "expand":
                split.append(j)
        dropped = [p_index[k] for k, r in roles.items() if r == "dropped"]
        return {
            "links": sorted(links),
            "added": added,
            "dropped": sorted(dropped),
            "moved": moved,
            "merged": merged,
            "split": split,
            "owners_changed": owners_changed,
            "ignore_split": ignore_split,
            "ignore_main": [j for j, c in enumerate(ordered) if c.phenomenon == "merge3"],
            "main": {str(j): p_index[k] for j, k in main_of.items()},
            "status": [c.status for c in ordered],
            "phenomenon": [phen[j] for j in range(len(ordered))],
            "parent_count": len(p_index),
            "seed": self.seed,
            "origins": [sorted({*c.sources, *c.extra}) for c in ordered],
            "roles": [roles[k] for k in range(len(flat))],
        }


def hard_pair(plan: Plan, seed: int) -> HardPair:
    """One hard pair derived from `plan` with `random.Random(seed)`."""
    return _Hard(plan, seed).run()
