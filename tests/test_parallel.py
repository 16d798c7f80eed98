"""run_tasks: the same results in the same order in this process, on local workers and on Dask."""

from __future__ import annotations

import math
import random
import socket
import sys
import time
from functools import partial

import pytest
from conftest_dask import dask_scheduler  # noqa: F401  (the module's cluster fixture)

from duizhao.compare import compare_plans
from duizhao.compare.settings import Settings
from duizhao.corpus import work
from duizhao.corpus.errors import InputError
from duizhao.corpus.parallel import dask_address, run_tasks
from duizhao.corpus.samples import SAMPLES, load_sample
from duizhao.reports.pair.json import compare_dict, dump_json


@pytest.fixture(autouse=True)
def _no_dask_env(monkeypatch):
    monkeypatch.delenv(work.DASK_ENV, raising=False)


def _sizes() -> list[int]:
    """Uneven work in a shuffled order, so that tasks finish out of input order."""
    sizes = [60 * (i % 13) for i in range(300)]
    random.Random(3).shuffle(sizes)
    return sizes


def test_local_workers_return_results_in_input_order():
    sizes = _sizes()
    expected = [math.factorial(n) for n in sizes]
    assert run_tasks(math.factorial, sizes, workers=1) == expected
    assert run_tasks(math.factorial, sizes, workers=2) == expected


def test_progress_counts_up_to_the_total():
    seen: list[tuple[int, int]] = []
    run_tasks(math.factorial, _sizes(), workers=2, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (300, 300)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_an_input_error_in_a_worker_is_raised_here_unchanged():
    for workers in (1, 2):
        with pytest.raises(InputError) as caught:
            run_tasks(load_sample, ["hubei", "no-such-sample", "gaoxin"], workers=workers)
        assert caught.value.subject == "--sample no-such-sample"
        assert "unknown sample" in caught.value.problem


def test_other_errors_propagate_from_workers():
    with pytest.raises(ValueError):
        run_tasks(math.factorial, [3, 2, -1, 4], workers=2)


def test_a_function_workers_cannot_import_is_refused():
    with pytest.raises(TypeError, match="module-level"):
        run_tasks(lambda x: x, [1, 2, 3], workers=2)
    assert run_tasks(lambda x: x + 1, [1, 2], workers=1) == [2, 3]  # no worker: fine


def test_chunks_cover_every_item_once_in_order_and_stay_few():
    items = list(range(100_000))
    chunks = list(work.chunks(items, slots=2))
    assert [x for _, chunk in chunks for x in chunk] == items
    assert all(items[start] == chunk[0] for start, chunk in chunks)
    assert len(chunks) <= len(items) // work.MAX_CHUNK + 1


def test_the_scheduler_comes_from_the_argument_or_the_environment(monkeypatch):
    assert dask_address(None) is None
    monkeypatch.setenv(work.DASK_ENV, " tcp://10.0.0.5:8786 ")
    assert dask_address(None) == "tcp://10.0.0.5:8786"
    assert dask_address("tcp://127.0.0.1:9999") == "tcp://127.0.0.1:9999"
    assert dask_address("") is None  # "" forces local work whatever the environment says


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_scheduler_at_the_address_is_an_input_error_at_once():
    pytest.importorskip("distributed")  # its import (~1 s) is not what is timed
    address = f"tcp://127.0.0.1:{_free_port()}"
    t = time.perf_counter()
    with pytest.raises(InputError, match="no Dask scheduler answers there"):
        run_tasks(math.factorial, [1, 2], dask=address)
    assert time.perf_counter() - t < 3


def test_a_port_that_never_answers_is_an_input_error_within_the_timeout():
    pytest.importorskip("distributed")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        t = time.perf_counter()
        with pytest.raises(InputError, match=r"answered within 0\.5 s"):
            run_tasks(math.factorial, [1, 2], dask=address, connect_timeout=0.5)
        assert time.perf_counter() - t < 3


def test_a_malformed_address_is_an_input_error():
    with pytest.raises(InputError, match="HOST:PORT"):
        run_tasks(math.factorial, [1], dask="localhost")


def test_without_distributed_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(InputError, match=r"pip install 'duizhao\[dask\]'"):
        run_tasks(math.factorial, [1, 2], dask="tcp://127.0.0.1:8786")


# ---------------------------------------------------------------------------------------------
# On a two-worker loopback cluster


@pytest.mark.slow
def test_dask_returns_the_local_results_in_input_order(dask_scheduler):  # noqa: F811
    sizes = _sizes()
    assert run_tasks(math.factorial, sizes, dask=dask_scheduler) == run_tasks(
        math.factorial, sizes, workers=2
    )


@pytest.mark.slow
def test_dask_comparisons_give_the_local_json_byte_for_byte(dask_scheduler):  # noqa: F811
    """Real work on workers with their own hash seeds: parsing and comparing the samples."""
    names = [*SAMPLES, *SAMPLES]
    assert run_tasks(load_sample, names, dask=dask_scheduler) == run_tasks(
        load_sample, names, workers=2
    )
    parent = load_sample("hubei")
    compare = partial(compare_plans, parent, settings=Settings())
    children = [load_sample("gaoxin"), load_sample("yaohai")]
    local = [dump_json(compare_dict(c)) for c in run_tasks(compare, children, workers=1)]
    remote = [dump_json(compare_dict(c)) for c in run_tasks(compare, children, dask=dask_scheduler)]
    assert remote == local


@pytest.mark.slow
def test_dask_carries_input_errors_and_other_errors_back(dask_scheduler):  # noqa: F811
    with pytest.raises(InputError) as caught:
        run_tasks(load_sample, ["hubei", "no-such-sample"], dask=dask_scheduler)
    assert caught.value.subject == "--sample no-such-sample"
    with pytest.raises(ValueError):
        run_tasks(math.factorial, [3, -1], dask=dask_scheduler)


@pytest.mark.slow
def test_dask_progress_and_the_environment_address(dask_scheduler, monkeypatch):  # noqa: F811
    monkeypatch.setenv(work.DASK_ENV, dask_scheduler)
    seen: list[tuple[int, int]] = []
    out = run_tasks(math.factorial, list(range(50)), progress=lambda d, t: seen.append((d, t)))
    assert out == [math.factorial(n) for n in range(50)]
    assert seen[-1] == (50, 50)


def _module_the_workers_lack():
    """A function from a module that exists only in this process (as if not installed there)."""
    import types

    module = types.ModuleType("duizhao_only_here")
    exec("def double(x):\n    return 2 * x\n", module.__dict__)
    sys.modules[module.__name__] = module
    return module.double


@pytest.mark.slow
def test_dask_workers_without_duizhao_are_an_input_error(dask_scheduler):  # noqa: F811
    double = _module_the_workers_lack()
    try:
        with pytest.raises(InputError, match="install duizhao where they run"):
            run_tasks(double, [1, 2], dask=dask_scheduler)
    finally:
        del sys.modules["duizhao_only_here"]


@pytest.mark.slow
def test_dask_with_no_items_checks_the_address_and_returns_nothing(dask_scheduler):  # noqa: F811
    assert run_tasks(math.factorial, [], dask=dask_scheduler) == []
