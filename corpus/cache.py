"""Parsed plans cached on disk by the sha256 of the file's bytes, so a folder is parsed only once.

The cache lives in $DUIZHAO_CACHE (default ~/.cache/duizhao, or $XDG_CACHE_HOME/duizhao) under
a subfolder named for the parser's version: a hash of every corpus source file, so a change to
the parser never serves a stale plan. DUIZHAO_CACHE=off disables it. Entries are pickled `Plan`
objects written atomically (a temp file renamed into place), so parallel workers may share it.
Only successful parses are cached; a file that fails is parsed (and fails) again next time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import replace
from importlib import resources
from pathlib import Path

from duizhao.corpus.load import load_plan
from duizhao.corpus.model import Plan

CACHE_VERSION = "1"
_NOT_PARSER = ("cache.py", "scan.py", "samples.py")
"""Corpus modules that do not shape a parsed plan: editing them keeps the cache valid."""
_VERSION: str | None = None


def cache_dir() -> Path | None:
    """The cache root from $DUIZHAO_CACHE, or None when caching is off."""
    setting = os.environ.get("DUIZHAO_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "duizhao"


def parser_version() -> str:
    """A short hash of the corpus package's source: cached plans are valid for this parser only."""
    global _VERSION
    if _VERSION is None:
        digest = hashlib.sha256(CACHE_VERSION.encode())
        root = resources.files("duizhao.corpus")
        for folder in (root, root / "readers"):
            for item in sorted(folder.iterdir(), key=lambda t: t.name):
                if item.name.endswith(".py") and item.name not in _NOT_PARSER:
                    digest.update(item.name.encode() + b"\x00" + item.read_bytes())
        _VERSION = digest.hexdigest()[:16]
    return _VERSION


def entry_path(sha256: str, folder: Path | None = None) -> Path | None:
    """Where the plan parsed from bytes with this hash is (or would be) cached."""
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return None
    return folder / f"plans-{parser_version()}" / sha256[:2] / f"{sha256}.pickle"


def cached_plan(path: str | Path, *, name: str | None = None) -> Plan:
    """`load_plan(path, name=name)`, served from the cache when these exact bytes were parsed before."""
    shown = name or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError:
        return load_plan(path, name=name)  # the reader raises the proper InputError
    entry = entry_path(hashlib.sha256(data).hexdigest())
    plan = _read(entry) if entry is not None else None
    if plan is not None:
        return plan if plan.path == shown else replace(plan, path=shown)
    plan = load_plan(path, name=name)
    if entry is not None:
        _write(entry, plan)
    return plan


def _read(entry: Path) -> Plan | None:
    try:
        with entry.open("rb") as handle:
            plan = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return plan if isinstance(plan, Plan) else None


def _write(entry: Path, plan: Plan) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(plan, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(entry)
    except OSError:
        pass
