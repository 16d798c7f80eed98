"""A folder's index as `duizhao/scan@1` JSON: every plan with its metadata, cited parents and
declared chain, unreadable files, files not read, plans found more than once. Fields are only
ever added.
"""

from __future__ import annotations

from typing import Any

from duizhao.corpus.scan import Entry, Index
from duizhao.reports.scan.views import duplicates, skipped

SCHEMA = "duizhao/scan@1"


def entry_dict(index: Index, entry: Entry) -> dict[str, Any]:
    """One plan of the index: metadata, cited parents (path null = missing), its declared chain."""
    j = entry.jurisdiction
    return {
        "path": entry.path,
        "sha256": entry.sha256,
        "title": entry.title,
        "jurisdiction": {"name": j.name, "level": j.level, "short": j.short},
        "period": entry.period,
        "draft": entry.draft,
        "measure_count": entry.measure_count,
        "cites": list(entry.cites),
        "parents": [{"cited": c.cited, "title": c.title, "path": c.path} for c in entry.parents],
        "parent": entry.parent,
        "missing": list(entry.missing),
        "chain": [e.path for e in index.chain(entry.path)],
    }


def scan_dict(index: Index) -> dict[str, Any]:
    """The index as `duizhao/scan@1`: plans and unreadable files, each sorted by path."""
    return {
        "schema": SCHEMA,
        "root": str(index.root),
        "plans": [entry_dict(index, e) for e in index.plans],
        "unreadable": [{"path": e.path, "error": e.error} for e in index.unreadable],
        "skipped": [{"path": p, "reason": r} for p, r in skipped(index)],
        "duplicates": [
            {"chosen": chosen, "others": list(others), "reason": reason}
            for chosen, others, reason in duplicates(index)
        ],
    }
