"""Plan models as JSON-ready dicts: the PLAN and MEASURE shapes of `duizhao/compare@1`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from duizhao.corpus.model import Node, Plan

if TYPE_CHECKING:
    from duizhao.corpus.model import Comment

PLAN_SCHEMA = "duizhao/plan@1"


def plan_dict(plan: Plan) -> dict[str, Any]:
    """PLAN = {path, title, jurisdiction{name, level}, period, draft, cites}."""
    return {
        "path": plan.path,
        "title": plan.title,
        "jurisdiction": {"name": plan.jurisdiction.name, "level": plan.jurisdiction.level},
        "period": plan.period,
        "draft": plan.draft,
        "cites": list(plan.cites),
    }


def measure_dict(node: Node) -> dict[str, Any]:
    """MEASURE = {id, label, path, title, text, owners, lines}."""
    return {
        "id": node.id,
        "label": node.label,
        "path": list(node.path),
        "title": node.title,
        "text": node.text,
        "owners": node.owners.to_dict(),
        "lines": list(node.lines),
    }


def node_dict(node: Node) -> dict[str, Any]:
    """A tree node with its children (for `inspect --json`)."""
    out = measure_dict(node)
    out["style"] = node.style
    out["body"] = node.body
    out["is_measure"] = node.is_measure
    out["deadline"] = node.deadline
    out["children"] = [node_dict(c) for c in node.children]
    return out


def revisions_dict(plan: Plan) -> dict[str, Any] | None:
    """Tracked changes and comments of a draft (None without either); each comment with the
    id of the unit it is anchored in (null when it sits outside every unit)."""
    revisions = plan.revisions
    if not revisions:
        return None
    from duizhao.reports.plan.csv import anchored_in

    def comment(c: Comment) -> dict[str, Any]:
        anchor = anchored_in(plan, c.anchor_line)
        return {"author": c.author, "text": c.text, "anchor_line": c.anchor_line,
                "anchor": anchor.id if anchor is not None else None}  # fmt: skip

    return {
        "changes": revisions.changes,
        "authors": list(revisions.authors),
        "original": revisions.original,
        "comments": [comment(c) for c in revisions.comments],
    }


def ocr_dict(plan: Plan) -> dict[str, Any] | None:
    """How a scanned plan was read: engine, mean confidence, each page, low-confidence lines."""
    ocr = getattr(plan, "ocr", None)
    if ocr is None:
        return None
    return {
        "engine": ocr.engine,
        "confidence": round(ocr.confidence, 4),
        "pages": [
            {"page": p.page, "lines": p.lines, "confidence": p.confidence} for p in ocr.pages
        ],
        "low_confidence_lines": [
            {"page": x.page, "paragraph": x.paragraph, "confidence": x.confidence, "text": x.text}
            for x in ocr.low
        ],
    }


def model_dict(plan: Plan) -> dict[str, Any]:
    """The whole plan model: PLAN plus everything the parser kept."""
    out: dict[str, Any] = {"schema": PLAN_SCHEMA, **plan_dict(plan)}
    out["jurisdiction"]["short"] = plan.jurisdiction.short
    out["jurisdiction"]["parents"] = list(plan.jurisdiction.parents)
    out.update(
        {
            "format": plan.converted_from or plan.format,  # a .doc says doc, not docx
            "sha256": plan.sha256,
            "preamble": plan.preamble,
            "closing": plan.closing,
            "issuer": plan.issuer,
            "date": plan.date,
            "measure_count": len(plan.measures()),
            "warnings": list(plan.warnings),
            "revisions": revisions_dict(plan),
            "tree": [node_dict(n) for n in plan.nodes],
        }
    )
    ocr = ocr_dict(plan)
    if ocr is not None:  # only scans carry it: text plans' JSON is unchanged
        out["ocr"] = ocr
    return out
