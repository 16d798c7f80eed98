"""`duizhao check` output in every format matches its golden file, outside any git checkout.

Regenerate with `.venv/bin/python tests/golden/check_regen.py` and review the diff.
"""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("check_regen", HERE / "golden" / "check_regen.py")
    assert spec and spec.loader
    regen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(regen)
    return regen.check_outputs()


def test_every_check_format_matches_its_golden(outputs: dict[str, str]) -> None:
    assert len(outputs) == 10
    for name, text in outputs.items():
        golden = (HERE / "golden" / name).read_text(encoding="utf-8")
        assert text == golden, f"{name} differs from its golden file (see check_regen.py)"


def test_the_goldens_say_what_a_user_checks(outputs: dict[str, str]) -> None:
    assert outputs["check.txt"].startswith("exit 0\n")
    assert outputs["check-failing.txt"].startswith("exit 1\n")
    passing = json.loads(outputs["check.json"].split("\n", 1)[1])
    assert passing["ok"] and passing["config"] == "duizhao.toml"
    assert passing["plans"][0]["plan"] == "gaoxin-district-draft.txt"  # relative to the folder
    failing = json.loads(outputs["check-failing.json"].split("\n", 1)[1])
    assert not failing["ok"] and failing["counts"]["errors"] >= 1
    lines = outputs["check-failing.github.txt"].splitlines()
    assert lines[0] == "exit 1" and lines[2].startswith("::error file=gaoxin-district-draft.txt,")
    junit = ET.fromstring(outputs["check-failing.junit.xml"].split("\n", 1)[1].encode())
    assert int(junit.get("failures")) >= 1
    for name, text in outputs.items():
        assert "/tmp" not in text and "duizhao-check-golden" not in text, name
