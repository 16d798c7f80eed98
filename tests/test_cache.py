"""The cache holds data, never code: poisoned, corrupt or doctored entries are misses."""

from __future__ import annotations

import os
import pickle
import sqlite3

import pytest

from duizhao.corpus import load_plan
from duizhao.corpus.cache import FILE_NAME, Cache, key, open_cache
from duizhao.corpus.codec import CodecError, plan_from_bytes, plan_to_bytes
from duizhao.corpus.plan_cache import KIND, cached_plan, plan_key
from duizhao.corpus.samples import sample_path
from duizhao.reports.api.tokens import TOKEN_KIND, segmenter_version, tokenize


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("DUIZHAO_CACHE", str(folder))
    return folder


def _rows(folder):
    with sqlite3.connect(folder / FILE_NAME) as db:
        return db.execute("SELECT kind, key, value, checksum FROM entries").fetchall()


def test_a_cache_hit_is_the_same_plan(cache_folder):
    path = sample_path("gaoxin")
    fresh = load_plan(path)
    assert cached_plan(path) == fresh
    assert [r[0] for r in _rows(cache_folder)] == [KIND]
    assert cached_plan(path) == fresh
    assert cached_plan(path, name="高新区.txt") == load_plan(path, name="高新区.txt")


def test_every_plan_field_survives_the_codec(samples):
    for plan in samples.values():
        assert plan_from_bytes(plan_to_bytes(plan)) == plan


def test_caching_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("DUIZHAO_CACHE", "off")
    assert not open_cache().enabled
    assert cached_plan(sample_path("hubei")) == load_plan(sample_path("hubei"))


def test_a_planted_pickle_is_never_run(cache_folder, tmp_path):
    path = sample_path("hubei")
    cached_plan(path)
    marker = tmp_path / "ran"

    class Boom:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    entry = plan_key(path.read_bytes())
    open_cache().put(KIND, entry, pickle.dumps(Boom()))
    assert cached_plan(path) == load_plan(path)
    assert not marker.exists()
    # the bad entry was replaced by a good one
    assert plan_from_bytes(open_cache().get(KIND, entry)) == load_plan(path)


def test_a_corrupt_byte_is_a_miss_not_an_unparseable_plan(cache_folder):
    path = sample_path("hubei")
    cached_plan(path)
    with sqlite3.connect(cache_folder / FILE_NAME) as db:
        db.execute(
            "UPDATE entries SET value = CAST(replace(CAST(value AS TEXT), '湖北', '湖南') AS BLOB)"
        )
    assert cached_plan(path) == load_plan(path)
    assert cached_plan(path) == load_plan(path)


def test_a_well_formed_entry_of_another_file_is_refused(cache_folder):
    hubei, gaoxin = sample_path("hubei"), sample_path("gaoxin")
    open_cache().put(KIND, plan_key(hubei.read_bytes()), plan_to_bytes(load_plan(gaoxin)))
    assert cached_plan(hubei) == load_plan(hubei)


@pytest.mark.parametrize(
    "value",
    [b"", b"not json", b"[]", b'{"path": 1}', b"\xff\xfe", b"[" * 100_000, b'"x"'],
)
def test_malformed_plan_entries_raise_only_codec_errors(value):
    with pytest.raises(CodecError):
        plan_from_bytes(value)


def test_a_file_that_is_not_a_database_is_moved_aside(cache_folder):
    cache_folder.mkdir(mode=0o700)
    (cache_folder / FILE_NAME).write_bytes(b"garbage" * 100)
    assert Cache(cache_folder).enabled
    assert cached_plan(sample_path("hubei")) == load_plan(sample_path("hubei"))


def test_a_folder_others_can_write_to_is_not_used(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    assert not Cache(folder).enabled


def test_an_unusable_folder_disables_the_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not Cache(blocker / "cache").enabled


def test_size_bound_evicts_least_recently_used(tmp_path):
    folder = tmp_path / "c"
    cache = Cache(folder, limit=10_000)
    for i in range(30):
        cache.put("k", str(i), os.urandom(1000))
    assert cache.size() <= 10_000
    assert cache.get("k", "29") is not None and cache.get("k", "0") is None


def test_the_running_total_of_bytes_held_is_exact_through_replaces_discards_and_evictions(
    tmp_path,
):
    """A put reads the total instead of summing every entry (a 10^5-plan scan was quadratic):
    the total must stay the exact sum, and a drifted one (rows replaced by an older duizhao,
    whose INSERT OR REPLACE fires no trigger) is recounted when eviction looks at it."""
    folder = tmp_path / "c"
    cache = Cache(folder, limit=20_000)

    def total() -> int:
        with sqlite3.connect(folder / FILE_NAME) as db:
            return db.execute("SELECT size FROM totals").fetchone()[0]

    for i in range(12):
        cache.put("k", str(i % 8), os.urandom(500 + 100 * i))  # the last four replace rows
        assert total() == cache.size()
    cache.discard("k", "3")
    assert total() == cache.size()
    for i in range(40):
        cache.put("k", f"more{i}", os.urandom(1000))
        assert total() == cache.size() <= 20_000
    with sqlite3.connect(folder / FILE_NAME) as db:
        db.execute("UPDATE totals SET size = 1000000000")
    cache.put("k", "after drift", os.urandom(10))
    assert total() == cache.size() <= 20_000
    assert cache.get("k", "after drift") is not None


def test_tokens_come_from_the_cache_only_when_they_cut_the_same_text(cache_folder):
    from duizhao.compare import segment

    texts = ["推进法治社会建设", "加强宪法学习宣传教育"]
    fresh = tokenize(texts)
    assert fresh == segment.tokenize_all(texts)
    entry = key(segmenter_version(), *texts)
    # A doctored entry (not a segmentation of these texts) is ignored.
    open_cache().put(TOKEN_KIND, entry, '[["删除"], ["删除"]]'.encode())
    assert tokenize(texts) == fresh
    open_cache().put(TOKEN_KIND, entry, b"{malformed")
    assert tokenize(texts) == fresh


def test_a_cached_comparison_renders_byte_for_byte_as_a_fresh_one(cache_folder):
    from duizhao.reports import api
    from duizhao.reports.api import result_cache
    from duizhao.reports.render import render

    parent, child = api.read_sample("hubei"), api.read_sample("gaoxin")
    fresh = api.compare_cached(parent, child)
    assert result_cache.cached(parent, child, fresh.settings, False) is not None
    again = api.compare_cached(parent, child)
    assert again == fresh
    for fmt in ("json", "markdown", "html", "csv", "terminal"):
        assert render(again, fmt) == render(fresh, fmt)
    assert [n.template for n in again.notes] == [n.template for n in fresh.notes]


def test_a_cached_comparison_of_other_plans_is_refused(cache_folder):
    from duizhao.reports import api
    from duizhao.reports.api import result_cache

    hubei, gaoxin, yaohai = (api.read_sample(n) for n in ("hubei", "gaoxin", "yaohai"))
    other = api.compare_cached(hubei, yaohai)
    real = api.compare_cached(hubei, gaoxin)
    # Plant the Yaohai comparison under the Gaoxin key: it is recognised and recomputed.
    entry = result_cache.comparison_key(hubei, gaoxin, real.settings, False)
    data = open_cache().get(
        result_cache.KIND, result_cache.comparison_key(hubei, yaohai, other.settings, False)
    )
    open_cache().put(result_cache.KIND, entry, data)
    assert result_cache.cached(hubei, gaoxin, real.settings, False) is None
    assert api.compare_cached(hubei, gaoxin) == real
