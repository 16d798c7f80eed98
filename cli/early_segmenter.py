"""A segmenter in a second process, building its dictionary while this one reads the plans.

A first comparison in a fresh process spends about 0.17 s building the segmenter's dictionary
(rjieba builds it on import, holding the GIL, so a thread cannot overlap it) and about as
long importing the CLI, numpy and the engine and reading the files. With a second core the
two overlap: a helper process builds the dictionary at once and then cuts whatever it is
sent; the comparison sends it its clause texts when it needs their cuts, by which time the
dictionary is usually ready.

It can only make things faster, never different. The helper runs the very function that
would run here (`duizhao.compare.segment.segmenter`, same dictionary, same options), and its
answer is checked like a cached cut (one cut per text, each joining back to its text). If it
cannot start, dies, or answers anything else, the texts are cut here and the helper is
stopped. It is not started where it cannot help: one usable core, the segmenter already
built in this process, or a platform without `select` on pipes.

Two ways to start one:
- `prestart()`, from the `duizhao` console script before it imports anything else, for the
  commands that compare: it forks the small process it still is (nothing imported, no
  threads), so the helper skips interpreter start-up too. If the command then serves every
  plan from the cache, the spare is killed unused at exit.
- `EarlySegmenter.start()`, from the library when a file has to be parsed: it takes the spare
  if there is one, else launches `python -m duizhao.cli.early_segmenter` (a library
  never forks the program that imported it).

Protocol: one JSON array of texts per line in, one JSON array of cuts per line out; end of
input ends the helper.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

Cuts = list[list[str]]
POLL_SECONDS = 0.5
"""How often a wait for the helper's answer checks that it is still alive."""


class Helper:
    """A running helper process and the two pipes to it."""

    def __init__(
        self,
        pid: int,
        to_child: IO[bytes],
        from_child: IO[bytes],
        popen: subprocess.Popen[bytes] | None = None,
    ) -> None:
        self.pid, self.to_child, self.from_child = pid, to_child, from_child
        self._popen = popen
        self._reaped = False

    def ask(self, texts: list[str]) -> object:
        """Send texts, return the decoded answer (None if the helper died without one)."""
        self.to_child.write(json.dumps(texts, ensure_ascii=False).encode("utf-8") + b"\n")
        self.to_child.flush()
        line = self._read_line()
        return json.loads(line.decode("utf-8")) if line else None

    def alive(self) -> bool:
        if self._popen is not None:
            return self._popen.poll() is None
        if self._reaped:
            return False
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            done = self.pid
        self._reaped = done == self.pid
        return not self._reaped

    def stop(self) -> None:
        """Close the pipes and kill the process (never waited for while it still loads)."""
        import signal

        for stream in (self.to_child, self.from_child):
            with contextlib.suppress(OSError):
                stream.close()
        if not self.alive():
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        if self._popen is not None:
            self._popen.wait()  # killed: returns at once
        else:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        self._reaped = True

    def _read_line(self) -> bytes:
        import select

        while True:
            ready, _, _ = select.select([self.from_child], [], [], POLL_SECONDS)
            if ready:
                return self.from_child.readline()
            if not self.alive():
                return b""


_spare: Helper | None = None
"""The helper `prestart()` forked, until a comparison takes it (or the process ends)."""


def prestart() -> None:
    """Fork a helper now, for a command about to compare (see the module's docstring).

    Call it only from a program's entry point, before threads or heavy imports exist."""
    global _spare
    if _spare is not None or not worth_starting() or not hasattr(os, "fork"):
        return
    import atexit

    down_r, down_w = os.pipe()
    up_r, up_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (down_r, down_w, up_r, up_w):
            os.close(fd)
        return
    if pid == 0:  # the helper
        code = 1
        try:
            code = _serve_forked(down_r, up_w, keep=(down_r, up_w))
        finally:
            os._exit(code)
    os.close(down_r)
    os.close(up_w)
    _spare = Helper(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"))
    atexit.register(discard_spare)


def discard_spare() -> None:
    """Kill the spare helper if no comparison took it."""
    global _spare
    spare, _spare = _spare, None
    if spare is not None:
        spare.stop()


class EarlySegmenter:
    """A helper process for one call of the library (a context manager: `with EarlySegmenter()`).

    Nothing runs until `start()`, which callers invoke when a file is about to be parsed (a
    plan served from the cache needs no cut, and its comparison is usually cached too)."""

    def __init__(self) -> None:
        self._helper: Helper | None = None
        self._tried = False

    def __enter__(self) -> EarlySegmenter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Take the spare helper, or launch one if it can help (once per call)."""
        global _spare
        if self._tried:
            return
        self._tried = True
        if _spare is not None:
            self._helper, _spare = _spare, None
        elif worth_starting():
            self._helper = _spawn()

    def cut(self, texts: list[str]) -> Cuts:
        """The segmenter's cut of each text: from the helper when it answers well, else here."""
        from duizhao.reports.api.tokens import cut_here, is_cut_of

        if not texts:
            return []
        if self._helper is not None:
            try:
                cuts = self._helper.ask(texts)
            except (OSError, ValueError, RecursionError):
                cuts = None
            if is_cut_of(cuts, texts):
                return cuts
            self.close()
        return cut_here(texts)

    def idle(self) -> None:
        """Nothing to cut (every comparison was cached): a spare forked at start-up stops now,
        not at exit."""
        discard_spare()

    def close(self) -> None:
        """Stop the helper."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.stop()


SWITCH = "DUIZHAO_SEGMENTER_HELPER"
"""Environment variable: `off` keeps every cut in the calling process (no helper at all)."""


def worth_starting() -> bool:
    """A second process helps only with a second core, where `select` waits on pipes, and
    while this process has not built the segmenter itself; `DUIZHAO_SEGMENTER_HELPER=off`
    turns it off (a host that must not start processes, or a measurement without it)."""
    if os.environ.get(SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return False
    if os.name != "posix" or not sys.executable or "rjieba" in sys.modules:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1


def _spawn() -> Helper | None:
    import subprocess

    try:
        popen = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
        )
    except (OSError, ValueError):
        return None
    assert popen.stdin is not None and popen.stdout is not None
    return Helper(popen.pid, popen.stdin, popen.stdout, popen)


def _serve_forked(read_fd: int, write_fd: int, keep: tuple[int, ...]) -> int:
    """The forked helper: no terminal, no inherited files, Ctrl-C ends it silently."""
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # not the parent's handlers
        signal.signal(sig, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    limit = 3
    for fd in sorted((*keep, null)):
        if fd >= limit:
            os.closerange(limit, fd)
            limit = fd + 1
    os.closerange(limit, 1 << 16)
    if null > 2:
        os.close(null)
    with os.fdopen(read_fd, "rb") as inp, os.fdopen(write_fd, "wb") as out:
        return serve(inp, out)


def serve(inp: IO[bytes], out: IO[bytes]) -> int:
    """The helper's loop: build the segmenter, then answer each line of texts with their cuts."""
    try:
        with contextlib.suppress(ImportError):  # the dictionary first: it is awaited
            import rjieba  # noqa: F401
        from duizhao.compare.segment import segmenter

        cut = segmenter()
        for line in inp:
            texts = json.loads(line.decode("utf-8"))
            out.write(json.dumps([cut(t) for t in texts], ensure_ascii=False).encode("utf-8"))
            out.write(b"\n")
            out.flush()
    except (KeyboardInterrupt, BrokenPipeError):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
