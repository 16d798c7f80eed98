"""Tracked changes (修订) and comments (批注) of a .docx: counted, attributed and anchored.

The docx reader decides which text is read (accepted or original); this module only says
what the file records, so the command line can print its one-line notice and `inspect` can
list the comments with the paragraph they are anchored in. Comment text never enters a plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from duizhao.corpus.model import Comment, Revisions
from duizhao.corpus.readers.word_numbering import wtag

if TYPE_CHECKING:
    from docx.document import Document

_CHANGES = (wtag("ins"), wtag("del"), wtag("moveFrom"), wtag("moveTo"))
_MAX_COMMENT_CHARS = 2000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def revisions_of(
    body: etree._Element, comments: tuple[Comment, ...], original: bool
) -> Revisions | None:
    """What `body` records: the number of changes, their authors, the comments; None if nothing."""
    changes = 0
    authors: dict[str, None] = {}
    for el in body.iter(*_CHANGES):
        changes += 1
        author = (el.get(wtag("author")) or "").strip()
        if author:
            authors.setdefault(author, None)
    if not changes and not comments:
        return None
    return Revisions(changes, tuple(authors), comments, original)


def comments_of(document: Document, anchors: dict[str, int]) -> tuple[Comment, ...]:
    """The comments part's comments in file order, each with the paragraph it is anchored in."""
    root = _comments_root(document)
    if root is None:
        return ()
    out = []
    for comment in root.iter(wtag("comment")):
        cid = comment.get(wtag("id")) or ""
        texts = []
        for p in comment.iter(wtag("p")):
            texts.append("".join(t.text or "" for t in p.iter(wtag("t"))))
        text = " ".join(" ".join(texts).split())[:_MAX_COMMENT_CHARS]
        author = " ".join((comment.get(wtag("author")) or "").split())
        out.append(Comment(author, text, anchors.get(cid, 0)))
    return tuple(out)


def _comments_root(document: Document) -> etree._Element | None:
    try:
        rels = document.part.rels.values()
    except AttributeError:
        return None
    for rel in rels:
        if rel.is_external or not rel.reltype.endswith("/comments"):
            continue
        try:
            return etree.fromstring(rel.target_part.blob, _PARSER)
        except (etree.XMLSyntaxError, ValueError, AttributeError):
            return None
    return None
