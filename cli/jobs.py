"""What the commands do, as plain functions a Python user can call without the CLI."""

from __future__ import annotations

from pathlib import Path

from duizhao.cli.token_cache import tokenize_all
from duizhao.compare import Comparison, Settings, compare_plans
from duizhao.corpus import load_plan
from duizhao.corpus.errors import InputError
from duizhao.corpus.samples import DEMO_PAIR, load_sample, sample_path
from duizhao.reports.json_report import dump_json


def sample_paths() -> list[Path]:
    """The files of the demo pair (parent first)."""
    return [sample_path(n) for n in DEMO_PAIR]


def compare_paths(
    paths: list[Path],
    *,
    sample: bool = False,
    revision: bool = False,
    overrides: list[str] | dict[str, str] | None = None,
    progress=None,
) -> Comparison:
    """Load PARENT and CHILD (or the demo pair) and compare them."""
    settings = Settings().with_overrides(overrides or {})
    if sample:
        if paths:
            raise InputError("--sample", "takes no files (it compares the bundled pair)")
        parent, child = (load_sample(n) for n in DEMO_PAIR)
    else:
        if len(paths) != 2:
            what = "--revision needs OLD and NEW" if revision else "compare needs PARENT and CHILD"
            raise InputError("compare", f"{what} (got {len(paths)} file(s)); or use --sample")
        if Path(paths[0]).resolve() == Path(paths[1]).resolve():
            raise InputError(str(paths[1]), "is given twice: compare two different plans")
        parent, child = load_plan(paths[0]), load_plan(paths[1])
    return compare_plans(
        parent, child, settings, revision=revision, progress=progress, tokenize=tokenize_all
    )


def compare_chain_paths(paths: list[Path], *, overrides: list[str] | dict[str, str] | None = None):
    """Load three or more plans (highest level first) and compare them as a chain."""
    from duizhao.compare.chain import compare_chain

    settings = Settings().with_overrides(overrides or {})
    resolved = [Path(p).resolve() for p in paths]
    for i, path in enumerate(resolved):
        if path in resolved[:i]:
            raise InputError(str(paths[i]), "is given twice: compare different plans")

    def compare(parent, child):
        return compare_plans(parent, child, settings, tokenize=tokenize_all)

    return compare_chain([load_plan(p) for p in paths], settings, compare)


def render_chain_text(chain, kind: str) -> str:
    """A chain as text: json (duizhao/chain@1), markdown, html or csv (the trace table)."""
    from duizhao.reports import chain_report

    if kind == "json":
        return dump_json(chain_report.chain_dict(chain))
    if kind == "markdown":
        return chain_report.render_chain_markdown(chain)
    if kind == "html":
        return chain_report.render_chain_html(chain)
    if kind == "csv":
        return chain_report.render_chain_csv(chain)
    raise InputError("--format", f"{kind} is not a text format")


def render_text(result: Comparison, kind: str) -> str:
    """The comparison as text in one of the text formats."""
    if kind == "json":
        from duizhao.reports.json_report import compare_dict

        return dump_json(compare_dict(result))
    if kind == "markdown":
        from duizhao.reports.markdown import render_markdown

        return render_markdown(result)
    if kind == "html":
        from duizhao.reports.html import render_html

        return render_html(result)
    if kind == "csv":
        from duizhao.reports.comparison_table import render_csv

        return render_csv(result)
    raise InputError("--format", f"{kind} is not a text format")
