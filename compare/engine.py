"""Compare a parent plan and a child plan: the pipeline from plan models to a `Comparison`.

localise → clauses → tokens and character bigrams → clause scores (score.py) → measure shares
(align.py) → links (links.py) → one-to-one counterparts (assign.py) → child and parent results
(child_results.py, parent_results.py; statuses and flags decided in classify.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from duizhao.compare.align import Alignment, Progress, align
from duizhao.compare.assign import assign
from duizhao.compare.child_results import Sides, child_results, rounded
from duizhao.compare.clauses import Clause, measure_clauses
from duizhao.compare.containment import Containment
from duizhao.compare.levels import citation_notes, level_notes
from duizhao.compare.limits import check_size
from duizhao.compare.links import Chosen, LinkSet, choose_links
from duizhao.compare.localise import Localiser
from duizhao.compare.ngrams import char_grams
from duizhao.compare.notes import note
from duizhao.compare.parent_results import parent_results
from duizhao.compare.result import (
    Basis,
    ChildResult,
    ChildStatus,
    Comparison,
    Evidence,
    Flag,
    Link,
    ParentResult,
    ParentStatus,
    SectionFlow,
    Summary,
)
from duizhao.compare.score import ClauseScorer, idf_weights
from duizhao.compare.settings import Settings
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Node, Plan

Tokenize = Callable[[list[str]], list[list[str]]]


@dataclass(frozen=True)
class Related:
    """Two plans aligned and linked: what both sides' results are built from."""

    sides: Sides
    chosen: LinkSet
    assigned: set[tuple[int, int]]
    """One-to-one counterparts, as (parent index, child index) (assign.py)."""


def compare_plans(
    parent: Plan,
    child: Plan,
    settings: Settings,
    *,
    revision: bool = False,
    tokenize: Tokenize | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Align every child measure to the parent measure(s) it comes from and classify both sides."""
    rel = relate(parent, child, settings, _tokenizer(tokenize), revision, progress)
    sides, chosen = rel.sides, rel.chosen
    pm, cm = sides.pm, sides.cm
    notes = level_notes(parent, child, revision=revision)
    notes += citation_notes(parent, child, revision=revision)
    children = child_results(sides, chosen, rel.assigned, settings, revision=revision)
    parents = parent_results(pm, cm, chosen, settings)
    links = build_links(chosen, sides)
    if not any(c.basis == Basis.TEXT for c in chosen.links):
        notes.append(
            note(
                "no measures in common: the child shares no substantial text with the parent "
                "(are these plans related?)"
            )
        )
    main_of = {c.child: c.parent for c in reversed(chosen.links)}
    sections = section_flows(pm, cm, main_of, chosen.corresponding)
    facts = None
    if revision:
        from duizhao.compare.revision import revise
        from duizhao.compare.segment import fine_segmenter

        children, parents, facts = revise(pm, children, parents, sections, fine_segmenter())
    return Comparison(
        parent=parent,
        child=child,
        parent_measures=tuple(parents),
        child_measures=tuple(children),
        links=links,
        summary=summarise(parents, children),
        settings=settings,
        sections=sections,
        mode="revision" if revision else "levels",
        notes=tuple(notes),
        revision=facts,
    )


def parent_side(
    parent: Plan, child: Plan, settings: Settings, *, tokenize: Tokenize | None = None
) -> list[ParentResult]:
    """The parent measures' results alone (what a matrix column holds): the same alignment
    and links as `compare_plans`, without the child side's diffs, evidence and sections."""
    rel = relate(parent, child, settings, _tokenizer(tokenize))
    return parent_results(rel.sides.pm, rel.sides.cm, rel.chosen, settings)


def _tokenizer(tokenize: Tokenize | None) -> Tokenize:
    if tokenize is not None:
        return tokenize
    from duizhao.compare.segment import tokenize_all

    return tokenize_all


def relate(
    parent: Plan,
    child: Plan,
    settings: Settings,
    tokenize: Tokenize,
    revision: bool = False,
    progress: Progress | None = None,
) -> Related:
    """Localise, cut into clauses, score, align, choose links and counterparts."""
    if parent.sha256 and parent.sha256 == child.sha256:
        raise InputError(
            child.path, "is the same document as {path}: nothing to compare", path=parent.path
        )
    pm, cm = parent.measures(), child.measures()
    for plan, measures in ((parent, pm), (child, cm)):
        if not measures:
            raise InputError(plan.path, "has no measures (numbered items) to compare")
    localise = Localiser.for_plans(parent, child, enabled=not revision)
    pcl = measure_clauses(pm, localise, settings.long_clause_chars)
    ccl = measure_clauses(cm, localise, settings.long_clause_chars)
    check_size(parent, child, len(pcl), len(ccl))
    n = (len(pm), len(cm))
    # The bigram channel first: it needs no segmenter, which may still be loading elsewhere.
    pgr = char_grams([c.norm for c in pcl])
    cgr = char_grams([c.norm for c in ccl])
    grams = Containment(cgr, pgr, idf_weights(_documents(pcl, pgr, ccl, cgr, *n)))
    ptok = tokenize([c.norm for c in pcl])
    ctok = tokenize([c.norm for c in ccl])
    scorer = ClauseScorer(ccl, pcl, ctok, ptok, idf_weights(_documents(pcl, ptok, ccl, ctok, *n)))
    al = align(ccl, pcl, len(cm), len(pm), scorer, settings, progress, grams)
    chosen = choose_links(
        al,
        pm,
        cm,
        [localise(m.text) for m in pm],
        [localise(m.text) for m in cm],
        settings,
        (_words(pcl, ptok, len(pm)), _words(ccl, ctok, len(cm))),
    )
    al = chosen.alignment
    weights = {
        (c.parent, c.child): (
            float(al.child_share[c.parent, c.child] + al.parent_share[c.parent, c.child])
            if c.basis == Basis.TEXT
            else c.context_concentration / 2
        )
        for c in chosen.links
    }
    assigned = assign(weights)
    kept = tuple(c for c in chosen.links if c.supported or (c.parent, c.child) in assigned)
    if len(kept) < len(chosen.links):
        # An unsupported context link that made no counterpart is withdrawn (links.py).
        chosen = replace(chosen, links=kept)
    return Related(Sides(pm, cm, pcl, ccl, localise), chosen, assigned)


def _words(clauses: list[Clause], toks: list[list[str]], n: int) -> list[frozenset[str]]:
    """Each measure's words of two characters or more (single characters are mostly function
    words), for the concentration of context links."""
    out: list[set[str]] = [set() for _ in range(n)]
    for c, ts in zip(clauses, toks, strict=True):
        out[c.measure].update(t for t in ts if len(t) >= 2)
    return [frozenset(w) for w in out]


def _documents(
    pcl: list[Clause],
    ptoks: list[list[str]],
    ccl: list[Clause],
    ctoks: list[list[str]],
    n_parent: int,
    n_child: int,
) -> list[set[str]]:
    """Each measure's set of tokens (parent measures first), for IDF over measures."""
    docs: list[set[str]] = [set() for _ in range(n_parent + n_child)]
    for c, toks in zip(pcl, ptoks, strict=True):
        docs[c.measure].update(toks)
    for c, toks in zip(ccl, ctoks, strict=True):
        docs[n_parent + c.measure].update(toks)
    return docs


def build_links(chosen: LinkSet, sides: Sides) -> tuple[Link, ...]:
    """The links with their shares and the clause evidence behind each."""
    al = chosen.alignment
    c_rows = sides.rows(sides.ccl, len(sides.cm))
    return tuple(
        Link(
            parent=sides.pm[c.parent].id,
            child=sides.cm[c.child].id,
            score=rounded(
                (al.child_share[c.parent, c.child] + al.parent_share[c.parent, c.child]) / 2
                if c.basis == Basis.TEXT
                else c.context_similarity
            ),
            parent_share=rounded(al.parent_share[c.parent, c.child]),
            child_share=rounded(al.child_share[c.parent, c.child]),
            evidence=_evidence(al, sides, c_rows[c.child], c) if c.basis == Basis.TEXT else (),
            basis=c.basis,
        )
        for c in chosen.links
    )


def _evidence(al: Alignment, sides: Sides, rows: list[int], c: Chosen) -> tuple[Evidence, ...]:
    """The child clauses of a link with the parent clause that explains each."""
    out = []
    for row in rows:
        if al.best_credit[row, c.parent] > 0:
            col = int(al.best_clause[row, c.parent])
            out.append(
                Evidence(
                    sides.pcl[col].text,
                    sides.ccl[row].text,
                    rounded(al.best_similarity[row, c.parent]),
                )
            )
    return tuple(out)


def summarise(parents: list[ParentResult], children: list[ChildResult]) -> Summary:
    """Counts of every status and flag."""

    def count(items: list[ParentResult] | list[ChildResult], value: str) -> int:
        return sum(1 for x in items if x.status == value)

    def flagged(flag: Flag) -> int:
        return sum(1 for c in children if flag in c.flags)

    return Summary(
        parent_measures=len(parents),
        carried=count(parents, ParentStatus.CARRIED),
        partial=count(parents, ParentStatus.PARTIAL),
        dropped=count(parents, ParentStatus.DROPPED),
        child_measures=len(children),
        inherited=count(children, ChildStatus.INHERITED),
        modified=count(children, ChildStatus.MODIFIED),
        added=count(children, ChildStatus.ADDED),
        moved=flagged(Flag.MOVED),
        merged=flagged(Flag.MERGED),
        split=flagged(Flag.SPLIT),
        owners_changed=flagged(Flag.OWNERS_CHANGED),
    )


def section_flows(
    pm: list[Node],
    cm: list[Node],
    main_of: dict[int, int],
    corresponding: frozenset[tuple[str, str]],
) -> tuple[SectionFlow, ...]:
    """Links from parent sections to child sections, counted by main source."""
    counts: dict[tuple[str, str], int] = {}
    headings: dict[tuple[str, str], tuple[str, str]] = {}
    for j, i in sorted(main_of.items()):
        key = (pm[i].section, cm[j].section)
        counts[key] = counts.get(key, 0) + 1
        headings[key] = (pm[i].section_heading, cm[j].section_heading)
    return tuple(
        SectionFlow(ps, cs, *headings[(ps, cs)], n, (ps, cs) in corresponding)
        for (ps, cs), n in sorted(counts.items(), key=lambda kv: (_key(kv[0][0]), _key(kv[0][1])))
    )


def _key(section_id: str) -> tuple[int, ...]:
    return tuple(int(x) for x in section_id.split(".")) if section_id else ()
