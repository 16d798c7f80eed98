"""A `duizhao.toml` (or `[tool.duizhao]` in pyproject.toml) parsed from its text. No I/O.

Every problem is a `ConfigError` naming the file and the key: unknown keys (with a hint when
a rule key sits at the top), wrong types, out-of-range numbers, a pyproject.toml whose `tool`
is not a table, plan paths outside the repository. Paths are joined and normalised as text
(the caller resolves the configuration's own path and the git root first, and checks again
after resolving symlinks when it opens a plan).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from duizhao.compare.check.model import FailOn
from duizhao.compare.check.rules import Rules
from duizhao.compare.check.waivers import Waiver, WaiverStyle
from duizhao.compare.settings import Settings
from duizhao.corpus.errors import ConfigError, InputError, LimitError, Message, message
from duizhao.corpus.limits import check_toml_shape

CONFIG_NAME = "duizhao.toml"
PYPROJECT = "pyproject.toml"
_TOP_KEYS = ("plans", "corpus", "rules", "settings", "waivers", "allow_outside", "lang")
_LANGS = ("zh", "en")
_PLAN_KEYS = ("file", "parents", "original")
_RULE_KEYS = ("fail_on", "max_dropped", "min_coverage", "min_coverage_by_section", "strict_waivers")
_WAIVER_KEYS = ("key", "reason", "label", "title", "text")
_FAIL_ON = tuple(str(f) for f in FailOn)


@dataclass(frozen=True)
class PlanEntry:
    """One checked plan: its file and its parents chain, highest level first (absolute)."""

    file: Path
    parents: tuple[Path, ...]
    original: bool = False
    """Read `file` as before its tracked changes (`original = true`), not with them accepted."""

    @property
    def parent(self) -> Path:
        """The plan it is checked against: the nearest parent."""
        return self.parents[-1]


@dataclass(frozen=True)
class Config:
    """A validated configuration."""

    path: Path
    """The configuration file (absolute)."""
    prefix: str
    """"" for duizhao.toml, "tool.duizhao." for pyproject.toml (for messages)."""
    plans: tuple[PlanEntry, ...]
    rules: Rules
    settings: Settings
    waivers: tuple[Waiver, ...]
    style: WaiverStyle
    root: Path
    """What annotated paths are relative to: the git root, else the configuration's folder."""
    allow_outside: bool = False
    """Plans may live outside the repository (their text reaches CI logs and summaries)."""
    lang: str | None = None
    """Language of the report (zh or en) when the command line does not say."""

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def roots(self) -> tuple[Path, ...]:
        """Folders plans must stay inside (unless allow_outside)."""
        return tuple(dict.fromkeys((self.folder, self.root)))

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file the check reads: nothing may be written onto them."""
        files = [self.path, *(p for e in self.plans for p in (e.file, *e.parents))]
        return tuple(dict.fromkeys(files))

    def display(self, path: Path) -> str:
        """`path` as annotated: relative to `root`, forward slashes."""
        return relative(path, self.root)


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` as text, with forward slashes (as annotations and git want)."""
    return Path(os.path.relpath(path, root)).as_posix()


def inside(path: Path, roots: Sequence[Path]) -> bool:
    """True when the (normalised, absolute) `path` lies in one of `roots`."""
    return any(path == root or root in path.parents for root in roots)


def load_toml(text: str, subject: object) -> dict[str, Any]:
    """TOML text as a table; a `ConfigError` for anything tomllib refuses (never a traceback).

    Its keys and nesting are bounded first (`check_toml_shape`): tomllib is quadratic in a
    dotted key's length."""
    try:
        check_toml_shape(text, subject)
    except LimitError as exc:
        raise ConfigError(subject, exc.problem) from None
    try:
        return tomllib.loads(text)
    except (ValueError, RecursionError, MemoryError) as exc:  # TOMLDecodeError is a ValueError
        raise ConfigError(subject, "is not valid TOML: {reason}", reason=exc) from None


def project_waivers(text: str, *, path: Path) -> tuple[Waiver, ...]:
    """The waivers of a configuration (validated as `check` validates them), for the 对照表's
    reasons; a configuration without [[plans]] (only lang or settings) has none to give."""
    data, prefix = _project_table(text, path)
    return _waivers(path, data.get("waivers", {}), text, f"{prefix}waivers")


def _project_table(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """duizhao's table of a configuration (the whole duizhao.toml, or [tool.duizhao] of a
    pyproject.toml, empty when absent) and the prefix its keys are named with in messages."""
    data = load_toml(text, path)
    if path.name != PYPROJECT:
        return data, ""
    data = data.get("tool", {}).get("duizhao", {}) if isinstance(data.get("tool"), dict) else {}
    _need(path, isinstance(data, dict), "tool.duizhao", message("a table"))
    return data, "tool.duizhao."


def _lang(path: Path, data: dict[str, Any], prefix: str) -> str | None:
    """The configuration's `lang` (zh or en), None when it sets none."""
    lang = data.get("lang")
    _need(
        path,
        lang is None or lang in _LANGS,
        f"{prefix}lang",
        message("{one} or {other}", one=repr(_LANGS[0]), other=repr(_LANGS[1])),
    )
    return lang


def project_defaults(text: str, *, path: Path) -> tuple[str | None, Settings]:
    """What `compare`, `inspect` and `matrix` take from a configuration: its `lang` and its
    `[settings]` (both validated as `check` validates them; the rest is `check`'s)."""
    data, prefix = _project_table(text, path)
    lang = _lang(path, data, prefix)
    return lang, _settings(path, data.get("settings", {}), prefix)


def parse_config(text: str, *, path: Path, git_root: Path | None = None) -> Config:
    """Validate configuration `text` read from `path` (absolute); `git_root` when in git."""
    data = load_toml(text, path)
    prefix = ""
    if path.name == PYPROJECT:
        tool = data.get("tool")
        if not isinstance(tool, dict):
            _fail(path, "tool", message("a table (with a [tool.duizhao] table in it)"))
        table = tool.get("duizhao")
        _need(path, table is not None, "[tool.duizhao]", message("present"))
        if not isinstance(table, dict):
            _fail(path, "tool.duizhao", message("a table"))
        data = table
        prefix = "tool.duizhao."
    _known(path, data, _TOP_KEYS, prefix)
    if "corpus" in data:
        raise ConfigError(
            path,
            "{prefix}corpus (checking every plan in a folder) is not supported yet; list the plans as [[plans]] entries with file = … and parents = […]",
            prefix=prefix,
        )
    allow_outside = data.get("allow_outside", False)
    _need(path, isinstance(allow_outside, bool), f"{prefix}allow_outside", message("true or false"))
    lang = _lang(path, data, prefix)
    folder = path.parent
    root = git_root or folder
    roots = tuple(dict.fromkeys((folder, root)))
    waivers_raw = data.get("waivers", {})
    table = f"{prefix}waivers"
    return Config(
        path=path,
        prefix=prefix,
        plans=_plans(path, data.get("plans"), prefix, None if allow_outside else roots),
        rules=_rules(path, data.get("rules", {}), prefix),
        settings=_settings(path, data.get("settings", {}), prefix),
        waivers=_waivers(path, waivers_raw, text, table),
        style=WaiverStyle(path.name, table, isinstance(waivers_raw, list)),
        root=root,
        allow_outside=allow_outside,
        lang=lang,
    )


def _known(path: Path, table: dict[str, Any], known: Sequence[str], where: str) -> None:
    for key in table:
        if key not in known:
            hint = (
                message("; did you mean {key}?", key=f"{where}rules.{key}")
                if key in _RULE_KEYS
                else ""
            )
            raise ConfigError(
                path,
                "unknown key {where}{key!r} (known: {known}){hint}",
                where=where,
                key=key,
                known=", ".join(known),
                hint=hint,
            )


def _need(path: Path, ok: bool, where: str, what: Message | str) -> None:
    if not ok:
        _fail(path, where, what)


def _fail(path: Path, where: str, what: Message | str) -> NoReturn:
    raise ConfigError(path, "{where} must be {what}", where=where, what=what)


def _join(folder: Path, name: str) -> Path:
    return Path(os.path.normpath(folder / name))


def _plans(
    path: Path, raw: Any, prefix: str, roots: tuple[Path, ...] | None
) -> tuple[PlanEntry, ...]:
    if raw is None:
        raise ConfigError(
            path,
            "no plans to check: add [[{prefix}plans]] with file = … and parents = […]",
            prefix=prefix,
        )
    _need(
        path, isinstance(raw, list) and bool(raw), f"{prefix}plans", message("an array of tables")
    )
    entries: list[PlanEntry] = []
    first: dict[PlanEntry, int] = {}
    for i, item in enumerate(raw):
        where = f"{prefix}plans[{i}]"
        _need(path, isinstance(item, dict), where, message("a table with file and parents"))
        _known(path, item, _PLAN_KEYS, f"{where}.")
        file, parents = item.get("file"), item.get("parents")
        if isinstance(parents, str):
            parents = [parents]
        _need(path, _path_text(file), f"{where}.file", message("a path"))
        ok = isinstance(parents, list) and bool(parents) and all(map(_path_text, parents))
        _need(path, ok, f"{where}.parents", message("a list of paths, highest level first"))
        original = item.get("original", False)
        _need(path, isinstance(original, bool), f"{where}.original", message("true or false"))
        entry = PlanEntry(
            _join(path.parent, file), tuple(_join(path.parent, p) for p in parents), original
        )
        if entry.file == entry.parent:
            raise ConfigError(path, "{where}: {file!r} is its own parent", where=where, file=file)
        if entry in first:  # the same check twice (a plan against another chain is fine)
            raise ConfigError(
                path,
                "{where}: {file!r} with the same parents is already {prefix}plans[{first}]; list each plan once",
                where=where,
                file=file,
                prefix=prefix,
                first=first[entry],
            )
        first[entry] = i
        if len(set(entry.parents)) < len(entry.parents) or entry.file in entry.parents:
            raise ConfigError(path, "{where}.parents: a plan is listed twice", where=where)
        for name, full in zip([file, *parents], [entry.file, *entry.parents], strict=True):
            if roots is not None and not inside(full, roots):
                raise ConfigError(
                    path,
                    "{where}: {name!r} is outside the repository ({roots}); its text would be published in CI output. Move it in, or set allow_outside = true",
                    where=where,
                    name=name,
                    roots=roots[-1],
                )
        entries.append(entry)
    return tuple(entries)


def _path_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and "\x00" not in value


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _share(path: Path, value: Any, where: str) -> float:
    _need(path, _number(value) and 0 <= value <= 1, where, message("a number between 0 and 1"))
    return float(value)


def _rules(path: Path, raw: Any, prefix: str) -> Rules:
    where = f"{prefix}rules"
    _need(path, isinstance(raw, dict), where, message("a table"))
    _known(path, raw, _RULE_KEYS, f"{where}.")
    fail_on = raw.get("fail_on", ["dropped"])
    _need(
        path,
        isinstance(fail_on, list),
        f"{where}.fail_on",
        message("a list of {choices}", choices=", ".join(_FAIL_ON)),
    )
    for item in fail_on:
        if item not in _FAIL_ON:
            raise ConfigError(
                path,
                "{where}.fail_on: unknown {item!r} (choose from {choices})",
                where=where,
                item=item,
                choices=", ".join(_FAIL_ON),
            )
    max_dropped = raw.get("max_dropped")
    if max_dropped is not None:
        ok = isinstance(max_dropped, int) and not isinstance(max_dropped, bool)
        _need(path, ok and max_dropped >= 0, f"{where}.max_dropped", message("a whole number ≥ 0"))
    min_coverage = raw.get("min_coverage")
    if min_coverage is not None:
        min_coverage = _share(path, min_coverage, f"{where}.min_coverage")
    sections = raw.get("min_coverage_by_section", {})
    _need(path, isinstance(sections, dict), f"{where}.min_coverage_by_section", message("a table"))
    by_section = tuple(
        (name, _share(path, v, f"{where}.min_coverage_by_section.{name!r}"))
        for name, v in sections.items()
    )
    strict = raw.get("strict_waivers", False)
    _need(path, isinstance(strict, bool), f"{where}.strict_waivers", message("true or false"))
    fails = tuple(FailOn(f) for f in dict.fromkeys(fail_on))
    return Rules(fails, max_dropped, min_coverage, by_section, strict)


def _settings(path: Path, raw: Any, prefix: str) -> Settings:
    _need(path, isinstance(raw, dict), f"{prefix}settings", message("a table"))
    for key, value in raw.items():
        _need(path, _number(value), f"{prefix}settings.{key}", message("a number"))
    try:
        return Settings().with_overrides({k: repr(v) for k, v in raw.items()})
    except InputError as exc:
        raise ConfigError(
            path, "[{prefix}settings]: {problem}", prefix=prefix, problem=exc.problem
        ) from None


def _line_of(text: str, key: str) -> int:
    """The first line naming a waiver key (quoted), for annotations; 1 when not found."""
    for number, line in enumerate(text.splitlines(), 1):
        if f'"{key}"' in line or f"'{key}'" in line:
            return number
    return 1


def _waivers(path: Path, raw: Any, text: str, table: str) -> tuple[Waiver, ...]:
    if isinstance(raw, dict):
        out = []
        for key, reason in raw.items():
            _need(path, isinstance(reason, str), f"{table}.{key!r}", message("a reason (a string)"))
            out.append(Waiver(key=key, reason=reason, line=_line_of(text, key)))
        return tuple(out)
    _need(
        path,
        isinstance(raw, list),
        table,
        message('a table ("key" = "reason") or [[waivers]] tables'),
    )
    out = []
    for i, item in enumerate(raw):
        where = f"{table}[{i}]"
        _need(path, isinstance(item, dict), where, message("a table with key and reason"))
        _known(path, item, _WAIVER_KEYS, f"{where}.")
        for name in _WAIVER_KEYS:
            if name in item:
                _need(path, isinstance(item[name], str), f"{where}.{name}", message("a string"))
        _need(
            path,
            "reason" in item,
            f"{where}.reason",
            message("given (why the measure may be dropped)"),
        )
        _need(path, "key" in item or "text" in item, f"{where}.key", message("given"))
        key = item.get("key", "")
        out.append(
            Waiver(
                key=key,
                reason=item["reason"],
                label=item.get("label"),
                title=item.get("title"),
                text=item.get("text"),
                line=_line_of(text, key) if key else 1,
            )
        )
    return tuple(out)
