"""Measures cut into clauses, the unit of evidence: split on 。；; (and long ，-runs)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from duizhao.compare.localise import Localiser
from duizhao.corpus.model import Node

_SENTENCE = re.compile(r"(?<=[。；;！？!?\n])")
_COMMA = re.compile(r"(?<=[，,])")
_STRIP = re.compile(r"[\s\"“”‘’'《》〈〉<>「」『』【】、，,。；;：:！？!?（）()·…—\-]+")


@dataclass(frozen=True)
class Clause:
    """One clause of one measure: the text as printed and its localised, punctuation-free form."""

    measure: int
    """Index of the measure in the side's measure list."""
    index: int
    """Position of the clause inside its measure."""
    text: str
    norm: str


def split_clauses(text: str, long_chars: int) -> list[str]:
    """Clauses of a measure's text, in order; comma runs longer than `long_chars` are cut too."""
    out: list[str] = []
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        if len(sentence) <= long_chars:
            out.append(sentence)
            continue
        current = ""
        for piece in _COMMA.split(sentence):
            if current and len(current) + len(piece) > long_chars:
                out.append(current)
                current = ""
            current += piece
        if current:
            out.append(current)
    return out


def measure_clauses(measures: list[Node], localise: Localiser, long_chars: int) -> list[Clause]:
    """All clauses of a side, measure by measure; clauses with no content are left out."""
    clauses: list[Clause] = []
    for m_index, measure in enumerate(measures):
        for c_index, text in enumerate(split_clauses(measure.text, long_chars)):
            norm = _STRIP.sub("", localise(text))
            if norm:
                clauses.append(Clause(m_index, c_index, text, norm))
    return clauses
