"""Remake the office-suite fixtures in this folder: flat ODF written here, saved by LibreOffice.

    .venv/bin/python tests/data/office/make.py      # needs soffice (libreoffice-writer-nogui)

Every fixture is generated from a bundled sample plan (corpus/samples/) or from text written
below, as a flat ODF document (.fodt), then converted by LibreOffice headless, so the files
are what a real office suite writes (its numbering.xml, its tables, its PDF text layer).
The .fodt sources are written to a temporary folder (this script is their source). Outputs:

- yaohai.doc, gaoxin.odt, hubei.doc   Word 97 / ODF versions of the samples (typed labels)
- gaoxin-lists.docx                    every label as LibreOffice list numbering (一、 （一）)
- topics.docx (+ topics.txt)           a topic level `1` + U+2002 in the level text, suffix nothing
- tasks.docx (+ tasks.txt)             Yaohai's 56 measures as a 任务分工表
- tasks-short.pdf (+ tasks-short.txt)  its first 14 rows, printed (a PDF embeds its font)
- gaoxin-2col.pdf (+ gaoxin-2col.txt)  Gaoxin's first three parts on two-column pages
- draft-tracked.docx (+ .accepted.txt, .original.txt)  tracked changes and two comments
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[2] / "corpus" / "samples"
sys.path.insert(0, str(HERE.parents[1]))

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)
FONT = "Noto Sans CJK SC"


def sample_lines(name: str) -> list[str]:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def document(body: str, *, columns: int = 1, lists: str = "", extra_styles: str = "") -> str:
    cols = (
        f'<style:columns fo:column-count="{columns}" fo:column-gap="0.8cm"/>' if columns > 1 else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="'{FONT}'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm" fo:text-align="justify" fo:text-indent="0.74cm"/><style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" fo:font-size="10.5pt" style:font-size-asian="10.5pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
{lists}{extra_styles}
</office:styles>
<office:automatic-styles>
{CELL_STYLE}
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm">{cols}</style:page-layout-properties></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def paragraph(text: str) -> str:
    return f'<text:p text:style-name="Standard">{escape(text)}</text:p>'


# --- list numbering ------------------------------------------------------------------------

LEVELS = (  # (pattern of the typed label, ODF num-format, prefix, suffix)
    (re.compile(r"^([一二三四五六七八九十]+)、"), "一, 二, 三, ...", "", "、"),
    (re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]"), "一, 二, 三, ...", "（", "）"),
    (re.compile(r"^(\d{1,3})[.．]"), "1", "", "."),
    (re.compile(r"^[（(](\d{1,3})[）)]"), "1", "（", "）"),
)


def list_style(name: str, levels: list[tuple[str, str, str]], followed_by: str = "nothing") -> str:
    out = [f'<text:list-style style:name="{name}">']
    for i, (fmt, prefix, suffix) in enumerate(levels, start=1):
        out.append(
            f'<text:list-level-style-number text:level="{i}" style:num-prefix="{escape(prefix)}" '
            f'style:num-suffix="{escape(suffix)}" style:num-format="{fmt}">'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            f'<style:list-level-label-alignment text:label-followed-by="{followed_by}"/>'
            "</style:list-level-properties></text:list-level-style-number>"
        )
    out.append("</text:list-style>")
    return "".join(out)


def numbered(level: int, value: int, text: str, style: str = "L1") -> str:
    """One list paragraph at `level` (0-based) showing `value`: nested lists, start-value set."""
    inner = f'<text:p text:style-name="Standard">{escape(text)}</text:p>'
    item = f'<text:list-item text:start-value="{value}">{inner}</text:list-item>'
    for _ in range(level):
        item = f"<text:list-item><text:list>{item}</text:list></text:list-item>"
    return f'<text:list text:style-name="{style}">{item}</text:list>'


def cn_value(raw: str) -> int:
    from readers_fixtures import chinese_number

    return int(raw) if raw.isdigit() else chinese_number(raw)


def list_body(lines: list[str], start_at: int) -> str:
    """Lines before `start_at` as plain paragraphs; labelled lines after it as list items."""
    out = []
    for i, line in enumerate(lines):
        match = None
        if i >= start_at:
            for level, (pattern, *_rest) in enumerate(LEVELS):
                m = pattern.match(line)
                if m:
                    match = (level, cn_value(m.group(1)), line[m.end() :].lstrip())
                    break
        out.append(numbered(*match) if match else paragraph(line))
    return "\n".join(out)


# --- task table ----------------------------------------------------------------------------


CELL_STYLE = (
    '<style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties '
    'fo:border="0.5pt solid #000000" fo:padding="0.05cm"/></style:style>'
)


def cell(text: str, span: int = 1) -> str:
    """A ruled cell (offices print task tables with rules; the PDF reader finds them so)."""
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    paras = "".join(paragraph(t) for t in text.split("\n")) if text else "<text:p/>"
    covered = "<table:covered-table-cell/>" * (span - 1)
    return f'<table:table-cell table:style-name="ce1"{spanned}>{paras}</table:table-cell>{covered}'


HEADER = ("序号", "重点任务", "责任单位", "参加单位", "完成时限")


def task_table(rows: list[tuple[str, ...] | str], repeat_header_every: int = 20) -> str:
    out = ['<table:table table:name="任务分工表">']
    out.append(f'<table:table-column table:number-columns-repeated="{len(HEADER)}"/>')

    def header() -> str:
        return "<table:table-row>" + "".join(cell(h) for h in HEADER) + "</table:table-row>"

    out.append(f"<table:table-header-rows>{header()}</table:table-header-rows>")
    for n, row in enumerate(rows, start=1):
        if isinstance(row, str):
            out.append(f"<table:table-row>{cell(row, len(HEADER))}</table:table-row>")
        else:
            out.append("<table:table-row>" + "".join(cell(c) for c in row) + "</table:table-row>")
        if n % repeat_header_every == 0:
            out.append(header())  # the header typed again, as offices do on a new page
    out.append("</table:table>")
    return "".join(out)


def yaohai_tasks(limit: int = 10_000) -> tuple[str, str]:
    """Yaohai's measures (the first `limit`) as a task table (fodt body) and as typed text."""
    from duizhao.corpus import parse_plan

    lines = sample_lines("anhui-hefei-yaohai-district-draft.txt")
    plan = parse_plan("\n".join(lines))
    first = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    head = lines[:first]
    rows: list[tuple[str, ...] | str] = []
    text_lines = list(head)
    deadlines = ("2023年底", "长期坚持", "2024年6月", "2025年底")

    leaves = [0]

    def walk(node, depth: int) -> None:
        if leaves[0] >= limit:
            return
        if node.children:
            heading = f"{node.label}{node.title or ''}"
            rows.append(heading)
            text_lines.append(heading)
            for child in node.children:
                walk(child, depth + 1)
        else:
            leaves[0] += 1
            when = deadlines[len(rows) % len(deadlines)]
            o = node.owners
            rows.append(
                (node.label, node.text, "、".join(o.responsible), "、".join(o.participating), when)
            )
            clause = ""
            if o:
                parts = []
                if o.responsible:
                    parts.append("责任单位：" + "、".join(o.responsible))
                if o.participating:
                    parts.append("参加单位：" + "、".join(o.participating))
                clause = "（" + "，".join(parts) + "）"
            text_lines.append(f"{node.label}{node.text}{clause}")
            text_lines.append(f"完成时限：{when}")

    for node in plan.nodes:
        walk(node, 0)
    body = "\n".join(paragraph(t) for t in head) + task_table(rows)
    body += paragraph("各单位要结合实际抓好贯彻落实。")
    text_lines.append("各单位要结合实际抓好贯彻落实。")
    return body, "\n".join(text_lines) + "\n"


# --- tracked changes -----------------------------------------------------------------------

AUTHOR = "区司法局审核人"
TRACKED = [
    "某区法治宣传教育实施方案（征求意见稿）",
    "为贯彻落实《某市法治宣传教育实施方案》，结合我区实际，制定本方案。",
    "一、总体要求",
    "（一）指导思想。坚持以习近平法治思想为指导，{ins:深入}推进法治宣传教育。",
    "（二）主要目标。到2025年，{del:基本}形成全民守法的社会氛围。",
    "二、重点任务",
    "（三）加强宪法宣传。{del:组织开展宪法宣传周活动。}{ins:组织开展“宪法宣传周”系列活动，}深化宪法进机关。",
    "（四）推进普法阵地建设。建设法治文化公园{ins:和法治广场}。",
    "（五）落实普法责任制。{del:各单位每年报送普法清单。}",
    "各单位要结合实际抓好贯彻落实。",
]
COMMENTS = {3: "“深入”与上级方案表述一致", 6: "请核实是否保留宣传周"}


def tracked_body() -> tuple[str, str, str]:
    changes, out, accepted, original = [], [], [], []
    n = 0
    for i, line in enumerate(TRACKED):
        parts = re.split(r"(\{(?:ins|del):[^}]*\})", line)
        xml, acc, orig = [], [], []
        for part in parts:
            m = re.fullmatch(r"\{(ins|del):([^}]*)\}", part)
            if not m:
                xml.append(escape(part))
                acc.append(part)
                orig.append(part)
                continue
            n += 1
            kind, text = m.groups()
            cid = f"ct{n}"
            info = (
                f"<office:change-info><dc:creator>{AUTHOR}</dc:creator>"
                "<dc:date>2026-03-01T10:00:00</dc:date></office:change-info>"
            )
            if kind == "ins":
                changes.append(
                    f'<text:changed-region text:id="{cid}"><text:insertion>{info}'
                    "</text:insertion></text:changed-region>"
                )
                xml.append(
                    f'<text:change-start text:change-id="{cid}"/>{escape(text)}'
                    f'<text:change-end text:change-id="{cid}"/>'
                )
                acc.append(text)
            else:
                changes.append(
                    f'<text:changed-region text:id="{cid}"><text:deletion>{info}'
                    f"<text:p>{escape(text)}</text:p></text:deletion></text:changed-region>"
                )
                xml.append(f'<text:change text:change-id="{cid}"/>')
                orig.append(text)
        note = ""
        if i in COMMENTS:
            note = (
                f"<office:annotation><dc:creator>{AUTHOR}</dc:creator>"
                f"<dc:date>2026-03-01T10:00:00</dc:date><text:p>{escape(COMMENTS[i])}</text:p>"
                "</office:annotation>"
            )
        out.append(f'<text:p text:style-name="Standard">{note}{"".join(xml)}</text:p>')
        accepted.append("".join(acc))
        original.append("".join(orig))
    tracked = (
        f'<text:tracked-changes text:track-changes="true">{"".join(changes)}</text:tracked-changes>'
    )
    return tracked + "\n".join(out), "\n".join(accepted) + "\n", "\n".join(original) + "\n"


# --- conversion ----------------------------------------------------------------------------


def convert(source: Path, target: str, out: Path) -> None:
    """LibreOffice saves `source` as `out` (target: doc, odt, docx, pdf)."""
    filters = {
        "doc": "doc:MS Word 97",
        "odt": "odt",
        "docx": "docx:MS Word 2007 XML",
        "pdf": "pdf:writer_pdf_Export",
    }
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            shutil.which("soffice") or "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to",
            filters[target],
            "--outdir",
            tmp,
            str(source),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        shutil.move(str(Path(tmp) / f"{source.stem}.{target}"), out)


def main() -> None:
    fodt: dict[str, str] = {}
    for stem, sample in (
        ("yaohai", "anhui-hefei-yaohai-district-draft.txt"),
        ("gaoxin", "hubei-xiangyang-gaoxin-district-draft.txt"),
        ("hubei", "hubei-province.txt"),
    ):
        fodt[stem] = document("\n".join(paragraph(t) for t in sample_lines(sample)))
    lines = sample_lines("hubei-xiangyang-gaoxin-district-draft.txt")
    first = next(i for i, line in enumerate(lines) if re.match(r"^一、", line))
    lists = list_style("L1", [(f, p, s) for _pattern, f, p, s in LEVELS])
    fodt["gaoxin-lists"] = document(list_body(lines, first), lists=lists)
    # Two-column pages: the first three parts (a PDF embeds its font, so kept short).
    cut = next(i for i, line in enumerate(lines) if line.startswith("四、"))
    (HERE / "gaoxin-2col.txt").write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
    fodt["gaoxin-2col"] = document("\n".join(paragraph(t) for t in lines[:cut]), columns=2)
    topics = [
        "某区营商环境优化工作方案",
        "为优化营商环境，结合我区实际，制定本方案。",
        "一、重点任务",
        "1\u2002组织保障",
        "（1）成立工作专班。由区政府分管领导任组长。",
        "（2）建立例会制度。每月召开一次推进会。",
        "2\u2002政务服务",
        "（1）推行一网通办。政务服务事项全部网上可办。",
        "（2）压缩办理时限。企业开办一个工作日内办结。",
        "二、保障措施",
        "（一）加强督查。区督查室每季度通报进展。",
    ]
    (HERE / "topics.txt").write_text("\n".join(topics) + "\n", encoding="utf-8")
    topic_levels = [("一, 二, 三, ...", "", "、"), ("1", "", "\u2002"), ("1", "（", "）")]
    body = [paragraph(topics[0]), paragraph(topics[1])]
    for line in topics[2:]:
        if line.startswith(("一、", "二、")):
            body.append(numbered(0, cn_value(line[0]), line[2:], "L2"))
        elif line[0].isdigit():
            body.append(numbered(1, int(line[0]), line[2:], "L2"))
        elif line.startswith("（一）"):
            body.append(paragraph(line))
        else:
            body.append(numbered(2, int(line[1]), line[3:], "L2"))
    fodt["topics"] = document("\n".join(body), lists=list_style("L2", topic_levels))
    task_body, task_text = yaohai_tasks()
    fodt["tasks"] = document(task_body)
    (HERE / "tasks.txt").write_text(task_text, encoding="utf-8")
    task_body, task_text = yaohai_tasks(limit=14)  # a PDF embeds its font: kept short
    fodt["tasks-short"] = document(task_body)
    (HERE / "tasks-short.txt").write_text(task_text, encoding="utf-8")
    tracked, accepted, original = tracked_body()
    fodt["draft-tracked"] = document(tracked)
    (HERE / "draft-tracked.accepted.txt").write_text(accepted, encoding="utf-8")
    (HERE / "draft-tracked.original.txt").write_text(original, encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="duizhao-fodt-"))
    for stem, xml in fodt.items():
        (work / f"{stem}.fodt").write_text(xml, encoding="utf-8")
    outputs = [
        ("yaohai", "doc"),
        ("hubei", "doc"),
        ("gaoxin", "odt"),
        ("gaoxin-lists", "docx"),
        ("topics", "docx"),
        ("tasks", "docx"),
        ("tasks-short", "pdf"),
        ("gaoxin-2col", "pdf"),
        ("draft-tracked", "docx"),
    ]
    for stem, target in outputs:
        convert(work / f"{stem}.fodt", target, HERE / f"{stem}.{target}")
        print(f"{stem}.{target}", (HERE / f"{stem}.{target}").stat().st_size, "bytes")


if __name__ == "__main__":
    main()
