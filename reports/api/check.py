"""`check` as a library call: find and read the configuration, hand the stage its I/O.

The rules live in `duizhao.compare.check` (pure), the words in `duizhao.reports.check`; this
module connects them to files and git: the configuration (`duizhao.corpus.config_file`),
the plans it names (never outside the repository unless it says `allow_outside = true`,
symbolic links included), and plans as they were at a git revision for `--baseline`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from duizhao.compare.check import CheckReport, Config, parse_config
from duizhao.compare.check import run as run_stage
from duizhao.compare.check.config import inside
from duizhao.compare.check.stage import Compare
from duizhao.corpus.errors import ConfigError, InputError, message
from duizhao.corpus.model import Plan
from duizhao.reports.api import inputs
from duizhao.reports.api.inputs import SegmenterHelper
from duizhao.reports.api.pairs import compare_cached

if TYPE_CHECKING:
    from collections.abc import Callable


def load_config(config_path: Path | None, cwd: Path) -> Config:
    """The configuration named by `--config`, or found in `cwd`, validated."""
    from duizhao.corpus.config_file import find_config
    from duizhao.corpus.git import git_root

    path, text = find_config(config_path, cwd)
    real = path.resolve()
    config = parse_config(text, path=real, git_root=git_root(real.parent))
    if real != path and not config.allow_outside:
        # A link to a file elsewhere must not carry its own idea of the repository with it.
        found_in = path.parent
        roots = (found_in, git_root(found_in) or found_in)
        if not inside(real, roots):
            raise ConfigError(
                path,
                "is a symbolic link to {real}, outside the repository ({roots}); its plans would be read from there. Copy it in, or set allow_outside = true in it",
                real=real,
                roots=roots[-1],
            )
    return config


def waiver_reasons(result: object, config: Path | None = None) -> dict[str, str]:
    """Parent measure id → the reason its waiver gives, from `config` (a duizhao.toml or a
    pyproject.toml) or, when none is named, the configuration found from the current folder up
    to the repository root (as `check` finds it); {} for a chain, a revision, or no
    configuration. The 对照表 says the reason beside the measure."""
    from duizhao.compare import Comparison
    from duizhao.compare.check.config import project_waivers
    from duizhao.compare.check.waivers import reasons_by_measure
    from duizhao.corpus.config_file import find_config, search_config

    if not isinstance(result, Comparison) or result.mode == "revision":
        return {}
    if config is None and search_config(Path.cwd()) is None:
        return {}
    path, text = find_config(config, Path.cwd())
    return reasons_by_measure(project_waivers(text, path=path), result.parent)


def plan_reader(config: Config, helper: SegmenterHelper | None = None) -> Callable[[Path], Plan]:
    """`read_plan(path)` for the stage: inside the repository after symlinks, named for people
    (a parse starts the console script's segmenter `helper`, if it lent one)."""
    roots = tuple(root.resolve() for root in config.roots)
    originals = {entry.file for entry in config.plans if entry.original}

    def read_plan(path: Path) -> Plan:
        name = config.display(path)
        if not os.path.lexists(path):
            raise InputError(
                name,
                "no such plan file (named in {name}; paths are relative to it)",
                name=config.path.name,
            )
        if not config.allow_outside and not inside(path.resolve(), roots):
            raise InputError(
                name,
                "leads outside the repository (through a symbolic link); set allow_outside = true in {name} if that is intended",
                name=config.path.name,
            )
        return inputs.read_plan(path, name=name, original=path in originals, helper=helper)

    return read_plan


def run_check(
    config_path: Path | None = None,
    *,
    cwd: Path | None = None,
    baseline: str | None = None,
    compare: Compare | None = None,
    helper: SegmenterHelper | None = None,
) -> CheckReport:
    """Configuration → report: every plan it names checked against its parents.

    `baseline` is a git revision: findings that are new since it are regressions.
    `compare` defaults to `pairs.compare_cached` (the engine with the result and token
    caches, as every other command); tests pass a memoised one. `helper` is the console
    script's (see `inputs.SegmenterHelper`). Raises `DuizhaoError` on bad
    input; the verdict is `report.failed` (the CLI turns it into exit 1).
    """
    from duizhao.corpus.git import read_plan_at

    config = load_config(config_path, Path(cwd) if cwd is not None else Path.cwd())

    def at(rev: str, path: Path) -> Plan:
        return read_plan_at(rev, path, name=f"{rev}:{config.display(path)}")

    return run_stage(
        config,
        read_plan=plan_reader(config, helper),
        read_plan_at=at,
        compare=compare or partial(compare_cached, helper=helper),
        baseline=baseline,
    )


@dataclass(frozen=True)
class InitConfig:
    """A starting configuration (`check --init`): its text and what it was made from."""

    text: str
    parents: tuple[Path, ...]
    child: Path
    dropped: int


def init_check(
    plan_paths: Sequence[Path], *, cwd: Path, target: Path, compare: Compare | None = None
) -> InitConfig:
    """A configuration listing today's drops as waivers to fill in (the caller writes it)."""
    from duizhao.compare import Settings
    from duizhao.compare.check.init_text import config_text, dropped_count

    if os.path.lexists(target):
        raise InputError(target, "already exists: --init never overwrites; edit it or remove it")
    paths = [cwd / p for p in plan_paths] if plan_paths else _discover(cwd)
    if len(paths) < 2:
        raise InputError("--init", "needs the parent plan(s) and the checked plan: PARENT… CHILD")
    *parents, child_path = [Path(os.path.abspath(p)) for p in paths]
    if child_path.resolve() == parents[-1].resolve():
        raise InputError(child_path, "is given twice: give the parent, then the checked plan")
    for higher in parents[:-1]:
        if not higher.is_file():
            raise InputError(higher, "no such plan file")
    read = inputs.read_plan
    result = (compare or compare_cached)(read(parents[-1]), read(child_path), Settings())
    folder = Path(os.path.abspath(target)).parent
    text = config_text(result, folder, child_path, parents)
    return InitConfig(text, tuple(parents), child_path, dropped_count(result))


def _discover(cwd: Path) -> list[Path]:
    """Exactly two plan files of different levels in `cwd`: [parent, child]."""
    from duizhao.corpus.errors import display_path
    from duizhao.corpus.jurisdiction import LEVEL_RANK
    from duizhao.corpus.readers import PLAN_SUFFIXES

    found: list[tuple[int, Path]] = []
    for path in sorted(cwd.iterdir()):
        if path.suffix.lower() not in PLAN_SUFFIXES or path.stem.upper().startswith("README"):
            continue
        try:
            level = inputs.read_plan(path).jurisdiction.level
        except InputError:
            continue
        found.append((LEVEL_RANK.get(level, 3), path))
    found.sort(key=lambda item: item[0])
    if len(found) != 2 or found[0][0] == found[1][0]:
        names = ", ".join(display_path(p.name) for _, p in found) or message("none")
        raise InputError(
            "--init",
            "cannot tell which plans to check in {cwd} (plan files: {names}); give PARENT CHILD",
            cwd=cwd,
            names=names,
        )
    return [found[0][1], found[1][1]]
