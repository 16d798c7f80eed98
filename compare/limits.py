"""The size limit of one comparison, stated and checked before any matrix is allocated.

Alignment keeps, for every child clause, its best credit, clause and similarity within each
parent measure (three numbers of 8 bytes), and for every child measure the best credit of each
parent clause. Clause pairs themselves are scored in blocks (align.BLOCK_CELLS), so these
clause × measure tables are what grows with the plans: two ordinary plans (a few hundred
measures) use a few MB; two 1,000-measure plans about 8 million cells (about 200 MB). Two
8–10 MB plans would need tens of GB, so they are refused up front with the limit named,
rather than asking numpy for memory the machine does not have.
"""

from __future__ import annotations

from duizhao.corpus.errors import LimitError
from duizhao.corpus.model import Plan

MAX_CLAUSE_MEASURE_CELLS = 40_000_000
"""child clauses × parent measures (and parent clauses × child measures) allowed: about
1 GB of alignment tables at 24 bytes a cell."""


def check_size(parent: Plan, child: Plan, parent_clauses: int, child_clauses: int) -> None:
    """Raise LimitError when the two plans are too large to align within the stated limit."""
    n_parent, n_child = len(parent.measures()), len(child.measures())
    cells = max(child_clauses * n_parent, parent_clauses * n_child)
    if cells > MAX_CLAUSE_MEASURE_CELLS:
        raise LimitError(
            child.path,
            "too large to compare with {path}: {child_clauses:,} clauses × {n_parent:,} parent measures (and {parent_clauses:,} × {n_child:,}) exceeds the limit of {max_clause_measure_cells:,} clause-measure pairs; compare the plans part by part",
            path=parent.path,
            child_clauses=child_clauses,
            n_parent=n_parent,
            parent_clauses=parent_clauses,
            n_child=n_child,
            max_clause_measure_cells=MAX_CLAUSE_MEASURE_CELLS,
        )
