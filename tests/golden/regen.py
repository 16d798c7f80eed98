"""Regenerate the golden report files and reports/examples/hubei-gaoxin.md from the current code.

Run only when a change is intended, then review the diff:

    .venv/bin/python tests/golden/regen.py && git diff --stat tests/golden reports/examples

Names regenerate only some (`regen.py chain matrix scan inspect`); `--into DIR` writes elsewhere.

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
from duizhao.reports.pair.markdown import render_markdown
from duizhao.reports.pair.terminal import render_compare
from duizhao.reports.render import Format, render

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
        "wrapped": all(
            c.alignment.wrap_text
            for row in rows[1:]
            for c in row
            if c.coordinate not in sheet.merged_cells
        ),
        "heights": [sheet.row_dimensions[row[0].row].height for row in rows[1:]],
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
    """What a reader sees in the Word 对照表 of a pair, as JSON text."""
    return docx_content(render(result, Format.DOCX, lang=lang))


def docx_content(data: bytes) -> str:
    """What a reader sees in a Word file: running header and footer, paragraphs and table
    cells (a merged section row once), as JSON text."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    content = {
        "header": [p.text for p in section.header.paragraphs],
        "footer": [p.text for p in section.footer.paragraphs],
        "paragraphs": [p.text for p in doc.paragraphs],
        "tables": [[list(dict.fromkeys(c.text for c in row.cells)) if len(set(row.cells)) == 1
                    else [c.text for c in row.cells] for row in t.rows] for t in doc.tables],
    }  # fmt: skip
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
    return out | {"json": render(result, Format.JSON)}


# ---------------------------------------------------------------------------------------------
# Chain, matrix, scan and inspect: goldens named <kind>.<lang>.<format>, <kind>.json


def chain_result():
    """A province → city → district cascade made from the Hubei sample: the city drops two
    measures, the district restores one of them from the province text, drops another and adds
    a local measure (the same cascade as tests/test_chain.py)."""
    from duizhao.compare import Settings
    from duizhao.compare.chain import compare_chain
    from duizhao.corpus import parse_plan
    from duizhao.corpus.numbering import int_to_cn

    def document(title: str, measures: list[str], above: str = "上级方案") -> str:
        body = [f"（{int_to_cn(i)}）{text}" for i, text in enumerate(measures, start=1)]
        return "\n".join([title, f"为贯彻落实《{above}》，结合实际，制定本方案。", "一、主要任务",
                          *body, "各单位要结合实际认真贯彻落实本方案。"])  # fmt: skip

    texts = [m.text for m in load_sample("hubei").measures()[:12]]
    local = "关心关爱未成年人。加大政府购买未成年人关爱服务力度，做好监护缺失未成年人救助保护工作。"
    city = [t.replace("湖北", "襄阳").replace("全省", "全市") for t in texts]
    district = [t.replace("襄阳", "高新").replace("全市", "全区") for t in texts]
    plans = [
        parse_plan(document("湖北省测试实施方案", texts), path="province.txt"),
        parse_plan(document("襄阳市测试实施方案", [t for i, t in enumerate(city) if i not in (2, 6)],
                            "湖北省测试实施方案"), path="city.txt"),
        parse_plan(document("高新区测试实施方案",
                            [t for i, t in enumerate(district) if i not in (6, 9)] + [local],
                            "襄阳市测试实施方案"), path="district.txt"),
    ]  # fmt: skip
    return compare_chain(plans, Settings())


def sample_index():
    """The scan of the bundled samples folder, its root shown as "samples" (no local path)."""
    import dataclasses

    from duizhao.corpus.samples import sample_folder
    from duizhao.reports import api

    return dataclasses.replace(api.scan(sample_folder(), workers=1), root=Path("samples"))


def sample_matrix():
    """The samples folder lined up against the Hubei plan."""
    from duizhao.corpus.samples import sample_folder
    from duizhao.reports import api

    folder = sample_folder()
    return api.matrix(folder, folder / "hubei-province.txt", workers=1)


def workbook_json(data: bytes) -> str:
    """Every sheet of a workbook as a reader sees it: name, frozen panes, cells."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    content = {
        sheet.title: {
            "freeze_panes": sheet.freeze_panes,
            "cells": [[c.value for c in row] for row in sheet.iter_rows()],
        }
        for sheet in book.worksheets
    }
    return json.dumps(content, ensure_ascii=False, indent=1, default=str) + "\n"


def view_outputs(result: Any, formats: tuple[str, ...], *, show_all: bool = True) -> dict[str, str]:
    """Suffix → text for the given formats of a chain, matrix, index or plan, both languages."""
    suffixes = {"terminal": "terminal.txt", "flat": "flat.txt", "markdown": "md", "html": "html",
                "csv": "csv", "xlsx": "xlsx.json", "docx": "docx.json"}  # fmt: skip
    out: dict[str, str] = {}
    for lang, fmt in ((lang, fmt) for lang in LANGS for fmt in formats):
        text = render(result, fmt, lang=lang, width=TERMINAL_WIDTH, show_all=show_all)
        readers = {"xlsx": workbook_json, "docx": docx_content}
        out[f"{lang}.{suffixes[fmt]}"] = readers[fmt](text) if fmt in readers else text
    return out | {"json": render(result, Format.JSON)}


def revision_result():
    """Two drafts of the Gaoxin sample (`revision_drafts`) compared as revisions."""
    from duizhao.compare import Settings
    from duizhao.corpus import parse_plan

    old, new = revision_drafts()
    return compare_plans(
        parse_plan(old, path="草案-0301.txt"), parse_plan(new, path="草案-0315.txt"), Settings(),
        revision=True,
    )  # fmt: skip


def revision_drafts() -> tuple[str, str]:
    """Two drafts of the Gaoxin sample: a year, a clause inserted, a sentence deleted, a verb
    strengthened, a measure deleted, one moved to another part, one inserted; everything below
    renumbered (the README's revision example: `regen.py --drafts DIR` writes them)."""
    from duizhao.corpus.samples import sample_path

    old = sample_path("gaoxin").read_text(encoding="utf-8")
    lines = old.split("\n")

    def at(label: str) -> int:
        return next(k for k, line in enumerate(lines) if line.startswith(label))

    lines[at("(五)")] = lines[at("(五)")].replace("到2025年", "到2024年", 1)
    lines[at("(二)")] = lines[at("(二)")].replace(
        "“宪法宣传周”宣传活动,", "“宪法宣传周”宣传活动,开展宪法进万家活动,", 1
    )
    lines[at("(七)")] = lines[at("(七)")].replace("建立健全先进典型关怀礼遇帮扶机制。", "", 1)
    lines[at("(六)")] = lines[at("(六)")].replace("加强居民公约", "强化居民公约", 1)
    moved = lines.pop(at("(十九)"))
    lines.pop(at("(十二)"))
    lines.insert(at("(二十一)"), moved)
    lines.insert(
        at("(十四)"), "(十四)建立法治社会建设观察点。在街道、社区设立观察点,每年发布观察报告。"
    )
    return old, "\n".join(renumber(lines))


def renumber(lines: list[str]) -> list[str]:
    """(一) (二) … numbered again in order, as a word processor's list would."""
    import re

    from duizhao.corpus.numbering import int_to_cn

    out, n = [], 0
    for line in lines:
        m = re.match(r"^\([一二三四五六七八九十]+\)", line)
        if m:
            n += 1
            line = f"({int_to_cn(n)})" + line[m.end() :]
        out.append(line)
    return out


def revision_outputs() -> dict[str, str]:
    """The revision's human formats (changed measures only, as by default) and its JSON."""
    result = revision_result()
    return view_outputs(
        result, ("terminal", "markdown", "html", "csv", "xlsx", "docx"), show_all=False
    )


VIEWS: dict[str, Callable[[], dict[str, str]]] = {
    "chain": lambda: view_outputs(
        chain_result(), ("terminal", "markdown", "html", "csv", "xlsx", "docx")),
    "matrix": lambda: view_outputs(sample_matrix(), ("terminal", "markdown", "xlsx")),
    "scan": lambda: view_outputs(sample_index(), ("terminal", "markdown")),
    "inspect": lambda: view_outputs(load_sample("gaoxin"), ("terminal", "flat", "csv")),
    "revision": revision_outputs,
}  # fmt: skip
"""Golden name → its outputs (suffix → text)."""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(text)


def main(argv: list[str]) -> int:
    """Write the goldens named in `argv` (all without names): sample small chain matrix scan
    inspect. `--into DIR` writes them there instead (to compare without touching the tree)."""
    into = GOLDEN
    if "--drafts" in argv:  # the README's revision example as two files
        folder = Path(argv[argv.index("--drafts") + 1])
        for name, text in zip(("草案-0301.txt", "草案-0315.txt"), revision_drafts(), strict=True):
            write(folder / name, text)
        return 0
    if "--into" in argv:
        at = argv.index("--into")
        into, argv = Path(argv[at + 1]), argv[:at] + argv[at + 2 :]
    names = argv or [*CASES, *VIEWS]
    unknown = [n for n in names if n not in CASES and n not in VIEWS]
    if unknown:
        print(f"unknown golden {unknown}: choose from {[*CASES, *VIEWS]}", file=sys.stderr)
        return 2
    for name in names:
        if name in CASES:
            result = CASES[name]()
            made = outputs(result)
            if name == "sample" and into == GOLDEN:
                write(EXAMPLE, render_markdown(result))  # Chinese, as a drafting office reads it
                print(f"wrote {EXAMPLE.relative_to(ROOT)}")
        else:
            made = VIEWS[name]()
        for suffix, text in made.items():
            write(into / f"{name}.{suffix}", text)
            print(f"wrote {into / f'{name}.{suffix}'}")
    return 0  # check goldens: tests/golden/check_regen.py


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
