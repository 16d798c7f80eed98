"""A cache that is locked by another process or on a full disk is skipped, never moved aside.

Only a file SQLite says is not a database is moved aside (tests/test_cache.py); a busy or full
one holds healthy entries that the next run can use. The lock is held by a real second process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from duizhao.corpus import cache as cache_module
from duizhao.corpus.cache import FILE_NAME, Cache

HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def filled(folder: Path) -> Cache:
    folder.mkdir(mode=0o700)
    store = Cache(folder)
    store.put("k", "a", b"kept")
    return store


def holding_lock(folder: Path, seconds: float) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder / FILE_NAME), str(seconds)],
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"locked"
    return proc


def entries(folder: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(folder / FILE_NAME) as db:
        return db.execute("SELECT kind, key FROM entries").fetchall()


def test_a_cache_locked_by_another_process_is_skipped_not_moved(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_S", 0.3)
    folder = tmp_path / "cache"
    filled(folder)
    holder = holding_lock(folder, 5)
    try:
        start = time.monotonic()
        store = Cache(folder)
        store.put("k", "b", b"new")
        assert store.get("k", "a") is None  # a miss, not an error
        assert time.monotonic() - start < 3  # a bounded wait
        assert store.problem is not None and "locked" in store.problem
    finally:
        holder.kill()
        holder.wait()
    assert sorted(os.listdir(folder))[0] == FILE_NAME
    assert not [n for n in os.listdir(folder) if "corrupt" in n]
    assert entries(folder) == [("k", "a")]  # the healthy entry survived


def test_a_write_that_finds_the_cache_locked_skips_later_ones_too(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_S", 0.3)
    folder = tmp_path / "cache"
    store = filled(folder)
    holder = holding_lock(folder, 5)
    try:
        start = time.monotonic()
        for i in range(10):  # each would wait again without giving up
            store.put("k", f"x{i}", b"v")
        assert time.monotonic() - start < 3
        assert store.problem is not None and not store.enabled
    finally:
        holder.kill()
        holder.wait()
    assert Cache(folder).get("k", "a") == b"kept"


def test_a_full_disk_is_a_skipped_write(tmp_path) -> None:
    folder = tmp_path / "cache"
    store = filled(folder)
    db = store._db
    assert db is not None
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    db.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow: SQLITE_FULL
    store.put("k", "big", os.urandom(1 << 20))
    assert store.problem is not None and "full" in store.problem
    assert Cache(folder).get("k", "a") == b"kept"
    assert not [n for n in os.listdir(folder) if "corrupt" in n]


def test_a_full_disk_when_opening_is_not_taken_for_corruption(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    filled(folder)
    real = sqlite3.connect

    def full(*args, **kw):
        db = real(*args, **kw)

        class Full:
            def execute(self, *a):
                exc = sqlite3.OperationalError("database or disk is full")
                exc.sqlite_errorcode = sqlite3.SQLITE_FULL
                raise exc

            def __getattr__(self, name):
                return getattr(db, name)

        return Full()

    monkeypatch.setattr(sqlite3, "connect", full)
    store = Cache(folder)
    monkeypatch.undo()
    assert not store.enabled and store.problem is not None
    assert not [n for n in os.listdir(folder) if "corrupt" in n]
    assert Cache(folder).get("k", "a") == b"kept"


@pytest.mark.slow
def test_the_command_says_once_that_the_cache_was_locked(tmp_path) -> None:
    folder = tmp_path / "cache"
    filled(folder)
    holder = holding_lock(folder, 30)
    try:
        env = {**os.environ, "DUIZHAO_CACHE": str(folder), "DUIZHAO_LANG": "en"}
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "duizhao.cli", "compare", "--sample", "-f", "json"],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
        assert time.monotonic() - start < 20
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 0 and done.stdout.startswith("{")
    warnings = [line for line in done.stderr.splitlines() if "cache" in line]
    assert len(warnings) == 1 and "locked" in warnings[0]
    assert entries(folder) == [("k", "a")]
