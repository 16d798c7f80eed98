"""Plan models to JSON and back, checked field by field: how parsed plans are cached as data.

The codec follows the dataclasses' own type hints (str, int, float, bool, None, enums,
tuples, nested dataclasses), so a field added to the model is carried without touching this
module, and anything that does not fit the hints exactly raises `CodecError` — the cache
treats that as a miss. Nothing is ever constructed but the model's own dataclasses.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from functools import cache
from typing import Any

from duizhao.corpus.model import Plan


class CodecError(ValueError):
    """A value that does not match the model's types."""


def to_json(value: Any) -> Any:
    """A JSON-able form of a model value (dataclasses as objects, tuples as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(tp: Any, data: Any) -> Any:
    """Rebuild a value of type `tp` from `to_json` output; `CodecError` when it does not fit."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return data
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(tp):
            try:
                return from_json(option, data)
            except CodecError:
                continue
        raise CodecError(f"{data!r:.40} fits none of {tp}")
    if tp is type(None):
        if data is None:
            return None
        raise CodecError("expected null")
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise CodecError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(args[0], v) for v in data)
        if len(args) != len(data):
            raise CodecError("wrong tuple length")
        return tuple(from_json(a, v) for a, v in zip(args, data, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise CodecError(f"expected an object for {tp.__name__}")
        hints = _hints(tp)
        fields = {f.name for f in dataclasses.fields(tp) if f.init}
        if set(data) != fields:
            raise CodecError(f"fields of {tp.__name__} differ")
        return tp(**{name: from_json(hints[name], data[name]) for name in sorted(fields)})
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError as exc:
            raise CodecError(str(exc)) from None
    if tp is float:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        raise CodecError("expected a number")
    if tp in (str, int, bool):
        if type(data) is tp:
            return data
        raise CodecError(f"expected {tp.__name__}")
    raise CodecError(f"unsupported type {tp}")


def plan_to_bytes(plan: Plan) -> bytes:
    """The plan as compact, deterministic JSON bytes."""
    return json.dumps(
        to_json(plan), ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode("utf-8")


def plan_from_bytes(data: bytes) -> Plan:
    """A plan from `plan_to_bytes` output; `CodecError` for anything else."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CodecError(f"not JSON: {exc}") from None
    try:
        return from_json(Plan, raw)
    except RecursionError:
        raise CodecError("nested too deep") from None
