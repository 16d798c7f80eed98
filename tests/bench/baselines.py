"""Two baselines the bench measures duizhao against: a sequential redline and TF-IDF matching.

Both read the same parsed plans as duizhao and answer in the part of the `duizhao/compare@1`
shape the metrics read: `links` (parent id, child id), `parent_measures` (id, status) and
`child_measures` (id, status, flags). Their thresholds are the obvious ones, fixed on
principle before any bench run, never tuned on the generated pairs.

- `redline`: what a word processor's compare does. One `difflib.SequenceMatcher` over the
  concatenated measure texts (width-folded, no localisation: a redline knows no jurisdictions),
  matching blocks attributed to (parent measure, child measure) by character position.
- `tfidf`: character 2-gram TF-IDF vectors per measure (smooth idf, l2 norm, as
  scikit-learn's defaults), each child measure linked to its best parent by cosine. Owners
  are compared with the obvious normalisation (own names and level prefixes removed).

Shared: sections map by majority vote (moved), merged = two or more links, split = the main
source linked to another child measure too.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from collections import Counter

import numpy as np

from duizhao.corpus.model import Node, Plan

# Redline thresholds (from the bench's brief; shares of characters).
REDLINE_LINK_SHARE = 0.2
"""A (parent, child) pair whose matched characters reach this share of either measure is a link."""
REDLINE_CARRIED = 0.6
REDLINE_DROPPED = 0.2
REDLINE_ADDED = 0.3
"""A child measure with less than this share of its characters matched is added."""
REDLINE_INHERITED = 0.9
REDLINE_MIN_BLOCK = 2
"""Matching blocks shorter than this are coincidences of single characters, not shared text."""

# TF-IDF thresholds.
TFIDF_LINK = 0.3
"""Cosine at which a child measure is taken to come from its best parent measure."""
TFIDF_SECOND = 0.75
"""A second parent with cosine above the link threshold and at least this share of the best one's
is a second source (so that merges can be seen at all)."""
TFIDF_CARRIED = 0.6
TFIDF_INHERITED = 0.9


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\n", "")


def _section(node: Node) -> str:
    return node.id.rsplit(".", 1)[0] if "." in node.id else ""


def literal_owners(parent: Plan, child: Plan, p: Node, c: Node) -> bool:
    """Owners differ as printed (what a redline sees)."""
    return set(p.owners.all()) != set(c.owners.all())


def normalised_owners(parent: Plan, child: Plan, p: Node, c: Node) -> bool:
    """Lead units differ once each plan's own name and the level prefix (省/市/区/县) are
    removed and 厅 is read as 局: the obvious normalisation, short of duizhao's localiser."""

    def key(plan: Plan, node: Node) -> set[str]:
        units = (node.owners.lead + node.owners.responsible) or node.owners.all()
        out = set()
        for u in units:
            for name in (plan.jurisdiction.name, plan.jurisdiction.short):
                if name:
                    u = u.replace(name, "@")
            out.add(re.sub(r"^[省市区县]", "", u).replace("厅", "局"))
        return out

    return key(parent, p) != key(child, c)


def _flags(
    pm: list[Node],
    cm: list[Node],
    links_by_child: dict[int, list[int]],
    main_of: dict[int, int],
    owners_differ,
) -> list[list[str]]:
    """moved / merged / split / owners_changed for every child measure, shared by both baselines.

    Sections are mapped by majority: a child section corresponds to the parent section most of
    its measures' main sources sit in; a measure whose main source sits elsewhere moved.
    """
    votes: dict[str, Counter[str]] = {}
    for j, i in main_of.items():
        votes.setdefault(_section(cm[j]), Counter())[_section(pm[i])] += 1
    majority = {cs: counts.most_common(1)[0][0] for cs, counts in votes.items()}
    feeds: Counter[int] = Counter(i for srcs in links_by_child.values() for i in srcs)
    out: list[list[str]] = []
    for j, node in enumerate(cm):
        flags: list[str] = []
        if j in main_of:
            main = pm[main_of[j]]
            if majority[_section(node)] != _section(main):
                flags.append("moved")
            if len(links_by_child.get(j, [])) >= 2:
                flags.append("merged")
            if feeds[main_of[j]] >= 2:
                flags.append("split")
            if node.owners and main.owners and owners_differ(main, node):
                flags.append("owners_changed")
        out.append(flags)
    return out


def _result(
    parent: Plan,
    child: Plan,
    owners_differ,
    links: list[tuple[int, int]],
    parent_status: list[str],
    child_status: list[str],
    main_of: dict[int, int],
) -> dict:
    pm, cm = parent.measures(), child.measures()
    links_by_child: dict[int, list[int]] = {}
    for i, j in links:
        links_by_child.setdefault(j, []).append(i)
    flags = _flags(pm, cm, links_by_child, main_of, lambda p, c: owners_differ(parent, child, p, c))
    return {
        "links": [{"parent": pm[i].id, "child": cm[j].id} for i, j in links],
        "parent_measures": [
            {"id": m.id, "status": s} for m, s in zip(pm, parent_status, strict=True)
        ],
        "child_measures": [
            {"id": m.id, "status": s, "flags": f}
            for m, s, f in zip(cm, child_status, flags, strict=True)
        ],
    }


# ---------------------------------------------------------------------------------------------


def redline(parent: Plan, child: Plan) -> dict:
    """Sequential difflib alignment of the two plans' measure texts, attributed to measures."""
    pm, cm = parent.measures(), child.measures()
    ptexts = [_fold(m.text) for m in pm]
    ctexts = [_fold(m.text) for m in cm]
    pstarts = np.cumsum([0] + [len(t) for t in ptexts]).tolist()
    cstarts = np.cumsum([0] + [len(t) for t in ctexts]).tolist()
    matcher = difflib.SequenceMatcher(None, "".join(ptexts), "".join(ctexts), autojunk=False)
    matched = np.zeros((len(pm), len(cm)))
    for a, b, size in matcher.get_matching_blocks():
        if size < REDLINE_MIN_BLOCK:
            continue
        while size > 0:
            i = bisect_right(pstarts, a) - 1
            j = bisect_right(cstarts, b) - 1
            run = min(size, pstarts[i + 1] - a, cstarts[j + 1] - b)
            matched[i, j] += run
            a, b, size = a + run, b + run, size - run
    plen = np.array([max(1, len(t)) for t in ptexts], dtype=float)[:, None]
    clen = np.array([max(1, len(t)) for t in ctexts], dtype=float)[None, :]
    is_link = (matched >= REDLINE_LINK_SHARE * plen) | (matched >= REDLINE_LINK_SHARE * clen)
    is_link &= matched > 0
    links = [(int(i), int(j)) for j in range(len(cm)) for i in np.flatnonzero(is_link[:, j])]
    coverage = matched.sum(axis=1) / plen[:, 0]
    explained = matched.sum(axis=0) / clen[0, :]
    parent_status = [
        "carried" if c >= REDLINE_CARRIED else "dropped" if c < REDLINE_DROPPED else "partial"
        for c in coverage
    ]
    main_of: dict[int, int] = {}
    for j in range(len(cm)):
        srcs = np.flatnonzero(is_link[:, j])
        if len(srcs):
            main_of[j] = int(srcs[np.argmax(matched[srcs, j])])
    child_status = [
        "added"
        if e < REDLINE_ADDED
        else "inherited"
        if e >= REDLINE_INHERITED and j in main_of
        else "modified"
        for j, e in enumerate(explained)
    ]
    return _result(parent, child, literal_owners, links, parent_status, child_status, main_of)


# ---------------------------------------------------------------------------------------------


def _bigrams(text: str) -> Counter[str]:
    t = "".join(ch for ch in _fold(text) if ch.isalnum())
    return Counter(t[k : k + 2] for k in range(len(t) - 1))


def tfidf_vectors(texts: list[str]) -> np.ndarray:
    """l2-normalised character 2-gram TF-IDF rows (raw counts, idf = ln((1+n)/(1+df)) + 1)."""
    counts = [_bigrams(t) for t in texts]
    vocab: dict[str, int] = {}
    for c in counts:
        for g in c:
            vocab.setdefault(g, len(vocab))
    matrix = np.zeros((len(texts), max(1, len(vocab))))
    for row, c in enumerate(counts):
        for g, n in c.items():
            matrix[row, vocab[g]] = n
    df = (matrix > 0).sum(axis=0)
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def tfidf(parent: Plan, child: Plan) -> dict:
    """Each child measure → its best parent measure by TF-IDF cosine (plus near-equal seconds)."""
    pm, cm = parent.measures(), child.measures()
    vectors = tfidf_vectors([m.text for m in pm] + [m.text for m in cm])
    cos = vectors[: len(pm)] @ vectors[len(pm) :].T  # parent × child
    links: list[tuple[int, int]] = []
    main_of: dict[int, int] = {}
    best_cos = np.zeros(len(cm))
    for j in range(len(cm)):
        col = cos[:, j]
        best = int(np.argmax(col)) if len(pm) else -1
        if best < 0 or col[best] < TFIDF_LINK:
            continue
        main_of[j] = best
        best_cos[j] = col[best]
        links.append((best, j))
        for i in np.argsort(-col):
            i = int(i)
            if i != best and col[i] >= TFIDF_LINK and col[i] >= TFIDF_SECOND * col[best]:
                links.append((i, j))
    linked = {i for i, _ in links}
    parent_status = []
    for i in range(len(pm)):
        if i not in linked:
            parent_status.append("dropped")
        else:
            top = max(cos[i, j] for k, j in links if k == i)
            parent_status.append("carried" if top >= TFIDF_CARRIED else "partial")
    child_status = [
        "added"
        if j not in main_of
        else "inherited"
        if best_cos[j] >= TFIDF_INHERITED
        else "modified"
        for j in range(len(cm))
    ]
    return _result(parent, child, normalised_owners, links, parent_status, child_status, main_of)


BASELINES = {"difflib": redline, "tfidf": tfidf}
"""Name → function(parent, child) → compare@1-like dict."""
