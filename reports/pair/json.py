"""`duizhao/compare@1`: the comparison as one JSON object (the contract other tools read)."""

from __future__ import annotations

import re
from typing import Any

import orjson

from duizhao.compare.result import ClauseDiff, Comparison
from duizhao.compare.revision_result import RevisionFacts
from duizhao.reports.plan.json import measure_dict, plan_dict

SCHEMA = "duizhao/compare@1"


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS


def dump_json(data: object) -> str:
    """Deterministic JSON text for every JSON output: key order as built, UTF-8 characters,
    two-space indent, final newline.

    orjson writes the same text as `json.dumps(data, ensure_ascii=False, indent=2)` (tested)
    for the numbers reports hold, in a tenth of the time: the standard library's encoder
    falls back to pure Python once an indent is asked for (15 ms for a comparison).

    One difference, for JSON printed to a terminal: DEL and the C1 controls (U+007F–U+009F,
    which some terminals act on as escape sequences) are written as \\u escapes, as JSON
    allows; both encoders escape the C0 controls already."""
    text = orjson.dumps(data, default=_plain, option=_OPTIONS).decode("utf-8")
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text) if _C1.search(text) else text


_C1 = re.compile("[\x7f-\x9f]")


def _plain(value: object) -> float:
    """A float subclass (a numpy scalar) as the float it is; anything else is not JSON."""
    if isinstance(value, float):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def compare_dict(result: Comparison) -> dict[str, Any]:
    """The comparison in the `duizhao/compare@1` shape (extra fields are additions, not renames);
    in revision mode a `revision` object adds the numbering map, renamed headings, the measures
    whose owners changed (the change itself is each measure's `owners_change`) and the number
    of changes."""
    out = _compare_dict(result)
    if result.revision is not None:
        out["revision"] = revision_dict(result.revision)
    return out


def revision_dict(facts: RevisionFacts) -> dict[str, Any]:
    """The facts a revision lists once, as JSON (field names as in compare/revision_result.py)."""
    return {
        "changes": facts.changes,
        "text_edits": facts.text_edits,
        "numbering": [
            {
                "measure": n.measure,
                "old_label": n.old_label,
                "new_label": n.new_label,
                "moved": n.moved,
            }
            for n in facts.numbering
        ],
        "headings": [{"old": h.old_heading, "new": h.new_heading} for h in facts.headings],
        "owners_changed": list(facts.owners),
    }


def _compare_dict(result: Comparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "mode": result.mode,
        "parent": plan_dict(result.parent),
        "child": plan_dict(result.child),
        "parent_measures": [
            {
                **measure_dict(r.measure),
                "status": r.status,
                "coverage": r.coverage,
                "closest": r.closest,
            }
            for r in result.parent_measures
        ],
        "child_measures": [
            {
                **measure_dict(r.measure),
                "status": r.status,
                "novelty": r.novelty,
                "sources": [{"parent": s.parent, "child_share": s.child_share} for s in r.sources],
                "flags": list(r.flags),
                "main_source": r.main_source,
                "owners_before": list(r.owners_before),
                "owners_change": r.owner_change.to_dict() if r.owner_change else None,
                "diff": [_diff_dict(d) for d in r.diff],
                "counterpart": r.counterpart,
            }
            for r in result.child_measures
        ],
        "links": [
            {
                "parent": link.parent,
                "child": link.child,
                "score": link.score,
                "parent_share": link.parent_share,
                "child_share": link.child_share,
                "basis": link.basis,
                "evidence": [
                    {
                        "parent_text": e.parent_text,
                        "child_text": e.child_text,
                        "similarity": e.similarity,
                    }
                    for e in link.evidence
                ],
            }
            for link in result.links
        ],
        "sections": [
            {
                "parent_section": f.parent_section,
                "child_section": f.child_section,
                "parent_heading": f.parent_heading,
                "child_heading": f.child_heading,
                "links": f.links,
                "corresponds": f.corresponds,
            }
            for f in result.sections
        ],
        "summary": result.summary.to_dict(),
        "settings": result.settings.to_dict(),
        "notes": list(result.notes),
    }


def _diff_dict(d: ClauseDiff) -> dict[str, Any]:
    out: dict[str, Any] = {
        "op": d.op,
        "parent_text": d.parent_text,
        "child_text": d.child_text,
        "similarity": d.similarity,
    }
    if d.spans:
        out["spans"] = [[s.op, s.text] for s in d.spans]
        numbers = [i for i, s in enumerate(d.spans) if s.kind == "number"]
        if numbers:
            out["number_spans"] = numbers  # indexes of spans that change a number, year or unit
    return out
