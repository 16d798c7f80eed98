"""Hard-bench variants built on hard.py: sibling pairs and revision pairs.

- `sibling_pair`: two children of one hidden parent, one compared with the other as its parent
  (what a user gets who picks a neighbouring district's plan);
- `revision_pair`: the same plan with small substantive edits (a year, a number, a unit, one
  sentence deleted or added) and edits that are not substantive (brackets' width, spaces).
Deterministic for a seed.
"""

from __future__ import annotations

import random
import re

from generate import sentences
from hard import HardPair, _Hard
from hard_text import _body, _render, _sections

from duizhao.corpus.model import Plan


def sibling_pair(plan: Plan, seed: int) -> HardPair:
    """Two children of one hidden parent, the first compared as the parent of the second.

    Truth by origin (the hidden parent's measures each child measure restates): a measure of
    the second child is expected to find a source when the first restates one of its origins
    too; a predicted link is right when the two measures share any origin. The second child's
    measures are added when they restate nothing the first restates (local measures, or
    origins the first dropped)."""
    a = _Hard(plan, seed).run()
    b = _Hard(plan, seed + 7_919).run()

    def held(truth: dict, k: int) -> set[int]:
        """What a measure really restates: a borrowed-sentence local measure holds nothing."""
        return set() if truth["phenomenon"][k] == "borrowed" else set(truth["origins"][k])

    a_held = [held(a.truth, i) for i in range(len(a.truth["origins"]))]
    b_held = [held(b.truth, j) for j in range(len(b.truth["origins"]))]
    everything = set().union(*a_held)
    a_origins, b_origins = a.truth["origins"], b.truth["origins"]
    allowed = [
        (i, j)
        for j, ob in enumerate(b_origins)
        for i, oa in enumerate(a_origins)
        if set(oa) & set(ob)
    ]
    # Expected: B measures restating something A restates too (a restated measure keeps only
    # topic words, so pairs involving one are allowed but not expected).
    restated = {"restated"}
    expected = [
        j
        for j, hb in enumerate(b_held)
        if hb & everything
        and b.truth["phenomenon"][j] not in restated
        and any(
            hb & a_held[i] and a.truth["phenomenon"][i] not in restated for i in range(len(a_held))
        )
    ]
    added = [j for j, hb in enumerate(b_held) if not hb & everything]
    truth = {
        "expected": expected,
        "allowed": sorted(allowed),
        "added": added,
        "parent_count": len(a_origins),
        "child_count": len(b_origins),
        "seed": seed,
    }
    return HardPair(a.child_text, b.child_text, truth, "sibling")


_YEAR = re.compile(r"20[2-3]\d(?=年)")
_NUMBER = re.compile(r"(?<![\d年])\d{1,4}(?![\d年])")
_UNITS = (("万元", "亿元"), ("个", "家"), ("%", "‰"), ("小时", "个工作日"), ("公里", "米"))


def revision_pair(plan: Plan, seed: int) -> HardPair:
    """The same plan twice: ~30 % of measures edited in substance, some only in width/space."""
    rng = random.Random(seed)
    secs = _sections(plan)
    edits: dict[int, str] = {}
    new_sections = []
    j = 0
    statuses = []
    for heading, ms in secs:
        texts = []
        for m in ms:
            body = _body(m)
            text, kind = body, None
            if rng.random() < 0.35:
                text, kind = _edit(body, rng)
            elif rng.random() < 0.2:
                text = body.replace("（", "(").replace("）", ")").replace("，", "， ", 1)
            if kind:
                edits[j] = kind
            statuses.append("modified" if kind else "inherited")
            texts.append(text)
            j += 1
        new_sections.append((heading, texts))
    old = [(h, [_body(m) for m in ms]) for h, ms in secs]
    title = plan.title or "法治社会建设实施方案"
    truth = {
        "links": [(k, k) for k in range(j)],
        "added": [],
        "dropped": [],
        "moved": [],
        "merged": [],
        "split": [],
        "owners_changed": [],
        "status": statuses,
        "phenomenon": ["revision" for _ in range(j)],
        "main": {str(k): k for k in range(j)},
        "parent_count": j,
        "seed": seed,
    }
    preamble = "为加快建设法治社会，制定本方案。"
    return HardPair(
        _render(title, preamble, old),
        _render(title, preamble, new_sections),
        truth,
        "revision",
        revision=True,
        edits=edits,
    )


def _edit(body: str, rng: random.Random) -> tuple[str, str]:
    """One small substantive edit: a year, a number, a unit, a sentence deleted or added."""
    kinds = []
    if _YEAR.search(body):
        kinds.append("year")
    if _NUMBER.search(_YEAR.sub("", body)):
        kinds.append("number")
    if any(u in body for u, _ in _UNITS):
        kinds.append("unit")
    if len(sentences(body)) >= 2:
        kinds.append("deleted")
    kinds.append("added")
    kind = rng.choice(kinds)
    if kind == "year":
        m = rng.choice(list(_YEAR.finditer(body)))
        return body[: m.start()] + str(int(m[0]) + 1) + body[m.end() :], kind
    if kind == "number":
        spans = [m for m in _NUMBER.finditer(body) if not _YEAR.match(body, m.start())]
        m = rng.choice(spans)
        return body[: m.start()] + str(int(m[0]) + rng.randint(1, 9)) + body[m.end() :], kind
    if kind == "unit":
        old, new = next(u for u in _UNITS if u[0] in body)
        return body.replace(old, new, 1), kind
    sents = sentences(body)
    if kind == "deleted":
        k = rng.randrange(1, len(sents))
        return "".join(sents[:k] + sents[k + 1 :]), kind
    extra = "每年开展一次专项督查，督查结果向社会公开。"
    k = rng.randrange(len(sents) + 1)
    return "".join([*sents[:k], extra, *sents[k:]]), kind
