"""Folder commands: scan and declared parents, chains found by themselves, the matrix, the cache, pictures."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import sys
from pathlib import Path

import pytest

from duizhao.compare.matrix import matrix_of
from duizhao.corpus import load_plan
from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Jurisdiction
from duizhao.corpus.samples import sample_folder
from duizhao.corpus.scan import Entry, build_index, cited_title, find_chain, title_key
from duizhao.reports import api
from duizhao.reports.common.i18n import using
from duizhao.reports.matrix import heatmap as matrix_heatmap
from duizhao.reports.matrix import json as matrix_json
from duizhao.reports.matrix import markdown as matrix_markdown
from duizhao.reports.matrix import terminal as matrix_terminal
from duizhao.reports.matrix import views as matrix_views
from duizhao.reports.matrix import xlsx as matrix_xlsx
from duizhao.reports.scan import json as scan_json
from duizhao.reports.scan import markdown as scan_markdown
from duizhao.reports.scan import terminal as scan_terminal

GAOXIN = "hubei-xiangyang-gaoxin-district-draft.txt"
HUBEI = "hubei-province.txt"
YAOHAI = "anhui-hefei-yaohai-district-draft.txt"


def _bench_module():
    path = Path(__file__).parent / "bench" / "folders_bench.py"
    spec = importlib.util.spec_from_file_location("folders_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["folders_bench"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _bench_module()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, bench):
    """Province, 2 cities, 3 districts, as the bench writes them."""
    return bench.generate_folder(tmp_path_factory.mktemp("corpus"), cities=2, districts=3, seed=3)


@pytest.fixture(scope="module")
def generated_matrix(corpus):
    return api.matrix(corpus.root, corpus.province, workers=1)


# ---------------------------------------------------------------------------------------------
# Scan


def test_scan_of_the_samples_finds_gaoxin_under_hubei():
    index = api.scan(sample_folder(), workers=1)
    gaoxin, hubei, yaohai = index.get(GAOXIN), index.get(HUBEI), index.get(YAOHAI)
    assert gaoxin.parent == HUBEI
    assert [c.path for c in gaoxin.parents] == [None, HUBEI, None]
    assert any("襄阳市" in m for m in gaoxin.missing)
    assert any("纲要" in m for m in gaoxin.missing)
    assert hubei.parent is None and any("纲要" in m for m in hubei.missing)
    assert yaohai.parent is None
    assert [c.title for c in yaohai.parents] == [
        "安徽法治社会建设实施方案",
        "合肥法治社会建设实施方案",
    ]
    # The folder's README is not a plan: listed as unreadable, with its one-line reason.
    assert [e.path for e in index.unreadable] == ["README.md"]
    assert "numbering" in index.get("README.md").error
    assert [e.path for e in index.entries] == sorted(e.path for e in index.entries)
    files = find_chain(index, sample_folder() / GAOXIN)
    assert [f.name for f in files] == [HUBEI, GAOXIN]


def test_scan_reports_render(tmp_path):
    index = api.scan(sample_folder(), workers=1)
    data = scan_json.scan_dict(index)
    assert data["schema"] == "duizhao/scan@1"
    gaoxin = next(p for p in data["plans"] if p["path"] == GAOXIN)
    assert gaoxin["chain"] == [HUBEI, GAOXIN]
    assert data["unreadable"][0]["path"] == "README.md"
    json.dumps(data, ensure_ascii=False)
    markdown = scan_markdown.render_scan_markdown(index)
    assert "湖北省 → 高新区" in markdown and "README.md" in markdown
    from rich.console import Console

    out = io.StringIO()
    scan_terminal.render_scan_terminal(index, Console(file=out, width=200))
    assert "无法读取" in out.getvalue() and "高新区" in out.getvalue()


def test_cites_are_matched_by_folded_title():
    assert cited_title("中共中央关于印发〈法治社会建设实施纲要(2020—2025年)〉的通知") == (
        "法治社会建设实施纲要"
    )
    assert cited_title("中华人民共和国宪法") is None  # not a plan: not a declared parent
    assert title_key("湖北省法治社会建设实施方案(2021-2025年)") == title_key(
        "湖北省法治社会建设实施方案"
    )
    assert title_key("安徽法治社会建设实施方案") == title_key("安徽省法治社会建设实施方案")
    assert title_key("合肥法治社会建设实施方案（2021—2025年）") == title_key(
        "合肥市法治社会建设实施方案"
    )


def _entry(path: str, title: str, name: str, level: str, *cites: str) -> Entry:
    return Entry(
        path, sha256=path, title=title, jurisdiction=Jurisdiction(name, level), cites=cites
    )


def test_hierarchy_breaks_ties_between_same_titles():
    entries = [
        _entry("city.txt", "西安市法治社会建设实施方案", "西安市", "city"),
        _entry("other-district.txt", "西安区法治社会建设实施方案", "西安区", "district"),
        _entry("province.txt", "吉林省法治社会建设实施方案", "吉林省", "province"),
        _entry(
            "district.txt", "碑林区法治社会建设实施方案", "碑林区", "district",
            "吉林省法治社会建设实施方案", "西安法治社会建设实施方案(2021—2025年)",
        ),
        _entry(
            "county.txt", "某县法治社会建设实施方案", "某县", "district", "西安市法治社会建设实施方案"
        ),
    ]  # fmt: skip
    index = build_index(Path("."), entries)
    # 《西安…》 from a district: the city, not the other district of the same short name.
    assert [c.path for c in index.get("district.txt").parents] == ["province.txt", "city.txt"]
    assert index.get("district.txt").parent == "city.txt"  # the nearest level above
    assert index.get("county.txt").parent == "city.txt"  # 西安市 never matches 西安区
    assert [e.path for e in index.chain("district.txt")] == ["city.txt", "district.txt"]


def test_generated_folder_scans_to_its_hierarchy(corpus):
    index = api.scan(corpus.root, workers=1)
    key = index.key_of
    assert len(index.plans) == 6 and not index.unreadable
    province = index.get(key(corpus.province))
    assert province.parent is None and province.missing
    for city in corpus.cities:
        assert index.get(key(city)).parent == key(corpus.province)
    for district in corpus.districts:
        entry = index.get(key(district))
        assert entry.jurisdiction.level == "district"
        city = index.get(entry.parent)
        assert city.jurisdiction.level == "city"
        assert district.parent.name == city.path.split("/")[-1].split("-")[0]
        chain = find_chain(index, district)
        assert chain == [corpus.root / key(corpus.province), corpus.root / city.path, district]
        assert len(index.chain(entry.path)) == 3


def test_corrupt_and_hidden_files(tmp_path, corpus):
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "province.txt").write_bytes(corpus.province.read_bytes())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "empty.md").write_bytes(b"")
    (folder / ".hidden.txt").write_bytes(corpus.province.read_bytes())
    (folder / "table.csv").write_text("a,b\n", encoding="utf-8")
    index = api.scan(folder, workers=1)
    assert [e.path for e in index.entries] == ["broken.docx", "empty.md", "sub/province.txt"]
    assert [e.path for e in index.plans] == ["sub/province.txt"]
    for entry in index.unreadable:
        assert entry.error and "\n" not in entry.error


def test_empty_folder_and_missing_folder_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no plan files"):
        api.scan(tmp_path, workers=1)
    with pytest.raises(InputError, match="not a folder"):
        api.scan(tmp_path / "nope", workers=1)


def test_find_chain_without_parent_explains_why():
    index = api.scan(sample_folder(), workers=1)
    with pytest.raises(InputError, match="合肥"):
        find_chain(index, sample_folder() / YAOHAI)


# ---------------------------------------------------------------------------------------------
# Compare in a corpus, and the matrix


def test_locate_chain_finds_the_plans_above(corpus):
    found = api.locate_chain(corpus.root, corpus.districts[0], workers=1)
    chain = api.compare_chain(*found.files)
    assert [p.jurisdiction.level for p in chain.plans] == ["province", "city", "district"]
    found = api.locate_chain(corpus.root, corpus.cities[0], workers=1)
    assert len(found.files) == 2
    pair = api.compare(*found.files)
    assert pair.parent.jurisdiction.level == "province" and pair.child.path.endswith(
        corpus.cities[0].name
    )


def test_matrix_matches_what_the_generator_dropped(corpus, generated_matrix):
    matrix = generated_matrix
    assert len(matrix.columns) == 5  # 2 cities and 3 districts derive from the province
    assert [c.path for c in matrix.columns] == sorted(c.path for c in matrix.columns)
    verdicts = {"dropped": 0, "partial": 0}
    for column in matrix.columns:
        lost = corpus.lost[column.path]
        for row, status in zip(matrix.rows, column.statuses, strict=True):
            if row.id in lost:
                # A dropped measure can still share a sentence with a kept one: partial, never carried.
                assert status in verdicts, (column.path, row.id)
                verdicts[status] += 1
            else:
                assert status == "carried", (column.path, row.id)
    assert verdicts["dropped"] > 0 and verdicts["dropped"] >= 3 * verdicts["partial"]
    for r, row in enumerate(matrix.rows):
        assert sum(row.counts.values()) == 5
        assert len(matrix.carriers(r, "dropped")) == row.counts["dropped"]


def test_matrix_of_comparisons_equals_the_folder_matrix(corpus, generated_matrix):
    from duizhao.compare import compare_plans

    parent = load_plan(corpus.province, name=generated_matrix.parent_path)
    results = [
        compare_plans(parent, load_plan(corpus.root / c.path, name=c.path))
        for c in generated_matrix.columns
    ]
    assert matrix_of(results) == generated_matrix


def test_matrix_needs_children(corpus):
    with pytest.raises(InputError, match="declares it as a parent"):
        api.matrix(corpus.root, corpus.districts[0], workers=1)


def test_output_is_the_same_whatever_the_number_of_workers(corpus, generated_matrix):
    one = api.scan(corpus.root, workers=1)
    two = api.scan(corpus.root, workers=2)
    assert scan_json.scan_dict(one) == scan_json.scan_dict(two)
    parallel = api.matrix(corpus.root, corpus.province, workers=2, index=two)
    assert matrix_json.matrix_dict(parallel) == matrix_json.matrix_dict(generated_matrix)
    assert matrix_markdown.render_matrix_markdown(
        parallel
    ) == matrix_markdown.render_matrix_markdown(generated_matrix)


def test_matrix_reports(tmp_path, generated_matrix):
    from openpyxl import load_workbook
    from rich.console import Console

    markdown = matrix_markdown.render_matrix_markdown(generated_matrix)
    assert "| 措施 | 落实 | 部分落实 | 未落实 |" in markdown
    english = matrix_markdown.render_matrix_markdown(generated_matrix, lang="en")
    assert "| measure | carried | partly carried | dropped |" in english
    out = io.StringIO()
    matrix_terminal.render_matrix_terminal(generated_matrix, Console(file=out, width=200))
    assert "落实" in out.getvalue()
    first = tmp_path / "a.xlsx"
    first.write_bytes(matrix_xlsx.matrix_xlsx_bytes(generated_matrix))
    assert first.read_bytes() == matrix_xlsx.matrix_xlsx_bytes(generated_matrix)
    book = load_workbook(first)
    assert book.sheetnames == ["矩阵", "方案"]
    grid = book["矩阵"]
    assert grid.max_row == len(generated_matrix.rows) + 1
    assert grid.max_column == 6 + len(generated_matrix.columns)


def test_capped_views_say_what_they_leave_out(generated_matrix):
    columns = matrix_views.select_columns(generated_matrix, 2)
    assert columns == sorted(columns) and len(columns) == 2
    assert "显示 5 个方案中的 2 个" in matrix_views.cap_note(generated_matrix, columns)
    with using("en"):
        assert "showing 2 of 5 plans" in matrix_views.cap_note(generated_matrix, columns)
    assert matrix_views.cap_note(generated_matrix, list(range(5))) == ""


# ---------------------------------------------------------------------------------------------
# Heatmap


def _need_cjk_font() -> None:
    try:
        matrix_heatmap.find_cjk_font()
    except InputError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk); CI would fail here")


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_heatmap_is_byte_identical(generated_matrix, suffix):
    _need_cjk_font()
    kind = suffix.lstrip(".")
    data = matrix_heatmap.heatmap_bytes(generated_matrix, kind)
    assert data == matrix_heatmap.heatmap_bytes(generated_matrix, kind)
    if suffix == ".png":
        assert data.startswith(b"\x89PNG")
    else:
        text = data.decode("utf-8")
        assert "<svg" in text and "<dc:date>" not in text
        assert "<text" not in text  # glyphs drawn as paths: readable without the font


def test_heatmap_refuses_without_a_cjk_font(generated_matrix, monkeypatch):
    from matplotlib import font_manager

    monkeypatch.delenv("DUIZHAO_CJK_FONT", raising=False)
    monkeypatch.setattr(matrix_heatmap, "CJK_FONT_PATHS", ())
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with pytest.raises(InputError, match="fonts-noto-cjk"):
        matrix_heatmap.heatmap_bytes(generated_matrix, "png")


def test_heatmap_kind_is_checked(generated_matrix):
    with pytest.raises(InputError, match=r"\.png or \.svg"):
        matrix_heatmap.heatmap_bytes(generated_matrix, "jpg")


# ---------------------------------------------------------------------------------------------
# The commands


def _app():
    from duizhao.cli.app import app

    return app


def _run(*args: str):
    from typer.testing import CliRunner

    return CliRunner().invoke(_app(), [str(a) for a in args])


def test_cli_corpus_scan():
    result = _run("corpus", "scan", sample_folder(), "--format", "json", "--workers", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert next(p for p in data["plans"] if p["path"] == GAOXIN)["parent"] == HUBEI
    assert _run("corpus", "scan", sample_folder() / "nope").exit_code == 2


def test_cli_compare_with_corpus_finds_the_parent():
    child = sample_folder() / GAOXIN
    result = _run("compare", "--corpus", sample_folder(), child, "-f", "json", "-j", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "duizhao/compare@1" and data["parent"]["path"].endswith(HUBEI)
    missing = _run("compare", "--corpus", sample_folder(), sample_folder() / YAOHAI)
    assert missing.exit_code == 2 and "合肥" in missing.output


@pytest.mark.slow
def test_cli_matrix(tmp_path, corpus):
    result = _run("matrix", "--corpus", corpus.root, corpus.province, "-f", "json", "-j", "1")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["schema"] == "duizhao/matrix@1"
    workbook = tmp_path / "matrix.xlsx"
    assert _run("matrix", "--corpus", corpus.root, corpus.province, "-o", workbook).exit_code == 0
    assert workbook.stat().st_size > 0
    over_input = _run("matrix", "--corpus", corpus.root, corpus.province, "-o", corpus.province)
    assert over_input.exit_code == 2


def test_a_parent_chosen_among_copies_is_named(tmp_path):
    for name in (HUBEI, GAOXIN):
        (tmp_path / name).write_bytes((sample_folder() / name).read_bytes())
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / HUBEI).write_bytes((sample_folder() / HUBEI).read_bytes())
    found = api.locate_chain(tmp_path, tmp_path / GAOXIN, workers=1)
    result = api.with_notes(api.compare(*found.files), found.notes)
    notes = [n for n in result.notes if "chosen among copies" in n]
    assert len(notes) == 1 and HUBEI in notes[0] and f"copy/{HUBEI}" in notes[0]
