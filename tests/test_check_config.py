"""Configurations parsed from text: every mistake is one ConfigError naming file and key.

The hypothesis tests feed arbitrary text and arbitrary TOML documents built from the real
keys: the only exception ever raised is ConfigError (a traceback is a bug).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_check_support import PLANS_TOML, config

from duizhao.compare.check import FailOn, parse_config
from duizhao.compare.check.waivers import toml_string
from duizhao.corpus.config_file import MAX_CONFIG_BYTES, find_config, read_config_text
from duizhao.corpus.errors import ConfigError, InputError

FOLDER = Path("/repo/plans")


def problem(text: str, name: str = "duizhao.toml", **kw) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, path=FOLDER / name, **kw)
    assert caught.value.subject == str(FOLDER / name)
    return caught.value.problem


def test_a_valid_configuration() -> None:
    text = PLANS_TOML + (
        '[rules]\nfail_on = ["dropped", "merged", "dropped"]\nmax_dropped = 1\n'
        'min_coverage = 0.9\n[rules.min_coverage_by_section]\n"一、总体" = 1\n'
        "[settings]\ncarried_coverage = 0.6\n"
        '[[waivers]]\nkey = "1e600608"\nreason = "区级无立法权"\n'
    )
    cfg = config(text, FOLDER, git_root=Path("/repo"))
    [entry] = cfg.plans
    assert entry.file == FOLDER / "gaoxin.txt" and entry.parent == FOLDER / "hubei.txt"
    assert cfg.display(entry.file) == "plans/gaoxin.txt" and cfg.root == Path("/repo")
    assert cfg.rules.fail_on == (FailOn.DROPPED, FailOn.MERGED)
    assert cfg.rules.min_coverage_by_section == (("一、总体", 1.0),)
    assert cfg.settings.carried_coverage == 0.6
    [waiver] = cfg.waivers
    assert (waiver.key, waiver.line) == ("1e600608", 13)
    assert cfg.inputs == (FOLDER / "duizhao.toml", FOLDER / "gaoxin.txt", FOLDER / "hubei.txt")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[rules]\nmax_dropd = 1\n", "unknown key rules.'max_dropd'"),
        ("colour = true\n", "unknown key 'colour'"),
        ("strict_waivers = true\n", "did you mean rules.strict_waivers?"),
        ('corpus = "."\n', "not supported yet"),
        ('[rules]\nfail_on = ["vanished"]\n', "unknown 'vanished'"),
        ('[rules]\nfail_on = "dropped"\n', "rules.fail_on must be a list"),
        ("[rules]\nmin_coverage = 2\n", "rules.min_coverage must be a number between 0 and 1"),
        ("[rules]\nmin_coverage = nan\n", "between 0 and 1"),
        ("[rules]\nmax_dropped = -1\n", "whole number"),
        ("[rules]\nmax_dropped = true\n", "whole number"),
        ('[rules]\nstrict_waivers = "yes"\n', "true or false"),
        ("rules = 1\n", "rules must be a table"),
        ("[settings]\nno_such = 0.5\n", "unknown setting 'no_such'"),
        ('[settings]\ncarried_coverage = "high"\n', "settings.carried_coverage must be a number"),
        ("[settings]\npartial_coverage = 0.9\ncarried_coverage = 0.5\n", "must not exceed"),
        ('[waivers]\n"k" = 1\n', "a reason (a string)"),
        ('[[waivers]]\nkey = "k"\n', "reason must be given"),
        ('[[waivers]]\nreason = "r"\nkey = "k"\nnote = "x"\n', "unknown key waivers[0].'note'"),
        ("waivers = 3\n", "waivers must be a table"),
        ('lang = "fr"\n', "lang must be 'zh' or 'en'"),
        ('allow_outside = "yes"\n', "allow_outside must be true or false"),
    ],
)
def test_bad_values_are_named(body: str, expected: str) -> None:
    text = PLANS_TOML + body if body.startswith("[") else body + PLANS_TOML
    assert expected in problem(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "no plans to check"),
        ("plans = []\n", "plans must be an array of tables"),
        ('plans = ["a.txt"]\n', "plans[0] must be a table"),
        ('[[plans]]\nfile = "a.txt"\n', "plans[0].parents must be a list of paths"),
        ('[[plans]]\nfile = ""\nparents = ["b.txt"]\n', "plans[0].file must be a path"),
        ('[[plans]]\nfile = "a.txt"\nparents = ["./a.txt"]\n', "is its own parent"),
        ("[[plans\n", "is not valid TOML"),
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nests arrays or tables 5000 deep"),
        ("a = " + "1" * 5000 + "\n", "is not valid TOML"),
    ],
)
def test_bad_documents_are_named(text: str, expected: str) -> None:
    assert expected in problem(text)


def test_pyproject_tool_must_be_a_table() -> None:
    assert "tool must be a table" in problem("tool = 1\n", "pyproject.toml")
    assert "[tool.duizhao] must be present" in problem("[tool.black]\n", "pyproject.toml")
    assert "tool.duizhao must be a table" in problem("[tool]\nduizhao = 1\n", "pyproject.toml")
    nested = "[tool.duizhao]\n" + PLANS_TOML.replace("[[plans]]", "[[tool.duizhao.plans]]")
    assert "unknown key tool.duizhao.'x'" in problem(
        nested + "[tool.duizhao.x]\n", "pyproject.toml"
    )
    ok = parse_config(nested, path=FOLDER / "pyproject.toml")
    assert ok.prefix == "tool.duizhao." and ok.style.table == "tool.duizhao.waivers"


def test_plans_must_stay_inside_the_repository_unless_allowed() -> None:
    for outside in ("../../etc/passwd", "/etc/passwd", "a/../../../x.txt"):
        text = f'[[plans]]\nfile = "gaoxin.txt"\nparents = [{toml_string(outside)}]\n'
        message = problem(text, git_root=Path("/repo"))
        assert "is outside the repository" in message and "allow_outside = true" in message
        allowed = parse_config("allow_outside = true\n" + text, path=FOLDER / "duizhao.toml")
        assert allowed.allow_outside
    inside_git = '[[plans]]\nfile = "gaoxin.txt"\nparents = ["../province/hubei.txt"]\n'
    assert config(inside_git, FOLDER, git_root=Path("/repo")).plans[0].parent == Path(
        "/repo/province/hubei.txt"
    )
    assert "outside the repository" in problem(inside_git)  # no git: the folder is the root


# --- reading the file ----------------------------------------------------------------------


def test_reading_refuses_fifos_directories_big_files_and_bad_utf8(tmp_path: Path) -> None:
    fifo = tmp_path / "duizhao.toml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="not a regular file"):
        read_config_text(fifo)  # returns at once: never opens it for a blocking read
    fifo.unlink()
    with pytest.raises(InputError, match="is a directory"):
        read_config_text(tmp_path)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (MAX_CONFIG_BYTES + 1))
    with pytest.raises(ConfigError, match="larger than"):
        read_config_text(big)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("# é\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        read_config_text(latin)
    bom = tmp_path / "bom.toml"
    bom.write_bytes("\ufeff# ok\n".encode())
    assert read_config_text(bom) == "# ok\n"


def test_finding_the_configuration(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="check --init"):
        find_config(None, tmp_path)
    (tmp_path / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no duizhao\.toml"):
        find_config(None, tmp_path)  # `tool = 1` is not a [tool.duizhao]: no traceback
    (tmp_path / "pyproject.toml").write_text("[tool.duizhao]\n", encoding="utf-8")
    assert find_config(None, tmp_path)[0] == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / "duizhao.toml").write_text("# first\n", encoding="utf-8")
    assert find_config(None, tmp_path) == ((tmp_path / "duizhao.toml").resolve(), "# first\n")
    with pytest.raises(InputError, match="no such configuration file"):
        find_config(Path("other.toml"), tmp_path)


# --- fuzzing ---------------------------------------------------------------------------------

KEYS = ["plans", "rules", "settings", "waivers", "allow_outside", "lang", "corpus", "tool",
        "duizhao", "file", "parents", "fail_on", "max_dropped", "min_coverage",
        "min_coverage_by_section", "strict_waivers", "key", "reason", "label", "title", "text",
        "carried_coverage", "partial_coverage", "long_clause_chars", "x"]  # fmt: skip
SCALARS = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["dropped", "merged", "gaoxin.txt", "../x.txt", "/etc/passwd", "zh", "一、"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(value), repr(value))
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def only_config_errors(text: str, name: str) -> None:
    with contextlib.suppress(ConfigError):
        parse_config(text, path=FOLDER / name, git_root=Path("/repo"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6),
       name=st.sampled_from(["duizhao.toml", "pyproject.toml"]))  # fmt: skip
def test_fuzzed_documents_raise_only_config_errors(document: dict, name: str) -> None:
    text = "\n".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in document.items())
    only_config_errors(text, name)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("[]{}=\"'.,#\n ab1\\\x00é一")), max_size=80))
def test_fuzzed_text_raises_only_config_errors(text: str) -> None:
    only_config_errors(text, "duizhao.toml")
    only_config_errors(PLANS_TOML + text, "pyproject.toml")
