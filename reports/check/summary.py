"""`duizhao check` as markdown for GITHUB_STEP_SUMMARY, cut to fit GitHub's 1 MiB limit.

Table cells are markdown-escaped (`md_cell`); text inside HTML blocks (`<details><summary>`)
is HTML-escaped, since markdown escapes mean nothing there. A report over the budget is cut
at a line end, open `<details>` blocks are closed, and a last line says it was truncated.
"""

from __future__ import annotations

from collections.abc import Iterable

from duizhao.compare.check.model import CheckReport
from duizhao.reports.check.messages import pct, plain, severity_word, tally, verdict, with_fix
from duizhao.reports.common.escape import h, md_cell
from duizhao.reports.common.i18n import DEFAULT_LANG, gettext_for, word

STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a step summary over 1 MiB."""


def _md_table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md_cell(c) for c in head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]


def render_summary(report: CheckReport, *, lang: str | None = None) -> str:
    """Verdict, plans, every finding, then each comparison's own report folded."""
    _ = gettext_for(lang)
    icon = "❌" if report.failed else "✅"
    lines = [
        f"## duizhao check {icon} {verdict(report, lang)}",
        "",
        md_cell(tally(report, lang)),
        "",
    ]
    head = [_("plan"), _("parent"), _("parent measures"), word("carried", lang),
            word("partial", lang), word("dropped", lang), _("waived"), _("coverage")]  # fmt: skip
    rows = []
    for c in report.plans:
        s = c.comparison.summary
        counts = (s.parent_measures, s.carried, s.partial, s.dropped, c.waived)
        rows.append([c.plan, c.parent, *map(str, counts), pct(c.coverage)])
    lines += _md_table(head, rows)
    shown = [f for f in report.findings if f.waived is None]
    if shown:
        lines += ["", f"### {_('Findings')}", ""]
        lines += _md_table(
            ["", _("rule"), _("where"), _("message")],
            (
                [severity_word(str(f.kind), lang), str(f.rule), f"{f.path}:{f.line}",
                 with_fix(f, report, lang)]
                for f in shown
            ),
        )  # fmt: skip
    waived = [f for f in report.findings if f.waived is not None]
    if waived:
        lines += ["", f"### {_('Waived')}", ""]
        lines += _md_table(
            [_("rule"), _("measure"), _("reason")],
            ([str(f.rule), f.name, f.waived or ""] for f in waived),
        )
    lines += _comparisons(report, lang)
    return "\n".join(lines) + "\n"


def _comparisons(report: CheckReport, lang: str | None) -> list[str]:
    """Each comparison's markdown report in a folded block; its title HTML-escaped."""
    from duizhao.reports.pair.markdown import render_markdown

    _ = gettext_for(lang)
    out = []
    for check in report.plans:
        body = render_markdown(check.comparison, lang=lang or DEFAULT_LANG)
        title = _("Comparison: {plan} ← {parent}").format(
            plan=plain(check.plan), parent=plain(check.parent)
        )
        out += [
            "",
            f"<details><summary>{h(title)}</summary>",
            "",
            body.rstrip("\n"),
            "",
            "</details>",
        ]
    return out


def truncated(text: str, budget: int, *, lang: str | None = None) -> str:
    """`text` cut at a line end to fit `budget` UTF-8 bytes, ending with a line saying so.

    Open `<details>` blocks are closed first, so the notice is never folded away.
    """
    if len(text.encode("utf-8")) <= budget:
        return text
    _ = gettext_for(lang)
    notice = "\n\n> **{}**: {}\n".format(
        _("Truncated"),
        _(
            "this report reached GitHub's step-summary size limit; run "
            "`duizhao check --format json` for every finding."
        ),
    )
    closer = "\n</details>"
    room = budget - len(notice.encode("utf-8")) - len(closer) * _max_depth(text)
    if room <= 0:
        return notice.lstrip("\n") if len(notice.encode("utf-8")) <= budget else ""
    kept, used, depth = [], 0, 0
    for line in text.splitlines(keepends=True):
        size = len(line.encode("utf-8"))
        if used + size > room:
            break
        kept.append(line)
        used += size
        depth += line.count("<details>") + line.count("<details ") - line.count("</details>")
    return "".join(kept).rstrip("\n") + closer * max(depth, 0) + notice


def _max_depth(text: str) -> int:
    depth = deepest = 0
    for line in text.splitlines():
        depth += line.count("<details>") + line.count("<details ") - line.count("</details>")
        deepest = max(deepest, depth)
    return deepest
