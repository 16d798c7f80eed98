"""Message extraction for the catalogues: every `_("…")`, `N_("…")`, `note("…")` and
`message("…")` in reports/, cli/, compare/ and corpus/ (a comparison's translatable notes, the
messages errors are made of), and the problem of every error raised (`InputError(subject,
"problem {n}", n=…)`: its second argument, a literal template), so that every error the
command line prints can be said in the user's language.

Babel's own Python extractor reads the token stream, and before Python 3.12 an f-string is a
single token: a `_("Summary")` inside `f"## {_('Summary')}"` is never seen and stays English
in a Chinese report. This extractor walks the syntax tree instead, where calls inside
f-strings are ordinary calls. `make i18n` runs `python tests/tools/i18n_extract.py` to
write reports/locale/duizhao.pot, then Babel updates and compiles the catalogues as usual.

A development tool (it needs Babel, a `dev` dependency): it lives under tests/, outside the
shipped package.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

KEYWORDS = frozenset({"_", "N_", "gettext", "note", "message"})
"""`note(...)` makes a comparison's translatable warning (compare/notes.py)."""
COMMANDS = frozenset({"root", "compare", "inspect", "check", "scan", "matrix"})
"""The functions whose docstrings are the commands' help (cli/)."""
ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("reports", "cli", "compare", "corpus")
POT = ROOT / "reports" / "locale" / "duizhao.pot"


def error_classes(root: Path = ROOT) -> frozenset[str]:
    """The names of `DuizhaoError` and of every class of the sources derived from it (the
    literal second argument of a call to one is a message template)."""
    bases: dict[str, set[str]] = {}
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    names = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                             for b in node.bases}  # fmt: skip
                    bases.setdefault(node.name, set()).update(names)
    found = {"DuizhaoError"}
    while grown := {name for name, of in bases.items() if of & found} - found:
        found |= grown
    return frozenset(found)


def messages_in(
    source: str, *, help_texts: bool = False, errors: frozenset[str] = frozenset()
) -> Iterator[tuple[int, str]]:
    """(line, message) of every keyword call with a literal string argument, in line order,
    and the literal problem (second argument) of every call to one of the `errors` classes.

    With `help_texts` (the command-line modules) also every literal `help="…"` and the
    docstring of every public top-level function (a command's help is its docstring, as
    typer shows it): `cli.app` translates them when help is shown."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if help_texts:
            found += [
                (node.lineno, kw.value.value)
                for kw in node.keywords
                if kw.arg == "help"
                and isinstance(kw.value, ast.Constant)
                and isinstance(kw.value.value, str)
            ]
        if not node.args:
            continue
        func, first = node.func, node.args[0]
        name = func.id if isinstance(func, ast.Name) else None
        if name in KEYWORDS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((node.lineno, first.value))
        called = name or (func.attr if isinstance(func, ast.Attribute) else None)
        if called in errors and len(node.args) > 1:
            problem = node.args[1]
            if isinstance(problem, ast.Constant) and isinstance(problem.value, str):
                found.append((node.lineno, problem.value))
    if help_texts:
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name in COMMANDS:
                doc = ast.get_docstring(node)
                if doc:
                    found.append((node.lineno, doc))
    yield from sorted(found)


def catalogue_messages(root: Path = ROOT) -> dict[str, list[str]]:
    """Every message of the sources → the files that use it (for tests and the template)."""
    out: dict[str, list[str]] = {}
    errors = error_classes(root)
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            for _line, message in messages_in(text, help_texts=folder == "cli", errors=errors):
                out.setdefault(message, []).append(path.relative_to(root).as_posix())
    return out


def write_template(path: Path = POT, root: Path = ROOT) -> int:
    """Write the message template (sorted, no locations, a fixed date); its size."""
    from datetime import datetime

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    # A fixed creation date: `make i18n` changes the files only when a message changes.
    fixed = datetime(2000, 1, 1, tzinfo=UTC)
    catalogue = Catalog(project="duizhao", fuzzy=False, creation_date=fixed, revision_date=fixed)
    for message in sorted(catalogue_messages(root)):
        if message:
            catalogue.add(message)
    with path.open("wb") as handle:
        write_po(handle, catalogue, no_location=True, sort_output=True)
    return len(catalogue)


if __name__ == "__main__":
    print(f"wrote {POT.relative_to(ROOT)} ({write_template()} messages)")
    sys.exit(0)
