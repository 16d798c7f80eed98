"""Word-grade redline of one measure against its earlier draft: a minimal edit script over tokens.

Why tokens and not characters: a reader scanning a revision wants 2025 → 2027 and 加强 → 强化,
not 202~~5~~7 and ~~加~~强<ins>化</ins>. Why one sequence and not clause pairs: pairing clauses
lets an inserted clause re-cut its neighbours, so untouched clauses come out deleted and
re-added; a longest-common-subsequence script over the whole measure marks the inserted clause
and nothing else.

Tokens are the segmenter's words, with numbers whole (2025, 3.5, 100%), a Chinese numeral run
split from the classifier it leads (三大 → 三 大, so 三大 → 四大 marks 三 → 四), and every
punctuation mark a token of its own. Each token is compared by a key: width folded (NFKC), with
the few punctuation marks that a whole-document conversion swaps (。/., “”/"") made equal, and
whitespace dropped altogether, so formatting alone is never an edit. Where an inserted or
deleted run could sit in several places with the same cost (`，X` or `X，`), it is slid to
start after a punctuation mark: the edit then reads as the clause a drafter typed. A deleted
run that reappears inserted elsewhere in the measure is a moved sentence: both are marked
`SpanKind.MOVED`, so a swap is always visible.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from duizhao.compare.redline import UNITS, span_kind
from duizhao.compare.result import Span, SpanKind

Cut = Callable[[str], list[str]]
"""text → words (the segmenter)."""

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*%?")
_ZH_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_LEADING_NUMERAL = re.compile(rf"^(第?)([{_ZH_NUMERALS}]+)(.+)$")
_CLASSIFIERS = frozenset("大个项年次类级名家批条种支件届期月日天周倍人户所处座台套位部篇场轮型化")
_KEY_PUNCT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "｡": "。", "．": "。"})


@dataclass(frozen=True)
class Token:
    """One token of a measure: the text as written (with any whitespace that follows it) and
    the key it is compared by (empty for pure whitespace, which never takes part)."""

    text: str
    key: str


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def _is_punct(key: str) -> bool:
    return bool(key) and all(unicodedata.category(c)[0] in "PS" for c in key)


def tokens_of(text: str, cut: Cut) -> list[Token]:
    """The tokens of `text` in order; joined, their texts give `text` back exactly."""
    folded: list[str] = []
    origin: list[int] = []
    for k, ch in enumerate(text):
        for f in _fold(ch):
            folded.append(f)
            origin.append(k)
    flat = "".join(folded)
    pieces: list[tuple[int, int]] = []  # spans in `flat`
    pos = 0
    run_start = 0

    def flush_run(end: int) -> None:
        if end > run_start:
            at = run_start
            for word in _split_numerals(cut(flat[run_start:end])):
                pieces.append((at, at + len(word)))
                at += len(word)

    while pos < len(flat):
        m = _NUMBER.match(flat, pos)
        ch = flat[pos]
        if m and (pos == 0 or not flat[pos - 1].isdigit()):
            flush_run(pos)
            end = m.end()
            if flat[end - 1] == "." and end - 1 > pos:
                end -= 1
            pieces.append((pos, end))
            pos = run_start = end
        elif ch.isspace() or _is_punct(ch):
            flush_run(pos)
            pieces.append((pos, pos + 1))
            pos = run_start = pos + 1
        else:
            pos += 1
    flush_run(len(flat))
    return _to_tokens(text, flat, origin, pieces)


def _split_numerals(words: list[str]) -> list[str]:
    """三大 → 三 大, 第三项 → 第 三 项: a Chinese numeral is a token of its own before a classifier."""
    out: list[str] = []
    for word in words:
        m = _LEADING_NUMERAL.match(word)
        if m and m.group(3)[0] in _CLASSIFIERS:
            out.extend(part for part in m.groups() if part)
        else:
            out.append(word)
    return out


def _to_tokens(
    text: str, flat: str, origin: list[int], pieces: list[tuple[int, int]]
) -> list[Token]:
    """Tokens with original text; whitespace glued to the token before it (or after, at the start)."""
    out: list[Token] = []
    lead = ""
    starts = [origin[a] for a, _ in pieces] + [len(text)]
    for n, (a, b) in enumerate(pieces):
        written = text[starts[n] : starts[n + 1]]
        if starts[n + 1] == starts[n]:
            continue  # a second folded character of one original character
        key = flat[a:b].translate(_KEY_PUNCT)
        if key.isspace():
            if out:
                out[-1] = Token(out[-1].text + written, out[-1].key)
            else:
                lead += written
            continue
        if key == "." and not _between_digits(flat, a):
            key = "。"
        out.append(Token(lead + written, key))
        lead = ""
    if lead:
        out.append(Token(lead, ""))
    return out


def _between_digits(flat: str, at: int) -> bool:
    return 0 < at < len(flat) - 1 and flat[at - 1].isdigit() and flat[at + 1].isdigit()


def same_text(old: str, new: str, cut: Cut) -> bool:
    """The two texts are one after width folding, punctuation conversion and whitespace."""
    return keys(old, cut) == keys(new, cut)


def keys(text: str, cut: Cut) -> list[str]:
    """What a text is compared by: its tokens' keys, whitespace left out."""
    return [t.key for t in tokens_of(text, cut) if t.key]


@dataclass(frozen=True)
class _Op:
    tag: str  # equal | delete | insert
    a0: int
    a1: int
    b0: int
    b1: int


def token_spans(old: str, new: str, cut: Cut) -> tuple[Span, ...]:
    """The redline from `old` to `new`: equal, delete and insert spans of whole tokens.

    Equal spans carry the new text as written; a formatting-only difference is equal. Changed
    spans that alter a number, year or unit are `SpanKind.NUMBER`; a deleted run that reappears
    as an inserted run elsewhere (a moved sentence or clause) is `SpanKind.MOVED`."""
    a = [t for t in tokens_of(old, cut) if t.key]
    b = [t for t in tokens_of(new, cut) if t.key]
    ka, kb = [t.key for t in a], [t.key for t in b]
    ops = [
        _Op(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(ka, kb)
    ]
    ops = _absorb(_slide(ops, ka, kb), ka, kb)
    spans: list[Span] = []
    for op in ops:
        if op.tag == "equal":
            spans.append(Span("equal", "".join(t.text for t in b[op.b0 : op.b1])))
        elif op.tag == "delete":
            spans.append(Span("delete", "".join(t.text for t in a[op.a0 : op.a1])))
        else:
            spans.append(Span("insert", "".join(t.text for t in b[op.b0 : op.b1])))
    return _kinds(_merge(spans), cut)


def _slide(ops: list[_Op], ka: list[str], kb: list[str]) -> list[_Op]:
    """Slide each pure insertion or deletion between two equal runs to where it starts after a
    punctuation mark (or ends with one): the same cost, a redline that reads as typed."""
    ops = [o for o in ops if (o.a1 - o.a0) + (o.b1 - o.b0) > 0]
    for k, op in enumerate(ops):
        if op.tag == "equal" or not (0 < k < len(ops) - 1):
            continue
        before, after = ops[k - 1], ops[k + 1]
        if before.tag != "equal" or after.tag != "equal":
            continue
        seq, lo, hi = (kb, op.b0, op.b1) if op.tag == "insert" else (ka, op.a0, op.a1)
        left = 0
        while left < before.b1 - before.b0 and seq[lo - left - 1] == seq[hi - left - 1]:
            left += 1
        right = 0
        while right < after.b1 - after.b0 and seq[lo + right] == seq[hi + right]:
            right += 1
        if not left and not right:
            continue
        best = max(range(-left, right + 1), key=lambda s: (_fit(seq, lo + s, hi + s), -abs(s)))
        if best:
            ops[k - 1] = _Op("equal", before.a0, before.a1 + best, before.b0, before.b1 + best)
            ops[k + 1] = _Op("equal", after.a0 + best, after.a1, after.b0 + best, after.b1)
            if op.tag == "insert":
                ops[k] = _Op("insert", op.a0 + best, op.a1 + best, lo + best, hi + best)
            else:
                ops[k] = _Op("delete", lo + best, hi + best, op.b0 + best, op.b1 + best)
    return [o for o in ops if (o.a1 - o.a0) + (o.b1 - o.b0) > 0]


_SENTENCE_ENDS = frozenset("。；;！!？?")


def _fit(seq: list[str], lo: int, hi: int) -> int:
    """How well a run seq[lo:hi] sits: starting a sentence (4), ending one (2), starting after
    any punctuation mark (1), ending with one (1)."""
    after_end = lo == 0 or seq[lo - 1] in _SENTENCE_ENDS
    after_mark = lo == 0 or _is_punct(seq[lo - 1])
    return 4 * after_end + 2 * (seq[hi - 1] in _SENTENCE_ENDS) + after_mark + _is_punct(seq[hi - 1])


def _absorb(ops: list[_Op], ka: list[str], kb: list[str]) -> list[_Op]:
    """A rewritten sentence is one edit: an equal run of a few characters inside a sentence,
    between two edits each at least twice as long (a 的 or 和 the rewrite happened to
    keep), becomes part of the edit. Runs next to a changed number stay apart: 2025 → 2026 and
    加强 → 强化 a word apart are two edits."""
    changed = True
    while changed:
        changed = False
        for k in range(1, len(ops) - 1):
            op = ops[k]
            if op.tag != "equal" or ops[k - 1].tag == "equal" or ops[k + 1].tag == "equal":
                continue
            kept = ka[op.a0 : op.a1]
            if any(t in _SENTENCE_ENDS for t in kept):
                continue
            before, after = _group(ops, k, -1), _group(ops, k + 1, 1)
            sizes = [_size(g, ka, kb) for g in (before, after)]
            if any(_has_number(g, ka, kb) for g in (before, after)):
                continue
            if 2 * len("".join(kept)) <= min(sizes):
                ops[k : k + 1] = [
                    _Op("delete", op.a0, op.a1, op.b0, op.b0),
                    _Op("insert", op.a1, op.a1, op.b0, op.b1),
                ]
                changed = True
                break
    return ops


def _group(ops: list[_Op], k: int, step: int) -> list[_Op]:
    """The changed ops next to position k, going back (step -1 from k-1) or forward."""
    out = []
    at = k - 1 if step < 0 else k
    while 0 <= at < len(ops) and ops[at].tag != "equal":
        out.append(ops[at])
        at += step
    return out


def _size(group: list[_Op], ka: list[str], kb: list[str]) -> int:
    deleted = sum(len(k) for o in group for k in ka[o.a0 : o.a1] if o.tag == "delete")
    inserted = sum(len(k) for o in group for k in kb[o.b0 : o.b1] if o.tag == "insert")
    return max(deleted, inserted)


def _has_number(group: list[_Op], ka: list[str], kb: list[str]) -> bool:
    """The group changes a number and nothing else (2025 → 2026, 三 → 四)."""
    keys_ = [k for o in group for k in (ka[o.a0 : o.a1] if o.tag == "delete" else kb[o.b0 : o.b1])]
    return bool(keys_) and all(
        _NUMBER.fullmatch(k) or all(c in _ZH_NUMERALS for c in k) for k in keys_
    )


def _merge(spans: list[Span]) -> list[Span]:
    """Adjacent spans of one op joined; a delete always before the insert that replaces it."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].op == span.op:
            out[-1] = Span(span.op, out[-1].text + span.text)
        elif out and span.op == "delete" and out[-1].op == "insert":
            previous = out.pop()
            if out and out[-1].op == "delete":
                out[-1] = Span("delete", out[-1].text + span.text)
            else:
                out.append(span)
            out.append(previous)
        else:
            out.append(span)
    return out


def _kinds(spans: list[Span], cut: Cut) -> tuple[Span, ...]:
    """NUMBER for changed numbers, years and units; MOVED for a run deleted here and inserted
    there (compared by keys without punctuation, so a sentence that lost its 。 still counts)."""

    def core(text: str) -> tuple[str, ...]:
        return tuple(k for k in keys(text, cut) if not _is_punct(k))

    deleted = {core(s.text) for s in spans if s.op == "delete"}
    inserted = {core(s.text) for s in spans if s.op == "insert"}
    moved = {c for c in deleted & inserted if len("".join(c)) >= 4}
    out = []
    for k, span in enumerate(spans):
        if span.op == "equal":
            out.append(span)
            continue
        if core(span.text) in moved:
            out.append(Span(span.op, span.text, SpanKind.MOVED))
            continue
        before = next((x.text for x in reversed(spans[:k]) if x.op == "equal"), "")
        after = next((x.text for x in spans[k + 1 :] if x.op == "equal"), "")
        out.append(Span(span.op, span.text, _number_kind(span.text, before, after, cut)))
    return tuple(out)


def _number_kind(text: str, before: str, after: str, cut: Cut) -> SpanKind:
    """NUMBER when one of the span's tokens is a number (2025, 3.5, 十四) or the span is a unit
    next to a number (3个 → 3家); a word that merely holds a numeral (万家, 统一) is text."""
    words = keys(text, cut)
    if any(_NUMBER.fullmatch(w) or all(c in _ZH_NUMERALS for c in w) for w in words):
        return SpanKind.NUMBER
    if words and all(c in UNITS for w in words for c in w):
        return span_kind(text, before, after)
    return SpanKind.TEXT


def edits(spans: tuple[Span, ...]) -> list[tuple[str, str]]:
    """The edits of a redline as (deleted, inserted) pairs: each maximal run of changed spans
    between two equal ones is one edit (a replacement, a deletion or an insertion)."""
    out: list[tuple[str, str]] = []
    run: list[Span] = []
    for span in (*spans, Span("equal", "")):
        if span.op != "equal":
            run.append(span)
            continue
        if run:
            out.append(
                (
                    "".join(s.text for s in run if s.op == "delete"),
                    "".join(s.text for s in run if s.op == "insert"),
                )
            )
            run = []
    return out
