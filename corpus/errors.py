"""The one error path: every failure a user can cause is a `DuizhaoError` naming its subject.

The readers, the comparison, the check stage and the writers raise these; the command line
turns any of them into one line on stderr and exit code 2 (`duizhao.cli` maps them in one
place). `subject` is what the problem is about (a file, an option, a setting), printed with
`display_path` so that file names that are not valid UTF-8 never raise while printing.

An error's problem is a `Message`: an English template (the msgid of the catalogue, found by
`make i18n` at every raise site) and the values it was filled with. The library raises
structured errors whose `str()` is English (`subject: problem`), worker processes pickle them
with their template and values, and the command line says them in the user's language at the
edge (`DuizhaoError.say`, `duizhao.cli.errors`).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable

Gettext = Callable[[str], str]


def display_path(path: object) -> str:
    """A path as text that can always be printed: undecodable bytes as \\xNN, controls escaped."""
    text = os.fsdecode(path) if isinstance(path, bytes | os.PathLike) else str(path)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def one_line(text: str) -> str:
    """`text` with every run of white space (newlines of a tool's log) as one space."""
    return " ".join(text.split())


class Message(str):
    """An English sentence that remembers its template and values, to be said in any language.

    Values that are themselves messages (a reason, a word such as "format") are said in the
    same language; numbers keep their type, so a template may format them (`{size:.1f}`);
    anything else (a file name, an option, a reason the OS gave) is kept verbatim (paths as
    `display_path` text, objects as their `str`)."""

    template: str
    params: tuple[tuple[str, object], ...]

    def __new__(cls, template: str, /, **values: object) -> Message:
        kept = {k: _kept(v) for k, v in values.items()}
        self = super().__new__(cls, template.format(**kept) if kept else template)
        self.template = str(template)
        self.params = tuple(sorted(kept.items()))
        return self

    def __reduce__(
        self,
    ) -> tuple[Callable[..., Message], tuple[str, tuple[tuple[str, object], ...]]]:
        # Pickled across worker processes (a local pool, Dask) with its template and values.
        return (_rebuild, (self.template, self.params))

    def say(self, gettext: Gettext) -> str:
        """The message in the language of `gettext` (a catalogue's gettext function)."""
        values = {k: say(v, gettext) for k, v in self.params}
        return gettext(self.template).format(**values) if values else gettext(self.template)


def _kept(value: object) -> object:
    if isinstance(value, bytes | os.PathLike):
        return display_path(value)
    if value is None or isinstance(value, str | int | float | list | tuple | dict):
        return value  # `{value!r}` shows it as it was given (a TOML value, a number)
    return str(value)


def _rebuild(template: str, params: tuple[tuple[str, object], ...]) -> Message:
    return Message(template, **dict(params))


def message(template: str, /, **values: object) -> Message:
    """A message from an English template with `{name}` fields (marked for the catalogue:
    `make i18n` extracts every `message("…")`, as it does the problem of a raise site)."""
    return Message(template, **values)


def reworded(text: str, templates: tuple[str, ...]) -> Message | str:
    """`text` as the `Message` of the first of `templates` that made it (its values read back
    from it), or `text` itself: how an English sentence kept as plain text (a plan's warnings
    in the cache, in `inspect --json`) is said in another language all the same."""
    if isinstance(text, Message):
        return text
    for template in templates:
        values = _read_back(template, text)
        if values is not None:
            return Message(template, **values)
    return text


def _read_back(template: str, text: str) -> dict[str, str] | None:
    import re
    import string

    pattern, names = "", []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name is not None:
            pattern += f"(?P<{name}>.+?)" if name not in names else f"(?P={name})"
            names.append(name)
    found = re.fullmatch(pattern, text, flags=re.S)
    return found.groupdict() if found else None


def say(text: object, gettext: Gettext) -> object:
    """A `Message` in the language of `gettext`; anything else as it is (verbatim)."""
    return text.say(gettext) if isinstance(text, Message) else text


def _os_reasons() -> dict[int, Message]:
    return {
        errno.ENOENT: message("no such file or directory"),
        errno.EACCES: message("permission denied"),
        errno.EPERM: message("operation not permitted"),
        errno.ENOSPC: message("no space left on the device"),
        errno.EDQUOT: message("disk quota exceeded"),
        errno.EROFS: message("read-only file system"),
        errno.EISDIR: message("is a directory"),
        errno.ENOTDIR: message("not a directory"),
        errno.ENAMETOOLONG: message("file name too long"),
        errno.ELOOP: message("too many levels of symbolic links"),
        errno.EIO: message("input/output error"),
        errno.EPIPE: message("broken pipe"),
        errno.EBUSY: message("device or resource busy"),
        errno.EEXIST: message("file exists"),
        errno.EMFILE: message("too many open files"),
        errno.ENXIO: message("no such device or address"),
        errno.ETXTBSY: message("text file busy"),
        errno.ECONNREFUSED: message("connection refused"),
        errno.ECONNRESET: message("connection reset by the other side"),
        errno.ETIMEDOUT: message("connection timed out"),
        errno.EHOSTUNREACH: message("no route to the host"),
        errno.ENETUNREACH: message("the network is unreachable"),
    }


def os_reason(exc: BaseException) -> Message | str:
    """Why the OS refused, as a message the user's language can say (the common errors; any
    other as the system's own words)."""
    number = getattr(exc, "errno", None)
    known = _os_reasons().get(number) if isinstance(number, int) else None
    if known is not None:
        return known
    return one_line(getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)


class DuizhaoError(Exception):
    """A failure the user can fix; `str()` is the one-line message (`subject: problem`), in
    English; `say(gettext)` is the same line in the user's language.

    `problem` is the English template of the message (a literal at the raise site, so the
    catalogue holds it) and `values` fill its `{name}` fields; a ready `Message` is taken as
    it is. The subject stays verbatim (a file name, an option) unless it is a `Message`."""

    def __init__(self, subject: object, problem: str, /, **values: object) -> None:
        self.subject: str = subject if isinstance(subject, Message) else display_path(subject)
        if isinstance(problem, Message) and not values:
            self.problem: Message = problem
        else:
            self.problem = Message(str(problem), **values)
        super().__init__(f"{self.subject}: {one_line(self.problem)}")

    def __reduce__(self) -> tuple[Callable[..., DuizhaoError], tuple[object, ...]]:
        return (_rebuilt_error, (type(self), self.subject, self.problem))

    def say(self, gettext: Gettext) -> str:
        """`subject: problem` in the language of `gettext` (file names and options verbatim)."""
        return f"{say(self.subject, gettext)}: {one_line(self.problem.say(gettext))}"

    @property
    def path(self) -> str:
        """The subject (kept under this name: most subjects are files)."""
        return self.subject


def _rebuilt_error(kind: type[DuizhaoError], subject: object, problem: Message) -> DuizhaoError:
    error = kind.__new__(kind)
    DuizhaoError.__init__(error, subject, problem)
    return error


class InputError(DuizhaoError):
    """Input that cannot be read as a plan (or a configuration, or an option value)."""


class ConfigError(InputError):
    """A `duizhao.toml` / `[tool.duizhao]` that cannot be used as it stands."""


class OutputError(DuizhaoError):
    """An output that cannot be written (unwritable folder, full disk, would overwrite an input)."""


class LimitError(InputError):
    """An input over a stated limit (size, nesting, numbering); the message names the limit."""


class WorkerLost(DuizhaoError):
    """A worker process or a Dask cluster was lost mid-run (killed, out of memory, stopped)."""
