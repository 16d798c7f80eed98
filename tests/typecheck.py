"""Type-check the package with mypy under its real module names (`make lint` and CI run this).

Why a link tree: the import package `duizhao` has no folder of its own. pyproject.toml maps
`duizhao.cli` → cli/, `duizhao.corpus` → corpus/, … through setuptools' `package-dir`, and the
editable install resolves those names with an import hook, which mypy cannot follow (it reads
only plain paths in .pth files). Given the folders directly, mypy would call the modules
`cli.entry`, `reports.api`, and `from duizhao.compare import …` would resolve to nothing.

So this script lays out build/typecheck/duizhao/ with one relative symlink per `package-dir`
entry (build/typecheck/duizhao/cli → ../../../cli, …), read from pyproject.toml each run: a new
top-level subpackage is picked up from its `package-dir` line, and a new subpackage inside a
folder (reports/app/, …) is inside the linked folder already. mypy then finds `duizhao` through
`mypy_path = "build/typecheck"` and checks `-p duizhao` ([tool.mypy] in pyproject.toml), and
this script prints its messages with the real paths (cli/entry.py:12, not the link path) so that
editors and terminals jump to the file. Exit status is mypy's: 0 clean, 1 type errors, 2 usage.

    .venv/bin/python tests/typecheck.py                        # the whole package
    .venv/bin/python tests/typecheck.py -- --warn-return-any   # extra mypy options after --
    .venv/bin/python tests/typecheck.py --root DIR             # another checkout (tests)
"""

from __future__ import annotations

import os
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "duizhao"
LINKS = Path("build") / "typecheck"
"""Where the link tree is laid, relative to the repository root (`mypy_path` in pyproject.toml)."""


def package_folders(root: Path) -> dict[str, Path]:
    """Subpackage name below `duizhao` → its folder, for every top-level `package-dir` entry
    of root/pyproject.toml.

    Entries nested in another entry's folder (`duizhao.reports.app` → reports/app) are covered
    by their parent's link and skipped; an entry that does not map a `duizhao.*` name onto a
    folder of this repository is a layout this script does not know how to link: it stops.
    """
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    folders: dict[str, Path] = {}
    for name, folder in sorted(mapping.items()):
        parts = name.split(".")
        path = (root / folder).resolve()
        if parts[0] != PACKAGE or len(parts) < 2:
            raise SystemExit(f"typecheck: package-dir maps {name!r}; expected {PACKAGE}.<name>")
        if not path.is_dir() or root.resolve() not in path.parents:
            raise SystemExit(f"typecheck: package-dir {name!r} → {folder!r} is not a folder here")
        top = folders.get(parts[1])
        if len(parts) > 2 and top is not None and path == top.joinpath(*parts[2:]):
            continue
        if len(parts) > 2:
            raise SystemExit(f"typecheck: {name!r} → {folder!r} is not inside its parent's folder")
        folders[parts[1]] = path
    return folders


def lay_links(root: Path, folders: dict[str, Path]) -> None:
    """root/build/typecheck/duizhao with one relative symlink per subpackage folder: left as it
    is when it holds exactly those links (two runs at once do not pull it from under each
    other), laid anew otherwise."""
    top = root / LINKS / PACKAGE
    wanted = {
        name: os.path.relpath(folder, top.parent.resolve() / PACKAGE)
        for name, folder in folders.items()
    }
    if top.is_dir() and not top.is_symlink():
        entries = list(top.iterdir())
        if {e.name: os.readlink(e) if e.is_symlink() else None for e in entries} == wanted:
            return
        shutil.rmtree(top)
    top.mkdir(parents=True)
    for name, target in wanted.items():
        (top / name).symlink_to(target, target_is_directory=True)


def real_paths(text: str, root: Path, folders: dict[str, Path]) -> str:
    """mypy's messages with link paths (build/typecheck/duizhao/cli/…) turned into cli/…."""
    top = (LINKS / PACKAGE).as_posix()
    for name, folder in folders.items():
        text = text.replace(f"{top}/{name}/", f"{folder.relative_to(root.resolve()).as_posix()}/")
    return text


def main(argv: list[str]) -> int:
    """Lay the link tree, run mypy on the package from the repository root, print its report."""
    from mypy import api

    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    ours = argv[: argv.index("--")] if "--" in argv else argv
    root = Path(ours[ours.index("--root") + 1]) if "--root" in ours else ROOT
    folders = package_folders(root)
    lay_links(root, folders)
    os.chdir(root)
    stdout, stderr, status = api.run(["--config-file", "pyproject.toml", *extra])
    sys.stdout.write(real_paths(stdout, root, folders))
    sys.stderr.write(real_paths(stderr, root, folders))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
