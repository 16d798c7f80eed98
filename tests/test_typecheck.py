"""The type check (`make lint`, CI): mypy sees the folders under their `duizhao.*` names."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typecheck

ROOT = Path(__file__).resolve().parents[1]

MINI_PYPROJECT = """
[tool.setuptools]
package-dir = {{ {mapping} }}

[tool.mypy]
mypy_path = "build/typecheck"
files = ["build/typecheck/duizhao"]
explicit_package_bases = true
check_untyped_defs = true
"""


def test_every_package_folder_is_linked_under_its_module_name():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    folders = typecheck.package_folders(ROOT)
    assert {"cli", "corpus", "compare", "reports"} <= set(folders)
    for name, folder in mapping.items():
        sub = name.split(".")[1:]
        assert folders[sub[0]].joinpath(*sub[1:]) == (ROOT / folder).resolve()
    # mypy reads the tree the script lays: the configuration and the script agree.
    mypy = config["tool"]["mypy"]
    assert mypy["mypy_path"] == typecheck.LINKS.as_posix()
    assert mypy["files"] == [(typecheck.LINKS / "duizhao").as_posix()]


def _mini_repo(tmp_path: Path, mapping: dict[str, str], files: dict[str, str]) -> Path:
    pairs = ", ".join(f'"{k}" = "{v}"' for k, v in mapping.items())
    (tmp_path / "pyproject.toml").write_text(MINI_PYPROJECT.format(mapping=pairs))
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_package_dir_entry_mapped_elsewhere_is_refused(tmp_path):
    repo = _mini_repo(
        tmp_path,
        {"duizhao.alpha": "alpha", "duizhao.alpha.inner": "elsewhere"},
        {"alpha/__init__.py": "", "elsewhere/__init__.py": ""},
    )
    with pytest.raises(SystemExit, match="not inside its parent's folder"):
        typecheck.package_folders(repo)


def test_the_link_tree_follows_package_dir_and_drops_what_it_no_longer_maps(tmp_path):
    repo = _mini_repo(
        tmp_path, {"duizhao.alpha": "alpha"}, {"alpha/__init__.py": "", "gone/__init__.py": ""}
    )
    top = repo / typecheck.LINKS / "duizhao"
    (top).mkdir(parents=True)
    (top / "gone").symlink_to("../../../gone")  # a subpackage since removed from package-dir
    typecheck.lay_links(repo, typecheck.package_folders(repo))
    assert sorted(p.name for p in top.iterdir()) == ["alpha"]
    assert (top / "alpha").resolve() == (repo / "alpha").resolve()
    stamp = (top / "alpha").lstat().st_mtime_ns
    typecheck.lay_links(repo, typecheck.package_folders(repo))  # nothing changed: left alone
    assert (top / "alpha").lstat().st_mtime_ns == stamp


@pytest.mark.slow
def test_a_type_error_across_subpackages_fails_the_check_at_its_real_path(tmp_path):
    # alpha imports beta by its package name; beta has a data folder beside a module of the
    # same name (as corpus/samples/ beside corpus/samples.py), which must not hide the module.
    repo = _mini_repo(
        tmp_path,
        {"duizhao.alpha": "alpha", "duizhao.beta": "beta_src"},
        {
            "alpha/__init__.py": "",
            "alpha/use.py": "from duizhao.beta.names import NAME, count\n\nTOTAL: int = count()\n",
            "beta_src/__init__.py": "",
            "beta_src/names.py": 'NAME = "x"\n\n\ndef count() -> int:\n    return 1\n',
            "beta_src/names/data.txt": "not a module\n",
        },
    )
    run = [sys.executable, str(ROOT / "tests" / "typecheck.py"), "--root", str(repo)]
    clean = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "alpha" / "use.py").write_text(
        "from duizhao.beta.names import NAME, count\n\nTOTAL: str = count()\n"
    )
    broken = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1
    assert 'alpha/use.py:3: error: Incompatible types in assignment (expression has type "int"' in (
        broken.stdout
    )
    assert "build/typecheck" not in broken.stdout
