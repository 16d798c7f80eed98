"""Comparisons served from the cache when the same plans were compared the same way before.

A drafter compares the same pair again and again (another format, another language), and CI
checks the same files on every push: the comparison is a pure function of the two parsed
plans, the settings, the mode and the engine's code, so it is cached under a key made of
exactly those — the plans as parsed (their JSON, which holds path, text, owners and the
sha256 of the file), the settings, the mode, and a hash of every `compare/` source and of the
segmenter's dictionary. A warm run then never imports numpy or the engine.

The value holds everything but the two plans, which are in the key already: on the way back
the plans asked for are put in again, and the rest must decode into a `Comparison` field by
field (`duizhao.corpus.codec`) and be a comparison *of these plans with these settings*: its
measures are the plans' own, its settings and mode those asked for. Anything else is a miss
that is recomputed and rewritten.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import replace
from functools import cache

from duizhao.compare import Comparison, Settings
from duizhao.compare.notes import Note
from duizhao.corpus.cache import key, open_cache, source_digest
from duizhao.corpus.codec import CodecError, from_json, to_json
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Plan

KIND = "comparison"
_NOTES = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
"""Notes travel as (template, ((name, value), …)) so that they stay translatable."""
_PLANS = frozenset({"parent", "child"})
"""Comparison fields not stored: the key holds them."""


@cache
def engine_version() -> str:
    """A hash of the comparison code (compare/, but not the check rules) and the segmenter."""
    from duizhao.compare import owner_names, segment

    salt = f"comparison@2 {segment.version()} {owner_names.version()}"
    return source_digest("duizhao.compare", salt=salt)


def _plan_text(plan: Plan) -> bytes:
    from duizhao.corpus.codec import plan_to_bytes

    return plan_to_bytes(plan)


def comparison_key(parent: Plan, child: Plan, settings: Settings, revision: bool) -> str:
    """The key of this comparison: everything that shapes its result."""
    return key(
        engine_version(),
        _plan_text(parent),
        _plan_text(child),
        json.dumps(settings.to_dict(), sort_keys=True),
        "revision" if revision else "levels",
    )


def cached(parent: Plan, child: Plan, settings: Settings, revision: bool) -> Comparison | None:
    """The comparison stored for exactly these inputs, or None."""
    store = open_cache()
    if not store.enabled:
        return None
    entry = comparison_key(parent, child, settings, revision)
    raw = store.get(KIND, entry)
    if raw is None:
        return None
    try:
        value = json.loads(raw.decode("utf-8"))
        result = _decode(value["result"], parent, child)
        notes = tuple(Note(t, **dict(p)) for t, p in from_json(_NOTES, value["notes"]))
    except (
        CodecError,
        InputError,
        UnicodeDecodeError,
        ValueError,
        RecursionError,
        TypeError,
        KeyError,
    ):
        store.discard(KIND, entry)
        return None
    if notes != result.notes:
        store.discard(KIND, entry)
        return None
    result = replace(result, notes=notes)
    expected_mode = "revision" if revision else "levels"
    if (
        [r.measure for r in result.parent_measures] != parent.measures()
        or [r.measure for r in result.child_measures] != child.measures()
        or result.settings != settings
        or result.mode != expected_mode
    ):
        store.discard(KIND, entry)
        return None
    return result


@cache
def _fields() -> dict[str, typing.Any]:
    """Comparison's stored fields and their types."""
    hints = typing.get_type_hints(Comparison)
    return {f.name: hints[f.name] for f in dataclasses.fields(Comparison) if f.name not in _PLANS}


def _decode(body: object, parent: Plan, child: Plan) -> Comparison:
    """The stored fields decoded by their types, with the plans asked for put back."""
    fields = _fields()
    if not isinstance(body, dict) or body.keys() != fields.keys():
        raise CodecError("fields of Comparison differ")
    values = {name: from_json(tp, body[name]) for name, tp in fields.items()}
    return Comparison(parent=parent, child=child, **values)


def store(result: Comparison, revision: bool) -> None:
    """Keep a comparison for the next run with the same inputs."""
    cache_ = open_cache()
    if not cache_.enabled:
        return
    entry = comparison_key(result.parent, result.child, result.settings, revision)
    notes = [
        [n.template, [list(kv) for kv in n.params]] if isinstance(n, Note) else [n, []]
        for n in result.notes
    ]
    body = {name: v for name, v in to_json(result).items() if name not in _PLANS}
    value = {"result": body, "notes": notes}
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    cache_.put(KIND, entry, data.encode("utf-8"))
