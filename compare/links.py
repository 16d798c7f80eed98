"""Which parent measures feed which child measures: main sources, merge sources, context links.

Choices (issue 10):
- A child's **main source** is decided by the child side: the parent measure that explains
  most of it. When one parent measure is restated as k fine child measures, each child holds
  about 1/k of the parent, so a symmetric score (the mean of child and parent share) throws the
  right source away; the main source is therefore linked when it explains
  `main_min_child_share` of the child, whatever share of the parent that is.
- A **weak main source** (between `corroborated_min_child_share` and that) is linked only when
  corroborated: by structure (its section corresponds to the child's section, or a sibling in
  the child's section draws its main source from the same parent measure), or by a clause
  kept nearly verbatim (a local measure borrowing a parent sentence word for word). Ties between
  parent measures that explain a child equally (a sentence repeated in two measures) are
  broken the same way, before shares are fixed.
- **Merge sources** (every other parent measure) keep the stricter symmetric rule
  (`link_min_score` on the mean share and `link_min_child_share`): a phrase shared with a
  second measure is not a merge. A merge source just under that score is linked when it is
  corroborated textually: it explains `corroborated_min_child_share` of the child and at least
  one of its clauses is kept nearly verbatim (a passage of a third or fourth merged measure,
  copied, is a source however short a part of the merge it is).
- A child with no text link gets a **context link** when whole-measure resemblance
  (context.py) picks one parent measure among those its section context supports, above
  `context_min_similarity` and clearly ahead of the runner-up (`context_runner_up`), and when
  that parent measure holds `context_min_concentration` of the child's vocabulary the parent
  plan knows (context.concentration: a measure of the child's own in the same field spreads its
  vocabulary over many parent measures). Such links say
  `basis=context`: weaker evidence, shown as such. When the measure's linked neighbours in its
  section keep their sources' order, only parent measures between those sources qualify (a
  restatement sits where its source would; a reordered section lifts this condition). The
  child's weak text main source (explaining at least `link_min_child_share`, too little to be
  linked by text) joins the candidates; when the closest candidate is that same measure, two
  independent channels agree and the runner-up condition is waived. A candidate the section
  context does not support (only the weak text main) needs the stronger
  `context_unsupported_min_concentration`: without structure, the vocabulary must say it, and
  the link stands only when it makes the child its source's counterpart (engine.py): a
  same-topic measure of the child's own beside the real counterpart is not a restatement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from duizhao.compare import classify
from duizhao.compare.align import TIE, Alignment, with_main
from duizhao.compare.context import concentration, similarity
from duizhao.compare.result import Basis
from duizhao.compare.settings import Settings
from duizhao.corpus.model import Node


@dataclass(frozen=True)
class Chosen:
    """A link chosen between parent measure `parent` and child measure `child` (indices)."""

    parent: int
    child: int
    basis: Basis = Basis.TEXT
    context_similarity: float = 0.0
    context_concentration: float = 0.0
    """Context links: the share of the child's parent-plan vocabulary this parent holds."""
    supported: bool = True
    """Context links: the section context supports the parent (False: only the child's weak
    text main source proposed it; such a link stands only if it makes a counterpart)."""


@dataclass(frozen=True)
class LinkSet:
    """The chosen links, the alignment with main sources fixed, and the section pairs that
    correspond."""

    links: tuple[Chosen, ...]
    """Child order, then main source first, then child share."""
    alignment: Alignment
    corresponding: frozenset[tuple[str, str]]


def choose_links(
    al: Alignment,
    pm: list[Node],
    cm: list[Node],
    parent_texts: list[str],
    child_texts: list[str],
    s: Settings,
    words: tuple[list[frozenset[str]], list[frozenset[str]]] | None = None,
) -> LinkSet:
    """Links between the measures of two plans, from their alignment (see the module header).

    `words`: each parent and child measure's set of words (tokens of two characters or more),
    for the concentration of context links; without it, no context link is made."""
    n_parent, n_child = al.coverage.shape[0], al.novelty.shape[0]
    if not n_parent or not n_child:
        return LinkSet((), al, frozenset())
    main = _break_ties(al, pm, cm, s)
    al = with_main(al, main)
    cs, ps = al.child_share, al.parent_share
    thin = _thin_evidence(al, s)
    strong = {
        j
        for j in range(n_child)
        if cs[main[j], j] >= s.link_min_child_share
        and (
            cs[main[j], j] >= s.main_min_child_share
            or (cs[main[j], j] + ps[main[j], j]) / 2 >= s.link_min_score
        )
        and (int(main[j]), j) not in thin
    }
    corresponding = _correspondence({j: int(main[j]) for j in strong}, pm, cm, s)
    sibling_mains = Counter((cm[j].section, int(main[j])) for j in strong)
    mains: dict[int, int] = {j: int(main[j]) for j in strong}
    verbatim = _near_verbatim(al, main, s)
    strong_rows = al.best_similarity >= s.clause_strong_similarity
    for j in range(n_child):
        i = int(main[j])
        if j in strong or cs[i, j] < s.corroborated_min_child_share:
            continue
        siblings = sibling_mains[(cm[j].section, i)]
        if (i, j) in thin and not siblings:
            # One middling clause is evidence only beside siblings restating the same parent
            # measure (a fine measure of a 1 → k expansion), never alone (one_clause).
            continue
        structure = (pm[i].section, cm[j].section) in corresponding or siblings
        if structure or j in verbatim:
            mains[j] = i
    links: list[Chosen] = []
    for j in range(n_child):
        found = [mains[j]] if j in mains else []
        rows = np.flatnonzero(al.clause_measure == j)
        others = [
            i
            for i in np.flatnonzero(cs[:, j] >= s.link_min_child_share).tolist()
            if i not in found
            and (i, j) not in thin
            and (
                (cs[i, j] + ps[i, j]) / 2 >= s.link_min_score
                or (
                    cs[i, j] >= s.corroborated_min_child_share
                    and bool(np.any(strong_rows[rows, i] & (al.best_credit[rows, i] > 0)))
                )
            )
        ]
        others.sort(key=lambda i: (-cs[i, j], -ps[i, j], i))
        links.extend(Chosen(i, j) for i in found + others)
    linked = {c.child for c in links}
    weak = {
        j: int(main[j])
        for j in range(n_child)
        if j not in linked and cs[main[j], j] >= s.link_min_child_share
    }
    links += _context_links(
        [j for j in range(n_child) if j not in linked],
        weak,
        thin,
        mains,
        corresponding,
        pm,
        cm,
        parent_texts,
        child_texts,
        s,
        words,
    )
    links.sort(key=lambda c: (c.child, c.basis != Basis.TEXT))
    return LinkSet(tuple(links), al, frozenset(corresponding))


def one_clause(al: Alignment, s: Settings) -> dict[tuple[int, int], float]:
    """(parent, child) pairs credited through a single child clause that explains less than
    most of the child (`carried_coverage`), with the strength of that evidence: the clause
    pair's similarity, or how wholly a clause of the parent measure is kept inside the child
    (a parent sentence kept whole within a longer child sentence is a copy). The child-side
    containment is not used: a few of a parent clause's words, in order, are all "contained"
    in it without copying it.

    A counterpart needs evidence (issue 19): one clause a local measure shares with a parent
    measure is the kind of resemblance two measures of one field have, not a sign that one
    restates the other. Several matched clauses are evidence whatever their similarity, and so
    is one clause making most of a short child (a fine measure restating one clause of a
    coarse parent measure)."""
    credited = al.child_share >= s.link_min_child_share
    out: dict[tuple[int, int], float] = {}
    for i, j in zip(*np.nonzero(credited), strict=True):
        if al.child_share[i, j] >= s.carried_coverage:
            continue
        rows = np.flatnonzero((al.clause_measure == j) & (al.best_credit[:, i] > 0))
        if len(rows) <= 1:
            sim = float(al.best_similarity[rows, i].max(initial=0.0))
            out[(int(i), int(j))] = max(sim, al.kept_whole(int(i), int(j)))
    return out


def _thin_evidence(al: Alignment, s: Settings) -> set[tuple[int, int]]:
    """Single-clause pairs (one_clause) whose clause is not nearly verbatim: no text link at all.
    A nearly verbatim clause (`clause_strong_similarity`) is a borrowed sentence, a real source
    (linked, but no counterpart: engine.py)."""
    return {pair for pair, best in one_clause(al, s).items() if best < s.clause_strong_similarity}


def _near_verbatim(al: Alignment, main: np.ndarray, s: Settings) -> set[int]:
    """Child measures holding a clause of their main source nearly verbatim (similarity, or
    credit for a clause inside a longer parent clause, at least `clause_strong_similarity`):
    textual corroboration of a weak main source."""
    rows = np.flatnonzero(
        al.best_credit[np.arange(len(al.clause_measure)), main[al.clause_measure]] > 0
    )
    found = set()
    for row in rows.tolist():
        j = int(al.clause_measure[row])
        sim, credit = al.best_similarity[row, main[j]], al.best_credit[row, main[j]]
        # Nearly verbatim: the same clause, or a clause of the child wholly inside a longer
        # one of the parent (a borrowed part of a sentence: full credit, a real clause pair).
        if sim >= s.clause_strong_similarity or (
            credit >= s.clause_strong_similarity and sim >= s.clause_min_similarity
        ):
            found.add(j)
    return found


def _correspondence(
    mains: dict[int, int], pm: list[Node], cm: list[Node], s: Settings
) -> set[tuple[str, str]]:
    pairs = [(pm[i].section, cm[j].section) for j, i in sorted(mains.items())]
    return classify.section_correspondence(pairs, s)


def _break_ties(al: Alignment, pm: list[Node], cm: list[Node], s: Settings) -> np.ndarray:
    """Main sources, with near-ties on overall share broken by the child section's sources."""
    main = al.main.copy()
    overall = al.overall
    top = overall[main, np.arange(len(main))]
    tied = [
        j
        for j in range(len(main))
        if top[j] > 0 and int(np.count_nonzero(overall[:, j] >= top[j] - TIE)) > 1
    ]
    if not tied:
        return main
    settled = {j: int(main[j]) for j in range(len(main)) if j not in set(tied) and top[j] > 0}
    corresponding = _correspondence(settled, pm, cm, s)
    support = Counter((cm[j].section, i) for j, i in settled.items())
    for j in tied:
        candidates = np.flatnonzero(overall[:, j] >= top[j] - TIE).tolist()
        candidates.sort(
            key=lambda i: (
                -support[(cm[j].section, i)],
                (pm[i].section, cm[j].section) not in corresponding,
                -overall[i, j],
                i,
            )
        )
        main[j] = candidates[0]
    return main


def _neighbours(j: int, mains: dict[int, int], cm: list[Node]) -> tuple[float, float]:
    """Main sources of the nearest linked measures before and after child measure j in its
    section (-inf / inf when there are none): a restatement sits where its source would."""
    sec = cm[j].section
    before = [mains[k] for k in range(j - 1, -1, -1) if k in mains and cm[k].section == sec]
    after = [mains[k] for k in range(j + 1, len(cm)) if k in mains and cm[k].section == sec]
    return (
        float(before[0]) if before else float("-inf"),
        float(after[0]) if after else float("inf"),
    )


def _context_links(
    unlinked: list[int],
    weak: dict[int, int],
    thin: set[tuple[int, int]],
    mains: dict[int, int],
    corresponding: set[tuple[str, str]],
    pm: list[Node],
    cm: list[Node],
    parent_texts: list[str],
    child_texts: list[str],
    s: Settings,
    words: tuple[list[frozenset[str]], list[frozenset[str]]] | None,
) -> list[Chosen]:
    """Context links for unlinked child measures, among the parents their section supports."""
    if not unlinked or words is None:
        return []
    by_section: dict[str, list[int]] = {}
    for i, node in enumerate(pm):
        by_section.setdefault(node.section, []).append(i)
    candidates: dict[int, list[int]] = {}
    unsupported: set[tuple[int, int]] = set()
    for j in unlinked:
        sec = cm[j].section
        pool = {i for k, i in mains.items() if cm[k].section == sec}
        for ps, cs in corresponding:
            if cs == sec:
                pool.update(by_section.get(ps, ()))
        lo, hi = _neighbours(j, mains, cm)
        if lo < hi:
            pool = {i for i in pool if lo < i < hi}
        # A weak text main the section does not support needs more than one middling clause:
        # that is what a local measure shares with a dropped parent measure (one_clause).
        if j in weak and weak[j] not in pool and (weak[j], j) not in thin:
            pool.add(weak[j])
            unsupported.add((weak[j], j))
        if pool:
            candidates[j] = sorted(pool)
    pairs = [(i, j) for j, pool in sorted(candidates.items()) for i in pool]
    if not pairs:
        return []
    sims = similarity(parent_texts, child_texts, pairs)
    best: dict[int, list[tuple[float, int]]] = {}
    for (i, j), v in zip(pairs, sims, strict=True):
        best.setdefault(j, []).append((float(v), i))
    winners = []
    for j, scored in sorted(best.items()):
        scored.sort(key=lambda x: (-x[0], x[1]))
        top, i = scored[0]
        runner = scored[1][0] if len(scored) > 1 else 0.0
        agreed = weak.get(j) == i
        if top >= s.context_min_similarity and (agreed or runner <= s.context_runner_up * top):
            winners.append((i, j, top))
    held = concentration(words[0], words[1], [(i, j) for i, j, _ in winners])
    return [
        Chosen(i, j, Basis.CONTEXT, top, float(c), (i, j) not in unsupported)
        for (i, j, top), c in zip(winners, held, strict=True)
        if c
        >= (
            s.context_unsupported_min_concentration
            if (i, j) in unsupported
            else s.context_min_concentration
        )
    ]
