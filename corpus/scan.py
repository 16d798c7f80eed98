"""Index a folder of plans: read every plan file once, match each preamble's cites to its parents.

A plan declares its parents by citing their titles in 《》 (根据《…》). A cite is matched to
a plan of the folder by title, folded: period and draft parentheses stripped, full-width folded
to half-width, a notice unwrapped (《关于印发〈X〉的通知》 names X) and the leading jurisdiction
reduced to its short form, so 《安徽法治社会建设实施方案》 finds 安徽省法治社会建设实施方案.
When several plans share the folded title, an exact title wins, then the jurisdiction hierarchy
(only a level above the citing plan, the nearest first), then a final plan over a draft, then
the path. A plan's declared chain follows its nearest found parent upward.

Reading is a function of one file (`read_entry`) so that callers can run it in worker processes
(see `duizhao.cli.folders`); everything else here is pure and ordered by path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from duizhao.corpus import wrapping
from duizhao.corpus.errors import InputError, Message, message
from duizhao.corpus.folder_files import Duplicate, Skipped, find_duplicates, list_files
from duizhao.corpus.jurisdiction import LEVEL_RANK, level_of, name_in, short_form
from duizhao.corpus.model import Jurisdiction
from duizhao.corpus.plan_cache import cached_plan
from duizhao.corpus.readers import PLAN_SUFFIXES

NO_JURISDICTION = Jurisdiction("", "unknown")
NATIONAL_RANK = -1
"""Rank of a plan with no jurisdiction in its title (the central outline)."""

Mapper = Callable[[Callable[..., Any], Sequence[tuple]], list]
"""Runs `fn(*args)` for each argument tuple and returns the results in the same order."""


@dataclass(frozen=True)
class Cited:
    """One plan a preamble cites, and the file of the folder it was matched to."""

    cited: str
    """As written between 《》."""
    title: str
    """The plan title it names, period and draft marker stripped."""
    path: str | None
    """Index key of the matched plan; None when the folder does not hold it (missing)."""


@dataclass(frozen=True)
class Entry:
    """One file of the folder: its plan's metadata and declared parents, or why it was unreadable."""

    path: str
    """Index key: the path relative to the folder (posix), or the absolute path of an extra file."""
    sha256: str = ""
    title: str = ""
    jurisdiction: Jurisdiction = NO_JURISDICTION
    period: str | None = None
    draft: bool = False
    cites: tuple[str, ...] = ()
    measure_count: int = 0
    error: str | None = None
    """One-line reason the file could not be read as a plan; None for a plan."""
    parents: tuple[Cited, ...] = ()
    """Cited plans (cites that name a plan), in preamble order."""
    parent: str | None = None
    """The nearest found parent: the declared parent one level up the chain."""
    format: str = ""
    """How the file was read: txt, md, docx, html, pdf; with `converted_from` doc, wps, odt."""
    converted_from: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """Cited plans the folder does not hold."""
        return tuple(c.cited for c in self.parents if c.path is None)


@dataclass(frozen=True)
class Index:
    """Every file of a folder, sorted by path, with the parents each plan declares."""

    root: Path
    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...] = ()
    """Files of the folder not read at all, and why (format not supported, hidden, a link)."""
    duplicates: tuple[Duplicate, ...] = ()
    """Plans (same title, jurisdiction, period and draft status) held in several files."""
    _by_path: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_path", {e.path: e for e in self.entries})

    def get(self, key: str) -> Entry | None:
        return self._by_path.get(key)

    @property
    def plans(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.error is None)

    @property
    def unreadable(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.error is not None)

    def key_of(self, path: str | Path) -> str:
        """The index key for a file path (relative to the folder when inside it)."""
        return entry_key(self.root, Path(path))

    def readable(self, path: str | Path) -> tuple[str, Entry]:
        """Key and entry of a plan file that was scanned and parsed; InputError otherwise."""
        key = self.key_of(path)
        entry = self.get(key)
        if entry is None:
            raise InputError(str(path), "is not among the plans scanned in {root}", root=self.root)
        if entry.error is not None:
            raise InputError(str(path), entry.error)
        return key, entry

    def file(self, key: str) -> Path:
        """The file behind an index key, as a path the caller can open."""
        return self.root / key

    def chain(self, key: str) -> list[Entry]:
        """The declared chain ending at `key`: nearest found parents followed upward, top first."""
        chain: list[Entry] = []
        seen: set[str] = set()
        entry = self.get(key)
        while entry is not None and entry.path not in seen:
            seen.add(entry.path)
            chain.append(entry)
            entry = self.get(entry.parent) if entry.parent else None
        return chain[::-1]

    def ancestors(self, key: str) -> set[str]:
        """Every plan `key` derives from: its found parents, theirs, and so on."""
        found: set[str] = set()
        todo = [key]
        while todo:
            entry = self.get(todo.pop())
            for cited in entry.parents if entry else ():
                if cited.path and cited.path not in found and cited.path != key:
                    found.add(cited.path)
                    todo.append(cited.path)
        return found

    @property
    def not_chosen(self) -> frozenset[str]:
        """Files holding a plan that another file of the folder holds too, and was preferred."""
        return frozenset(o for d in self.duplicates for o in d.others)

    def descendants(self, key: str) -> list[Entry]:
        """Plans deriving from `key` (directly or through their chain), sorted by path; a plan
        held in several files counts once (the chosen file)."""
        skip = self.not_chosen
        return [
            e
            for e in self.plans
            if e.path != key and e.path not in skip and key in self.ancestors(e.path)
        ]


# ---------------------------------------------------------------------------------------------
# Reading


def entry_key(root: Path, path: Path) -> str:
    """Path relative to `root` in posix form, or the absolute path when outside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def read_entry(root: str, key: str) -> Entry:
    """Parse one file (through the plan cache) into an entry; a failure is recorded, not raised."""
    try:
        plan = cached_plan(Path(root) / key, name=key)
    except InputError as exc:
        return Entry(key, error=exc.problem)
    except Exception as exc:  # one broken file must not stop a folder scan
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return Entry(key, error=message("cannot be parsed ({reason})", reason=reason))
    return Entry(
        path=key,
        sha256=plan.sha256,
        title=plan.title,
        jurisdiction=plan.jurisdiction,
        period=plan.period,
        draft=plan.draft,
        cites=plan.cites,
        measure_count=len(plan.measures()),
        format=plan.format,
        converted_from=plan.converted_from,
    )


def scan_folder(
    root: str | Path, *, extra: Sequence[Path] = (), mapper: Mapper | None = None
) -> Index:
    """Index every plan file under `root` (plus `extra` files); `mapper` may run reads in parallel."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "is not a folder")
    files, skipped = list_files(root)
    keys = sorted(entry_key(root, p) for p in files)
    for path in extra:
        if not Path(path).is_file():
            raise InputError(str(path), "no such file")
        key = entry_key(root, Path(path))
        if key not in keys:
            keys.append(key)
    if not keys:
        raise InputError(
            str(root),
            "holds no plan files ({plan_suffixes})",
            plan_suffixes=" ".join(PLAN_SUFFIXES),
        )
    args = [(str(root), key) for key in sorted(keys)]
    entries = (mapper or serial_map)(read_entry, args)
    return build_index(root, entries, skipped=tuple(skipped))


def serial_map(fn: Callable[..., Any], args: Sequence[tuple]) -> list:
    return [fn(*a) for a in args]


# ---------------------------------------------------------------------------------------------
# Matching cites to plans

_NOTICE_INNER = re.compile(r"[〈<]([^〈〉<>]+)[〉>]")
_NOTICE_PLAIN = re.compile(r"关于印发(.+?)的通知$")


def fold(text: str) -> str:
    """Full-width folded to half-width, spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def cited_title(cited: str) -> str | None:
    """The plan title a cite names (a notice unwrapped), or None when it names no plan."""
    text = fold(cited)
    inner = _NOTICE_INNER.search(text) or _NOTICE_PLAIN.search(text)
    if inner:
        text = inner.group(1)
    title = wrapping.strip_period_and_draft(text)
    return title if title and wrapping.is_title_line(title) else None


def title_key(title: str) -> str:
    """The folded title with its leading jurisdiction in short form: 湖北省…方案 → 湖北…方案."""
    text = wrapping.strip_period_and_draft(fold(title))
    name = name_in(text)
    at = text.find(name) if name else -1
    if at < 0:
        return text
    return short_form(name) + text[at + len(name) :]


def rank(entry: Entry) -> int | None:
    """Level as a number (province 0, city 1, district 2, national -1); None when unknown."""
    if not entry.jurisdiction.name:
        return NATIONAL_RANK
    return LEVEL_RANK.get(entry.jurisdiction.level)


def build_index(
    root: Path, entries: Sequence[Entry], *, skipped: tuple[Skipped, ...] = ()
) -> Index:
    """Entries sorted by path, each with its cited parents matched and its nearest parent chosen."""
    ordered = sorted(entries, key=lambda e: e.path)
    dupes = find_duplicates(ordered, title_key)
    not_chosen = {o for d in dupes for o in d.others}
    by_key: dict[str, list[Entry]] = {}
    for entry in ordered:
        if entry.error is None and entry.title and entry.path not in not_chosen:
            by_key.setdefault(title_key(entry.title), []).append(entry)
    by_path = {e.path: e for e in ordered}
    linked = [_link(e, by_key, by_path) if e.error is None else e for e in ordered]
    return Index(Path(root), tuple(linked), tuple(sorted(skipped)), dupes)


def _link(entry: Entry, by_key: dict[str, list[Entry]], by_path: dict[str, Entry]) -> Entry:
    parents: list[Cited] = []
    for cited in entry.cites:
        title = cited_title(cited)
        if title is None:
            continue
        match = _best_match(entry, title, by_key.get(title_key(title), []))
        parents.append(Cited(cited, title, match.path if match else None))
    nearest = _nearest(parents, by_path)
    return replace(entry, parents=tuple(parents), parent=nearest)


def _best_match(child: Entry, title: str, candidates: list[Entry]) -> Entry | None:
    """The candidate a cite means: exact title, then nearest level above, final, path."""
    cited_name = name_in(title)
    cited_level = level_of(cited_name) if cited_name else "unknown"
    child_rank = rank(child)
    fitting = []
    for cand in candidates:
        if cand.path == child.path or (child.sha256 and cand.sha256 == child.sha256):
            continue
        level = cand.jurisdiction.level
        if "unknown" not in (cited_level, level) and cited_level != level:
            continue  # 《西安市…》 is not the plan of 西安区
        cand_rank = rank(cand)
        if child_rank is not None and cand_rank is not None and cand_rank >= child_rank:
            continue  # a parent sits above its child
        fitting.append(cand)
    if not fitting:
        return None

    def preference(cand: Entry) -> tuple:
        cand_rank = rank(cand)
        distance = child_rank - cand_rank if child_rank is not None and cand_rank is not None else 9
        inexact = fold(cand.title) != wrapping.strip_period_and_draft(fold(title))
        return (inexact, distance, cand.draft, cand.path)

    return min(fitting, key=preference)


def _nearest(parents: list[Cited], found: dict[str, Entry]) -> str | None:
    """The found parent lowest in the hierarchy; among equals, the one cited last."""
    best: tuple[int, int] | None = None
    nearest = None
    for i, cited in enumerate(parents):
        if cited.path is None:
            continue
        level = rank(found[cited.path])
        key = (level if level is not None else NATIONAL_RANK - 1, i)
        if best is None or key > best:
            best, nearest = key, cited.path
    return nearest


# ---------------------------------------------------------------------------------------------
# Chains


def find_chain(index: Index, child_path: str | Path) -> list[Path]:
    """Files of the declared chain above `child_path` and the child itself, highest level first."""
    key, entry = index.readable(child_path)
    chain = index.chain(key)
    if len(chain) < 2:
        raise InputError(str(child_path), _no_parent_reason(entry, index.root))
    return [index.file(e.path) for e in chain]


def _no_parent_reason(entry: Entry, root: Path) -> Message:
    if not entry.parents:
        return message("cites no parent plan in its preamble (《…》), so its chain cannot be found")
    missing = "、".join(f"《{c}》" for c in entry.missing)
    return message("declares parents that are not in {root}: {missing}", root=root, missing=missing)
