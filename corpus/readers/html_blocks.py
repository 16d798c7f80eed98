"""HTML to paragraph texts: block elements break paragraphs, task tables become measures.

Also bounds the nesting before anything else looks at the page (`flatten`).
"""

from __future__ import annotations

import re

from bs4 import Comment, NavigableString, Tag

from duizhao.corpus.readers.task_table import Row, read_rows

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "dl",
        "dt",
        "dd",
        "caption",
        "center",
        "form",
        "fieldset",
        "address",
        "figure",
        "figcaption",
        "hr",
        "body",
    ]
)

_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
_UNCOUNTED = frozenset(
    [
        "p",
        "li",
        "td",
        "th",
        "tr",
        "dt",
        "dd",
        "option",
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "col",
        "area",
        "base",
        "wbr",
        "source",
    ]
)
"""Tags a parser closes by itself or that hold nothing: they never add nesting."""


def flatten(text: str, limit: int) -> str:
    """The page with tags nested deeper than `limit` removed (their text kept, in order).

    Every cleaning step below looks at a tag's whole subtree, which costs depth × size; real
    pages nest a few dozen levels, a hostile one ten thousand. Bounding the depth first keeps
    the cleaning linear in the page. Done on the markup in one pass (a tree library's tag
    removal walks the subtree each time; libxml2 drops text below 256 levels); a page within
    the limit is returned untouched.
    """
    depth = deepest = 0
    for m in _TAG_RE.finditer(text):
        name = m.group(2).lower()
        if name in _UNCOUNTED or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= limit:
        return text
    out: list[str] = []
    depth = at = 0
    for m in _TAG_RE.finditer(text):
        name = m.group(2).lower()
        if name in _UNCOUNTED or m.group(3):
            continue
        closing = bool(m.group(1))
        level = depth if closing else depth + 1
        depth = max(0, depth - 1) if closing else depth + 1
        if level > limit:
            out.append(text[at : m.start()])
            at = m.end()
    out.append(text[at:])
    return "".join(out)


_BREAK_WS_RE = re.compile(r"(?<=[^\x00-\x7f])[ \t\r\f]*\n[ \t\r\n\f]*(?=[^\x00-\x7f])")
_WS_RE = re.compile(r"[ \t\r\n\f\u00a0\u2002\u2003\u200b]+")


def normalize(text: str) -> str:
    text = _BREAK_WS_RE.sub("", text)  # source-code line wraps between Chinese characters
    return _WS_RE.sub(" ", text).strip()


def block_texts(root: Tag) -> list[tuple[str, str | None]]:
    """Paragraph texts in order, each with the label a task table's 序号 cell gave it (or None)."""
    out: list[tuple[str, str | None]] = []
    buf: list[str] = []

    def flush() -> None:
        text = normalize("".join(buf))
        buf.clear()
        if text:
            out.append((text, None))

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buf.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    flush()
                elif child.name == "pre":
                    flush()
                    out.extend(
                        (t, None)
                        for t in (normalize(x) for x in child.get_text().splitlines())
                        if t
                    )
                elif child.name == "table":
                    flush()
                    structured = _task_table(child)
                    if structured is None:
                        walk(child)
                    else:
                        out.extend(structured)
                    flush()
                elif child.name in BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(root)
    flush()
    return out


def _span(cell: Tag, attr: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attr) or "1").strip() or 1), 64))
    except ValueError:
        return 1


def _continued(
    pending: dict[int, tuple[int, str]], col: int, cells: list[str], merged: list[bool]
) -> int:
    """Place the cells that rows above span into this row from column `col`; the next column."""
    while col in pending:
        left, text = pending.pop(col)
        if left > 1:
            pending[col] = (left - 1, text)
        cells.append(text)
        merged.append(True)
        col += 1
    return col


def _task_table(table: Tag) -> list[tuple[str, str | None]] | None:
    """A 任务分工表 as paragraphs (see `task_table`), or None for any other table.

    Cells spanning rows (rowspan) continue into the rows below, as Word's vertical merges do;
    a row of one cell spanning the table is a heading.
    """
    rows: list[Row] = []
    pending: dict[int, tuple[int, str]] = {}
    width = 0
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a row of a nested table is read inside its cell
        cells: list[str] = []
        merged: list[bool] = []
        col = 0
        tds = tr.find_all(["td", "th"], recursive=False)
        for td in tds:
            col = _continued(pending, col, cells, merged)
            text = "\n".join(t for t, _ in block_texts(td))
            span, down = _span(td, "colspan"), _span(td, "rowspan")
            if down > 1:
                pending[col] = (down - 1, text)
            cells.extend([text] + [""] * (span - 1))
            merged.extend([False] * span)
            col += span
        col = _continued(pending, col, cells, merged)
        width = max(width, col)
        rows.append(Row(tuple(cells), full_width=len(tds) == 1 and width > 1, merged=tuple(merged)))
    structured = read_rows(rows)
    if structured is None:
        return None
    return [(normalize(item.text), item.label) for item in structured]
