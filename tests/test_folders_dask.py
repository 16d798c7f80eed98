"""Folder commands on a two-worker loopback Dask cluster give the same bytes as the local run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest_dask import dask_scheduler  # noqa: F401  (the module's cluster fixture)

from duizhao.reports import api
from duizhao.reports.render import render

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = Path(__file__).parent / "bench" / "folders_bench.py"
    spec = importlib.util.spec_from_file_location("folders_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["folders_bench"] = module
    spec.loader.exec_module(module)
    return module.generate_folder(tmp_path_factory.mktemp("corpus"), cities=2, districts=4, seed=5)


def test_scan_and_matrix_on_dask_match_the_local_run(corpus, dask_scheduler):  # noqa: F811
    local_index = api.scan(corpus.root, workers=1)
    dask_index = api.scan(corpus.root, dask=dask_scheduler)
    for fmt in ("json", "markdown"):
        assert render(dask_index, fmt) == render(local_index, fmt)
    local = api.matrix(corpus.root, corpus.province, workers=2)
    remote = api.matrix(corpus.root, corpus.province, dask=dask_scheduler)
    assert len(local.columns) >= 6
    for fmt in ("json", "markdown", "xlsx"):
        assert render(remote, fmt) == render(local, fmt)


def test_the_command_line_takes_the_scheduler(corpus, dask_scheduler, tmp_path):  # noqa: F811
    from typer.testing import CliRunner

    from duizhao.cli.app import app

    out_local, out_dask = tmp_path / "local.json", tmp_path / "dask.json"
    runner = CliRunner()
    args = ["matrix", "--corpus", str(corpus.root), str(corpus.province)]
    assert runner.invoke(app, [*args, "-o", str(out_local), "-j", "1"]).exit_code == 0
    result = runner.invoke(app, [*args, "-o", str(out_dask), "--dask", dask_scheduler])
    assert result.exit_code == 0, result.output
    assert out_dask.read_bytes() == out_local.read_bytes()


def test_one_connection_serves_a_whole_matrix(corpus, dask_scheduler, monkeypatch):  # noqa: F811
    """A matrix scans the folder, then compares: both run on one client of the scheduler,
    closed when the matrix is done (a later scan connects afresh)."""
    from duizhao.corpus import parallel_dask as parallel

    clients = []
    connect = parallel._connect

    def counted(*args):
        clients.append(connect(*args))
        return clients[-1]

    monkeypatch.setattr(parallel, "_connect", counted)
    api.matrix(corpus.root, corpus.province, dask=dask_scheduler)
    assert len(clients) == 1 and clients[0].status == "closed"
    api.scan(corpus.root, dask=dask_scheduler)
    assert len(clients) == 2 and clients[1].status == "closed"
