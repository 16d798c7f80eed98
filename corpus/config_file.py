"""Finding the check's configuration file and reading its text, bounded and as UTF-8.

`duizhao.toml` in the folder, else a `pyproject.toml` there with a `[tool.duizhao]` table.
The file must be a regular file (a FIFO or a device would hang or never end) of at most
`MAX_CONFIG_BYTES`; the size is checked on the open descriptor before reading.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from duizhao.corpus.errors import ConfigError, InputError, LimitError, os_reason
from duizhao.corpus.limits import check_toml_shape

CONFIG_NAME = "duizhao.toml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024
"""A configuration is a few kilobytes; thousands of waivers still fit (tomllib reads 1 MB in
about a second, so the bound is also one on time)."""


def read_config_text(path: Path) -> str:
    """The text of the configuration at `path`: a regular file, size-bounded, UTF-8 (BOM ok)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(path, "no such configuration file") from None
    except OSError as exc:
        raise ConfigError(path, "cannot be read ({reason})", reason=os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a directory, not a configuration file")
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(path, "is not a regular file (a pipe, socket or device)")
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(
                path, "is larger than {size} MB", size=MAX_CONFIG_BYTES // (1024 * 1024)
            )
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(path, "cannot be read ({reason})", reason=os_reason(exc)) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, "is larger than {size} MB", size=MAX_CONFIG_BYTES // (1024 * 1024))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "is not UTF-8 text (byte {start})", start=exc.start) from None


def find_config(config_path: Path | None, cwd: Path) -> tuple[Path, str]:
    """`--config PATH`, else the configuration `search_config` finds from `cwd` upwards.

    Returns the absolute path (its folder resolved, the file itself not) and its text.
    """
    if config_path is not None:
        path = _absolute(cwd / config_path)
        return path, read_config_text(path)
    found = search_config(cwd)
    if found is not None:
        return found
    raise InputError(
        cwd,
        "no {config_name} (or [tool.duizhao] in pyproject.toml) here; write one with `duizhao check --init PARENT CHILD`",
        config_name=CONFIG_NAME,
    )


def search_config(cwd: Path) -> tuple[Path, str] | None:
    """The configuration that applies in `cwd`, as ruff and pytest find theirs: in `cwd`, else
    in the folder above, and so on up to the repository root (the folder holding `.git`) or
    the file system's root. In each folder duizhao.toml wins over a pyproject.toml with a
    [tool.duizhao] table; a pyproject.toml without one is passed over. None when no folder
    holds one."""
    here = _absolute(cwd)
    for folder in (here, *here.parents):
        for name in (CONFIG_NAME, PYPROJECT):
            path = folder / name
            if not _exists(path):
                continue
            text = read_config_text(path)
            if name == CONFIG_NAME or _has_tool_table(text, path):
                return path, text
        if _exists(folder / ".git"):
            return None
    return None


def _has_tool_table(text: str, path: Path) -> bool:
    """True when pyproject.toml text has a `tool.duizhao` entry (its shape is checked later)."""
    import tomllib

    try:
        check_toml_shape(text, path)
    except LimitError as exc:
        raise ConfigError(path, exc.problem) from None
    try:
        tool = tomllib.loads(text).get("tool")
    except (ValueError, RecursionError, MemoryError) as exc:  # TOMLDecodeError is a ValueError
        raise ConfigError(path, "is not valid TOML: {reason}", reason=exc) from None
    return isinstance(tool, dict) and "duizhao" in tool


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError as exc:
        raise InputError(path, "cannot be read ({reason})", reason=os_reason(exc)) from None


def _absolute(path: Path) -> Path:
    """`path` absolute, its folder resolved but not the file itself: a configuration that is a
    symbolic link is named where it was found, so the caller can see where it leads."""
    try:
        return path.parent.resolve() / path.name
    except (OSError, RuntimeError) as exc:
        raise InputError(path, "cannot be resolved ({reason})", reason=exc) from None
