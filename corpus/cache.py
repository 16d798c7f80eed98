"""One on-disk cache for parsed plans, tokens and converted documents: data only, never code.

Why SQLite rows of bytes: nothing in the cache can execute (no pickle anywhere), one file
serves every worker process at once (SQLite locks; WAL journal), and eviction by size is one
query. Every entry carries the sha256 of its value; an entry whose checksum does not match,
or whose value does not decode to what the caller expects, is a miss: it is deleted and
rewritten by the caller, never reported as a problem with the user's input. A cache that
cannot be opened at all (read-only folder, a file where the folder should be, a corrupt
database, a folder that other users can write to) disables itself for the run: the tool
still works, only slower. A cache another process holds locked past `BUSY_TIMEOUT_S`, or
on a full disk, is left as it is (its entries are healthy) and skipped for the run, with one
warning (`problems()`); only a file SQLite says is not a database, or is malformed, is moved
aside. The checksum guards against corruption, not against someone who
can write to the user's own cache folder; that is why a shared folder is refused and why
values are validated against what they describe (tokens must be a segmentation of their
text; a plan must carry the sha256 of the bytes it was parsed from).

Values are stored zlib-compressed (parsed plans shrink about tenfold), and inflated with a
bound, so even a doctored entry cannot inflate past the cache's own size limit.

Keys are built by the callers from everything that shapes the value (`key(...)`): the
bytes of the input, the duizhao version and the hash of the sources that produce the value,
the segmenter and its dictionary. Location: `$DUIZHAO_CACHE` (a folder; `off` disables
caching), else the platform's cache folder (platformdirs). Size: `$DUIZHAO_CACHE_MB`
(default 200); the least recently used entries are evicted past it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Collection, Sequence
from importlib import resources
from pathlib import Path

from duizhao.corpus.errors import Message, message, os_reason

DEFAULT_LIMIT_MB = 200
BUSY_TIMEOUT_S = 3.0
"""How long a read or write waits for a cache another process holds locked; then it is skipped."""
FILE_NAME = "cache-v3.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    checksum TEXT NOT NULL,
    size INTEGER NOT NULL,
    used REAL NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used, kind, key, size);
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 0), size INTEGER NOT NULL);
INSERT OR IGNORE INTO totals SELECT 0, COALESCE(SUM(size), 0) FROM entries;
CREATE TRIGGER IF NOT EXISTS entries_added AFTER INSERT ON entries
    BEGIN UPDATE totals SET size = size + new.size WHERE id = 0; END;
CREATE TRIGGER IF NOT EXISTS entries_removed AFTER DELETE ON entries
    BEGIN UPDATE totals SET size = size - old.size WHERE id = 0; END;
CREATE TRIGGER IF NOT EXISTS entries_resized AFTER UPDATE OF size ON entries
    BEGIN UPDATE totals SET size = size - old.size + new.size WHERE id = 0; END;
COMMIT;
"""
# The bytes held are kept as a running total by triggers, in the same statement as each
# insert, replacement or deletion, so a put reads one row to know whether to evict (summing
# 10^5 sizes at every put made a national-corpus scan quadratic). Eviction, which is rare,
# recounts exactly first (a total could drift if an older duizhao replaced rows without the
# triggers firing). The index covers what eviction reads (sizes, order of use).
_OPEN: dict[str, Cache] = {}


def cache_dir() -> Path | None:
    """The cache folder from `$DUIZHAO_CACHE`, or the platform's; None when caching is off."""
    setting = os.environ.get("DUIZHAO_CACHE", "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("duizhao", appauthor=False))


def limit_bytes() -> int:
    """The size bound from `$DUIZHAO_CACHE_MB` (a whole number of megabytes), else 200 MB."""
    raw = os.environ.get("DUIZHAO_CACHE_MB", "")
    try:
        mb = int(raw) if raw.strip() else DEFAULT_LIMIT_MB
    except ValueError:
        mb = DEFAULT_LIMIT_MB
    return max(mb, 1) * 1024 * 1024


def key(*parts: str | bytes) -> str:
    """A cache key from everything that shapes a value (order matters)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def source_digest(
    package: str, *, folders: Sequence[str] = ("",), exclude: Collection[str] = (), salt: str = ""
) -> str:
    """A short hash of a package's Python sources (name and bytes of each, in name order).

    Cached values are keyed by the code that made them, not by a version number: a changed
    source with an unchanged version must never serve a stale value (and reading the package
    version through importlib.metadata costs tens of milliseconds at every start)."""
    digest = hashlib.sha256(salt.encode("utf-8"))
    root = resources.files(package)
    for folder in folders:
        here = root / folder if folder else root
        for item in sorted(here.iterdir(), key=lambda t: t.name):
            if item.name.endswith(".py") and item.name not in exclude:
                digest.update(item.name.encode() + b"\x00" + item.read_bytes())
    return digest.hexdigest()[:16]


def _private(folder: Path) -> bool:
    """Whether only this user can write to the cache folder (as ssh demands of ~/.ssh).

    A cache that someone else can write to could feed this user doctored data: it is not used.
    """
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _inflate(stored: bytes, limit: int) -> bytes | None:
    """A stored value decompressed, or None when it is not zlib data or inflates past `limit`."""
    try:
        inflater = zlib.decompressobj()
        value = inflater.decompress(stored, limit + 1)
    except zlib.error:
        return None
    if len(value) > limit or inflater.unconsumed_tail or not inflater.eof:
        return None
    return value


def _checksum(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()


class Cache:
    """Bytes by (kind, key) in one SQLite file; `get` verifies, `put` evicts past the bound.

    A disabled cache (`Cache(None)`) misses on every `get` and ignores every `put`, so callers
    never test whether caching is on.
    """

    def __init__(self, folder: Path | None, limit: int | None = None) -> None:
        self.folder = folder
        self.limit = limit if limit is not None else limit_bytes()
        self._db: sqlite3.Connection | None = None
        self.problem: Message | None = None
        """Why the cache could not be opened or written this run (locked, full), if it could not."""
        self._pid = os.getpid()
        self._lock = threading.RLock()
        if folder is not None:
            self._db = self._connect(folder)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def _connect(self, folder: Path) -> sqlite3.Connection | None:
        path = folder / FILE_NAME
        for attempt in range(2):
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                if not _private(folder):
                    return None
                # One connection per process, shared by its threads (Dask thread workers):
                # every use holds `self._lock`.
                db = sqlite3.connect(
                    path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
                )
                db.execute("PRAGMA journal_mode=WAL")
                # A cache may lose its last writes in a power cut, never its consistency (WAL):
                # no fsync at every put.
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(_SCHEMA)
                return db
            except sqlite3.DatabaseError as exc:
                if not _corrupt(exc):
                    # Locked by another process, a full disk, an I/O error: the cache is
                    # healthy or may be; it is left alone and unused for this run.
                    self._skip(exc)
                    return None
                # Not a database (truncated, overwritten): move it aside once and start afresh.
                if attempt == 0:
                    with contextlib.suppress(OSError):
                        path.replace(path.with_suffix(f".corrupt-{os.getpid()}"))
                    continue
                return None
            except (OSError, sqlite3.Error) as exc:
                self._skip(exc)
                return None
        return None

    def _give_up(self, db: sqlite3.Connection, exc: sqlite3.Error) -> None:
        """A read or write that failed for a reason other than a bad file (locked past the
        bounded wait, a full disk): it is skipped, and so is every later one this run (each
        would wait again); the entries already there stay as they are."""
        if _corrupt(exc):
            return
        self._skip(exc)
        self._db = None
        with contextlib.suppress(sqlite3.Error):
            db.close()

    def _skip(self, exc: BaseException) -> None:
        """Note why the cache was not used or written (said once, by the command line)."""
        if self.problem is None:
            self.problem = message(
                "{folder}: {reason}; caching skipped for this run",
                folder=self.folder,
                reason=_reason(exc),
            )

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid != os.getpid():
            # A forked worker must not share its parent's connection.
            self._db = self._connect(self.folder) if self.folder else None
            self._pid = os.getpid()
        return self._db

    def _get(self, kind: str, key_: str) -> bytes | None:
        """The value stored under (kind, key), or None (absent, corrupt, or cache off)."""
        db = self._conn()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT value, checksum FROM entries WHERE kind = ? AND key = ?", (kind, key_)
            ).fetchone()
            if row is None:
                return None
            stored, checksum = row
            value = _inflate(stored, self.limit) if isinstance(stored, bytes) else None
            if value is None or _checksum(value) != checksum:
                self._discard(kind, key_)
                return None
            db.execute(
                "UPDATE entries SET used = ? WHERE kind = ? AND key = ?",
                (time.time(), kind, key_),
            )
            return value
        except sqlite3.Error as exc:
            self._give_up(db, exc)
            return None

    def _put(self, kind: str, key_: str, value: bytes) -> None:
        """Store a value; entries least recently used are evicted past the size bound."""
        db = self._conn()
        if db is None or len(value) > self.limit:
            return
        try:
            stored = zlib.compress(value, 1)
            # An upsert, not INSERT OR REPLACE: a replaced row must fire the resize trigger.
            db.execute(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO UPDATE"
                " SET value = excluded.value, checksum = excluded.checksum,"
                " size = excluded.size, used = excluded.used",
                (kind, key_, stored, _checksum(value), len(stored), time.time()),
            )
            self._evict(db)
        except sqlite3.Error as exc:
            self._give_up(db, exc)
            return

    def _discard(self, kind: str, key_: str) -> None:
        """Forget one entry (a value that did not decode is discarded by its reader)."""
        db = self._conn()
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("DELETE FROM entries WHERE kind = ? AND key = ?", (kind, key_))

    def get(self, kind: str, key_: str) -> bytes | None:
        """The value stored under (kind, key), or None (absent, corrupt, or cache off)."""
        with self._lock:
            return self._get(kind, key_)

    def put(self, kind: str, key_: str, value: bytes) -> None:
        """Store a value; entries least recently used are evicted past the size bound."""
        with self._lock:
            self._put(kind, key_, value)

    def discard(self, kind: str, key_: str) -> None:
        """Forget one entry (a value that did not decode is discarded by its reader)."""
        with self._lock:
            self._discard(kind, key_)

    def size(self) -> int:
        """Bytes held (for tests and `make bench`)."""
        with self._lock:
            return self._size()

    def _evict(self, db: sqlite3.Connection) -> None:
        (total,) = db.execute("SELECT size FROM totals WHERE id = 0").fetchone()
        if total <= self.limit:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            (total,) = db.execute(
                "SELECT COALESCE(SUM(size), 0) FROM entries INDEXED BY entries_by_use"
            ).fetchone()
            db.execute("UPDATE totals SET size = ? WHERE id = 0", (total,))
            excess = total - int(self.limit * 0.9)
            doomed: list[tuple[str, str]] = []
            if total > self.limit:
                rows = db.execute("SELECT kind, key, size FROM entries ORDER BY used, kind, key")
                for kind, key_, size in rows:
                    if excess <= 0:
                        break
                    doomed.append((kind, key_))
                    excess -= size
            db.executemany("DELETE FROM entries WHERE kind = ? AND key = ?", doomed)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _size(self) -> int:
        """Bytes held (for tests and `make bench`)."""
        db = self._conn()
        if db is None:
            return 0
        try:
            return int(db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0])
        except sqlite3.Error:
            return 0


def _corrupt(exc: BaseException) -> bool:
    """Whether a SQLite error says the file is not a (sound) database, as opposed to busy, full
    or unwritable: only then is the file moved aside."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _reason(exc: BaseException) -> Message | str:
    """Why a cache read or write failed, as the user's language can say it."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return message("it is locked by another process")
    if "disk is full" in text:
        return message("no space left on the device")
    return os_reason(exc)


def problems() -> list[Message]:
    """Why caches of this process were skipped (one line each), for the command line to say."""
    return [c.problem for c in _OPEN.values() if c.problem is not None and c._pid == os.getpid()]


def open_cache() -> Cache:
    """The cache for the current settings (one per folder per process; disabled when off)."""
    folder = cache_dir()
    name = str(folder) if folder is not None else ""
    cache = _OPEN.get(name)
    if cache is None or cache._pid != os.getpid():
        cache = Cache(folder)
        _OPEN[name] = cache
    return cache
