"""The chain 对照表 (province → city → district) as rows: what the Word and Excel tables list.

One row per measure of the top plan, in its order, with a full-width row for each of its
headings; one cell per lower plan holding the status there and the measures that carry it
(`views.traced`); the 说明 says where it was lost and where restored. The measures a
lower plan added itself (origin at that plan) get rows of their own, in their place: after
the row that the measure before them in their plan belongs to. Nothing here decides a status.
"""

from __future__ import annotations

from dataclasses import dataclass

from duizhao.compare.chain import Chain
from duizhao.corpus.model import Node
from duizhao.reports.chain.views import added_measures, plan_name, traced
from duizhao.reports.common.i18n import _, word
from duizhao.reports.pair.table_view import SectionLine, opened


@dataclass(frozen=True)
class LevelCell:
    """A measure at one lower plan: its status there and the measures of that plan holding it."""

    status: str
    """carried | partial | dropped | added, or "" where the row says nothing about this plan."""
    measures: tuple[Node, ...]


@dataclass(frozen=True)
class ChainRow:
    """A row of the chain 对照表: a measure of the top plan, or a measure a lower plan added."""

    top: Node | None
    levels: tuple[LevelCell, ...]
    """One per plan below the top, in chain order."""
    lost_at: int | None = None
    restored_at: int | None = None
    added_at: int | None = None

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Every measure in the row, top plan first."""
        below = tuple(m for c in self.levels for m in c.measures)
        return ((self.top,) if self.top else ()) + below

    @property
    def ids(self) -> tuple[str, ...]:
        """Ids of the measures in the row, top plan first (`i:id` below the top)."""
        below = [f"{i}:{m.id}" for i, c in enumerate(self.levels, 1) for m in c.measures]
        return ((self.top.id,) if self.top else ()) + tuple(below)


def chain_lines(chain: Chain) -> list[SectionLine | ChainRow]:
    """Heading rows and measure rows of the chain 对照表, top plan order, additions in place."""
    levels = len(chain.plans) - 1
    rows: list[ChainRow] = []
    for t in traced(chain):
        cells = tuple(LevelCell(s.status, s.via) for s in t.steps)
        rows.append(ChainRow(t.measure, cells, t.lost_at, t.restored_at))
    for i, nodes in added_measures(chain).items():
        order = {m.id: n for n, m in enumerate(chain.plans[i].measures())}
        for node in nodes:
            at, best = len(rows), -1
            for n, row in enumerate(rows):
                for m in row.levels[i - 1].measures:
                    k = order.get(m.id, -1)
                    if best <= k < order[node.id]:
                        best, at = k, n + 1
            if best < 0:
                at = _first_after(rows, i, order, order[node.id])
            cells = tuple(
                LevelCell("added", (node,)) if k == i else LevelCell("", ())
                for k in range(1, levels + 1)
            )
            rows.insert(at, ChainRow(None, cells, added_at=i))
    return _with_sections(rows)


def _first_after(rows: list[ChainRow], i: int, order: dict[str, int], position: int) -> int:
    """Where an added measure goes when no measure before it in its plan has a row: before the
    first row holding a measure of that plan that comes after it (else at the end)."""
    for n, row in enumerate(rows):
        if any(order.get(m.id, -1) > position for m in row.levels[i - 1].measures):
            return n
    return len(rows)


def _with_sections(rows: list[ChainRow]) -> list[SectionLine | ChainRow]:
    out: list[SectionLine | ChainRow] = []
    shown: tuple[str, ...] = ()
    for row in rows:
        if row.top is not None:
            out += opened(shown, row.top.path)
            shown = row.top.path
        out.append(row)
    return out


def chain_heads(chain: Chain) -> list[str]:
    """序号 | one column per plan (its jurisdiction) | 说明."""
    return [_("No."), *(plan_name(chain, i) for i in range(len(chain.plans))), _("Notes")]


def level_text(cell: LevelCell) -> tuple[str, list[str]]:
    """A level cell as its status word and one paragraph per measure (label and text)."""
    if not cell.status:
        return "", []
    return word(cell.status), [f"{m.label}{m.text}" for m in cell.measures]


def chain_notes(chain: Chain, row: ChainRow) -> str:
    """说明 of a chain row: where it was lost and restored, or which plan added it."""
    if row.added_at is not None:
        return _("Added by {plan}.").format(plan=plan_name(chain, row.added_at))
    out = []
    if row.lost_at is not None:
        out.append(_("Lost at {plan}.").format(plan=plan_name(chain, row.lost_at)))
    if row.restored_at is not None:
        out.append(_("Restored at {plan}.").format(plan=plan_name(chain, row.restored_at)))
    if not out and row.levels and all(c.status == "carried" for c in row.levels):
        out.append(_("Carried at every level."))
    return "".join(out)


def chain_number(row: ChainRow) -> str:
    """序号: the top plan's own label, or a dash for a row a lower plan added."""
    if row.top is None:
        return "—"
    return row.top.label.rstrip("、.．， ") or row.top.label
