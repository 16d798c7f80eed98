"""Word 97 .doc, Kingsoft .wps, .odt and RTF converted to .docx by LibreOffice headless, read as docx.

Conversion, not a reader of our own: LibreOffice keeps Word's list numbering as real list
numbering in the .docx it writes, so the docx reader renders the labels the office saw. Each
run gets its own temporary profile (`-env:UserInstallation`) so parallel workers and a user's
open LibreOffice never meet, works on a copy of the input in a temporary folder (nothing is
ever written next to the input), and is killed with its whole process group after
`CONVERT_TIMEOUT_S`, on any error or signal, and when duizhao itself dies (see `GUARD`); its
temporary folder is named for duizhao's process, and one left by a killed run is removed by
the next conversion (`corpus.children`). Results are cached by the input's sha256 and the LibreOffice version
through the shared cache (`duizhao.corpus.cache.open_cache`), so a folder converts a file once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from duizhao.corpus import children
from duizhao.corpus.errors import InputError, Message, message, os_reason
from duizhao.corpus.limits import CONVERT_TIMEOUT_S, MAX_FILE_BYTES

if TYPE_CHECKING:
    from duizhao.corpus.cache import Cache

INSTALL_HINT = message(
    "install it with {command}", command="apt-get install libreoffice-writer-nogui"
)
_VERSION: dict[str, str] = {}


def soffice() -> str | None:
    """The LibreOffice executable (`$DUIZHAO_SOFFICE`, else `soffice` / `libreoffice` on PATH)."""
    configured = os.environ.get("DUIZHAO_SOFFICE")
    if configured:
        return shutil.which(configured) or (configured if os.path.isfile(configured) else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_version(binary: str) -> str:
    """`soffice --version` (cached per process); part of the conversion cache key."""
    if binary not in _VERSION:
        try:
            done = subprocess.run(
                [binary, "--version"], capture_output=True, timeout=30, stdin=subprocess.DEVNULL
            )
            _VERSION[binary] = done.stdout.decode("utf-8", "replace").strip() or binary
        except (OSError, subprocess.SubprocessError):
            _VERSION[binary] = binary
    return _VERSION[binary]


def encrypted_word97(data: bytes) -> bool:
    """Whether an OLE file's WordDocument stream says it is encrypted (FIB flag fEncrypted).

    The stream's directory entry is found by its name; any layout this does not follow is
    left to LibreOffice to judge.
    """
    if len(data) < 1024:
        return False
    size = 1 << min(int.from_bytes(data[0x1E:0x20], "little"), 16)
    name = "WordDocument".encode("utf-16-le") + b"\x00\x00"
    at = data.find(name, 512)
    while at >= 0 and at % 128:  # directory entries are 128-byte aligned
        at = data.find(name, at + 1)
    if at < 0:
        return False
    sector = int.from_bytes(data[at + 0x74 : at + 0x78], "little")
    offset = (sector + 1) * size
    if data[offset : offset + 2] != b"\xec\xa5":
        return False
    return bool(int.from_bytes(data[offset + 0x0A : offset + 0x0C], "little") & 0x0100)


def to_docx(name: str, data: bytes, kind: str) -> bytes:
    """The .docx LibreOffice makes of `data` (a .doc, .wps or .odt); InputError when it cannot."""
    if kind in ("doc", "wps") and encrypted_word97(data):
        raise InputError(
            name,
            "is a password-protected {kind} file; remove the password and save it as .docx",
            kind=kind,
        )
    binary = soffice()
    if binary is None:
        raise InputError(
            name,
            "is a {kind} file: reading it needs LibreOffice; {install_hint}",
            kind=kind,
            install_hint=INSTALL_HINT,
        )
    key = hashlib.sha256(data + b"\x00" + soffice_version(binary).encode()).hexdigest()
    cache = _cache()
    if cache is not None:
        hit = _cache_get(cache, key)
        if hit is not None and hit.startswith(b"PK\x03\x04"):
            return hit
    out = _convert(name, data, kind, binary)
    if cache is not None:
        _cache_put(cache, key, out)
    return out


GUARD = 'trap "kill -KILL 0" HUP INT TERM; "$@" & wait $!'
"""LibreOffice runs under this shell, the leader of a process group of its own. The shell is
told by the kernel when duizhao dies (PR_SET_PDEATHSIG, even of SIGKILL) and then kills the
whole group: `soffice` and the `soffice.bin` its launcher starts, which the kernel's signal
alone would not reach."""


def _convert(name: str, data: bytes, kind: str, binary: str) -> bytes:
    suffix = {"doc": ".doc", "wps": ".wps", "odt": ".odt", "rtf": ".rtf"}.get(kind, ".doc")
    children.sweep("lo")  # folders of conversions whose process was killed outright
    tmp = tempfile.mkdtemp(prefix=children.temp_prefix("lo"))
    try:
        return _convert_in(Path(tmp), name, data, kind, binary, suffix)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _convert_in(work: Path, name: str, data: bytes, kind: str, binary: str, suffix: str) -> bytes:
    source = work / f"input{suffix}"
    source.write_bytes(data)
    outdir = work / "out"
    profile = (work / "profile").as_uri()
    command = [
        binary,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(source),
    ]
    env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
    try:
        proc = subprocess.Popen(
            ["/bin/sh", "-c", GUARD, "duizhao-soffice", *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=work,
            env=env,
            start_new_session=True,
            preexec_fn=children.death_signal(signal.SIGTERM),
        )
    except OSError as exc:
        raise InputError(
            name, "LibreOffice could not be started ({reason})", reason=os_reason(exc)
        ) from None
    children.started(proc.pid)
    try:
        log, _ = proc.communicate(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise InputError(
            name,
            "LibreOffice did not convert it within {limit} s (stopped)",
            limit=CONVERT_TIMEOUT_S,
        ) from None
    except BaseException:
        _kill(proc)
        raise
    finally:
        _kill(proc)  # whatever the launcher left running in its group
        children.ended(proc.pid)
    result = outdir / "input.docx"
    if proc.returncode != 0 or not result.is_file():
        raise InputError(name, _failure(kind, log.decode("utf-8", "replace")))
    if result.stat().st_size > MAX_FILE_BYTES:
        raise InputError(name, "converts to a .docx over the size limit")
    return result.read_bytes()


def _failure(kind: str, log: str) -> Message:
    if "password" in log.lower():
        return message("is a password-protected {kind} file; remove the password first", kind=kind)
    return message(
        "is a {kind} file that LibreOffice cannot open (damaged, encrypted or not a document); "
        "open it in an office suite and save it as .docx",
        kind=kind,
    )


def _kill(proc: subprocess.Popen) -> None:
    """Stop LibreOffice and everything it started (oosplash, soffice.bin), and wait for the
    group to be gone (at most 5 s), so that its temporary folder is no longer written to."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.02)


# --- the shared cache (written by the lead; absent or failing means no caching) -------------


def _cache() -> Cache | None:
    try:
        from duizhao.corpus.cache import open_cache
    except ImportError:
        return None
    try:
        return open_cache()
    except Exception:  # a cache that cannot be opened is a miss, never an input error
        return None


def _cache_get(cache: Cache | None, key: str) -> bytes | None:
    if cache is None:
        return None
    try:
        value = cache.get("converted", key)
    except Exception:
        return None
    return value if isinstance(value, bytes) else None


def _cache_put(cache: Cache | None, key: str, data: bytes) -> None:
    if cache is None:
        return
    with contextlib.suppress(Exception):
        cache.put("converted", key, data)
