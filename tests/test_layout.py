"""The house's rules, checked: every package folder ships, no module imports another's private
name, no import circle between modules, and the one-way flow corpus → compare → reports → cli."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("corpus", "compare", "reports", "cli")


def modules() -> dict[str, Path]:
    """Module name (duizhao.…) → its file, for every module of the four code folders."""
    found = {}
    for top in FOLDERS:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(("duizhao", *parts))] = path
    return found


def imports(path: Path, name: str, is_package: bool) -> list[tuple[str, tuple[str, ...], int]]:
    """(module imported, names taken from it, line) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, (), node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name if is_package else name.rsplit(".", 1)[0]
                for _ in range(node.level - 1):
                    package = package.rsplit(".", 1)[0]
                base = f"{package}.{base}" if base else package
            found.append((base, tuple(a.name for a in node.names), node.lineno))
    return found


def test_every_package_folder_is_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {name for name, path in modules().items() if path.name == "__init__.py"}
    data = listed - folders  # folders of package data (samples, dictionary, catalogues)
    assert folders <= listed
    for name in data:
        folder = ROOT.joinpath(*name.split(".")[1:])
        assert folder.is_dir() and not list(folder.glob("*.py")), name
        assert config["tool"]["setuptools"]["package-data"][name], name


def test_no_module_imports_a_private_name_of_another():
    found = modules()
    private = []
    for name, path in found.items():
        for module, names, line in imports(path, name, path.name == "__init__.py"):
            if not module.startswith("duizhao"):
                continue
            private += [
                f"{path.relative_to(ROOT)}:{line} {module}.{n}"
                for n in names
                if n.startswith("_") and not n.startswith("__") and n != "_"
            ]
            private += [f"{path.relative_to(ROOT)}:{line} {module}" for m in [module]
                        if any(p.startswith("_") and not p.startswith("__") for p in m.split("."))]  # fmt: skip
    assert private == []


def test_no_import_circle_and_the_flow_runs_one_way():
    found = modules()
    graph: dict[str, set[str]] = {name: set() for name in found}
    for name, path in found.items():
        for module, names, _ in imports(path, name, path.name == "__init__.py"):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in found]
            targets = targets or ([module] if module in found else [])
            graph[name].update(t for t in targets if t != name)
    rank = {top: i for i, top in enumerate(FOLDERS)}
    upstream = [
        f"{a} → {b}"
        for a, deps in graph.items()
        for b in deps
        if rank[b.split(".")[1]] > rank[a.split(".")[1]]
    ]
    assert upstream == [], "an import runs back up the flow"

    # A circle: a module that reaches itself (package __init__s re-exporting lazily excepted:
    # their submodules import siblings, never the package's namespace).
    def reach(start: str) -> set[str]:
        seen, todo = set(), [d for d in graph[start] if not _package_of(d, start)]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo += graph[node]
        return seen

    circles = sorted(name for name in graph if name in reach(name))
    assert circles == []


def _package_of(candidate: str, module: str) -> bool:
    """Whether `candidate` is a package that holds `module` (importing it is no circle)."""
    return module.startswith(candidate + ".")
