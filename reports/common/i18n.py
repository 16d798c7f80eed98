"""Words in reports: gettext catalogues (Chinese by default, English on request), one vocabulary.

Messages in the code are English (the msgids); `reports/locale/zh/LC_MESSAGES/duizhao.mo`
holds the Chinese. English is the msgids themselves (`NullTranslations`). The field values of
the JSON contracts (carried, owners_changed, …) are turned into words only through `word`,
which holds the report vocabulary (the words for every status and flag) in one place.

Importing this module costs only `gettext`; catalogues are read once per language.
`make i18n` re-extracts the messages (Babel) and compiles the catalogues.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

DOMAIN = "duizhao"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("zh", "en")
DEFAULT_LANG = "zh"


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here (translated where shown)."""
    return message


WORDS: dict[str, str] = {
    "carried": N_("carried"),
    "partial": N_("partly carried"),
    "dropped": N_("dropped"),
    "inherited": N_("inherited"),
    "modified": N_("modified"),
    "added": N_("added"),
    "moved": N_("moved"),
    "merged": N_("merged"),
    "split": N_("split"),
    "owners_changed": N_("owners changed"),
    "reassigned": N_("reassigned"),
    "parent": N_("parent"),
    "child": N_("child"),
    "old": N_("old"),
    "new": N_("new"),
    "deleted": N_("deleted"),
}
"""JSON field values (and the two sides) → their English word, the msgid of the Chinese one."""


LEVELS: dict[str, str] = {
    "province": N_("province"),
    "city": N_("city"),
    "district": N_("district"),
    "unknown": N_("level unknown"),
}
"""Jurisdiction levels (JSON values) → their English word, the msgid of the Chinese one."""


def normalise(lang: str | None) -> str:
    """ "zh", "zh-CN", "zh_Hans" → "zh"; "en", "en-GB" → "en"; raises ValueError otherwise."""
    code = (lang or DEFAULT_LANG).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (choose {' or '.join(LANGUAGES)})")
    return code


@cache
def translator(lang: str | None = DEFAULT_LANG) -> gettext.NullTranslations:
    """The catalogue of `lang` (zh or en): `.gettext(msg)` gives the message in that language."""
    code = normalise(lang)
    if code == "en":
        return gettext.NullTranslations()
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def gettext_for(lang: str | None = DEFAULT_LANG) -> Callable[[str], str]:
    """`_` for a renderer: the catalogue's gettext function (`_ = gettext_for(lang)`)."""
    return translator(lang).gettext


_LANG: ContextVar[str] = ContextVar("duizhao_report_lang", default=DEFAULT_LANG)


@contextmanager
def using(lang: str | None) -> Iterator[None]:
    """Within the block, `_` and `word` without a language speak `lang` (per thread/task)."""
    token = _LANG.set(normalise(lang))
    try:
        yield
    finally:
        _LANG.reset(token)


def current_lang() -> str:
    """The language of the enclosing `using` block (Chinese outside one)."""
    return _LANG.get()


def _(message: str) -> str:
    """`message` in the language of the enclosing `using` block (Chinese outside one)."""
    return translator(_LANG.get()).gettext(message)


def word(value: str, lang: str | None = None) -> str:
    """A status, flag or side in the report vocabulary: word("partial", "zh") == "部分落实".

    Without `lang`, the language of the enclosing `using` block."""
    return translator(lang or _LANG.get()).gettext(WORDS.get(str(value), str(value)))


def level_word(level: str, lang: str | None = None) -> str:
    """A jurisdiction level in words: level_word("district", "zh") == "区县级"."""
    return translator(lang or _LANG.get()).gettext(LEVELS.get(str(level), str(level)))


def words(values: Iterable[str], lang: str | None = None, sep: str = "、") -> str:
    """Several field values as words, joined (flags of a measure)."""
    return sep.join(word(v, lang) for v in values)


def note_text(note: object, lang: str | None = None) -> str:
    """A comparison's note in the report language: a `compare.notes.Note` keeps its template
    and values, so it is said from the catalogue; a plain string (older results) as it is."""
    say = getattr(note, "say", None)
    return say(translator(lang or _LANG.get()).gettext) if callable(say) else str(note)


def html_lang(lang: str | None) -> str:
    """The value of <html lang=…> for a report language."""
    return "zh-CN" if normalise(lang) == "zh" else "en"
