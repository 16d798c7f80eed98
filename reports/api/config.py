"""Settings and the project's configuration as library calls: `--set`-style overrides, and the
language and settings of the `duizhao.toml` (or `[tool.duizhao]`) that applies in a folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from duizhao.compare import Settings
from duizhao.reports.api.inputs import PathLike


def settings_from(overrides: Mapping[str, str] | Sequence[str] | None = None) -> Settings:
    """Default settings with `name=value` overrides; a name that is not a setting is refused
    with the nearest known one suggested, a value out of range with its range
    (`duizhao.compare.settings.SettingsError`)."""
    if not overrides:
        return Settings()
    return Settings().with_overrides(
        dict(overrides) if isinstance(overrides, Mapping) else list(overrides)
    )


def project_defaults(cwd: PathLike | None = None) -> tuple[str | None, Settings, Path | None]:
    """The language and settings of the configuration that applies in `cwd` (duizhao.toml or
    [tool.duizhao] found from `cwd` up to the repository root, as `check` finds it): (lang or
    None, settings, the file or None). Without one: (None, defaults, None)."""
    from duizhao.corpus.config_file import search_config

    found = search_config(Path(cwd) if cwd is not None else Path.cwd())
    if found is None:
        return None, Settings(), None
    from duizhao.compare.check.config import project_defaults as defaults_in

    path, text = found
    lang, settings = defaults_in(text, path=path)
    return lang, settings, path
