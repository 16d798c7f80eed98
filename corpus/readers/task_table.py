"""Task tables (任务分工表): one measure per row, owners from the unit columns, 序号 as label.

A plan, or its attachment, is often a table with columns such as 序号 | 工作任务 | 牵头单位 |
参加单位 | 完成时限. Read cell by cell it is a stream of numbers, task texts and
unit names the parser cannot tell apart (71 measures read as 28 without owners). This module
recognises the header and turns each row into the paragraphs a typed plan would have: the
task text with the 序号 cell as its label (`Paragraph.label`, so a bare `1` is a label), one
owner line per unit column (`牵头单位：A、B`, read by `duizhao.corpus.owners`) and a
`完成时限：…` line (read by the tree as `Node.deadline`). Merged full-width rows are part and
section headings; header rows repeated on every page are dropped. Format-neutral: the docx,
html and pdf readers hand rows of cell texts here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER_RE = re.compile(r"^(序号|编号|序|项次|No\.?|NO\.?)$")
_TASK_RE = re.compile(r"(任务|措施|举措|事项|内容|工作|目标|指标)")
_TITLE_RE = re.compile(r"(重点任务|主要任务|工作任务|任务名称|改革任务|重点工作)$")
_DETAIL_RE = re.compile(
    r"(具体措施|工作措施|主要措施|主要内容|具体内容|工作举措|任务措施|具体任务|任务内容|工作内容)"
)
_DEADLINE_RE = re.compile(r"(完成时限|时间节点|完成时间|时间安排|时限要求|进度安排|时限)")
# Unit column header → the role word of an owner line (see `duizhao.corpus.owners.ROLES`).
_ROLE_HEADERS = (
    (re.compile(r"牵头|主责|主办"), "牵头单位"),
    (re.compile(r"责任"), "责任单位"),
    (re.compile(r"参加|参与|配合|协办|协同|协助"), "参加单位"),
)
_UNIT_RE = re.compile(r"(单位|部门|处室|科室|主体)")
_SPACE_RE = re.compile(r"\s+")
DEADLINE_WORD = "完成时限"
"""Role word of the deadline line the reader writes (the tree reads it into `Node.deadline`)."""


@dataclass(frozen=True)
class Row:
    """One table row: cell texts in column order (paragraphs inside a cell joined by newlines)."""

    cells: tuple[str, ...]
    full_width: bool = False
    """One cell spanning the whole table (a merged heading row)."""
    merged: tuple[bool, ...] = ()
    """Per cell: it continues the cell above (a vertical merge); its text is the cell above's.
    A continued unit or deadline cell applies to this row too; a continued task cell does not."""


@dataclass(frozen=True)
class Out:
    """A paragraph the table becomes: text, its row index, and the label it starts with."""

    text: str
    row: int
    label: str | None = None


@dataclass(frozen=True)
class _Columns:
    header: int
    number: int
    title: int | None
    detail: int | None
    roles: tuple[tuple[int, str], ...]
    deadline: int | None
    names: tuple[str, ...]


def _squash(text: str) -> str:
    return _SPACE_RE.sub("", text)


def _columns(rows: Sequence[Row]) -> _Columns | None:
    """The header's columns, when one of the first rows is a task table header."""
    for at, row in enumerate(rows[:4]):
        if row.full_width:
            continue
        names = tuple(_squash(c) for c in row.cells)
        number = next((i for i, n in enumerate(names) if _NUMBER_RE.match(n)), None)
        if number is None:
            continue
        roles = []
        task: list[int] = []
        deadline = None
        for i, n in enumerate(names):
            if i == number or not n or len(n) > 12:
                continue
            role = _role_of(n)
            if role:
                roles.append((i, role))
            elif _DEADLINE_RE.search(n):
                deadline = i
            elif _TASK_RE.search(n):
                task.append(i)
        if not task or not roles:
            continue
        title = next((i for i in task if _TITLE_RE.search(names[i])), None)
        detail = next((i for i in task if i != title and _DETAIL_RE.search(names[i])), None)
        if title is None and detail is None:
            detail = task[0]
        elif detail is None and len(task) > 1:
            detail = next(i for i in task if i != title)
        by_column = _sub_header_roles(rows, at, dict(roles))
        return _Columns(
            at, number, title, detail, tuple(sorted(by_column.items())), deadline, names
        )
    return None


def _role_of(name: str) -> str | None:
    if not name or len(name) > 12 or not _UNIT_RE.search(name):
        return None
    return next((word for pattern, word in _ROLE_HEADERS if pattern.search(name)), None)


def _sub_header_roles(rows: Sequence[Row], at: int, roles: dict[int, str]) -> dict[int, str]:
    """Roles refined by a second header row: 责任单位 spanning 牵头单位 | 配合单位 below it."""
    if at + 1 >= len(rows) or rows[at + 1].full_width:
        return roles
    row = rows[at + 1]
    found = {}
    for i, cell in enumerate(row.cells):
        merged = i < len(row.merged) and row.merged[i]
        role = None if merged else _role_of(_squash(cell))
        if role:
            found[i] = role
    return {**roles, **found} if found else roles


def read_rows(rows: Sequence[Row]) -> list[Out] | None:
    """The paragraphs of a task table, or None when `rows` is not one (read it cell by cell)."""
    cols = _columns(rows)
    if cols is None:
        return None
    out: list[Out] = []
    for r, row in enumerate(rows):
        if r == cols.header:
            continue
        cells = row.cells
        distinct = {c.strip() for c in cells if c.strip()}
        if row.full_width or (len(distinct) == 1 and len(cells) > 2 and _spans(cells)):
            for piece in next(iter(distinct), "").split("\n"):
                if piece.strip():
                    out.append(Out(piece.strip(), r))
            continue
        if tuple(_squash(c) for c in cells) == cols.names or _is_header_repeat(cells, cols):
            continue
        out.extend(_task_row(row, r, cols))
    return out


def _spans(cells: Sequence[str]) -> bool:
    """A merged row as python-docx and html readers see it: the same text in every cell."""
    return len({c.strip() for c in cells}) == 1


def _is_header_repeat(cells: Sequence[str], cols: _Columns) -> bool:
    squashed = [_squash(c) for c in cells]
    return (
        bool(squashed)
        and cols.number < len(squashed)
        and squashed[cols.number] == cols.names[cols.number]
    )


def _cell(cells: Sequence[str], i: int | None) -> str:
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _own(row: Row, i: int | None) -> str:
    """A cell's own text: '' for a cell that only continues the one above."""
    if i is not None and i < len(row.merged) and row.merged[i]:
        return ""
    return _cell(row.cells, i)


def _task_row(row: Row, r: int, cols: _Columns) -> list[Out]:
    cells = row.cells
    number = _squash(_own(row, cols.number))
    title = _own(row, cols.title)
    detail = _own(row, cols.detail)
    texts = [t.strip() for t in "\n".join(p for p in (title, detail) if p).split("\n") if t.strip()]
    if not texts and not number:
        return []
    out: list[Out] = []
    if number:
        first = texts[0] if texts else ""
        if first.startswith(number):  # the task cell repeats the number: keep one
            first = first[len(number) :].lstrip()
        out.append(
            Out(
                f"{number}{first}"
                if not first or not _needs_gap(number, first)
                else f"{number} {first}",
                r,
                number,
            )
        )
        texts = texts[1:]
    out.extend(Out(t, r) for t in texts)
    for i, role in cols.roles:
        units = "、".join(u.strip(" 、，,；;") for u in _cell(cells, i).split("\n") if u.strip())
        if units and units not in ("/", "-", "—", "无"):
            out.append(Out(f"{role}：{units}", r))
    deadline = " ".join(_cell(cells, cols.deadline).split())
    if deadline and deadline not in ("/", "-", "—"):
        out.append(Out(f"{DEADLINE_WORD}：{deadline}", r))
    return out


def _needs_gap(number: str, text: str) -> bool:
    """A bare number before text (`1` + `组织…`) keeps a space so it still reads as a label."""
    return number[-1:].isdigit()
