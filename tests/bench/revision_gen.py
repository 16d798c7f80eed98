"""Revision generator: two drafts of one plan with every kind of edit a drafting office makes,
each edit with its exact deleted and inserted strings as gold.

From a bundled plan (its measures, in its sections) the old draft is rendered as text with owners
in every role; the new draft applies, each to a different measure:
- text edits (status 修改): a year, a number, a percentage, a frequency, one sentence deleted,
  inserted or reworded, two sentences swapped, a clause inserted mid-sentence, two edits in one
  sentence, a verb strengthened, a level word fixed;
- owner edits (责任单位变化): the lead replaced, a participating unit added or removed, a unit
  moved from lead to participating, a responsible unit replaced;
- structure: a measure moved to another section, deleted, inserted, split in two, two merged
  (everything below renumbered);
- formatting only (沿用): punctuation width, digit width, spaces and indentation, a hard wrap;
and a pair may convert the whole new document's punctuation to half width.
Deterministic for a seed. Sentences inserted come from another bundled plan (a donor).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from gen_text import cn_numeral, sentences
from revision_structure import restructure

TEXT_KINDS = (
    "year",
    "number",
    "percent",
    "frequency",
    "sentence_deleted",
    "sentence_inserted",
    "sentence_reworded",
    "sentences_swapped",
    "clause_inserted",
    "two_edits",
    "verb",
    "level_word",
)
OWNER_KINDS = (
    "lead_replaced",
    "participating_added",
    "participating_removed",
    "lead_moved",
    "responsible_replaced",
)
STRUCTURE_KINDS = ("moved", "deleted", "inserted", "split", "merged")
FORMAT_KINDS = ("punct_width", "digit_width", "spaces", "hard_wrap")

AGENCIES = (
    "区委宣传部",
    "区司法局",
    "区教育局",
    "区民政局",
    "区公安分局",
    "区财政局",
    "区人社局",
    "区卫健局",
    "区法院",
    "区检察院",
    "团区委",
    "区妇联",
    "区总工会",
    "区市场监管局",
    "区城管局",
    "区应急局",
)
VERBS = (("加强", "强化"), ("完善", "健全"), ("推进", "推动"), ("鼓励", "支持"), ("开展", "组织"))
FREQUENCIES = ("定期", "每年", "每季度", "每月", "每半年")
LEVELS = ("全区", "全市", "全县", "全省")
_YEAR = re.compile(r"20[2-3]\d(?=年)")
_NUMBER = re.compile(r"(?<![\d.])[1-9]\d{0,2}(?![\d.%年])")
_PERCENT = re.compile(r"\d+(?:\.\d+)?%")


@dataclass
class Measure:
    """A measure as the generator renders it: text and owners by role."""

    text: str
    lead: list[str] = field(default_factory=list)
    participating: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    origin: tuple[int, ...] = ()
    """Old measures it comes from (old draft: itself)."""
    kind: str = "untouched"
    gold: tuple[tuple[str, str], ...] = ()
    """Exact (deleted, inserted) strings of its text edits."""
    alternatives: tuple[tuple[tuple[str, str], ...], ...] = ()
    """Other redlines that are as exact (a swap may move either sentence)."""
    wrap: int = 0
    """Hard wrap the measure's lines at this many characters (formatting)."""


@dataclass
class RevisionPair:
    """Two drafts as text, and the truth: the new draft's measures in order with their origin
    and the kind of edit; old measures deleted; the old labels of every new measure."""

    old_text: str
    new_text: str
    old: list[Measure]
    new: list[Measure]
    deleted: list[int]
    converted: bool
    seed: int


def owners_for(k: int, rng: random.Random) -> dict[str, list[str]]:
    """Lead and participating units (every other measure: responsible units instead)."""
    units = rng.sample(AGENCIES, 4)
    if k % 3 == 2:
        return {"responsible": units[:2]}
    return {"lead": units[:1], "participating": units[1:3]}


def render(title: str, sections: list[tuple[str, list[Measure]]], converted: bool = False) -> str:
    """Title, preamble, parts 一、 and measures （一） numbered across parts, owners inline."""
    lines = [title, "为加快建设法治社会，结合本区实际，制定本方案。"]
    n = 0
    for si, (heading, measures) in enumerate(sections, 1):
        lines.append(f"{cn_numeral(si)}、{heading}")
        for m in measures:
            n += 1
            label = f"（{cn_numeral(n)}）" if n < 100 else f"（{n}）"
            full = label + m.text + _owners(m)
            if m.wrap:  # hard-wrapped at a fixed width, as text copied from a PDF
                full = "\n".join(full[k : k + m.wrap] for k in range(0, len(full), m.wrap))
            lines.append(full)
    out = "\n".join(lines) + "\n"
    return to_half_width(out) if converted else out


def _owners(m: Measure) -> str:
    roles = [("牵头单位", m.lead), ("参加单位", m.participating), ("责任单位", m.responsible)]
    parts = [f"{name}：{'、'.join(units)}" for name, units in roles if units]
    return f"（{'，'.join(parts)}）" if parts else ""


def to_half_width(text: str) -> str:
    """Whole-document conversion of full-width punctuation and digits to half width."""
    table = {0xFF01 + k: 0x21 + k for k in range(94)}
    table.update({ord("　"): ord(" ")})
    return text.translate(table)


def generate(
    sections: list[tuple[str, list[str]]], donor: list[str], seed: int, *, converted: bool = False
) -> RevisionPair:
    """Old and new drafts of a plan whose sections hold `sections` measure texts."""
    rng = random.Random(seed)
    old_sections: list[tuple[str, list[Measure]]] = []
    k = 0
    for heading, texts in sections:
        ms = []
        for text in texts:
            ms.append(Measure(_clean(text), origin=(k,), **owners_for(k, rng)))
            k += 1
        old_sections.append((heading, ms))
    old = [m for _, ms in old_sections for m in ms]
    donor_sentences = [s for t in donor for s in sentences(_clean(t)) if 12 <= len(s) <= 40]
    rng.shuffle(donor_sentences)
    new_sections = [(h, [replace(m) for m in ms]) for h, ms in old_sections]
    free = list(range(len(old)))
    rng.shuffle(free)
    by_origin = {m.origin[0]: (si, m) for si, (_, ms) in enumerate(new_sections) for m in ms}
    taken: set[int] = set()

    def pick(ok) -> Measure | None:
        for k in free:
            if k not in taken and ok(old[k].text):
                taken.add(k)
                return by_origin[k][1]
        return None

    for kind in TEXT_KINDS:
        for _ in range(2):
            m = pick(lambda t, kind=kind: _applies(kind, t))
            if m is not None:
                m.text, gold, alt = _text_edit(kind, m.text, rng, donor_sentences)
                m.kind, m.gold, m.alternatives = kind, gold, alt
    for kind in OWNER_KINDS:
        m = pick(lambda t: True)
        while m is not None and not _owner_edit(kind, m, rng):
            m = pick(lambda t: True)
        if m is not None:
            m.kind = kind
    for kind in FORMAT_KINDS:
        m = pick(lambda t, kind=kind: _format_applies(kind, t))
        if m is not None:
            m.text, m.kind = _format(kind, m.text, m), kind
    inserted = Measure(_new_text(donor_sentences, old), lead=["区司法局"], kind="inserted")
    deleted = restructure(new_sections, old, free, taken, rng, inserted)
    title = "法治社会建设实施方案（征求意见稿）"
    return RevisionPair(
        render(title, old_sections),
        render(title, new_sections, converted),
        old,
        [m for _, ms in new_sections for m in ms],
        deleted,
        converted,
        seed,
    )


def _clean(text: str) -> str:
    text = text.replace("\n", "")
    return text if text.endswith("。") else text + "。"


def _applies(kind: str, text: str) -> bool:
    ss = sentences(text)
    return {
        "year": bool(_YEAR.search(text)),
        "number": bool(_NUMBER.search(_YEAR.sub("", text))),
        "percent": bool(_PERCENT.search(text)),
        "frequency": any(f in text for f in FREQUENCIES),
        "sentence_deleted": len(ss) >= 2,
        "sentence_inserted": True,
        "sentence_reworded": len(ss) >= 2,
        "sentences_swapped": len(ss) >= 3 and ss[1] != ss[2],
        "clause_inserted": any("，" in s[:-1] for s in ss),
        "two_edits": _two_edit_sentence(text) is not None,
        "verb": any(v in text for v, _ in VERBS),
        "level_word": any(w in text for w in LEVELS),
    }[kind]


def _text_edit(kind: str, text: str, rng: random.Random, donor: list[str]):
    """(new text, gold pairs, alternative golds) for one text edit of `text`."""
    ss = sentences(text)
    if kind in ("year", "number", "percent"):
        pattern = {"year": _YEAR, "number": _NUMBER, "percent": _PERCENT}[kind]
        m = pattern.search(text if kind != "number" else _YEAR.sub("____", text))
        old = m.group()
        if kind == "year":
            new = str(int(old) + 2)
        elif kind == "number":
            new = str(int(old) + rng.randint(1, 9))
        else:
            new = f"{float(old[:-1]) + 5:g}%"
        return text[: m.start()] + new + text[m.end() :], ((old, new),), ()
    if kind == "frequency":
        old = next(f for f in FREQUENCIES if f in text)
        new = rng.choice([f for f in FREQUENCIES if f != old and old not in f and f not in old])
        return text.replace(old, new, 1), ((old, new),), ()
    if kind == "verb":
        old, new = next((v, w) for v, w in VERBS if v in text)
        return text.replace(old, new, 1), ((old, new),), ()
    if kind == "level_word":
        old = next(w for w in LEVELS if w in text)
        new = rng.choice([w for w in LEVELS if w != old])
        return text.replace(old, new, 1), ((old, new),), ()
    if kind == "two_edits":
        return _two_edits(text, rng)
    at = rng.randrange(1, len(ss)) if len(ss) >= 2 else 1
    if kind == "sentence_deleted":
        return "".join(ss[:at] + ss[at + 1 :]), ((ss[at], ""),), ()
    if kind == "sentence_inserted":
        new = donor.pop()
        return "".join([*ss[:at], new, *ss[at:]]), (("", new),), ()
    if kind == "sentence_reworded":
        new = _unlike(ss[at], donor)
        old, repl = ss[at], new
        if old[-1] == repl[-1]:  # the full stop both keep is not part of the edit
            old, repl = old[:-1], repl[:-1]
        return "".join([*ss[:at], new, *ss[at + 1 :]]), ((old, repl),), ()
    if kind == "sentences_swapped":
        a, b = ss[1], ss[2]
        return "".join([ss[0], b, a, *ss[3:]]), ((a, ""), ("", a)), ((("", b), (b, "")),)
    # clause inserted after a comma inside a sentence
    options = [(i, s) for i, s in enumerate(ss) if "，" in s[:-1]]
    i, s = rng.choice(options)
    commas = [p for p, ch in enumerate(s[:-1]) if ch == "，"]
    p = rng.choice(commas) + 1
    clause = donor.pop().rstrip("。；！？") + "，"
    ss[i] = s[:p] + clause + s[p:]
    return "".join(ss), (("", clause),), ()


def _new_text(donor: list[str], old: list[Measure]) -> str:
    """Two donor sentences that share no five characters in a row with the old draft: a
    measure that is new, not a variant of one the old draft has (that would be a rewrite)."""
    text = "".join(m.text for m in old)
    grams = {text[k : k + 5] for k in range(len(text) - 4)}
    picked = [
        k for k in range(len(donor) - 1, -1, -1)
        if not any(donor[k][i : i + 5] in grams for i in range(len(donor[k]) - 4))
    ][:2]  # fmt: skip
    return "".join(donor.pop(k) for k in sorted(picked, reverse=True)) or donor.pop()


def _unlike(sentence: str, donor: list[str]) -> str:
    """A donor sentence sharing no three characters in a row with `sentence`: a rewrite, not
    an edit of some of its words (those are the other kinds)."""
    grams = {sentence[k : k + 3] for k in range(len(sentence) - 2)}
    for k in range(len(donor) - 1, -1, -1):
        s = donor[k]
        if not any(s[i : i + 3] in grams for i in range(len(s) - 2)):
            return donor.pop(k)
    return donor.pop()


def _two_edit_sentence(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A sentence (once in the text) with two verbs, or a year and a verb, to replace."""
    for s in sentences(text):
        verbs = [(v, w) for v, w in VERBS if v in s]
        year = _YEAR.search(s)
        if text.count(s) == 1 and (len(verbs) >= 2 or (year and verbs)):
            if len(verbs) >= 2:
                return s, verbs[:2]
            return s, [(year.group(), str(int(year.group()) + 1)), verbs[0]]
    return None


def _two_edits(text: str, rng: random.Random):
    """Two replacements in one sentence: two verbs, or a year and a verb."""
    s, pairs = _two_edit_sentence(text)
    new = s
    for old, repl in pairs:
        new = new.replace(old, repl, 1)
    gold = tuple(sorted(pairs, key=lambda e: s.index(e[0])))
    return text.replace(s, new), gold, ()


def _owner_edit(kind: str, m: Measure, rng: random.Random) -> bool:
    spare = [a for a in AGENCIES if a not in m.lead + m.participating + m.responsible]
    if kind == "responsible_replaced":
        if not m.responsible:
            return False
        m.responsible = [rng.choice(spare), *m.responsible[1:]]
        return True
    if not m.lead:
        return False
    if kind == "lead_replaced":
        m.lead = [rng.choice(spare)]
    elif kind == "participating_added":
        m.participating = [*m.participating, rng.choice(spare)]
    elif kind == "participating_removed":
        m.participating = m.participating[:1]
    else:  # lead_moved: the lead becomes participating, the first participating leads
        m.lead, m.participating = m.participating[:1], [*m.lead, *m.participating[1:]]
    return True


def _format_applies(kind: str, text: str) -> bool:
    if kind == "punct_width":
        return "，" in text
    if kind == "digit_width":
        return bool(re.search(r"\d", text))
    return len(text) > 30


def _format(kind: str, text: str, m: Measure) -> str:
    if kind == "punct_width":
        return text.replace("，", ",").replace("；", ";").replace("（", "(").replace("）", ")")
    if kind == "digit_width":
        return re.sub(r"\d", lambda d: chr(ord(d.group()) - ord("0") + ord("０")), text)
    if kind == "spaces":
        return "　　" + text.replace("，", "， ").replace("。", "。 ").rstrip()
    m.wrap = 28  # characters per line of an official document's page
    return text
