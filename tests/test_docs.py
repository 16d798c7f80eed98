"""The README cannot drift from the code: its Python example runs, every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer

from duizhao.cli.app import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> dict[str, click.Command]:
    group = typer.main.get_command(app)
    found: dict[str, click.Command] = {}

    def walk(cmd: click.Command, prefix: str) -> None:
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            found[prefix] = cmd

    walk(group, "")
    return found


def test_the_readme_python_example_runs():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["result"].summary.parent_measures == 28
    assert isinstance(namespace["markdown"], str) and "未落实" in namespace["markdown"]
    assert isinstance(namespace["table"], bytes) and namespace["table"][:2] == b"PK"


def test_every_command_has_help_and_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    commands = _commands()
    assert {"compare", "inspect", "check", "matrix", "corpus scan"} <= set(commands)
    for name, cmd in commands.items():
        assert (cmd.help or "").strip(), f"{name} has no help text"
        assert f"duizhao {name}" in text, f"duizhao {name} is not in the README"
        for param in cmd.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.help, f"duizhao {name} {param.opts[0]} has no help text"


def test_the_cli_imports_no_rich_or_typer_into_the_library():
    import subprocess
    import sys

    code = (
        "import sys, duizhao.reports.api, duizhao.compare, duizhao.corpus.load;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_setting_is_in_the_readme_with_its_default():
    from dataclasses import fields

    from duizhao.compare.settings import Settings

    text = README.read_text(encoding="utf-8")
    for f in fields(Settings):
        assert f"| `{f.name}` | {f.default} |" in text, f.name


def test_every_environment_variable_the_tool_reads_is_in_the_readme():
    """Names read through os.environ / os.getenv / an option's envvar in the four code folders
    (and the variable-name constants they read through) must each be a row of the README's
    "Environment variables" table."""
    root = README.parent
    read = re.compile(
        r"""(?:\benv(?:iron)?(?:\.get|\.setdefault)?\s*[\[(]\s*|getenv\(\s*|envvar\s*=\s*)["']([A-Z][A-Z0-9_]+)["']"""
    )
    constant = re.compile(
        r"""^[A-Z_]+\s*=\s*\(?\s*["']((?:DUIZHAO|GITHUB)_[A-Z_]+|[A-Z]+_NUM_THREADS)["']""", re.M
    )
    names: set[str] = set()
    for folder in ("cli", "corpus", "compare", "reports"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            names.update(read.findall(text))
            names.update(constant.findall(text))
    names -= {"HOME", "SAL_USE_VCLPLUGIN"}  # set for LibreOffice's process, not read
    table = README.read_text(encoding="utf-8").split("### Environment variables", 1)[1]
    table = table.split("\n#", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert {"DUIZHAO_CACHE", "DUIZHAO_DASK", "GITHUB_STEP_SUMMARY"} <= names
    assert names <= documented, sorted(names - documented)
