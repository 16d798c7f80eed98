"""Lines of one paragraph hard-wrapped by a PDF or a text editor, joined again.

A plan copied out of a PDF (or saved from an editor that wraps) breaks every paragraph at the
page width: `（九）加强…，推进…` / `…工作。` arrive as two lines. Read as they come, the first
line of a measure, having no 。, would become its title and its text would change, so two
drafts wrapped differently would differ everywhere. A line is a wrap of the next when it has no
sentence end at its end and either cannot be a title (it holds a comma, a semicolon or a colon
inside, or is longer than a title may be) or is a full line: at least as long as the line after
it, and not short (a short line without a stop is a title: `增强全民法治观念` / `全面落实……`).
"""

from __future__ import annotations

import re

TITLE_MAX_CHARS = 24
"""The longest title a measure has (as in tree.split_title)."""
FULL_LINE_MIN = 16
"""A line shorter than this (label included) is never taken as a full wrapped line."""
_ENDS = "。！？!?；;：:"
_INSIDE = re.compile(r"[，,；;：:、]")


def join_wraps(label: str, lines: list[str]) -> list[str]:
    """`lines` (the unit's first line without its label, then its continuation lines) with
    every wrapped line joined to the line after it."""
    out = [lines[0]] if lines else []
    widths = [len(label) + len(lines[0])] if lines else []
    for line in lines[1:]:
        last = out[-1].rstrip()
        if last and _wraps(last, widths[-1], line):
            out[-1] = last + _joint(last, line.lstrip()) + line.lstrip()
            widths[-1] = len(line)  # the line now last decides whether it wraps too
        else:
            out.append(line)
            widths.append(len(line))
    return out


def unclosed(line: str) -> bool:
    """The line opens more parentheses than it closes: its end is inside one (an owners
    clause `（牵头单位：…，` wrapped before its `）`)."""
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")


def _wraps(last: str, width: int, following: str) -> bool:
    if not following.strip():
        return False
    if unclosed(last):
        return True
    if last[-1] in _ENDS:
        return False
    if _INSIDE.search(last) or width > TITLE_MAX_CHARS:
        return True
    return width >= FULL_LINE_MIN and width >= len(following.strip()) - 1


def _joint(left: str, right: str) -> str:
    """Nothing between CJK text; one space between two runs of Latin letters or digits."""
    if (
        right
        and left[-1].isascii()
        and left[-1].isalnum()
        and right[0].isascii()
        and right[0].isalnum()
    ):
        return " "
    return ""
