"""Errors, warnings and usage messages speak the user's language: 中文 by default, English with
--lang en or DUIZHAO_LANG=en, the prefixes `duizhao: error:` / `duizhao: warning:` ASCII in both.

One case of every kind a user meets (a missing file, a bad option, an unknown extension, a
limit, a configuration error, an OS error, click's own usage errors, warnings), each run as a
drafter would run it; and the rule that keeps it so: every error is raised with a message
template the catalogue translates, never an f-string that could only be English.
"""

from __future__ import annotations

import ast
import errno
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from tools.i18n_extract import ROOT, SOURCES, error_classes
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.cli.errors import error_line
from duizhao.corpus.errors import InputError, LimitError, message
from duizhao.corpus.samples import sample_path
from duizhao.reports.common.i18n import translator

SCRIPT = Path(sys.executable).with_name("duizhao")


def run(args: list[str], lang: str | None = None, cwd: Path | None = None) -> tuple[int, str]:
    """The real console script (its stderr), in a folder with no configuration."""
    env = {k: v for k, v in os.environ.items() if k != "DUIZHAO_LANG"}
    env["DUIZHAO_CACHE"] = "off"
    if lang:
        env["DUIZHAO_LANG"] = lang
    done = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)  # fmt: skip
    return done.returncode, done.stderr


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    for name in ("hubei", "gaoxin"):
        (tmp_path / f"{name}.txt").write_bytes(sample_path(name).read_bytes())
    (tmp_path / "空.txt").write_bytes(b"")
    return tmp_path


CASES = [
    # (kind, command line, the Chinese line holds, the English line holds)
    ("missing file", ["compare", "hubei.txt", "无.txt"], "无.txt: 文件不存在", "无.txt: no such file"),
    ("bad option", ["compare", "--bogus"], "没有选项 '--bogus'", "No such option '--bogus'"),
    ("mistyped command", ["comparr"], "没有命令 'comparr'。是否想用 'compare'？",
     "No such command 'comparr'. Did you mean 'compare'?"),
    ("missing option", ["matrix", "hubei.txt"], "缺少选项 '--corpus'。（参见：duizhao matrix --help）",
     "Missing option '--corpus'. (see: duizhao matrix --help)"),
    ("missing value", ["compare", "--format"], "选项 '--format' 需要一个值", "requires an argument"),
    ("bad value", ["compare", "--format", "pdf", "a", "b"], "--format: 未知的格式 'pdf'（可选：",
     "--format: unknown format 'pdf' (choose from"),
    ("bad number", ["compare", "-j", "x", "a", "b"], "'x' 不是有效的整数", "'x' is not a valid integer"),
    ("unknown extension", ["compare", "hubei.txt", "a.xyz"], "a.xyz: 扩展名（.xyz）不是 duizhao 能读取的格式",
     "a.xyz: has an extension duizhao does not read"),
    ("setting out of range", ["compare", "--sample", "--set", "long_clause_chars=0"],
     "--set: long_clause_chars 须为 1 到 100,000 之间的整数，收到 0",
     "--set: long_clause_chars must be a whole number from 1 to 100,000, got 0"),
    ("unknown setting", ["compare", "--sample", "--set", "carried_coverag=1"],
     "--set: 未知的参数 'carried_coverag'；是否想写 'carried_coverage'？",
     "--set: unknown setting 'carried_coverag'; did you mean 'carried_coverage'?"),
    ("output folder", ["compare", "--sample", "-o", "无/r.md"], "无/r.md: 无法写入：文件夹 无 不存在",
     "无/r.md: cannot be written: the folder 无 does not exist"),
    ("empty file", ["inspect", "空.txt"], "空.txt: 是空文件", "空.txt: is empty"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "args", "zh", "en"), CASES, ids=[c[0] for c in CASES])
def test_an_error_is_chinese_by_default_and_english_on_request(plans, kind, args, zh, en) -> None:
    code, err = run(args, cwd=plans)
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith("duizhao: error: ") and zh in err, err
    assert "Traceback" not in err
    code, err = run(args, lang="en", cwd=plans)
    assert code == 2 and err.startswith("duizhao: error: ") and en in err, err
    if args[0] == "compare" and "--format" not in args:
        code, err = run([*args, "--lang", "en"], cwd=plans)  # --lang, as well as the variable
        assert en in err, err


def test_errors_through_the_command_group_follow_lang(plans, monkeypatch) -> None:
    monkeypatch.chdir(plans)
    monkeypatch.delenv("DUIZHAO_LANG", raising=False)
    zh = CliRunner().invoke(app, ["compare", "hubei.txt", "缺.txt"])
    assert zh.exit_code == 2 and zh.stderr == "duizhao: error: 缺.txt: 文件不存在\n"
    en = CliRunner().invoke(app, ["compare", "hubei.txt", "缺.txt", "--lang", "en"])
    assert en.exit_code == 2 and en.stderr == "duizhao: error: 缺.txt: no such file\n"


def test_a_configuration_error_and_a_limit_speak_the_language(plans, monkeypatch) -> None:
    monkeypatch.chdir(plans)
    monkeypatch.delenv("DUIZHAO_LANG", raising=False)
    (plans / "duizhao.toml").write_text('lang = "fr"\n', encoding="utf-8")
    bad = CliRunner().invoke(app, ["check"])
    assert bad.exit_code == 2
    assert "duizhao.toml: lang 须为'zh' 或 'en'" in bad.stderr, bad.stderr
    deep = "a" + ".b" * 20 + ' = 1\n[[plans]]\nfile = "gaoxin.txt"\nparents = ["hubei.txt"]\n'
    (plans / "duizhao.toml").write_text(deep, encoding="utf-8")
    limit = CliRunner().invoke(app, ["check"])
    assert limit.exit_code == 2
    assert "有一个由 21 段组成的点分键，超过上限 16" in limit.stderr, limit.stderr
    english = CliRunner().invoke(app, ["check", "--lang", "en"])
    assert "has a dotted key of 21 parts, over the limit of 16" in english.stderr


def test_os_errors_are_said_in_the_language() -> None:
    denied = PermissionError(errno.EACCES, "Permission denied", "方案.docx")
    assert error_line(denied, "zh") == "方案.docx: 没有权限"
    assert error_line(denied, "en") == "方案.docx: permission denied"
    full = OSError(errno.ENOSPC, "No space left on device", "r.md")
    assert error_line(full, "zh") == "r.md: 磁盘空间已满"
    odd = OSError(errno.EXDEV, "Invalid cross-device link", "r.md")
    assert error_line(odd, "zh") == "r.md: Invalid cross-device link"  # the system's own words
    assert error_line(MemoryError(), "zh") == "内存不足：输入对这台机器来说太大"


def test_warnings_speak_the_language(monkeypatch, capsys) -> None:
    from duizhao.cli import app as app_module
    from duizhao.cli.common import configure
    from duizhao.corpus import cache

    problem = message(
        "{folder}: {reason}; caching skipped for this run",
        folder="/tmp/缓存",
        reason=message("it is locked by another process"),
    )
    monkeypatch.setattr(cache, "problems", lambda: [problem])
    for lang, said in (("zh", "缓存 /tmp/缓存：被另一个进程锁定；本次运行不使用缓存"),
                       ("en", "cache /tmp/缓存: it is locked by another process; caching skipped")):  # fmt: skip
        configure(lang=lang)
        app_module.cache_warnings()
        err = capsys.readouterr().err
        assert err.startswith("duizhao: warning: ") and said in err, err
    configure()


def test_an_error_is_structured_english_and_survives_pickling() -> None:
    exc = LimitError("大.docx", "has {count} archive members, over the limit of {limit}",
                     count=20001, limit=20000)  # fmt: skip
    assert str(exc) == "大.docx: has 20001 archive members, over the limit of 20000"
    again = pickle.loads(pickle.dumps(exc))  # as a worker process sends it back
    assert type(again) is LimitError and str(again) == str(exc)
    assert again.problem.template == exc.problem.template
    assert again.say(translator("zh").gettext) == "大.docx: 压缩包有 20001 个成员，超过上限 20000"
    hint = message("install it with {command}", command="apt")
    nested = InputError("x.doc", "is a {kind} file: reading it needs LibreOffice; {install_hint}",
                        kind="doc", install_hint=hint)  # fmt: skip
    assert pickle.loads(pickle.dumps(nested)).say(translator("zh").gettext) == (
        "x.doc: 是 doc 文件：读取它需要 LibreOffice；请用 apt 安装"
    )


def problems_in(source: str, errors: frozenset[str]) -> list[tuple[int, ast.expr]]:
    """(line, problem) of every error raised in `source` (the second argument of a call to
    `DuizhaoError` or one of its subclasses)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and len(node.args) >= 2:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in errors:
                found.append((node.lineno, node.args[1]))
    return found


def built_as_text(problem: ast.expr) -> bool:
    """A problem built as an f-string, with % or .format, or by concatenation: it could only
    ever be English (each must be a literal template with keyword values, or a `Message`)."""
    if isinstance(problem, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(problem, ast.Call) and getattr(problem.func, "attr", None) == "format"


def test_every_error_is_raised_with_a_template_the_catalogue_translates() -> None:
    errors = error_classes()
    sites = [
        (path.relative_to(ROOT), line, problem)
        for folder in SOURCES
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, problem in problems_in(path.read_text(encoding="utf-8"), errors)
    ]
    assert len(sites) > 150
    built = [f"{file}:{line}" for file, line, problem in sites if built_as_text(problem)]
    assert not built, f"raise these with a template and keyword values: {built}"
    zh = translator("zh")
    literal = {p.value for _, _, p in sites if isinstance(p, ast.Constant)}
    untranslated = sorted(t for t in literal if zh.gettext(t) == t)
    assert not untranslated, f"translate these in duizhao.po, then make i18n: {untranslated}"


def test_the_rule_catches_an_english_only_error() -> None:
    errors = error_classes()
    assert {"InputError", "LimitError", "SettingsError", "ScannedPdf"} <= errors
    bad = 'def f(x):\n    raise errors.InputError(x, f"is {x} wrong")\n'
    worse = 'def f(x):\n    raise LimitError(x, "is {} wrong".format(x))\n'
    good = 'def f(x):\n    raise InputError(x, "is {x} wrong", x=x)\n'
    assert [built_as_text(p) for _, p in problems_in(bad, errors)] == [True]
    assert [built_as_text(p) for _, p in problems_in(worse, errors)] == [True]
    assert [built_as_text(p) for _, p in problems_in(good, errors)] == [False]


def test_a_folder_scan_says_its_reasons_in_the_language(plans, monkeypatch) -> None:
    """Why a file was not read: 中文 in the terminal and markdown, English in the JSON."""
    import json

    monkeypatch.delenv("DUIZHAO_LANG", raising=False)
    (plans / "loop").symlink_to("..")
    (plans / "空.txt").unlink()
    zh = CliRunner().invoke(app, ["corpus", "scan", str(plans), "-f", "markdown"])
    assert "`loop/`: 链接循环（指向包含它的文件夹，不跟随）" in zh.stdout, zh.stdout
    en = CliRunner().invoke(app, ["corpus", "scan", str(plans), "-f", "markdown", "--lang", "en"])
    assert "link loop (to a folder that contains it; not followed)" in en.stdout
    data = json.loads(CliRunner().invoke(app, ["corpus", "scan", str(plans), "-f", "json"]).stdout)
    assert data["skipped"] == [
        {"path": "loop/", "reason": "link loop (to a folder that contains it; not followed)"}
    ]


def test_a_plans_warnings_are_said_in_the_language_fresh_or_cached(tmp_path) -> None:
    """`inspect` words a plan's numbering warnings in the report language, whether the plan
    was just read (its warnings are messages) or comes from the cache (plain English text,
    read back against the templates): the same lines either way; the JSON keeps the English."""
    import dataclasses
    import io

    from rich.console import Console

    from duizhao.corpus.load import load_plan
    from duizhao.reports.plan.terminal import render_plan

    path = tmp_path / "w.txt"
    path.write_text("一、总体\n（一）甲。\n（一）乙。\n（三）丙。\n", encoding="utf-8")
    fresh = load_plan(path)
    cached = dataclasses.replace(fresh, warnings=tuple(str(w) for w in fresh.warnings))
    assert all(type(w) is str for w in cached.warnings)

    def shown(plan, lang: str) -> str:
        out = io.StringIO()
        render_plan(plan, Console(file=out, width=100), lang=lang)
        return out.getvalue()

    zh = shown(fresh, "zh")
    assert "第 3 行：（一） 与前一项编号重复" in zh and "第 4 行：（三） 接在 （一） 之后" in zh
    assert shown(cached, "zh") == zh
    assert "line 3: （一） repeats the number before it" in shown(cached, "en")
    assert "line 3: （一） repeats the number before it" in fresh.warnings


@pytest.mark.slow
def test_click_s_own_help_words_follow_the_language() -> None:
    zh = subprocess.run([str(SCRIPT), "inspect", "--help"], capture_output=True, text=True,
                        env={**os.environ, "DUIZHAO_LANG": "", "COLUMNS": "100"}, timeout=60)  # fmt: skip
    for word in ("用法：", "─ 选项 ─", "显示本帮助后退出。", "[环境变量：DUIZHAO_LANG]"):
        assert word in zh.stdout, word
    en = subprocess.run([str(SCRIPT), "inspect", "--help"], capture_output=True, text=True,
                        env={**os.environ, "DUIZHAO_LANG": "en", "COLUMNS": "100"}, timeout=60)  # fmt: skip
    for word in ("Usage:", "─ Options ─", "Show this message and exit.", "[env var: DUIZHAO_LANG]"):
        assert word in en.stdout, word


def test_the_configuration_s_lang_is_the_language_of_errors_too(plans, monkeypatch) -> None:
    monkeypatch.chdir(plans)
    monkeypatch.delenv("DUIZHAO_LANG", raising=False)
    (plans / "duizhao.toml").write_text('lang = "en"\n', encoding="utf-8")
    run = CliRunner().invoke(app, ["compare", "hubei.txt", "缺.txt"])
    assert run.stderr == "duizhao: error: 缺.txt: no such file\n"
    usage = CliRunner().invoke(app, ["compare", "--bogus"])
    assert usage.stderr.startswith("duizhao: error: No such option '--bogus'.")
    zh = CliRunner().invoke(app, ["compare", "hubei.txt", "缺.txt", "--lang", "zh"])
    assert zh.stderr == "duizhao: error: 缺.txt: 文件不存在\n"
