"""Bad input and hostile paths at the edge: one line, exit 2, nothing lost, nothing overwritten."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from golden.regen import chain_result

from duizhao.cli import output
from duizhao.corpus.errors import OutputError
from duizhao.corpus.samples import sample_path

DUIZHAO = [sys.executable, "-m", "duizhao.cli"]


def run(*args: str | bytes, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "DUIZHAO_LANG": "en"}
    return subprocess.run(
        [*DUIZHAO, *args], capture_output=True, timeout=timeout, env=env, **kwargs
    )


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    lines = [
        line
        for line in proc.stderr.decode("utf-8", "replace").splitlines()
        if line.startswith("duizhao: error")
    ]
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    return lines[0]


@pytest.fixture
def pair(tmp_path):
    parent, child = tmp_path / "parent.txt", tmp_path / "child.txt"
    parent.write_bytes(sample_path("hubei").read_bytes())
    child.write_bytes(sample_path("gaoxin").read_bytes())
    return parent, child


def test_a_fifo_is_refused_at_once(tmp_path, pair):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    line = one_error_line(run("compare", str(pair[0]), str(fifo), timeout=20))
    assert "plan.txt" in line


def test_a_device_is_refused_at_once(pair):
    line = one_error_line(run("compare", str(pair[0]), "/dev/zero", timeout=20))
    assert "/dev/zero" in line


def test_a_folder_holding_a_fifo_is_scanned_without_hanging(tmp_path):
    (tmp_path / "a.txt").write_bytes(sample_path("hubei").read_bytes())
    os.mkfifo(tmp_path / "b.txt")
    proc = run("corpus", "scan", str(tmp_path), "--format", "json", timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_name_that_is_not_utf8_is_read_and_printed_safely(tmp_path, pair):
    odd = os.fsencode(tmp_path) + b"/\xff\xfe-plan.txt"
    with open(odd, "wb") as handle:
        handle.write(sample_path("gaoxin").read_bytes())
    proc = run("compare", str(pair[0]), odd, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    missing = os.fsencode(tmp_path) + b"/\xff-missing.txt"
    line = one_error_line(run("compare", str(pair[0]), missing))
    assert "\\xff" in line


def test_stdout_on_a_full_disk_is_one_line(pair):
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*DUIZHAO, "compare", str(pair[0]), str(pair[1]), "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            env={**os.environ, "DUIZHAO_LANG": "en"},
        )
    assert proc.returncode == 2 and b"no space left" in proc.stderr.lower()
    assert b"Traceback" not in proc.stderr


def test_output_through_a_hard_link_to_an_input_is_refused(tmp_path, pair):
    link = tmp_path / "report.md"
    os.link(pair[1], link)
    before = pair[1].read_bytes()
    line = one_error_line(run("compare", str(pair[0]), str(pair[1]), "-o", str(link)))
    assert "is an input file" in line
    assert pair[1].read_bytes() == before


def test_output_through_a_symlink_to_an_input_is_refused(tmp_path, pair):
    link = tmp_path / "report.md"
    link.symlink_to(pair[0])
    before = pair[0].read_bytes()
    one_error_line(run("compare", str(pair[0]), str(pair[1]), "-o", str(link)))
    assert pair[0].read_bytes() == before


def test_a_dangling_symlink_is_replaced_never_written_through(tmp_path):
    target = tmp_path / "elsewhere" / "victim.md"
    target.parent.mkdir()
    link = tmp_path / "report.md"
    link.symlink_to(target)
    output.write_bytes_atomic(link, b"report")
    assert not target.exists()
    assert not link.is_symlink() and link.read_text() == "report"


def test_a_failed_run_leaves_the_previous_report_whole(tmp_path, pair):
    report = tmp_path / "report.json"
    assert run("compare", str(pair[0]), str(pair[1]), "-o", str(report)).returncode == 0
    good = report.read_bytes()
    (tmp_path / "empty.txt").write_bytes(b"")
    one_error_line(run("compare", str(pair[0]), str(tmp_path / "empty.txt"), "-o", str(report)))
    assert report.read_bytes() == good


def test_a_full_disk_while_writing_changes_nothing(tmp_path, monkeypatch):
    report = tmp_path / "report.md"
    report.write_text("previous report")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="no space left"):
        output.write_bytes_atomic(report, b"new report " * 1000)
    assert report.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_appending_refuses_inputs_links_and_non_files(tmp_path, pair):
    with pytest.raises(OutputError):
        output.append_text_safely(pair[1], "x", inputs=[pair[1]])
    hard = tmp_path / "summary.md"
    os.link(pair[1], hard)
    with pytest.raises(OutputError):
        output.append_text_safely(hard, "x", inputs=[pair[1]])
    soft = tmp_path / "soft.md"
    soft.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(OutputError, match="symbolic link"):
        output.append_text_safely(soft, "x")
    assert not (tmp_path / "nowhere.md").exists()
    plain = tmp_path / "plain.md"
    output.append_text_safely(plain, "a")
    output.append_text_safely(plain, "b")
    assert plain.read_text() == "ab"


def test_an_unwritable_folder_is_one_line(tmp_path, pair):
    line = one_error_line(
        run("compare", str(pair[0]), str(pair[1]), "-o", str(tmp_path / "no" / "r.md"))
    )
    assert "r.md" in line


def test_usage_errors_are_one_line_too(pair):
    line = one_error_line(run("compare", str(pair[0]), str(pair[1]), "--format", "pdf"))
    assert "unknown format 'pdf'" in line
    line = one_error_line(run("compare", str(pair[0]), str(pair[1]), "--set", "carried_coverag=1"))
    assert "did you mean 'carried_coverage'" in line
    line = one_error_line(run("compare", str(pair[0]), str(pair[1]), "-f", "json", "-o", "x.md"))
    assert "extension" in line


# ---------------------------------------------------------------------------------------------
# Drafts under review: one notice, the accepted text by default, the original on request

TRACKED = Path(__file__).parent / "data" / "office" / "draft-tracked.docx"


def test_a_tracked_draft_is_read_accepted_with_one_notice_and_original_on_request(tmp_path):
    from typer.testing import CliRunner

    from duizhao.cli.app import app

    runner = CliRunner()
    accepted = runner.invoke(app, ["inspect", str(TRACKED), "--json", "--lang", "en"])
    assert accepted.exit_code == 0
    notice = [line for line in accepted.stderr.splitlines() if "tracked changes" in line]
    assert len(notice) == 1 and "--original reads it as before the changes" in notice[0]
    original = runner.invoke(app, ["inspect", str(TRACKED), "--json", "--original"])
    assert original.exit_code == 0
    assert (
        "深入推进法治宣传教育" in accepted.stdout and "深入推进法治宣传教育" not in original.stdout
    )
    assert "基本形成全民守法" in original.stdout and "基本形成全民守法" not in accepted.stdout


def test_original_is_a_per_plan_option_of_the_check(tmp_path):
    from duizhao.reports.api import run_check

    (tmp_path / "draft.docx").write_bytes(TRACKED.read_bytes())
    (tmp_path / "parent.txt").write_text(
        "某市法治宣传教育实施方案\n一、总体要求\n（一）指导思想。坚持以习近平法治思想为指导，"
        "推进法治宣传教育。\n（二）主要目标。到2025年，基本形成全民守法的社会氛围。\n",
        encoding="utf-8",
    )
    plan = '[[plans]]\nfile = "draft.docx"\nparents = ["parent.txt"]\n'
    (tmp_path / "duizhao.toml").write_text(plan + "original = true\n", encoding="utf-8")
    report = run_check(cwd=tmp_path)
    child = report.plans[0].comparison.child
    texts = " ".join(m.text for m in child.measures())
    assert "基本形成全民守法" in texts and "深入推进法治宣传教育" not in texts


def test_a_format_the_result_does_not_have_is_one_line(tmp_path):
    chain = [str(sample_path(n)) for n in ("hubei", "gaoxin", "yaohai")]
    line = one_error_line(run("compare", *chain, "-o", str(tmp_path / "c.png")))
    assert "cannot tell the format from the extension" in line
    assert not (tmp_path / "c.png").exists()


def test_a_result_type_without_the_format_is_one_input_error():
    from duizhao.corpus.errors import InputError
    from duizhao.reports.render import render

    with pytest.raises(InputError, match=r"^format png: a chain has no png output"):
        render(chain_result(), "png")
    with pytest.raises(
        InputError, match=r"^format pdf: is not a format \(choose from terminal, json"
    ):
        render(chain_result(), "pdf")
