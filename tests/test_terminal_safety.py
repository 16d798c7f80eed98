"""Whatever reaches a terminal cannot act on it: error lines quoting a .docx member's name,
a tracked change's author on stderr, reports printed to stdout, and folder names that look
like rich markup."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hostile import ESCAPE_OR_CONTROL, hostile_pair
from readers_fixtures import write_docx_xml
from typer.testing import CliRunner

from duizhao.cli.app import app

DATA = Path(__file__).parent / "data" / "pairs"


def run(*args: str):
    return CliRunner().invoke(app, [*args, "--lang", "en"] if args[0] != "corpus" else list(args))


def test_a_docx_member_name_in_an_error_cannot_retitle_the_terminal(tmp_path: Path) -> None:
    bomb = tmp_path / "plan.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<x/>")
        z.writestr("\x1b]0;pwned\x07\x1b[2J\x1b[1A\rok", bytes(4_000_000))
    result = run("inspect", str(bomb))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not ESCAPE_OR_CONTROL.search(result.stderr), repr(result.stderr)
    assert "\\x1b]0;pwned" in result.stderr, "the name is shown, escaped"


def test_a_tracked_change_author_with_c1_controls_is_shown_escaped(tmp_path: Path) -> None:
    by = 'w:id="1" w:author="&#x9b;31m审核人&#x9d;0;x&#x9c;" w:date="2026-03-01T00:00:00Z"'
    body = (
        "<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"
        f"<w:p><w:ins {by}><w:r><w:t>（一）目标。到2025年基本建成。</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><w:t>（二）任务。推进普法。</w:t></w:r></w:p>"
    )
    path = write_docx_xml(tmp_path / "draft.docx", body)
    result = run("inspect", str(path))
    assert result.exit_code == 0, result.output
    assert "审核人" in result.stderr
    assert not ESCAPE_OR_CONTROL.search(result.stderr + result.stdout), repr(result.stderr)


def test_reports_printed_to_a_terminal_hold_no_control_sequence(tmp_path: Path) -> None:
    parent, child = hostile_pair(tmp_path, DATA)
    for fmt in ("csv", "html", "markdown", "json", "terminal"):
        result = run("compare", str(parent), str(child), "-f", fmt)
        assert result.exit_code == 0, result.output
        assert not ESCAPE_OR_CONTROL.search(result.stdout), fmt
        assert not ESCAPE_OR_CONTROL.search(result.stderr), fmt
    result = run("inspect", str(child), "--csv")
    assert not ESCAPE_OR_CONTROL.search(result.stdout)


def test_a_folder_path_holding_rich_markup_is_shown_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "方案[" / "][bold]x"
    folder.mkdir(parents=True)
    for name in ("small-parent.txt", "small-child.txt"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    result = CliRunner().invoke(app, ["corpus", "scan", str(folder)])
    assert result.exit_code == 0, result.output
    flat = "".join(result.stdout.split())
    assert "方案[/][bold]x" in flat
