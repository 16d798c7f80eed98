"""Scanned plans read by OCR: one page made from a bundled plan, red header, seal, skew, noise."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from scanned_pages import Scan, scanned, typeset, write_pdf

from duizhao.corpus import load_plan
from duizhao.corpus.errors import InputError, LimitError
from duizhao.corpus.readers.ocr import engines
from duizhao.corpus.readers.ocr.fix import fix_line

PAIRS = Path(__file__).parent / "data" / "pairs"
needs_ocr = pytest.mark.skipif(
    not engines.available("rapidocr"), reason="OCR not installed: pip install 'duizhao[ocr]'"
)


def _first_page(name: str, lines: int) -> list[str]:
    text = (PAIRS / name).read_text(encoding="utf-8")
    return [t.strip() for t in text.splitlines() if t.strip()][:lines]


@pytest.fixture(scope="module")
def page_scan(tmp_path_factory) -> tuple[Path, list[str]]:
    """The first measures of the small parent plan as one scanned page (200 dpi, JPEG)."""
    paragraphs = _first_page("small-parent.txt", 10)
    pages = typeset(paragraphs, 200, issuer="浙江省人民政府")
    assert len(pages) == 1
    stored = scanned(pages, Scan(dpi=200, seed=3), "浙江省人民政府")
    folder = tmp_path_factory.mktemp("scan")
    return write_pdf(folder / "scan.pdf", stored, 200), paragraphs


@needs_ocr
def test_a_scanned_page_reads_into_the_same_plan_as_its_text(page_scan, tmp_path) -> None:
    path, paragraphs = page_scan
    text = tmp_path / "plan.txt"
    text.write_text("\n".join(paragraphs), encoding="utf-8")
    want, got = load_plan(text), load_plan(path)
    assert got.title == want.title
    labels = [m.label for m in got.measures()]
    assert labels == [m.label for m in want.measures()] == ["1.", "2."]
    assert [m.owners for m in got.measures()] == [m.owners for m in want.measures()]
    assert [n.heading for n in got.nodes] == [n.heading for n in want.nodes]
    same = sum(a.text == b.text for a, b in zip(got.measures(), want.measures(), strict=True))
    assert same >= 1
    assert got.ocr is not None and [p.page for p in got.ocr.pages] == [1]
    assert got.ocr.engine.startswith("rapidocr") and got.ocr.confidence > 0.9


@needs_ocr
def test_the_same_page_as_an_image_file_is_read_from_the_cache(page_scan, tmp_path) -> None:
    from PIL import Image

    from duizhao.corpus.readers.ocr import engines as used

    path, _ = page_scan
    first = load_plan(path)
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(path.read_bytes())[0]
    image = page.render(scale=200 / 72).to_pil()
    png = tmp_path / "page.png"
    image.save(png)
    calls = []
    original = used.recognise
    try:
        used.recognise = lambda *a: calls.append(a) or original(*a)
        plan = load_plan(png)
        again = load_plan(png)
    finally:
        used.recognise = original
    assert plan.format == "image"
    assert [m.text for m in again.measures()] == [m.text for m in plan.measures()]
    assert len(calls) <= 1  # read once; the second time from the page cache
    assert [m.label for m in plan.measures()] == [m.label for m in first.measures()]
    assert Image.open(png).size == image.size


def test_without_an_engine_a_scan_says_how_to_install_ocr(page_scan, monkeypatch) -> None:
    path, _ = page_scan
    monkeypatch.setattr(engines, "available", lambda name: False)
    with pytest.raises(InputError) as caught:
        load_plan(path)
    assert str(caught.value) == (
        f"{path}: is a scanned PDF (no text layer): reading it needs OCR; "
        "pip install 'duizhao[ocr]'"
    )


def test_too_many_pages_are_refused_before_any_is_read(tmp_path, monkeypatch) -> None:
    from PIL import Image

    from duizhao.corpus.readers.ocr import pages

    monkeypatch.setattr(pages, "MAX_OCR_PAGES", 2)
    frames = [Image.new("RGB", (200, 280), "white") for _ in range(3)]
    path = tmp_path / "pages.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    monkeypatch.setattr(engines, "available", lambda name: True)
    with pytest.raises(LimitError, match="has 3 scanned pages, over the limit of 2 pages"):
        load_plan(path)


def test_a_page_over_the_pixel_limit_is_refused(tmp_path, monkeypatch) -> None:
    from PIL import Image

    from duizhao.corpus.readers.ocr import pages

    monkeypatch.setattr(pages, "MAX_PAGE_PIXELS", 8000)
    path = tmp_path / "page.png"
    Image.new("RGB", (100, 100), "white").save(path)
    monkeypatch.setattr(engines, "available", lambda name: True)
    with pytest.raises(LimitError, match="page 1 is 0 megapixels, over the limit"):
        load_plan(path)


def test_a_truncated_image_is_one_line_error(tmp_path, monkeypatch) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "white").save(buffer, "PNG")
    path = tmp_path / "page.png"
    path.write_bytes(buffer.getvalue()[:60])
    monkeypatch.setattr(engines, "available", lambda name: True)
    with pytest.raises(InputError, match="not a readable image"):
        load_plan(path)


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("(—)广泛深入开展", "（一）广泛深入开展"),
        ("（二十-）加强", "（二十一）加强"),
        ("—、重点措施", "一、重点措施"),
        ("l.深化宪法学习", "1.深化宪法学习"),
        ("1O.推动", "10.推动"),
        (".2.深化宪法", "2.深化宪法"),
        ("切实加强宪法教育o国家工作人员", "切实加强宪法教育。国家工作人员"),
        ("实施纲要(2020-2025年)>的通知", "实施纲要（2020—2025年）〉的通知"),
        ("精神,进一步提高", "精神，进一步提高"),
        ("“12·4”国家宪法日、2.5亿元", "“12·4”国家宪法日、2.5亿元"),
        ("统一，推进", "统一，推进"),
        ("—2一", "— 2 —"),
    ],
)
def test_labels_and_punctuation_put_right_after_ocr(read: str, printed: str) -> None:
    assert fix_line(read) == printed


def test_red_ink_is_removed_and_a_skewed_page_levelled() -> None:
    from PIL import Image, ImageDraw

    from duizhao.corpus.readers.ocr.clean import clean

    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    for y in range(300, 2000, 80):
        draw.rectangle((200, y, 1450, y + 30), fill="black")  # lines of text
    draw.ellipse((800, 600, 1200, 1000), outline=(220, 30, 30), width=12)  # a seal
    turned = page.rotate(1.5, resample=Image.BICUBIC, fillcolor="white")
    cleaned = clean(turned)
    assert abs(cleaned.skew + 1.5) < 0.15
    import numpy as np

    pixels = np.asarray(cleaned.image)
    assert pixels[600:620, 1000].min() == 255 or pixels[560:640, 1000].mean() > 200
    assert (pixels[300:2000:80, 800] == 0).sum() >= 15  # the lines are still there, level


def test_a_scanned_parent_compares_with_a_text_child_in_one_command(page_scan, tmp_path):
    import json

    from typer.testing import CliRunner

    from duizhao.cli.app import app

    path, paragraphs = page_scan
    parent_text = tmp_path / "parent.txt"
    parent_text.write_text("\n".join(paragraphs), encoding="utf-8")
    child = tmp_path / "child.txt"
    child.write_text("\n".join(_first_page("small-child.txt", 8)), encoding="utf-8")
    runner = CliRunner()
    scanned_run = runner.invoke(app, ["compare", str(path), str(child), "--format", "json"])
    text_run = runner.invoke(app, ["compare", str(parent_text), str(child), "--format", "json"])
    assert scanned_run.exit_code == 0, scanned_run.output
    got, want = json.loads(scanned_run.stdout), json.loads(text_run.stdout)

    def statuses(result):
        return (
            [m["status"] for m in result["parent_measures"]],
            [m["status"] for m in result["child_measures"]],
            sorted((link["parent"], link["child"]) for link in result["links"]),
        )

    assert statuses(got) == statuses(want)
    assert want["summary"]["parent_measures"] == 2
