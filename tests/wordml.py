"""WordprocessingML snippets for reader tests: a paragraph with a style and list numbering."""

from __future__ import annotations


def paragraph(text: str, style: str = "", num: str = "", ilvl: int | None = None) -> str:
    """One `w:p` with an optional paragraph style and list numbering (numId, ilvl)."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
