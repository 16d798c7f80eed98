"""Warnings a comparison carries for the user, kept translatable: English text plus its template.

A `Note` is a `str` (the English sentence, which is what the JSON `notes` hold), and it also
keeps the message template and the values it was filled with, so every human-readable view
can say it in the user's language: reports look `template` up in the catalogue and format it
with `params`. Templates are marked with `note(...)`, which the catalogue extraction reads.
"""

from __future__ import annotations

from collections.abc import Callable


class Note(str):
    """An English sentence that remembers how it was made (template and values)."""

    template: str
    params: tuple[tuple[str, str], ...]

    def __new__(cls, template: str, **params: object) -> Note:
        values = {k: str(v) for k, v in params.items()}
        self = super().__new__(cls, template.format(**values))
        self.template = template
        self.params = tuple(sorted(values.items()))
        return self

    def __reduce__(self) -> tuple[Callable[..., Note], tuple[str, tuple[tuple[str, str], ...]]]:
        return (_rebuild, (self.template, self.params))

    def say(self, gettext: Callable[[str], str]) -> str:
        """The note in the language of `gettext` (a catalogue's gettext function).

        Values named `*_level` (province, city, district) are words of the vocabulary and are
        translated too; every other value (a file name, a jurisdiction) stays as it is."""
        values = {k: gettext(v) if k.endswith("_level") else v for k, v in self.params}
        return gettext(self.template).format(**values)


def _rebuild(template: str, params: tuple[tuple[str, str], ...]) -> Note:
    return Note(template, **dict(params))


def note(template: str, **params: object) -> Note:
    """A note from an English template with `{name}` fields (marked for the catalogue)."""
    return Note(template, **params)
