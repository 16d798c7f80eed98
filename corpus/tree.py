"""Build the tree of numbered units from labelled paragraphs.

Hierarchy comes from the order in which numbering styles first appear: a label of a style
already open closes everything below it and becomes a sibling; a new style opens a level
below the current unit. This copes with skipped levels, a topic level `1 …` between sections
and measures, and numbering that continues across parts, without a fixed table of styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from duizhao.corpus import owners as owners_mod
from duizhao.corpus.errors import Message, message
from duizhao.corpus.model import Node, Owners
from duizhao.corpus.numbering import STYLE_NAMES, Label
from duizhao.corpus.wraps import TITLE_MAX_CHARS, join_wraps, unclosed

_SENTENCE_END = re.compile(r"[。！？!?]")
_TITLE_FORBIDDEN = re.compile(r"[，,；;：:]")
_DEADLINE_LINE = re.compile(r"^\s*(完成时限|时间节点|完成时间)\s*[：:]\s*(?P<when>\S.{0,60})$")


@dataclass
class Item:
    """One paragraph (or run-together piece) of the body."""

    text: str
    line: int
    label: Label | None = None


@dataclass
class _Builder:
    """A numbered item while its paragraphs are still being gathered."""

    label: Label
    first: str
    line: int
    last_line: int
    more: list[str] = field(default_factory=list)
    owners: Owners = field(default_factory=Owners)
    deadline: str | None = None
    children: list[_Builder] = field(default_factory=list)


def build(items: list[Item]) -> tuple[tuple[Node, ...], list[Message]]:
    """Nodes for the labelled items (the first item must carry a label) and numbering warnings."""
    roots: list[_Builder] = []
    stack: list[_Builder] = []
    for item in items:
        if item.label is None:
            if not stack:
                continue
            current = stack[-1]
            current.last_line = item.line
            deadline = _DEADLINE_LINE.match(item.text)
            if deadline and current.deadline is None:
                current.deadline = deadline.group("when").strip()
            elif owners_mod.is_owner_line(item.text) and not _opens(current):
                current.owners = owners_mod.merge(current.owners, owners_mod.parse_roles(item.text))
                current.deadline = current.deadline or owners_mod.deadline_in(item.text)
            else:
                current.more.append(item.text)
            continue
        node = _Builder(item.label, item.text, item.line, item.line)
        styles = [b.label.style for b in stack]
        if item.label.style in styles:
            del stack[styles.index(item.label.style) :]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    warnings = _numbering_warnings(roots)
    return tuple(_freeze(b, str(i), 0, ()) for i, b in enumerate(roots, start=1)), warnings


def _opens(b: _Builder) -> bool:
    """The unit's last line leaves a parenthesis open: the next line, even one that reads
    `参加单位：…）`, is the rest of that parenthesis wrapped (joined by `join_wraps`)."""
    return unclosed(b.more[-1] if b.more else b.first)


def _freeze(b: _Builder, node_id: str, depth: int, path: tuple[str, ...]) -> Node:
    first, *more = join_wraps(b.label.text, [b.first, *b.more])
    owners = b.owners
    if more:
        before = more[-1]
        more[-1], inline = owners_mod.split_inline(more[-1])
    else:
        before = first
        first, inline = owners_mod.split_inline(first)
    clause = before[len(more[-1] if more else first) :]
    deadline = b.deadline or (owners_mod.deadline_in(clause) if inline else None)
    owners = owners_mod.merge(inline, owners)
    title, body = split_title(first, more, heading=bool(b.children))
    last = max([b.last_line] + [_last_line(c) for c in b.children])
    node = Node(
        id=node_id,
        label=b.label.text,
        style=b.label.style,
        depth=depth,
        title=title,
        body=body,
        owners=owners,
        lines=(b.line, last if not b.children else b.last_line),
        path=path,
        deadline=deadline,
    )
    heading = f"{node.label}{title or ''}"
    children = tuple(
        _freeze(c, f"{node_id}.{i}", depth + 1, (*path, heading))
        for i, c in enumerate(b.children, start=1)
    )
    if children:
        node = Node(**{**node.__dict__, "children": children, "lines": (b.line, last)})
    return node


def _last_line(b: _Builder) -> int:
    return max([b.last_line] + [_last_line(c) for c in b.children])


def split_title(first: str, more: list[str], *, heading: bool) -> tuple[str | None, str]:
    """Title and body of a unit from the text after its label and its continuation paragraphs.

    A heading line without a sentence end is all title; a unit whose first sentence is short and
    has no comma (`增强全民法治观念。全面落实……`) has that sentence as its title.
    """
    rest = "\n".join(more)
    m = _SENTENCE_END.search(first)
    if not m:
        if heading or rest:
            return (first or None), rest
        return None, first
    sentence, after = first[: m.start()], first[m.end() :].strip()
    body = "\n".join(p for p in (after, rest) if p)
    if (heading and not _TITLE_FORBIDDEN.search(sentence)) or (
        len(sentence) <= TITLE_MAX_CHARS and not _TITLE_FORBIDDEN.search(sentence) and body
    ):
        return sentence, body
    return None, "\n".join(p for p in (first, rest) if p)


REPEATS = message("line {line}: {label} repeats the number before it")
GAP = message("line {line}: {label} follows {before} (numbering gap)")
FIRST_GAP = message("line {line}: {label} starts a list (numbering gap: expected 1)")
LATER_GAP = message("line {line}: {label} starts a list (numbering gap: expected 1 or {next})")
ONLY_STYLE = message("line {line}: {label} is the only {style} label in the document")
NO_TITLE = message("no title found")
WARNINGS = (REPEATS, GAP, FIRST_GAP, LATER_GAP, ONLY_STYLE, NO_TITLE)
"""The templates of a plan's warnings (`Plan.warnings` keeps their English text: a report
says them in its language through `errors.reworded`)."""


def _numbering_warnings(roots: list[_Builder]) -> list[Message]:
    """Gaps, repeats and styles used once: reported, never silently fixed."""
    warnings: list[Message] = []
    last_value: dict[tuple[int, str], int] = {}
    counts: dict[str, list[_Builder]] = {}

    def visit(siblings: list[_Builder], depth: int) -> None:
        prev: _Builder | None = None
        for b in siblings:
            counts.setdefault(b.label.style, []).append(b)
            key = (depth, b.label.style)
            value = b.label.value
            if prev is not None and prev.label.style == b.label.style:
                if value == prev.label.value:
                    warnings.append(message(REPEATS, line=b.line, label=b.label.text))
                elif value != prev.label.value + 1:
                    warnings.append(
                        message(GAP, line=b.line, label=b.label.text, before=prev.label.text)
                    )
            elif value != 1 and value != last_value.get(key, 0) + 1:
                if key not in last_value:
                    warnings.append(message(FIRST_GAP, line=b.line, label=b.label.text))
                else:
                    later = message(
                        LATER_GAP, line=b.line, label=b.label.text, next=last_value[key] + 1
                    )
                    warnings.append(later)
            last_value[key] = value
            prev = b
            visit(b.children, depth + 1)

    visit(roots, 0)
    if len(counts) > 1:
        for style, builders in counts.items():
            if len(builders) == 1:
                b = builders[0]
                warnings.append(
                    message(ONLY_STYLE, line=b.line, label=b.label.text, style=STYLE_NAMES[style])
                )
    return warnings
