"""Help, warnings, progress labels and "wrote …" lines speak the report language: Chinese by
default, English with --lang en or DUIZHAO_LANG=en."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app, help_language

SCRIPT = Path(sys.executable).with_name("duizhao")


def helped(args: list[str], lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DUIZHAO_LANG"}
    if lang:
        env["DUIZHAO_LANG"] = lang
    run = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                         timeout=60)  # fmt: skip
    return run.stdout


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["compare", "--help"], "对照本级方案与上级方案", "Compare a child plan to its parent"),
        (["inspect", "--help"], "显示 duizhao 从方案中读到的内容", "Show what duizhao reads"),
        (["--help"], "显示版本号后退出", "Print the version and exit"),
    ],
)
def test_help_is_chinese_by_default_and_english_on_request(args, zh, en) -> None:
    assert zh in helped(args)
    assert en in helped(args, "en")
    if args[0] != "--help":
        assert en in helped([*args, "--lang", "en"])


def test_help_language_order() -> None:
    assert help_language(["compare", "--lang", "en", "--help"], {"DUIZHAO_LANG": "zh"}) == "en"
    assert help_language(["compare", "--lang=zh"], {"DUIZHAO_LANG": "en"}) == "zh"
    assert help_language(["--help"], {"DUIZHAO_LANG": "en"}) == "en"


def test_wrote_line_and_warnings_speak_the_language(tmp_path: Path) -> None:
    zh = CliRunner().invoke(app, ["compare", "--sample", "-o", str(tmp_path / "a.md")],
                            env={"DUIZHAO_LANG": ""})  # fmt: skip
    assert zh.exit_code == 0
    assert "已写入" in zh.stderr or "写入" in zh.stderr, zh.stderr
    assert "duizhao: warning: " in zh.stderr and "中间缺少一级方案" in zh.stderr  # prefix ASCII
    en = CliRunner().invoke(app, ["compare", "--sample", "-o", str(tmp_path / "b.md")],
                            env={"DUIZHAO_LANG": "en"})  # fmt: skip
    assert "wrote " in en.stderr and "duizhao: warning: " in en.stderr


def test_progress_labels_are_translated() -> None:
    from duizhao.cli.common import configure
    from duizhao.cli.progress import DelayedBar

    configure(lang="zh")
    assert DelayedBar("comparing", enabled=False).label == "对照中"
    configure(lang="en")
    assert DelayedBar("comparing", enabled=False).label == "comparing"
    configure()


def test_check_init_says_what_it_wrote_on_stderr_in_the_language(tmp_path: Path) -> None:
    import io
    import shutil

    from duizhao.cli.check import run
    from duizhao.corpus.samples import sample_path

    shutil.copy(sample_path("hubei"), tmp_path / "a.txt")
    shutil.copy(sample_path("gaoxin"), tmp_path / "b.txt")
    out, err = io.StringIO(), io.StringIO()
    plans = [Path("a.txt"), Path("b.txt")]
    code = run(None, init=True, init_plans=plans, cwd=tmp_path, stdout=out, stderr=err, env={})
    assert code == 0 and out.getvalue() == ""
    assert err.getvalue().startswith("已写入 duizhao.toml：以 a.txt 检查 b.txt"), err.getvalue()
