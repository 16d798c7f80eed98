"""A folder of page images given where a plan file is expected: one plan, pages in name order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scanned_pages import Scan, scanned, typeset
from test_ocr import _first_page, needs_ocr
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.corpus import load_plan
from duizhao.corpus.errors import InputError, LimitError
from duizhao.corpus.readers.ocr import engines
from duizhao.corpus.readers.ocr.folder import natural_key


def _blank(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (120, 160), "white").save(path)
    return path


@needs_ocr
def test_a_folder_of_two_pages_reads_as_one_plan_in_natural_order(tmp_path) -> None:
    paragraphs = _first_page("small-parent.txt", 10)
    first, second = typeset(paragraphs[:6], 200), typeset(paragraphs[6:], 200)
    assert len(first) == len(second) == 1
    stored = scanned(first + second, Scan(dpi=200, header=False, seed=5), "")
    folder = tmp_path / "scan"
    folder.mkdir()
    # Name order would put page10 first; natural order reads page2 first, as it was scanned.
    (folder / "page2.jpg").write_bytes(stored[0])
    (folder / "page10.jpg").write_bytes(stored[1])
    (folder / ".DS_Store").write_bytes(b"\0hidden")
    text = tmp_path / "plan.txt"
    text.write_text("\n".join(paragraphs), encoding="utf-8")
    want, got = load_plan(text), load_plan(folder)
    assert got.path == str(folder) and got.format == "image"
    assert got.title == want.title
    assert [m.label for m in got.measures()] == [m.label for m in want.measures()] == ["1.", "2."]
    assert [m.owners for m in got.measures()] == [m.owners for m in want.measures()]
    assert got.ocr is not None and [p.page for p in got.ocr.pages] == [1, 2]
    result = CliRunner().invoke(app, ["inspect", str(folder)])
    assert result.exit_code == 0, result.output
    assert "OCR" in result.output


def test_page_names_sort_naturally() -> None:
    names = ["page10.png", "page2.png", "Page1.png", "page2a.png", "scan-003.tif"]
    assert sorted(names, key=natural_key) == [
        "Page1.png",
        "page2.png",
        "page2a.png",
        "page10.png",
        "scan-003.tif",
    ]


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda f: (f / "notes.txt").write_text("x"), "holding other than page images (notes.txt)"),
        (lambda f: (f / "sub").mkdir(), "holding other than page images (sub/)"),
        (lambda f: (f / ".hidden").write_text("x"), "is a folder with no page images"),
        (lambda f: None, "is a folder with no page images"),
    ],
)
def test_a_folder_of_anything_else_is_a_one_line_error(tmp_path, make, problem) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    _blank(folder / "page1.png") if "other" in problem else None
    make(folder)
    with pytest.raises(InputError, match=re.escape(problem)) as caught:
        load_plan(folder)
    assert str(caught.value).startswith(f"{folder}: is a folder")
    child = tmp_path / "child.txt"
    child.write_text("\n".join(_first_page("small-child.txt", 8)), encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", str(folder), str(child)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(folder) in lines[0] and "Traceback" not in result.output


def test_the_page_bound_counts_every_page_of_the_folder(tmp_path, monkeypatch) -> None:
    from duizhao.corpus.readers.ocr import pages

    monkeypatch.setattr(pages, "MAX_OCR_PAGES", 2)
    monkeypatch.setattr(engines, "available", lambda name: True)
    for n in (1, 2, 3):
        _blank(tmp_path / f"p{n}.png")
    with pytest.raises(LimitError, match="has 3 scanned pages, over the limit of 2 pages"):
        load_plan(tmp_path)


def test_each_page_of_a_folder_is_bounded_like_an_image(tmp_path, monkeypatch) -> None:
    from duizhao.corpus.readers.ocr import pages

    monkeypatch.setattr(pages, "MAX_PAGE_PIXELS", 8000)
    monkeypatch.setattr(engines, "available", lambda name: True)
    _blank(tmp_path / "p1.png")
    with pytest.raises(LimitError, match=r"p1\.png: page 1 is 0 megapixels, over the limit"):
        load_plan(tmp_path)


def test_a_dash_is_still_standard_input_beside_a_folder_named_dash(tmp_path, monkeypatch) -> None:
    (tmp_path / "-").mkdir()
    monkeypatch.chdir(tmp_path)
    text = "\n".join(_first_page("small-parent.txt", 10))
    result = CliRunner().invoke(app, ["inspect", "-", "--json"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert '"title": "浙江省推进法治政府建设实施方案"' in result.output  # read, not the folder
