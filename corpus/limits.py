"""Every bound on what duizhao reads, in one place: file size, archives, numbering, conversion.

Inputs are checked against these before they are read (a size by `stat`, an archive by its
declared sizes), so a hostile or broken file costs a refusal, not memory or time. Each message
names the limit, so a user knows what was exceeded. The figures are far above any real plan:
the longest published provincial plans are a few hundred KB of text.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

from duizhao.corpus.errors import InputError, LimitError, Message, message, os_reason

MAX_FILE_BYTES = 50 * 1024 * 1024
"""A plan file larger than this (50 MB) is refused before it is read."""
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""A .docx whose members declare more than this (200 MB) in all is refused before inflating."""
MAX_ZIP_RATIO = 200
"""A .docx member declaring more than 200× its compressed size is refused (a zip bomb)."""
MAX_ZIP_MEMBERS = 10_000
"""More members than this in a .docx is refused."""
MAX_LIST_NUMBER = 32_767
"""Word's own ceiling on a list's start value; larger starts and counters are clamped to it."""
CONVERT_TIMEOUT_S = 60
"""LibreOffice gets this long (60 s) to convert one .doc/.wps/.odt before it is stopped."""
MAX_HTML_DEPTH = 100
"""HTML elements nested deeper than this are unwrapped (their text kept) before cleaning."""
MAX_OCR_PAGES = 300
"""A scanned plan (PDF of images, page images) of more pages than this is refused before OCR."""
MAX_PAGE_PIXELS = 40_000_000
"""A page image larger than this (40 megapixels: A4 at about 600 dpi) is refused before it is
decoded; scanned PDF pages are rendered at most at `OCR_MAX_DPI`."""
OCR_MAX_DPI = 300
"""Scanned PDF pages are rendered at their images' own resolution, never above this."""
OCR_PAGE_TIMEOUT_S = 120
"""OCR of one page may take this long (120 s); a page that takes longer stops the reading."""


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


READ_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".doc", ".wps", ".odt", ".rtf", ".html",
                 ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # fmt: skip
"""The extensions of the files duizhao reads (a file without one is read too, by content)."""
_EXTENSION = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}")


def check_extension(path: Path) -> None:
    """InputError for a file whose extension names a format duizhao does not read (`.xyz`,
    `.xlsx`): read as text, it would be a wrong answer rather than a refusal. Names without
    an extension, or whose last dot is not one (`方案（2021.5）`), are read by content."""
    suffix = Path(path).suffix
    if _EXTENSION.fullmatch(suffix) and suffix.lower() not in READ_SUFFIXES:
        raise InputError(
            path,
            "has an extension duizhao does not read ({suffix}); it reads {read_suffixes}",
            suffix=suffix,
            read_suffixes=" ".join(READ_SUFFIXES),
        )


def check_regular_file(path: Path) -> os.stat_result:
    """`os.stat` of a plan file; InputError unless it is a regular file within the size limit.

    FIFOs, devices and sockets are refused here, before anything opens them (opening a FIFO
    blocks until a writer comes). Permission and other OS errors become one-line InputErrors.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except NotADirectoryError:
        raise InputError(path, "no such file (a part of the path is not a folder)") from None
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(path, "cannot be read ({reason})", reason=os_reason(exc)) from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a directory, not a plan file")
    if not stat.S_ISREG(mode):
        raise InputError(
            path, "is {kind}, not a regular file: only plan files are read", kind=_kind(mode)
        )
    check_size(path, info.st_size)
    return info


def check_size(subject: object, size: int) -> None:
    """LimitError naming `subject` when a plan file of `size` bytes is over `MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        raise LimitError(
            subject,
            "is {size:.1f} MB, over the {limit_mb} limit per file",
            size=size / 1048576,
            limit_mb=_mb(MAX_FILE_BYTES),
        )


def _kind(mode: int) -> Message:
    if stat.S_ISFIFO(mode):
        return message("a named pipe (FIFO)")
    if stat.S_ISCHR(mode):
        return message("a character device")
    if stat.S_ISBLK(mode):
        return message("a block device")
    if stat.S_ISSOCK(mode):
        return message("a socket")
    return message("a special file")


def read_bounded(path: Path) -> bytes:
    """The bytes of a regular file, never more than `MAX_FILE_BYTES` (checked again on the handle).
    (`stdin.read_input` reads `-` from standard input, bounded the same way, and a file here.)"""
    check_extension(path)
    check_regular_file(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(path, "cannot be read ({reason})", reason=os_reason(exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a special file since the stat
            raise InputError(path, "is not a regular file: only plan files are read")
        return read_capped(lambda size: os.read(fd, size), path, MAX_FILE_BYTES)
    except OSError as exc:
        raise InputError(path, "cannot be read ({reason})", reason=os_reason(exc)) from None
    finally:
        os.close(fd)


def read_capped(read: Callable[[int], bytes], subject: object, limit: int) -> bytes:
    """Every byte `read(size)` gives until it gives none, a LimitError naming `subject` as
    soon as they pass `limit` (a file, or standard input: never more than the limit held)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise LimitError(subject, "is over the {limit_mb} limit per file", limit_mb=_mb(limit))
        chunks.append(chunk)


def check_zip(name: str, infos: list) -> None:
    """Refuse an archive before inflating it when its declared sizes exceed the limits."""
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitError(
            name,
            "has {count} archive members, over the limit of {limit}",
            count=len(infos),
            limit=MAX_ZIP_MEMBERS,
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(
            info.compress_size, 1
        ):
            raise LimitError(
                name,
                "has an archive member ({filename}) that inflates more than {ratio}× (a zip bomb?)",
                filename=info.filename,
                ratio=MAX_ZIP_RATIO,
            )
    if total > MAX_UNZIPPED_BYTES:
        raise LimitError(
            name,
            "inflates to {size:.0f} MB, over the {limit_mb} limit",
            size=total / 1048576,
            limit_mb=_mb(MAX_UNZIPPED_BYTES),
        )


MAX_KEY_PARTS = 16
"""A TOML key of more parts than this (`a.b.c…`) is refused before parsing; real ones have 3."""
MAX_KEY_PARTS_TOTAL = 20_000
"""Parts of all dotted keys (and dotted words) of one configuration, at most."""
MAX_TOML_NESTING = 32
"""Arrays and inline tables nested deeper than this are refused before parsing."""
_TOML_STRING = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_TOML_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
_BRACKET = re.compile(r"[\[\]{}]")
_TOML_DOTTED = re.compile(rf"(?<![A-Za-z0-9_-]){_TOML_PART}(?:[ \t]*\.[ \t]*{_TOML_PART})+")


def check_toml_shape(text: str, subject: object) -> None:
    """Refuse TOML whose keys or nesting would make parsing slow or deep, before it is parsed.

    tomllib spends time quadratic in a dotted key's length (an 80 KB key of 40,000 parts took
    66 s, one of 200,000 parts never ended) and recurses once per nested array. The scan is one
    linear pass of regular expressions: dotted runs are counted wherever they appear (a file
    name in a string counts too, which only makes the bound stricter)."""
    total = 0
    for run in _TOML_DOTTED.finditer(text):
        parts = run.group(0).count(".") + 1 - sum(p.count(".") for p in _quoted(run.group(0)))
        if parts > MAX_KEY_PARTS:
            raise LimitError(
                subject,
                "has a dotted key of {parts} parts, over the limit of {limit}",
                parts=parts,
                limit=MAX_KEY_PARTS,
            )
        total += parts
        if total > MAX_KEY_PARTS_TOTAL:
            raise LimitError(
                subject,
                "has more than {limit:,} dotted key parts in all",
                limit=MAX_KEY_PARTS_TOTAL,
            )
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_TOML_STRING.sub('""', text)):
        if bracket.group(0) in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    if deepest > MAX_TOML_NESTING:
        raise LimitError(
            subject,
            "nests arrays or tables {deepest} deep, over the limit of {limit}",
            deepest=deepest,
            limit=MAX_TOML_NESTING,
        )


def _quoted(run: str) -> list[str]:
    return _TOML_STRING.findall(run)


MAX_PARAGRAPHS = 200_000
"""Paragraphs per input, at most (a 1,000-measure plan has a few thousand): four million short
paragraphs in a 16.5 MB .docx, under every other limit, took 3.6 GB and 103 s to read."""
MAX_MEASURES = 50_000
"""Measures per plan, at most (the largest published plans have a few hundred)."""
_NONBLANK_LINE = re.compile("\\S[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*")
"""A non-blank line as `str.splitlines` cuts lines (from its first non-space character)."""
_W_PREFIX = re.compile(rb'xmlns:([A-Za-z_][\w.-]*)="[^"]*wordprocessingml[^"]*main"')


def check_count(subject: object, count: int, limit: int, what: Message) -> None:
    """LimitError when `count` of `what` exceeds `limit`."""
    if count > limit:
        raise LimitError(
            subject,
            "has {count:,} {what}, over the limit of {limit:,} per input",
            count=count,
            what=what,
            limit=limit,
        )


def check_text_lines(subject: object, text: str) -> None:
    """Refuse text of more non-blank lines than `MAX_PARAGRAPHS` before splitting it."""
    if len(text) <= 2 * MAX_PARAGRAPHS:  # a line is a character and a break at least
        return
    lines = _NONBLANK_LINE.finditer(text)
    if next(itertools.islice(lines, MAX_PARAGRAPHS, None), None) is not None:
        raise LimitError(
            subject, "has more than {limit:,} paragraphs, the limit per input", limit=MAX_PARAGRAPHS
        )


def check_xml_paragraphs(subject: object, stream: IO[bytes]) -> None:
    """Refuse a WordprocessingML part holding more than `MAX_PARAGRAPHS` paragraphs, counted
    in the inflated bytes as they stream (before any XML tree is built): `<w:p>` and `<w:p …`
    with the prefix the part binds to WordprocessingML's namespace."""
    first = stream.read(1 << 16)
    found = _W_PREFIX.search(first)
    prefix = found.group(1) + b":" if found else b""
    marks = (b"<" + prefix + b"p>", b"<" + prefix + b"p ", b"<" + prefix + b"p/")
    count, tail, chunk = 0, b"", first
    while chunk:
        data = tail + chunk
        count += sum(data.count(mark) for mark in marks)
        tail = data[-8:]
        count -= sum(tail.count(mark) for mark in marks)  # counted again with the next chunk
        if count > MAX_PARAGRAPHS:
            break
        chunk = stream.read(1 << 20)
    count += sum(tail.count(mark) for mark in marks)
    if count > MAX_PARAGRAPHS:
        raise LimitError(
            subject, "has more than {limit:,} paragraphs, the limit per input", limit=MAX_PARAGRAPHS
        )
