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
    return _decoder(tp)(data)


Decoder = Any  # Callable[[Any], Any]


@cache
def _decoder(tp: Any) -> Decoder:
    """A decoder for one type, built once from its hints (decoding a result is a hot path)."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return lambda data: data
    if origin in (typing.Union, types.UnionType):
        return _union([_decoder(option) for option in typing.get_args(tp)], tp)
    if tp is type(None):
        return _none
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple_of(args[0])
        return _fixed_tuple(args)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    if tp is float:
        return _float
    if tp in (str, int, bool):
        return _exact(tp)
    raise CodecError(f"unsupported type {tp}")


def _union(options: list[Decoder], tp: Any) -> Decoder:
    def run(data: Any) -> Any:
        for option in options:
            try:
                return option(data)
            except CodecError:
                continue
        raise CodecError(f"{data!r:.40} fits none of {tp}")

    return run


def _none(data: Any) -> None:
    if data is None:
        return None
    raise CodecError("expected null")


def _tuple_of(item_tp: Any) -> Decoder:
    item = _decoder(item_tp)

    def run(data: Any) -> tuple:
        if not isinstance(data, list):
            raise CodecError("expected a list")
        return tuple(item(v) for v in data)

    return run


def _fixed_tuple(args: tuple) -> Decoder:
    items = [_decoder(a) for a in args]

    def run(data: Any) -> tuple:
        if not isinstance(data, list) or len(data) != len(items):
            raise CodecError("expected a list of the right length")
        return tuple(f(v) for f, v in zip(items, data, strict=True))

    return run


def _dataclass(tp: type) -> Decoder:
    hints = _hints(tp)
    names = sorted(f.name for f in dataclasses.fields(tp) if f.init)
    expected = set(names)
    fields: list[tuple[str, Decoder]] = []

    def run(data: Any) -> Any:
        if not fields:  # resolved lazily: dataclasses may refer to themselves (Node.children)
            fields.extend((name, _decoder(hints[name])) for name in names)
        if not isinstance(data, dict):
            raise CodecError(f"expected an object for {tp.__name__}")
        if data.keys() != expected:
            raise CodecError(f"fields of {tp.__name__} differ")
        return tp(**{name: decode(data[name]) for name, decode in fields})

    return run


def _enum(tp: type) -> Decoder:
    def run(data: Any) -> Any:
        try:
            return tp(data)
        except ValueError as exc:
            raise CodecError(str(exc)) from None

    return run


def _float(data: Any) -> float:
    if isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    raise CodecError("expected a number")


def _exact(tp: type) -> Decoder:
    def run(data: Any) -> Any:
        if type(data) is tp:
            return data
        raise CodecError(f"expected {tp.__name__}")

    return run


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
