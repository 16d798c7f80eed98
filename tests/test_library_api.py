"""The library's front door as a Python user meets it: one return type per call, plans from
paths, bytes or text, settings checked when built, no process started, nothing heavy imported."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from duizhao.compare import Comparison, Settings
from duizhao.compare.chain import Chain
from duizhao.compare.settings import SettingsError
from duizhao.corpus.samples import sample_path
from duizhao.reports import api


def run_script(code: str, **env: str) -> dict:
    """Run `code` in a fresh interpreter (cache off) and return the JSON it prints last."""
    import os

    environment = {**os.environ, "DUIZHAO_CACHE": "off", **env}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_api_and_comparing_imports_no_cli_or_dataframe_library():
    seen = run_script(
        """
        import json, sys
        from duizhao.reports.api import compare, render, sample_paths
        result = compare(*sample_paths())
        render(result, "markdown"); render(result, "json"); render(result, "html"); render(result, "csv")
        print(json.dumps([m for m in ("typer", "click", "rich", "pandas") if m in sys.modules]))
        """
    )
    assert seen == []


def test_ten_comparisons_start_no_process():
    # How long each takes is for the bench, whose script this runs (the first call pays for
    # the segmenter's dictionary; no repeat may pay for a helper process again).
    from bench.library_bench import run

    calls = run(10, "off")
    assert calls["spawned"] == [] and len(calls["times"]) == 10


@pytest.fixture(scope="module")
def pair_paths():
    return api.sample_paths()


def test_one_return_type_per_call(pair_paths, tmp_path):
    parent, child = pair_paths
    assert isinstance(api.compare(parent, child), Comparison)
    chain = api.compare_chain(parent, child, sample_path("yaohai"))
    assert isinstance(chain, Chain) and len(chain.plans) == 3
    edited = child.read_text(encoding="utf-8").replace("2025年", "2026年")
    revision = api.compare_revision(child, api.PlanText(edited, "修改稿"))
    assert isinstance(revision, Comparison) and revision.revision is not None
    with pytest.raises(api.InputError, match="at least two plans"):
        api.compare_chain(parent)


def test_a_plan_from_bytes_or_text_compares_as_the_file_does(pair_paths):
    parent, child = pair_paths
    from_file = api.compare(parent, child)
    data = child.read_bytes()
    upload = api.compare(parent, api.PlanBytes(data, "上传的方案.txt"))
    text = api.compare(parent, api.PlanText(data.decode("utf-8"), "粘贴的方案"))
    assert upload.summary == from_file.summary == text.summary
    assert upload.child.path == "上传的方案.txt" and text.child.path == "粘贴的方案"
    already = api.compare(api.read_plan(parent), api.read_plan(child))
    assert already.summary == from_file.summary


def test_bytes_are_bounded_and_named_like_files():
    with pytest.raises(api.InputError, match=r"^区\.xyz: has an extension duizhao does not read"):
        api.read_plan(api.PlanBytes(b"text", "区.xyz"))
    with pytest.raises(api.InputError, match=r"^空\.txt: is empty"):
        api.read_plan(api.PlanBytes(b"  \n", "空.txt"))


def test_settings_are_checked_when_built_and_the_error_names_the_setting():
    with pytest.raises(SettingsError) as caught:
        Settings(carried_coverage=2.0)
    assert str(caught.value) == "settings: carried_coverage must be between 0 and 1, got 2.0"
    with pytest.raises(SettingsError, match="long_clause_chars must be a whole number"):
        Settings(long_clause_chars="40")  # type: ignore[arg-type]
    with pytest.raises(SettingsError, match="did you mean 'carried_coverage'"):
        api.settings_from(["carried_coverag=0.5"])
    assert "--set" not in str(caught.value)


def test_render_gives_text_for_text_formats_and_bytes_for_files(pair_paths):
    result = api.compare(*pair_paths)
    assert isinstance(api.render(result, "markdown"), str)
    assert api.render(result, "xlsx")[:2] == b"PK"
    assert api.render(result, api.Format.DOCX)[:2] == b"PK"


def test_every_public_name_resolves():
    for name in api.__all__:
        assert getattr(api, name) is not None, name
    assert set(api.__all__) <= set(dir(api))


def test_a_matrix_run_in_this_process_keeps_no_memo(tmp_path):
    from duizhao.corpus.samples import sample_folder
    from duizhao.reports.api import tasks

    for path in sample_folder().glob("hubei*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    index = api.scan(tmp_path, workers=1)
    parent = next(tmp_path.glob("hubei-province*"))
    result = api.matrix(tmp_path, parent, workers=1, index=index)
    assert result.columns and not tasks._PARENTS and not tasks._TOKENS
