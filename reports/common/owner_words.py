"""The one way every report says an owners change: "牵头单位由省司法厅调整为区民政局".

Every view (terminal, markdown, HTML, csv, xlsx and docx 说明) calls `say_owner_change`, so
they cannot disagree. It says only the real difference `compare.owner_change` found (units
added and removed after level normalisation, units moved between roles), never the two full
lists: a reader must see the one agency that changed, not search for it among twenty.
"""

from __future__ import annotations

from duizhao.compare.owner_change import TIER, OwnerChange, Role, RoleUnit
from duizhao.reports.common.i18n import N_, current_lang, gettext_for, normalise

ROLE_WORDS = {
    Role.LEAD: N_("lead unit"),
    Role.RESPONSIBLE: N_("responsible unit"),
    Role.PARTICIPATING: N_("participating unit"),
}
"""Roles in the vocabulary of plans: 牵头单位, 责任单位, 参加单位."""


def owner_sentences(change: OwnerChange | None, lang: str | None = None) -> list[str]:
    """The change as short clauses, one per role replaced, added, removed, or unit moved.

    A role that lost some units and gained others is one replacement ("牵头单位由A调整为B");
    a unit both plans name in other roles is a move ("区司法局由牵头单位调整为参加单位")."""
    if not change:
        return []
    code = normalise(lang) if lang else current_lang()
    _ = gettext_for(code)
    sep = "、" if code == "zh" else ", "
    out = []
    for tier in (Role.LEAD, Role.PARTICIPATING):
        gone = _in(change.removed, tier)
        new = _in(change.added, tier)
        # A tier's role word as the child now prints it (责任单位 where it has no 牵头单位).
        roles = [u.role for u in (*change.added, *change.removed) if TIER[u.role] == TIER[tier]]
        name = _(ROLE_WORDS[roles[0]]) if roles else ""
        if gone and new:
            out.append(_("{role} changed from {before} to {after}").format(
                role=name, before=sep.join(gone), after=sep.join(new)))  # fmt: skip
        elif new:
            out.append(_("{role} added: {units}").format(role=name, units=sep.join(new)))
        elif gone:
            out.append(_("{role} removed: {units}").format(role=name, units=sep.join(gone)))
    for m in change.moved:
        out.append(_("{unit} moved from {before} to {after}").format(
            unit=m.after.unit, before=_(ROLE_WORDS[m.before.role]),
            after=_(ROLE_WORDS[m.after.role])))  # fmt: skip
    return out


def say_owner_change(change: OwnerChange | None, lang: str | None = None) -> str:
    """The whole change in one sentence without final punctuation ("" when nothing changed).

    Without `lang`, the language of the enclosing `i18n.using` block."""
    code = normalise(lang) if lang else current_lang()
    return ("；" if code == "zh" else "; ").join(owner_sentences(change, code))


def _in(units: tuple[RoleUnit, ...], tier: Role) -> list[str]:
    return [u.unit for u in units if TIER[u.role] == TIER[tier]]
