"""Dependencies that earn their place: CSV without pandas, a DataFrame of any result in one call,
jieba as the fallback segmenter, and a plain `pip install .` that runs every format."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from duizhao.compare import compare_plans
from duizhao.compare.chain import compare_chain
from duizhao.compare.matrix import matrix_of
from duizhao.compare.settings import Settings
from duizhao.corpus import parse_plan
from duizhao.corpus.model import Plan
from duizhao.corpus.samples import sample_path
from duizhao.reports.api.frames import MEASURE_COLUMNS, TRACE_COLUMNS, to_frame

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("terminal", "json", "markdown", "html", "csv", "xlsx", "docx")


def drafts() -> tuple[Plan, Plan]:
    """Two drafts of the Gaoxin sample: a year changed, the last measure line deleted."""
    old = sample_path("gaoxin").read_text(encoding="utf-8")
    lines = old.split("\n")
    last = max(k for k, line in enumerate(lines) if line.startswith("("))
    new = "\n".join(lines[:last] + lines[last + 1 :]).replace("到2025年", "到2024年", 1)
    return parse_plan(old, path="草案-1.txt"), parse_plan(new, path="草案-2.txt")


def run(args: list[str], **kw) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DUIZHAO_CACHE": "off", **kw.pop("env", {})}
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120, **kw)


# ── CSV: the standard library ───────────────────────────────────────────────────────────────


def test_compare_csv_imports_no_pandas(tmp_path):
    """`duizhao compare --sample -f csv` as the console script runs it; at exit the modules
    loaded are written down (an exit handler: the script ends with os._exit)."""
    seen = tmp_path / "modules.txt"
    code = (
        "import atexit, sys; "
        f"atexit.register(lambda: open({str(seen)!r}, 'w').write('\\n'.join(sys.modules))); "
        "from duizhao.cli.entry import main; sys.argv = ['duizhao', *sys.argv[1:]]; main()"
    )
    out = run([sys.executable, "-c", code, "compare", "--sample", "-f", "csv"])
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("\ufeff上级方案部分,序号,")
    modules = seen.read_text().split()
    assert "duizhao.reports.pair.csv" in modules  # the list was taken after the CSV
    assert not [m for m in modules if m.split(".")[0] == "pandas"]


def test_every_csv_renders_without_pandas():
    """Pair, chain, revision and plan CSV in one process: pandas is never imported."""
    code = """
import sys
from duizhao.compare import compare_plans
from duizhao.compare.chain import compare_chain
from duizhao.compare.settings import Settings
from duizhao.corpus.samples import load_sample
from duizhao.reports.render import render
from test_dependencies import drafts
hubei, gaoxin, yaohai = (load_sample(n) for n in ("hubei", "gaoxin", "yaohai"))
results = [compare_plans(hubei, gaoxin), compare_plans(*drafts(), revision=True),
           compare_chain([hubei, gaoxin, yaohai], Settings()), hubei]
sizes = [len(render(r, "csv")) for r in results]
print(min(sizes) > 100, "pandas" in sys.modules)
"""
    out = run([sys.executable, "-c", code], env={"PYTHONPATH": str(ROOT / "tests")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False"]


# ── to_frame ────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def pair(samples):
    return compare_plans(samples["hubei"], samples["gaoxin"])


def test_pair_measures_frame_has_one_row_per_measure_with_its_status(pair):
    frame = to_frame(pair)
    assert list(frame.columns) == MEASURE_COLUMNS
    assert len(frame) == pair.summary.parent_measures + pair.summary.child_measures
    parents, children = frame[frame.side == "parent"], frame[frame.side == "child"]
    assert list(parents.id) == [p.measure.id for p in pair.parent_measures]
    assert (parents.status == "dropped").sum() == pair.summary.dropped
    assert (children.status == "added").sum() == pair.summary.added
    assert parents.novelty.isna().all() and children.coverage.isna().all()
    first = pair.parent_measures[0]
    assert math.isclose(parents.coverage.iloc[0], first.coverage)
    assert parents.lead.iloc[0] == "、".join(first.measure.owners.lead)
    sourced = children[children.sources != ""]
    assert set(" ".join(sourced.sources).split()) <= set(parents.id)


def test_pair_links_and_table_frames(pair):
    links = to_frame(pair, "links")
    assert len(links) == len(pair.links)
    assert links.score.between(0, 1).all() and links.evidence.ge(0).all()
    table = to_frame(pair, "table")
    assert (table.parent_status == "dropped").sum() == pair.summary.dropped


def test_revision_frames_speak_of_old_and_new():
    revision = compare_plans(*drafts(), revision=True)
    frame = to_frame(revision)
    assert set(frame.side) == {"old", "new"}
    assert list(frame[frame.side == "old"].status).count("dropped") == 1
    table = to_frame(revision, "table")
    assert len(table) == len(revision.child_measures) + 1  # every new measure, the deleted one
    assert table.changed.sum() == 2  # the year, the deleted measure


def test_chain_matrix_and_plan_frames(samples, pair):
    hubei, gaoxin, yaohai = samples["hubei"], samples["gaoxin"], samples["yaohai"]
    chain = compare_chain([hubei, gaoxin, yaohai], Settings())
    trace = to_frame(chain)
    assert list(trace.columns) == TRACE_COLUMNS
    assert len(trace) == sum(len(t.levels) for t in chain.trace)
    assert set(trace.plan_path) <= {p.path for p in chain.plans}
    measures = to_frame(chain, "measures")
    assert len(measures) == sum(len(p.measures()) for p in chain.plans)

    matrix = matrix_of([pair, compare_plans(hubei, yaohai)])
    statuses = to_frame(matrix)
    assert len(statuses) == len(matrix.rows) * 2
    gaoxin_column = statuses[statuses.plan_path == pair.child.path]
    assert list(gaoxin_column.status) == [str(p.status) for p in pair.parent_measures]
    plans = to_frame(matrix, "plans")
    assert list(plans.dropped) == [c.statuses.count("dropped") for c in matrix.columns]

    plan = to_frame(hubei)
    assert list(plan.id) == [m.id for m in hubei.measures()]


def test_to_frame_refuses_what_it_cannot_make(pair, monkeypatch):
    with pytest.raises(ValueError, match="has no table 'trace'; choose one of measures, links"):
        to_frame(pair, "trace")
    with pytest.raises(TypeError, match="not <class 'str'>"):
        to_frame("plan.txt")
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas → ImportError
    with pytest.raises(ImportError, match="pip install pandas"):
        to_frame(pair)


# ── jieba: the reference and the fallback ───────────────────────────────────────────────────

BLOCK_RJIEBA = "import sys; sys.modules['rjieba'] = None; "


def test_without_rjieba_the_command_runs_on_jieba_with_the_same_answer():
    """A platform without rjieba's wheel: the CLI falls back to jieba, same JSON."""
    main = "from duizhao.cli.entry import main; sys.argv = ['duizhao', *sys.argv[1:]]; main()"
    args = ["compare", "--sample", "-f", "json"]
    normal = run([sys.executable, "-m", "duizhao.cli", *args])
    fallback = run([sys.executable, "-c", BLOCK_RJIEBA + main, *args])
    assert normal.returncode == fallback.returncode == 0, fallback.stderr
    assert fallback.stdout == normal.stdout


def test_without_rjieba_the_library_cuts_with_jieba_under_another_cache_key():
    code = (
        "from duizhao.compare import segment; from duizhao.corpus.samples import load_sample; "
        "from duizhao.compare import compare_plans; "
        "r = compare_plans(load_sample('hubei'), load_sample('gaoxin')); "
        "print(segment.version(), 'jieba' in sys.modules, sys.modules['rjieba'] is None, "
        "r.summary.dropped)"
    )
    with_rjieba = run([sys.executable, "-c", "import sys; " + code]).stdout.split()
    without = run([sys.executable, "-c", BLOCK_RJIEBA + code]).stdout.split()
    assert without[1:3] == ["True", "True"]  # jieba did the cutting
    assert without[3] == with_rjieba[3]
    assert without[0] != with_rjieba[0]  # the token cache key names the segmenter


def test_rjieba_is_required_only_where_it_has_wheels():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    reqs = {Requirement(d).name: Requirement(d) for d in deps}
    assert reqs["jieba"].marker is None  # always installed: the reference and the fallback
    marker = reqs["rjieba"].marker
    assert marker is not None

    def wants(sys_platform: str, machine: str, implementation: str = "CPython") -> bool:
        env = {"sys_platform": sys_platform, "platform_machine": machine,
               "platform_python_implementation": implementation}  # fmt: skip
        return marker.evaluate(env)

    assert wants("linux", "x86_64") and wants("linux", "aarch64") and wants("linux", "i686")
    assert wants("darwin", "arm64") and wants("win32", "AMD64")
    assert not wants("linux", "x86_64", "PyPy")
    assert not wants("linux", "riscv64") and not wants("win32", "ARM64")
    assert not wants("freebsd14", "amd64") and not wants("emscripten", "wasm32")


# ── packaging ───────────────────────────────────────────────────────────────────────────────


def test_the_package_ships_its_license_and_type_marker():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["license"] == "MIT"
    assert "the duizhao authors" in (ROOT / "LICENSE").read_text("utf-8")
    data = project["tool"]["setuptools"]["package-data"]
    for folder in ("cli", "corpus", "compare", "reports"):
        assert (ROOT / folder / "py.typed").is_file()
        assert "py.typed" in data[f"duizhao.{folder}"]
    base = {Requirement(d).name.lower() for d in project["project"]["dependencies"]}
    assert not base & {"openpyxl", "babel"}
    assert {"typer", "rich", "rapidfuzz", "jieba", "pandas"} <= base


@pytest.mark.slow
def test_python_m_build_gives_no_warning(tmp_path):
    # PYTHONDONTWRITEBYTECODE (set on some machines) makes distutils warn about byte-compiling.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    warnings = [
        line for line in (out.stdout + out.stderr).splitlines() if "warning" in line.lower()
    ]
    assert warnings == []
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".gz", ".whl"]


@pytest.mark.slow
def test_plain_pip_install_runs_every_format(tmp_path):
    """`pip install .` (no extras) into a fresh venv: neither openpyxl nor babel comes along,
    and `duizhao compare --sample` writes every format, chains and matrices their xlsx."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_ = venv / "bin"
    install = subprocess.run(
        [str(bin_ / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(ROOT)],
        capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    listed = subprocess.run([str(bin_ / "python"), "-m", "pip", "list", "--format=freeze"],
                            capture_output=True, text=True, check=True).stdout.lower()  # fmt: skip
    names = {line.split("==")[0] for line in listed.split()}
    assert not names & {"openpyxl", "babel"}, names
    assert {"jieba", "pandas", "xlsxwriter"} <= names
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    duizhao = str(bin_ / "duizhao")
    for fmt in FORMATS:
        target = out_dir / f"report.{fmt}"
        done = run([duizhao, "compare", "--sample", "-f", fmt, "-o", str(target)], cwd=tmp_path)
        assert done.returncode == 0, (fmt, done.stderr)
        assert target.stat().st_size > 1000, fmt
    samples = [str(sample_path(n)) for n in ("hubei", "gaoxin", "yaohai")]
    chain = run([duizhao, "compare", *samples, "-o", str(out_dir / "chain.xlsx")])
    assert chain.returncode == 0, chain.stderr
    folder = str(sample_path("hubei").parent)
    matrix = run([duizhao, "matrix", "--corpus", folder, samples[0], "-j", "1", "-o",
                  str(out_dir / "matrix.xlsx")])  # fmt: skip
    assert matrix.returncode == 0, matrix.stderr
    inspect = run([duizhao, "inspect", samples[0], "--csv"])
    assert inspect.returncode == 0 and inspect.stdout.count("\n") > 20, inspect.stderr
    frame = run([str(bin_ / "python"), "-c", "from duizhao.corpus.samples import load_sample; "
                 "from duizhao.reports.api.frames import to_frame; "
                 "print(len(to_frame(load_sample('hubei'))))"])  # fmt: skip
    assert frame.returncode == 0 and int(frame.stdout) > 20, frame.stderr
