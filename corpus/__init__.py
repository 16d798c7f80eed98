"""Reading plan documents (txt, md, docx, doc, wps, odt, html, pdf) into a plan model; no comparing."""

from pathlib import Path

from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Comment, Jurisdiction, Node, Owners, Plan, Revisions

__all__ = [
    "Comment",
    "InputError",
    "Jurisdiction",
    "Node",
    "Owners",
    "Plan",
    "Revisions",
    "load_plan",
    "parse_plan",
]


def load_plan(path: str | Path, *, name: str | None = None, original: bool = False) -> Plan:
    """Read the file at `path` into a `Plan` (see `duizhao.corpus.load`).

    `original=True` reads a draft with tracked changes as before the changes (default: the
    accepted text); `Plan.revisions` says what was found.
    """
    from duizhao.corpus.load import load_plan as _load

    return _load(path, name=name, original=original)


def parse_plan(text: str, *, path: str = "<text>") -> Plan:
    """Parse plain text (one paragraph a line) into a `Plan`."""
    from duizhao.corpus.load import parse_text

    return parse_text(text, path=path)
