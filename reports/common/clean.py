"""Plan text made fit for any report: control characters and lone surrogates taken out first.

Plan text and file names are the author's, not ours: an ESC sequence in a measure could
retitle a reviewer's terminal, a carriage return could print a fake line over a real one,
and a control character or a lone surrogate (a .txt decoded with surrogateescape, a docx
that holds one) cannot be written into XML at all, so the Word 对照表, the xlsx and the
JUnit file would fail. `render` passes every result through `cleaned` before any format
but JSON (which escapes such characters itself): every string of the result, whatever
dataclass or tuple holds it, comes out with

- terminal control sequences (CSI, OSC, DCS … and a lone ESC) removed whole,
- other C0 controls but tab and line feed, DEL and C1 controls removed,
- a carriage return read as a line break (CR LF as one),
- lone surrogates and the non-characters U+FFFE / U+FFFF as U+FFFD,

and the number of characters changed is returned, so the command line can say it once.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import PurePath
from typing import Any

from duizhao.reports.common.escape import CONTROL_SEQUENCES

_UNFIT = re.compile(r"\r\n?|" + CONTROL_SEQUENCES.pattern + r"|[\ud800-\udfff\ufffe\uffff]")
"""Everything `clean_text` changes (controls, CR, lone surrogates, U+FFFE/U+FFFF)."""
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""A quick test: every match of `_UNFIT` starts with one of these (ESC, CR, C1 …)."""
_UNENCODABLE = re.compile(r"[\ud800-\udfff]")
"""What no UTF-8 output can hold (JSON escapes controls itself but cannot encode these)."""


def _replacement(match: re.Match[str]) -> str:
    found = match[0]
    if found[0] == "\r":
        return "\n"
    if "\ud800" <= found <= "\udfff" or found in "\ufffe\uffff":
        return "\ufffd"
    return ""


def clean_text(text: str, *, only_surrogates: bool = False) -> tuple[str, int]:
    """`text` fit for every format, and how many characters were removed or replaced
    (a CR LF pair or a lone CR, read as a line break, does not count). With
    `only_surrogates`, for JSON, only lone surrogates are replaced."""
    unfit = _UNENCODABLE if only_surrogates else _UNFIT
    if unfit.search(text) is None:
        return text, 0
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if match[0][0] != "\r":
            count += len(match[0])
        return _replacement(match)

    return unfit.sub(replace, text), count


def cleaned(result: Any, *, only_surrogates: bool = False) -> tuple[Any, int]:
    """`result` with every string in it cleaned (`clean_text`), and the characters changed.

    Dataclasses are rebuilt with `dataclasses.replace` only where a field changed, so a
    result with nothing to clean is returned as it is (the same object); tuples, lists and
    dicts are walked too. StrEnum values and other str subclasses are closed sets of ours
    and stay as they are.
    """
    total = 0
    memo: dict[int, Any] = {}

    def walk(value: Any) -> Any:
        nonlocal total
        kind = type(value)
        if kind is str:
            if (_UNENCODABLE if only_surrogates else _SUSPECT).search(value) is not None:
                text, n = clean_text(value, only_surrogates=only_surrogates)
                total += n
                return text
            return value
        if kind in _ATOMS:
            return value
        key = id(value)
        if key in memo:
            return memo[key]
        out = value
        if kind is tuple or kind is list:
            items = None
            for n, v in enumerate(value):
                w = walk(v)
                if w is not v:
                    if items is None:
                        items = list(value)
                    items[n] = w
            if items is not None:
                out = kind(items)
        elif kind is dict:
            pairs = [(walk(k), walk(v)) for k, v in value.items()]
            if any(a is not b or c is not d for (a, c), (b, d) in zip(pairs, value.items(),
                                                                      strict=True)):  # fmt: skip
                out = dict(pairs)
        else:
            names = _init_fields(kind)
            if names:
                changed = {}
                for name in names:
                    old = getattr(value, name)
                    new = walk(old)
                    if new is not old:
                        changed[name] = new
                if changed:
                    out = dataclasses.replace(value, **changed)
            elif isinstance(value, PurePath):
                text, n = clean_text(str(value), only_surrogates=only_surrogates)
                total += n
                out = kind(text) if n else value
        memo[key] = out
        return out

    return walk(result), total


_ATOMS = frozenset({int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(kind: type) -> tuple[str, ...]:
    """The fields a dataclass's constructor takes (none for any other type), per type once."""
    names = _FIELDS.get(kind)
    if names is None:
        is_data = dataclasses.is_dataclass(kind)
        names = tuple(f.name for f in dataclasses.fields(kind) if f.init) if is_data else ()
        _FIELDS[kind] = names
    return names
