"""Regenerate the golden report files and reports/examples/hubei-gaoxin.md from the current code.

Run only when a change is intended, then review the diff:

    .venv/bin/python tests/golden/regen.py && git diff --stat tests/golden reports/examples

tests/test_reports.py imports this file, so goldens and tests are built the same way.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from duizhao.compare import Comparison, compare_plans
from duizhao.corpus import load_plan
from duizhao.corpus.samples import load_sample
from duizhao.reports.markdown import render_markdown
from duizhao.reports.render import Format, render
from duizhao.reports.terminal_compare import render_compare

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
PAIRS = ROOT / "tests" / "data" / "pairs"
EXAMPLE = ROOT / "reports" / "examples" / "hubei-gaoxin.md"
TERMINAL_WIDTH = 100


def sample_result() -> Comparison:
    """The bundled demo pair: Hubei province → Gaoxin district."""
    return compare_plans(load_sample("hubei"), load_sample("gaoxin"))


def small_result() -> Comparison:
    """The hand-made pair in tests/data/pairs, built to show every status and flag."""
    parent = load_plan(PAIRS / "small-parent.txt", name="small-parent.txt")
    return compare_plans(parent, load_plan(PAIRS / "small-child.txt", name="small-child.txt"))


CASES: dict[str, Callable[[], Comparison]] = {"sample": sample_result, "small": small_result}


def terminal_text(
    result: Comparison, *, width: int = TERMINAL_WIDTH, show_all: bool = False, lang: str = "en"
) -> str:
    """What `render_compare` prints on a plain (non-terminal) console of `width` columns."""
    console = Console(record=True, width=width, force_terminal=False, file=io.StringIO())
    render_compare(result, console, show_all=show_all, lang=lang)
    return console.export_text()


def xlsx_content(path: Path | bytes) -> dict[str, Any]:
    """What a reader sees in the workbook: cells, fills, widths, frozen panes, wrapping."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(path) if isinstance(path, bytes) else path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows())
    return {
        "sheets": book.sheetnames,
        "freeze_panes": sheet.freeze_panes,
        "auto_filter": sheet.auto_filter.ref,
        "widths": {k: d.width for k, d in sorted(sheet.column_dimensions.items())},
        "header_bold": all(c.font.bold for c in rows[0]),
        "wrapped": all(c.alignment.wrap_text for row in rows[1:] for c in row),
        "fills": [row[0].fill.fgColor.rgb if row[0].fill.fill_type else "" for row in rows[1:]],
        "cells": [[c.value for c in row] for row in rows],
        "created": book.properties.created.isoformat(),
        "modified": book.properties.modified.isoformat(),
    }


def xlsx_json(result: Comparison, lang: str = "zh") -> str:
    """What a reader sees in the xlsx 对照表, as JSON text."""
    content = xlsx_content(render(result, Format.XLSX, lang=lang))
    return json.dumps(content, ensure_ascii=False, indent=1) + "\n"


def docx_json(result: Comparison, lang: str = "zh") -> str:
    """What a reader sees in the Word 对照表: paragraphs and table cells, as JSON text."""
    from docx import Document

    doc = Document(io.BytesIO(render(result, Format.DOCX, lang=lang)))
    content = {
        "paragraphs": [p.text for p in doc.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables],
    }
    return json.dumps(content, ensure_ascii=False, indent=1) + "\n"


LANGS = ("zh", "en")


def outputs(result: Comparison) -> dict[str, str]:
    """Golden file suffix (language first) → rendered text, for every report format."""
    out: dict[str, str] = {}
    for lang in LANGS:
        out |= {
            f"{lang}.md": render(result, Format.MARKDOWN, lang=lang),
            f"{lang}.html": render(result, Format.HTML, lang=lang),
            f"{lang}.csv": render(result, Format.CSV, lang=lang),
            f"{lang}.xlsx.json": xlsx_json(result, lang),
            f"{lang}.docx.json": docx_json(result, lang),
            f"{lang}.terminal.txt": terminal_text(result, lang=lang),
        }
    return out


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(text)


def main() -> int:
    for name, make in CASES.items():
        result = make()
        for suffix, text in outputs(result).items():
            write(GOLDEN / f"{name}.{suffix}", text)
            print(f"wrote {(GOLDEN / f'{name}.{suffix}').relative_to(ROOT)}")
        if name == "sample":
            write(EXAMPLE, render_markdown(result))  # Chinese, as a drafting office reads it
            print(f"wrote {EXAMPLE.relative_to(ROOT)}")
    return 0  # check goldens: tests/golden/check_regen.py


if __name__ == "__main__":
    sys.exit(main())
