"""Regenerate the golden files of `duizhao check` (every format, passing and failing).

The example folder (tests/data/check-example: two configurations and copies of the sample
plans) is copied to a temporary folder outside any git checkout and checked there, so the
goldens are the same wherever the repository lives and whether or not it is a git checkout.
Run only when a change is intended, then review the diff:

    .venv/bin/python tests/golden/check_regen.py && git diff --stat tests/golden
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
EXAMPLE = ROOT / "tests" / "data" / "check-example"
CONFIGS = {"check": "duizhao.toml", "check-failing": "failing.toml"}
FORMATS = {"text": "txt", "json": "json", "github": "github.txt", "junit": "junit.xml",
           "sarif": "sarif.json"}  # fmt: skip


def check_outputs() -> dict[str, str]:
    """Golden file name → `exit N` line, stdout and stderr of the check on the example copy."""
    from duizhao.cli.check import run
    from duizhao.reports.api import compare_cached as compare_plans

    compared: dict[tuple, object] = {}

    def compare(parent, child, settings):  # each pair once: the formats share one comparison
        key = (parent.path, parent.sha256, child.path, child.sha256, settings)
        if key not in compared:
            compared[key] = compare_plans(parent, child, settings)
        return compared[key]

    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="duizhao-check-golden-") as tmp:
        folder = Path(tmp) / "example"
        shutil.copytree(EXAMPLE, folder)
        ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
        os.environ["GIT_CEILING_DIRECTORIES"] = tmp  # never find a repository above the copy
        try:
            for (name, config), (fmt, suffix) in product(CONFIGS.items(), FORMATS.items()):
                stdout, stderr = io.StringIO(), io.StringIO()
                code = run(
                    Path(config),
                    fmt=fmt,
                    cwd=folder,
                    stdout=stdout,
                    stderr=stderr,
                    env={},
                    compare=compare,
                )
                out[f"{name}.{suffix}"] = f"exit {code}\n{stdout.getvalue()}{stderr.getvalue()}"
        finally:
            if ceiling is None:
                os.environ.pop("GIT_CEILING_DIRECTORIES", None)
            else:
                os.environ["GIT_CEILING_DIRECTORIES"] = ceiling
    return out


def main() -> int:
    for name, text in check_outputs().items():
        path = GOLDEN / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
