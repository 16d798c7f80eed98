"""Chains of plans: `duizhao/chain@1` JSON, and the chain view for the terminal, markdown and tables."""

from __future__ import annotations

from typing import Any

from duizhao.compare.chain import Chain
from duizhao.reports.json_report import compare_dict
from duizhao.reports.model_json import plan_dict

SCHEMA = "duizhao/chain@1"


def chain_dict(chain: Chain) -> dict[str, Any]:
    """The chain in the `duizhao/chain@1` shape; each comparison also names its plan indexes."""
    return {
        "schema": SCHEMA,
        "plans": [plan_dict(p) for p in chain.plans],
        "pairs": [
            {**compare_dict(r), "parent_index": i, "child_index": i + 1}
            for i, r in enumerate(chain.pairs)
        ],
        "direct": [
            {**compare_dict(r), "parent_index": k, "child_index": i} for k, i, r in chain.direct
        ],
        "trace": [
            {
                "measure": t.measure,
                "label": t.label,
                "title": t.title,
                "levels": [
                    {
                        "plan": lv.plan,
                        "status": lv.status,
                        "via": list(lv.via),
                        "against": lv.against,
                    }
                    for lv in t.levels
                ],
                "lost_at": t.lost_at,
                "restored_at": t.restored_at,
            }
            for t in chain.trace
        ],
        "origins": [
            {"plan": o.plan, "measure": o.measure, "origin": o.origin} for o in chain.origins
        ],
        "notes": list(chain.notes),
    }


def plan_name(chain: Chain, index: int) -> str:
    """Short name of a plan in the chain: its jurisdiction, else its file."""
    plan = chain.plans[index]
    return plan.jurisdiction.name or plan.path


def render_chain_csv(chain: Chain, *, lang: str = "zh") -> str:
    """The trace table as CSV (with the byte order mark Excel needs for Chinese)."""
    import pandas as pd

    from duizhao.reports.comparison_table import bom_csv

    return bom_csv(pd.DataFrame(trace_rows(chain)))


def level_header(chain: Chain, index: int) -> str:
    """Column header of a plan in trace tables: its index and name (two plans may share a name)."""
    return f"{index} {plan_name(chain, index)}"


def trace_rows(chain: Chain) -> list[dict[str, str]]:
    """One row per top-level measure: its status at each level, where lost and restored."""
    rows = []
    for t in chain.trace:
        row = {"label": t.label, "title": t.title or ""}
        for lv in t.levels:
            via = " ".join(chain.plans[lv.plan].node(v).label for v in lv.via)
            row[level_header(chain, lv.plan)] = f"{lv.status} {via}".strip()
        row["lost at"] = level_header(chain, t.lost_at) if t.lost_at is not None else ""
        row["restored at"] = level_header(chain, t.restored_at) if t.restored_at is not None else ""
        rows.append(row)
    return rows


def _status_columns(chain: Chain) -> set[str]:
    return {level_header(chain, i) for i in range(1, len(chain.plans))}


def added_counts(chain: Chain) -> dict[int, int]:
    """How many measures each lower plan added itself (origin at that plan)."""
    counts = {i: 0 for i in range(1, len(chain.plans))}
    for o in chain.origins:
        if o.origin == o.plan:
            counts[o.plan] += 1
    return counts


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_chain_markdown(chain: Chain, *, lang: str = "zh") -> str:
    """The chain view: plans, lost / restored measures, the full trace table, added counts."""
    names = [plan_name(chain, i) for i in range(len(chain.plans))]
    out = ["# 对照: " + " → ".join(names), ""]
    for i, plan in enumerate(chain.plans):
        j = plan.jurisdiction
        out.append(
            f"{i}. **{_md(plan.title or plan.path)}** — {j.name or '?'} ({j.level}), `{plan.path}`"
        )
    out.append("")
    for note in chain.notes:
        out.append(f"> **Note:** {_md(note)}")
    lost = [t for t in chain.trace if t.lost_at is not None]
    out += ["## Lost and restored", ""]
    if not lost:
        out.append("Every measure of the top plan reaches the bottom plan.")
    for t in lost:
        where = f"lost at {level_header(chain, t.lost_at)}"
        if t.restored_at is not None:
            where += f", restored at {level_header(chain, t.restored_at)}"
        out.append(f"- **{_md(t.label)}** {_md(t.title or '')}: {where}")
    out += ["", "## Added at each level", ""]
    for i, n in added_counts(chain).items():
        out.append(
            f"- {level_header(chain, i)}: {n} measure(s) whose substance appears in no plan above"
        )
    rows = trace_rows(chain)
    if rows:
        headers = list(rows[0])
        out += ["", "## Trace", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        out += ["| " + " | ".join(_md(r.get(h, "")) for h in headers) + " |" for r in rows]
    return "\n".join(out) + "\n"


def render_chain_terminal(
    chain: Chain, console, *, show_all: bool = False, lang: str = "zh"
) -> None:
    """Chain summary, lost/restored measures and the trace table (rich)."""
    from rich.table import Table

    names = [plan_name(chain, i) for i in range(len(chain.plans))]
    console.print(f"[bold]对照[/bold] {' → '.join(names)}")
    for note in chain.notes:
        console.print(f"[yellow]! {note}[/yellow]")
    for i, r in enumerate(chain.pairs):
        s = r.summary
        console.print(
            f"{names[i]} → {names[i + 1]}: carried {s.carried}, partial {s.partial}, "
            f"dropped {s.dropped}; added against the plan above {s.added}"
        )
    rows = trace_rows(chain)
    lost = [r for r in rows if r["lost at"]]
    shown = rows if show_all else lost
    table = Table(title="measures of the top plan" if show_all else "lost along the chain")
    for header in rows[0] if rows else []:
        table.add_column(header, overflow="fold")
    for r in shown:
        table.add_row(*r.values())
    console.print(table)
    if not show_all:
        console.print(f"{len(rows) - len(lost)} more measures reach every level (use --all).")


_STATUS_FILLS = {"carried": "E3F2E6", "partial": "FFF4D6", "dropped": "FBE0E0"}


def write_chain_xlsx(chain: Chain, path) -> None:
    """The trace workbook written to `path`."""
    from pathlib import Path

    Path(path).write_bytes(chain_xlsx_bytes(chain))


def chain_xlsx_bytes(chain: Chain, *, lang: str = "zh") -> bytes:
    """The trace as a workbook: one row per top-level measure, a column per lower plan."""
    import io

    import pandas as pd
    from openpyxl.styles import Alignment, Font, PatternFill

    from duizhao.reports.comparison_table import stable_zip

    frame = pd.DataFrame(trace_rows(chain))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="trace", index=False)
        sheet = writer.sheets["trace"]
        sheet.freeze_panes = "C2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for n in range(1, sheet.max_column + 1):
            letter = sheet.cell(1, n).column_letter
            sheet.column_dimensions[letter].width = 40 if n == 2 else 18
        levels = _status_columns(chain)
        headers = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for header, cell in zip(headers, row, strict=True):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                status = str(cell.value or "").split(" ")[0]
                if header in levels and status in _STATUS_FILLS:
                    cell.fill = PatternFill("solid", fgColor=_STATUS_FILLS[status])
    return stable_zip(buffer.getvalue())


def render_chain_html(chain: Chain, *, lang: str = "zh") -> str:
    """The chain view as one self-contained page (all document text escaped)."""
    from html import escape

    names = [plan_name(chain, i) for i in range(len(chain.plans))]
    rows = trace_rows(chain)
    headers = list(rows[0]) if rows else []
    levels = _status_columns(chain)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>对照: {escape(' → '.join(names))}</title>",
        "<style>body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;"
        "margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
        "padding:4px 8px;vertical-align:top}th{background:#f3f3f3}"
        ".carried{background:#e3f2e6}.partial{background:#fff4d6}.dropped{background:#fbe0e0}"
        ".note{color:#8a5a00}</style></head><body>",
        f"<h1>对照: {escape(' → '.join(names))}</h1><ol start='0'>",
    ]
    for plan in chain.plans:
        j = plan.jurisdiction
        parts.append(
            f"<li><b>{escape(plan.title or plan.path)}</b> — {escape(j.name or '?')} "
            f"({escape(j.level)}), <code>{escape(plan.path)}</code></li>"
        )
    parts.append("</ol>")
    parts += [f'<p class="note">Note: {escape(note)}</p>' for note in chain.notes]
    counts = added_counts(chain)
    parts.append(
        "<p>"
        + "; ".join(
            f"{escape(level_header(chain, i))}: {n} measure(s) new at this level"
            for i, n in counts.items()
        )
        + "</p><table><tr>"
        + "".join(f"<th>{escape(h)}</th>" for h in headers)
        + "</tr>"
    )
    for row in rows:
        cells = []
        for header in headers:
            value = row.get(header, "")
            status = value.split(" ")[0]
            css = f' class="{status}"' if header in levels and status in _STATUS_FILLS else ""
            cells.append(f"<td{css}>{escape(value)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"
