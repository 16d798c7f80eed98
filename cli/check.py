"""`duizhao check` as library functions: configuration, git baseline, init, and `run` for the CLI."""

from __future__ import annotations

import os
import subprocess
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from duizhao.cli import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK
from duizhao.compare import Comparison, Settings, compare_plans
from duizhao.compare.rules import (
    FAIL_ON,
    PLACEHOLDER_REASON,
    CheckReport,
    PlanCheck,
    Rules,
    WaiverStyle,
    apply_baseline,
    evaluate,
    ordered,
    toml_string,
    waiver_findings,
)
from duizhao.compare.waivers import MeasureKeys, Waiver
from duizhao.corpus import load_plan
from duizhao.corpus.errors import InputError
from duizhao.corpus.jurisdiction import LEVEL_RANK
from duizhao.corpus.model import Plan
from duizhao.corpus.readers import PLAN_SUFFIXES

CONFIG_NAME = "duizhao.toml"
FORMATS = ("text", "json", "github", "junit", "sarif")
STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a step summary over 1 MiB."""
_TOP_KEYS = ("plans", "corpus", "rules", "settings", "waivers")
_PLAN_KEYS = ("file", "parents")
_RULE_KEYS = ("fail_on", "max_dropped", "min_coverage", "min_coverage_by_section", "strict_waivers")
_WAIVER_KEYS = ("key", "reason", "label", "title", "text")


@dataclass(frozen=True)
class PlanEntry:
    """One checked plan: its file and its parents chain, highest level first."""

    file: Path
    parents: tuple[Path, ...]


@dataclass(frozen=True)
class Config:
    """A validated configuration."""

    path: Path
    prefix: str
    """"" for duizhao.toml, "tool.duizhao." for pyproject.toml (for messages)."""
    plans: tuple[PlanEntry, ...]
    rules: Rules
    settings: Settings
    waivers: tuple[Waiver, ...]
    style: WaiverStyle

    @property
    def folder(self) -> Path:
        return self.path.parent


# --- finding and reading the configuration -------------------------------------------------


def find_config(config_path: Path | None, cwd: Path) -> Path:
    """`--config PATH`, else duizhao.toml, else a pyproject.toml with [tool.duizhao], in `cwd`."""
    if config_path is not None:
        path = cwd / config_path
        if path.is_dir():
            raise InputError(str(config_path), "is a directory, not a configuration file")
        if not path.is_file():
            raise InputError(str(config_path), "no such configuration file")
        return path
    if (cwd / CONFIG_NAME).is_file():
        return cwd / CONFIG_NAME
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file() and "duizhao" in _read_toml(pyproject).get("tool", {}):
        return pyproject
    raise InputError(
        str(cwd),
        f"no {CONFIG_NAME} (or [tool.duizhao] in pyproject.toml) here; write one with "
        "`duizhao check --init PARENT CHILD`",
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"is not valid TOML: {exc}") from None


def load_config(path: Path) -> Config:
    """Read and validate a configuration file; every problem is an InputError naming it."""
    data = _read_toml(path)
    prefix = ""
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("duizhao")
        if not isinstance(data, dict):
            raise InputError(str(path), "has no [tool.duizhao] table")
        prefix = "tool.duizhao."
    _known(path, data, _TOP_KEYS, prefix)
    if "corpus" in data:
        raise InputError(
            str(path),
            f"{prefix}corpus (checking every plan in a folder) is not supported yet; list the "
            "plans as [[plans]] entries with file = … and parents = […]",
        )
    text = path.read_text(encoding="utf-8")
    waivers_raw = data.get("waivers", {})
    table = f"{prefix}waivers"
    return Config(
        path=path,
        prefix=prefix,
        plans=_plans(path, data.get("plans"), prefix),
        rules=_rules(path, data.get("rules", {}), prefix),
        settings=_settings(path, data.get("settings", {}), prefix),
        waivers=_waivers(path, waivers_raw, text, table),
        style=WaiverStyle(path.name, table, isinstance(waivers_raw, list)),
    )


def _known(path: Path, table: dict[str, Any], known: Sequence[str], where: str) -> None:
    for key in table:
        if key not in known:
            hint = f"; did you mean {where}rules.{key}?" if key in _RULE_KEYS else ""
            raise InputError(
                str(path), f"unknown key {where}{key!r} (known: {', '.join(known)}){hint}"
            )


def _need(path: Path, ok: bool, where: str, what: str) -> None:
    if not ok:
        raise InputError(str(path), f"{where} must be {what}")


def _plans(path: Path, raw: Any, prefix: str) -> tuple[PlanEntry, ...]:
    if raw is None:
        raise InputError(
            str(path), f"no plans to check: add [[{prefix}plans]] with file = … and parents = […]"
        )
    _need(path, isinstance(raw, list) and bool(raw), f"{prefix}plans", "an array of tables")
    entries = []
    for i, item in enumerate(raw):
        where = f"{prefix}plans[{i}]"
        _need(path, isinstance(item, dict), where, "a table with file and parents")
        _known(path, item, _PLAN_KEYS, f"{where}.")
        file, parents = item.get("file"), item.get("parents")
        if isinstance(parents, str):
            parents = [parents]
        _need(path, isinstance(file, str) and bool(file), f"{where}.file", "a path")
        _need(
            path,
            isinstance(parents, list)
            and bool(parents)
            and all(isinstance(p, str) for p in parents),
            f"{where}.parents",
            "a list of paths, highest level first",
        )
        folder = path.parent
        entries.append(PlanEntry(folder / file, tuple(folder / p for p in parents)))
    return tuple(entries)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _share(path: Path, value: Any, where: str) -> float:
    _need(path, _number(value) and 0 <= value <= 1, where, "a number between 0 and 1")
    return float(value)


def _rules(path: Path, raw: Any, prefix: str) -> Rules:
    where = f"{prefix}rules"
    _need(path, isinstance(raw, dict), where, "a table")
    _known(path, raw, _RULE_KEYS, f"{where}.")
    fail_on = raw.get("fail_on", ["dropped"])
    _need(path, isinstance(fail_on, list), f"{where}.fail_on", f"a list of {', '.join(FAIL_ON)}")
    for item in fail_on:
        if item not in FAIL_ON:
            raise InputError(
                str(path), f"{where}.fail_on: unknown {item!r} (choose from {', '.join(FAIL_ON)})"
            )
    max_dropped = raw.get("max_dropped")
    if max_dropped is not None:
        ok = isinstance(max_dropped, int) and not isinstance(max_dropped, bool)
        _need(path, ok and max_dropped >= 0, f"{where}.max_dropped", "a whole number ≥ 0")
    min_coverage = raw.get("min_coverage")
    if min_coverage is not None:
        min_coverage = _share(path, min_coverage, f"{where}.min_coverage")
    sections = raw.get("min_coverage_by_section", {})
    _need(path, isinstance(sections, dict), f"{where}.min_coverage_by_section", "a table")
    by_section = tuple(
        (name, _share(path, v, f"{where}.min_coverage_by_section.{name!r}"))
        for name, v in sections.items()
    )
    strict = raw.get("strict_waivers", False)
    _need(path, isinstance(strict, bool), f"{where}.strict_waivers", "true or false")
    return Rules(tuple(dict.fromkeys(fail_on)), max_dropped, min_coverage, by_section, strict)


def _settings(path: Path, raw: Any, prefix: str) -> Settings:
    _need(path, isinstance(raw, dict), f"{prefix}settings", "a table")
    for key, value in raw.items():
        _need(path, _number(value), f"{prefix}settings.{key}", "a number")
    try:
        return Settings().with_overrides({k: str(v) for k, v in raw.items()})
    except InputError as exc:
        raise InputError(str(path), f"[{prefix}settings] {exc.problem}") from None


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
            _need(path, isinstance(reason, str), f"{table}.{key!r}", "a reason (a string)")
            out.append(Waiver(key=key, reason=reason, line=_line_of(text, key)))
        return tuple(out)
    _need(path, isinstance(raw, list), table, 'a table ("key" = "reason") or [[waivers]] tables')
    out = []
    for i, item in enumerate(raw):
        where = f"{table}[{i}]"
        _need(path, isinstance(item, dict), where, "a table with key and reason")
        _known(path, item, _WAIVER_KEYS, f"{where}.")
        for name in _WAIVER_KEYS:
            if name in item:
                _need(path, isinstance(item[name], str), f"{where}.{name}", "a string")
        _need(path, "reason" in item, f"{where}.reason", "given (why the measure may be dropped)")
        _need(path, "key" in item or "text" in item, f"{where}.key", "given")
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


# --- git ---------------------------------------------------------------------------------------


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run git in `folder`; None when git is not installed."""
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError:
        return None


def git_root(folder: Path) -> Path | None:
    """The repository's top folder, or None outside a git repository."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done is None or done.returncode != 0:
        return None
    return Path(done.stdout.decode("utf-8").strip())


def git_show(folder: Path, rev: str, path: Path) -> bytes:
    """The bytes of `path` at revision `rev` (`git show REV:path`), without a checkout."""
    if rev.startswith("-") or not rev.strip():
        raise InputError("--baseline", f"{rev!r} is not a revision")
    root = git_root(folder)
    if root is None:
        raise InputError("--baseline", f"{folder} is not in a git repository (or git is missing)")
    done = _git(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if done is None or done.returncode != 0:
        raise InputError("--baseline", f"unknown revision {rev!r} in the repository at {root}")
    relative = _relative(path, root)
    shown = _git(folder, "show", f"{rev}:{relative}")
    if shown is None or shown.returncode != 0:
        raise InputError("--baseline", f"{relative} does not exist at revision {rev!r}")
    return shown.stdout


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root`, with forward slashes (as annotations and git want)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def load_at_revision(folder: Path, rev: str, path: Path, name: str) -> Plan:
    """The plan at `path` as it was at `rev`, read through a temporary file of the same suffix."""
    data = git_show(folder, rev, path)
    with tempfile.TemporaryDirectory(prefix="duizhao-baseline-") as tmp:
        copy = Path(tmp) / f"baseline{path.suffix}"
        copy.write_bytes(data)
        return load_plan(copy, name=name)


# --- the check -----------------------------------------------------------------------------------


class _Plans:
    """Plans loaded once each, by resolved path."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.cache: dict[Path, Plan] = {}

    def get(self, path: Path, name: str) -> Plan:
        key = path.resolve()
        if key not in self.cache:
            if not path.is_file():
                raise InputError(
                    name,
                    f"no such plan file (named in {self.config.path.name}, paths are "
                    "relative to its folder)",
                )
            self.cache[key] = load_plan(path, name=name)
        return self.cache[key]


def check(config: Config, *, baseline: str | None = None, exit_zero: bool = False) -> CheckReport:
    """Compare every configured plan to its nearest parent and judge the result.

    Each `[[plans]]` entry is compared to the last of its `parents` only; the higher ones are
    checked to exist. Paths are relative to the configuration's folder; findings name files
    relative to the git repository's top (or that folder outside git). With `baseline`, the
    checked plan is also read at that revision (`git show`, no checkout) and compared to the
    same parent: failures already there stop failing, regressions since then fail.
    """
    root = git_root(config.folder) or config.folder
    plans = _Plans(config)
    checks = [_check_entry(config, entry, plans, root, baseline) for entry in config.plans]
    _unmatched_sections(config, checks)
    config_name = _relative(config.path, root)
    findings = [f for c in checks for f in c.findings]
    findings += waiver_findings(config.waivers, checks, config.rules, config_name)
    findings_sorted = ordered(findings)
    failing = any(f.failing for f in findings_sorted)
    return CheckReport(
        config=config_name,
        plans=tuple(checks),
        findings=findings_sorted,
        rules=config.rules.active(baseline=baseline is not None),
        baseline=baseline,
        exit_code=EXIT_CHECK_FAILED if failing and not exit_zero else EXIT_OK,
    )


def _check_entry(
    config: Config, entry: PlanEntry, plans: _Plans, root: Path, baseline: str | None
) -> PlanCheck:
    child_name = _relative(entry.file, root)
    parent_name = _relative(entry.parents[-1], root)
    for higher in entry.parents[:-1]:
        if not higher.is_file():
            raise InputError(
                _relative(higher, root), f"no such plan file (a parent in {config.path.name})"
            )
    if entry.file.resolve() == entry.parents[-1].resolve():
        raise InputError(child_name, "is its own parent: check it against the plan above it")
    parent = plans.get(entry.parents[-1], parent_name)
    child = plans.get(entry.file, child_name)
    now = _judge(config, compare_plans(parent, child, config.settings), child_name, parent_name)
    if baseline is None:
        return now
    old_child = load_at_revision(config.folder, baseline, entry.file, f"{baseline}:{child_name}")
    old = compare_plans(parent, old_child, config.settings)
    return apply_baseline(now, _judge(config, old, child_name, parent_name), baseline)


def _judge(config: Config, result: Comparison, child: str, parent: str) -> PlanCheck:
    return evaluate(
        result, config.rules, config.waivers, plan=child, parent=parent, style=config.style
    )


def _unmatched_sections(config: Config, checks: Sequence[PlanCheck]) -> None:
    for name, _ in config.rules.min_coverage_by_section:
        if all(name in c.unmatched_sections for c in checks):
            raise InputError(
                str(config.path),
                f"{config.prefix}rules.min_coverage_by_section: {name!r} names no section of "
                f"the parent plan (use a heading such as {_example_section(checks)!r})",
            )


def _example_section(checks: Sequence[PlanCheck]) -> str:
    plan = checks[0].comparison.parent
    return next((n.heading for n in plan.walk() if n.children), "一、…")


# --- init -----------------------------------------------------------------------------------------


def init_config(target: Path, plan_paths: Sequence[Path], cwd: Path) -> str:
    """Write a starting configuration listing today's drops as waivers; never overwrite."""
    if target.exists():
        raise InputError(
            str(target), "already exists: --init never overwrites; edit it or remove it first"
        )
    paths = [cwd / p for p in plan_paths] if plan_paths else _discover(cwd)
    if len(paths) < 2:
        raise InputError("--init", "needs the parent plan(s) and the checked plan: PARENT… CHILD")
    *parents, child_path = paths
    if child_path.resolve() == parents[-1].resolve():
        raise InputError(str(child_path), "is given twice: give the parent, then the checked plan")
    for higher in parents[:-1]:
        if not higher.is_file():
            raise InputError(str(higher), "no such plan file")
    parent, child = load_plan(parents[-1]), load_plan(child_path)
    result = compare_plans(parent, child, Settings())
    text = config_text(result, target.parent, child_path, parents)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(target), f"cannot be written ({exc.strerror or exc})") from None
    dropped = sum(r.status == "dropped" for r in result.parent_measures)
    return (
        f"wrote {target.name}: checks {child_path.name} against {parents[-1].name}; "
        f"{dropped} dropped parent measure(s) listed as waivers with reason = "
        f'"{PLACEHOLDER_REASON}": write why each may be dropped\n'
    )


def _discover(cwd: Path) -> list[Path]:
    """Exactly two plan files of different levels in `cwd`: [parent, child]."""
    found: list[tuple[int, Path]] = []
    for path in sorted(cwd.iterdir()):
        if path.suffix.lower() not in PLAN_SUFFIXES or path.stem.upper().startswith("README"):
            continue
        try:
            level = load_plan(path).jurisdiction.level
        except InputError:
            continue
        found.append((LEVEL_RANK.get(level, 3), path))
    found.sort(key=lambda item: item[0])
    if len(found) != 2 or found[0][0] == found[1][0]:
        names = ", ".join(p.name for _, p in found) or "none"
        raise InputError(
            "--init",
            f"cannot tell which plans to check in {cwd} (plan files: {names}); give PARENT CHILD",
        )
    return [found[0][1], found[1][1]]


def config_text(result: Comparison, folder: Path, child: Path, parents: Sequence[Path]) -> str:
    """A starting duizhao.toml for `child` against `parents` (nearest last)."""
    keys = MeasureKeys(result.parent)
    covered = sum(r.status != "dropped" for r in result.parent_measures)
    share = covered / len(result.parent_measures) if result.parent_measures else 1.0
    parent_list = ", ".join(toml_string(_relative(p, folder)) for p in parents)
    lines = [
        "# duizhao check: what this plan may drop from the plan above it.",
        "# Written by `duizhao check --init`; paths are relative to this file.",
        "",
        "[[plans]]",
        f"file = {toml_string(_relative(child, folder))}",
        f"parents = [{parent_list}]  # highest level first; checked against the last",
        "",
        "[rules]",
        'fail_on = ["dropped"]  # also: partial, added, moved, merged, split, owners_changed',
        "max_dropped = 0  # unwaived dropped parent measures allowed",
        f"# min_coverage = {int(share * 100) / 100}  # share of parent measures carried or "
        f"partial (now {share:.0%})",
        "strict_waivers = false  # true: stale waivers and missing reasons fail",
        "",
        "[settings]  # thresholds, see the README (e.g. carried_coverage = 0.5)",
        "",
    ]
    dropped = [r for r in result.parent_measures if r.status == "dropped"]
    lines.append("# Parent measures this plan drops today: say why each may be dropped.")
    lines.append("# key: a hash of the measure's text (survives renumbering); text: for matching")
    lines.append("# a lightly edited parent; label and title are for people.")
    for r in dropped:
        node = r.measure
        lines += [
            "",
            "[[waivers]]",
            f"key = {toml_string(keys.keys[node.id])}",
            f"label = {toml_string(node.label)}",
            f"title = {toml_string(node.title or '')}",
            f"reason = {toml_string(PLACEHOLDER_REASON)}",
            f"text = {toml_string(keys.texts[node.id])}",
        ]
    if not dropped:
        lines.append("# (none: nothing is dropped)")
    return "\n".join(lines) + "\n"


# --- the command ------------------------------------------------------------------------------


def run(
    config_path: Path | None = None,
    *,
    fmt: str = "text",
    baseline: str | None = None,
    junit: Path | None = None,
    exit_zero: bool = False,
    init: bool = False,
    init_plans: Sequence[Path] = (),
    cwd: Path | None = None,
    stdout: TextIO,
    stderr: TextIO,
    env: Mapping[str, str],
    summary_limit: int = STEP_SUMMARY_LIMIT,
) -> int:
    """Run `duizhao check` and write its output; return the exit code. Raises nothing for input.

    0: every rule holds or everything found is waived (or `exit_zero`); 1: a rule fails;
    2: bad configuration, arguments or input: one line `duizhao: error: …` on `stderr`
    (InputError is handled here, never raised). `fmt` is text, json, github, junit or sarif;
    `junit` also writes JUnit XML there. `init` writes a starting configuration for
    `init_plans` (PARENT… CHILD, or the two plan files found in `cwd`) at `config_path` or
    `cwd`/duizhao.toml. With `fmt="github"` and GITHUB_STEP_SUMMARY in `env`, a markdown
    report is appended to that file, cut at `summary_limit` bytes.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    try:
        if init:
            message = init_config(here / (config_path or CONFIG_NAME), init_plans, here)
            stdout.write(message)
            return EXIT_OK
        if init_plans:
            raise InputError("check", "plan files are taken only with --init")
        if fmt not in FORMATS:
            raise InputError(
                "--format", f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})"
            )
        config = load_config(find_config(config_path, here))
        report = check(config, baseline=baseline, exit_zero=exit_zero)
        _write(
            report,
            config,
            fmt,
            here / junit if junit else None,
            (stdout, stderr),
            env,
            summary_limit,
        )
    except InputError as exc:
        stderr.write(f"duizhao: error: {exc}\n")
        return EXIT_BAD_INPUT
    return report.exit_code


def _write(
    report: CheckReport,
    config: Config,
    fmt: str,
    junit: Path | None,
    streams: tuple[TextIO, TextIO],
    env: Mapping[str, str],
    summary_limit: int,
) -> None:
    from duizhao.reports import check_output as out

    stdout, stderr = streams
    summary_path = env.get("GITHUB_STEP_SUMMARY") if fmt == "github" else None
    if fmt == "text":
        out.render_text(report, stdout)
    elif fmt == "github":
        stdout.write(out.render_github(report, summary=bool(summary_path)))
    else:
        stdout.write(
            {"json": out.render_json, "junit": out.render_junit, "sarif": out.render_sarif}[fmt](
                report
            )
        )
    if junit is not None:
        _guard(junit, config)
        _write_file(junit, out.render_junit(report))
    if summary_path:
        problem = out.append_step_summary(
            Path(summary_path), out.render_summary(report), summary_limit
        )
        if problem:
            stderr.write(f"duizhao: warning: {problem}\n")


def _guard(output: Path, config: Config) -> None:
    inputs = [config.path, *(p for e in config.plans for p in (e.file, *e.parents))]
    if any(output.resolve() == p.resolve() for p in inputs):
        raise InputError(str(output), "is an input file; choose another output path")


def _write_file(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot be written ({exc.strerror or exc})") from None
