"""The sentences of `duizhao check`: each finding's message and fix, the verdict, the tally.

Findings carry facts; the words are written here only, through gettext (`duizhao.reports.common.i18n`,
Chinese by default, English with lang="en"; a message without a translation yet reads in
English). Every piece of user-controlled text (plan titles, waiver reasons and keys, file
names) goes through `plain` first: one line, control and format characters escaped, so no
output line can be started, coloured, retitled or hidden by a document or a configuration.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from duizhao.compare.check.model import CheckReport, Detail, Fact, Finding, RuleId
from duizhao.reports.common.escape import one_line
from duizhao.reports.common.i18n import LEVELS, N_, gettext_for, word

if TYPE_CHECKING:
    from duizhao.compare.check.model import PlanCheck

RULE_TEXT: dict[RuleId, tuple[str, str]] = {
    RuleId.DROPPED: (
        N_("A parent measure is dropped"),
        N_(
            "Nothing substantial of a parent measure reaches the checked plan. Fails when the "
            "unwaived drops exceed rules.max_dropped (0 when fail_on lists dropped)."
        ),
    ),
    RuleId.REGRESSION: (
        N_("The plan lost ground since the baseline revision"),
        N_(
            "With --baseline REV: a parent measure carried or partial at REV is dropped now, "
            "or the coverage of parent measures went down."
        ),
    ),
    RuleId.COVERAGE: (
        N_("Too few parent measures reach the plan"),
        N_(
            "The share of (unwaived) parent measures that are carried or partial, overall or "
            "in one parent section, is below rules.min_coverage or rules.min_coverage_by_section."
        ),
    ),
    RuleId.PARTIAL: (
        N_("A parent measure is only partly carried"),
        N_(
            "Some of a parent measure reaches the plan, a substantial part does not "
            "(fail_on = partial)."
        ),
    ),
    RuleId.SWAPPED: (
        N_("The parent plan looks lower than the checked plan"),
        N_(
            "The plan given as the parent is of a lower level than the checked plan: the pair "
            "is probably the wrong way round (fail_on = swapped)."
        ),
    ),
    RuleId.OWNERS_CHANGED: (
        N_("A measure's owners changed"),
        N_(
            "A child measure and its main source both name owners, and they differ after "
            "level normalisation (fail_on = owners_changed)."
        ),
    ),
    RuleId.MOVED: (
        N_("A measure moved to another section"),
        N_(
            "A child measure's main source sits in a parent section that does not correspond "
            "to the child's section (fail_on = moved)."
        ),
    ),
    RuleId.MERGED: (
        N_("A measure merges several parent measures"),
        N_(
            "A child measure draws substantially on two or more parent measures (fail_on = merged)."
        ),
    ),
    RuleId.SPLIT: (
        N_("A parent measure is split"),
        N_("A child measure's main source also feeds other child measures (fail_on = split)."),
    ),
    RuleId.ADDED: (
        N_("A measure has no source in the parent"),
        N_("Most of a child measure has no source in the parent plan (fail_on = added)."),
    ),
    RuleId.STALE_WAIVER: (
        N_("A waiver no longer applies"),
        N_(
            "A waiver matches no parent measure, or its measure is no longer dropped or "
            "partial. A warning; an error with rules.strict_waivers = true."
        ),
    ),
    RuleId.WAIVER_REASON: (
        N_("A waiver has no reason"),
        N_(
            "A waiver's reason is empty or still the 'TODO: reason' that check --init wrote. "
            "A warning; an error with rules.strict_waivers = true."
        ),
    ),
}
"""Rule id → (short description, full description): SARIF rules and help texts."""


def plain(text: object) -> str:
    """User-controlled text for any output line: one line, controls shown as escapes."""
    return _visible(one_line(str(text)))


def _visible(text: str) -> str:
    """Like `plain` but keeping spacing (for TOML lines, already escaped when built)."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        else ch
        for ch in text
    )


def pct(value: Fact) -> str:
    """A share (0.853) as a whole percentage (85%); a missing one reads 0%."""
    if isinstance(value, tuple):
        raise TypeError(f"a share, not {value!r}")
    return f"{float(value or 0):.0%}"


def rule_text(rule: RuleId, lang: str | None = None) -> tuple[str, str]:
    _ = gettext_for(lang)
    short, full = RULE_TEXT[rule]
    return _(short), _(full)


def _parent(f: Finding, _: Callable[[str], str]) -> dict[str, str]:
    return {
        "name": plain(f.name),
        "parent": plain(f.fact("parent", "")),
        "parent_line": str(f.parent_line or ""),
        "coverage": pct(f.fact("coverage")),
    }


def _sources(f: Finding, _: Callable[[str], str]) -> str:
    names = f.fact("sources", ()) or ()
    lines = f.fact("source_lines", ()) or ()
    assert isinstance(names, tuple) and isinstance(lines, tuple)
    return ", ".join(
        _("{name} (parent line {line})").format(name=plain(n), line=line)
        for n, line in zip(names, lines, strict=False)
    )


def _source(f: Finding, _: Callable[[str], str]) -> str:
    if f.fact("source") is None:
        return "?"
    return _("{name} (parent line {line})").format(
        name=plain(f.fact("source")), line=f.fact("source_line")
    )


def _waiver(f: Finding, _: Callable[[str], str]) -> str:
    named = " ".join(plain(x) for x in (f.fact("waiver_label"), f.fact("waiver_title")) if x)
    key = plain(repr(f.fact("key", "")))
    return _("waiver {key}").format(key=key) + (f" ({named})" if named else "")


def message(f: Finding, lang: str | None = None) -> str:
    """The finding as one line in `lang`."""
    _ = gettext_for(lang)
    d = f.detail
    if d in (Detail.DROPPED, Detail.PARTIAL, Detail.REGRESSED_MEASURE):
        return _parent_message(f, _, lang)
    if d in (Detail.ADDED, Detail.MOVED, Detail.MERGED, Detail.SPLIT, Detail.OWNERS_CHANGED):
        head = _("measure {name} (line {line})").format(name=plain(f.name), line=f.line)
        return f"{head} {_flag_message(f, _)}"
    if d == Detail.COVERAGE:
        return _(
            "coverage {coverage} ({covered} of {counted} unwaived parent measures carried or "
            "partial) is below min_coverage = {least}"
        ).format(
            coverage=pct(f.fact("coverage")),
            covered=f.fact("covered"),
            counted=f.fact("counted"),
            least=f.fact("least"),
        )
    if d == Detail.SECTION_COVERAGE:
        where = ""
        if f.fact("here") is not None:
            where = _(" (here: {heading}, line {line})").format(
                heading=plain(f.fact("here")), line=f.fact("here_line")
            )
        return _(
            "coverage of parent section {section}{where} is {coverage}, below "
            "min_coverage_by_section = {least}"
        ).format(
            section=plain(f.fact("section")),
            where=where,
            coverage=pct(f.fact("coverage")),
            least=f.fact("least"),
        )
    if d == Detail.SWAPPED:
        return _(
            "the parent {parent} ({parent_level}) looks lower than the checked plan "
            "({child_level}): the pair is probably the wrong way round"
        ).format(
            parent=plain(f.fact("parent")),
            parent_level=_(LEVELS.get(str(f.fact("parent_level")), "")),
            child_level=_(LEVELS.get(str(f.fact("child_level")), "")),
        )
    if d == Detail.REGRESSED_COVERAGE:
        return _(
            "coverage went down from {old} at {rev} to {now} (unwaived parent measures carried "
            "or partial)"
        ).format(
            old=pct(f.fact("old_coverage")), rev=plain(f.fact("rev")), now=pct(f.fact("coverage"))
        )
    return _waiver_message(f, _, lang)


def _parent_message(f: Finding, _: Callable[[str], str], lang: str | None) -> str:
    values = _parent(f, _)
    if f.detail == Detail.PARTIAL:
        text = _(
            "parent measure {name} ({parent} line {parent_line}) is only partly carried: "
            "{coverage} of it reaches this plan"
        ).format(**values)
    elif f.detail == Detail.REGRESSED_MEASURE:
        text = _(
            "parent measure {name} ({parent} line {parent_line}) was {old_status} at {rev} "
            "({old_coverage}) and is dropped now ({coverage})"
        ).format(
            **values,
            old_status=word(str(f.fact("old_status")), lang),
            rev=plain(f.fact("rev")),
            old_coverage=pct(f.fact("old_coverage")),
        )
    else:
        text = _(
            "parent measure {name} ({parent} line {parent_line}) is dropped: only {coverage} of "
            "it reaches this plan"
        ).format(**values)
        if f.fact("section") is not None:
            text += _("; its section in this plan: {heading} (line {line})").format(
                heading=plain(f.fact("section")), line=f.fact("section_line")
            )
        if f.fact("closest") is not None:
            text += _("; closest child measure: {name} (line {line})").format(
                name=plain(f.fact("closest")), line=f.fact("closest_line")
            )
        if f.fact("max_dropped") is not None:
            text += _(" ({unwaived} unwaived drops, max_dropped = {limit})").format(
                unwaived=f.fact("unwaived"), limit=f.fact("max_dropped")
            )
    if f.baseline is not None:
        text += _(" (already so at {rev}: not failing with --baseline)").format(
            rev=plain(f.baseline)
        )
    return text


def _flag_message(f: Finding, _: Callable[[str], str]) -> str:
    if f.detail == Detail.ADDED:
        return _("has no source in the parent: {novelty} of it is new").format(
            novelty=pct(f.fact("novelty"))
        )
    if f.detail == Detail.MOVED:
        where = plain(f.fact("moved_from") or "") or _("another section")
        return _("moved: its source {source} sits in {where}").format(
            source=_source(f, _), where=where
        )
    if f.detail == Detail.MERGED:
        return _("merges parent measures {sources}").format(sources=_sources(f, _))
    if f.detail == Detail.SPLIT:
        return _("takes part of {source}, which is split").format(source=_source(f, _))
    none = _("none")
    return _("changes owners: {before} in {source} → {now} here").format(
        before=plain(f.fact("owners_before") or none),
        source=_source(f, _),
        now=plain(f.fact("owners_now") or none),
    )


def _waiver_message(f: Finding, _: Callable[[str], str], lang: str | None) -> str:
    named = _waiver(f, _)
    if f.detail == Detail.WAIVER_NOT_A_KEY:
        return _(
            "{waiver} matches no parent measure: a waiver key is a measure key of 8 hex "
            "characters (printed by a failing check and by `duizhao check --init`), not a "
            "label; labels change when the parent is renumbered"
        ).format(waiver=named)
    if f.detail == Detail.WAIVER_UNMATCHED:
        return _(
            "{waiver} matches no parent measure: the measure was removed or rewritten; update "
            "its key (a failing check prints it) or delete the waiver"
        ).format(waiver=named)
    values = {
        "waiver": named,
        "measure": plain(f.fact("measure", "")),
        "status": word(str(f.fact("status")), lang),
        "coverage": pct(f.fact("coverage")),
        "plan": plain(f.fact("plan", "")),
    }
    if f.detail == Detail.WAIVER_UNNEEDED:
        return _(
            "{waiver} is no longer needed: {measure} is {status} ({coverage}) in {plan}; "
            "delete the waiver"
        ).format(**values)
    if f.detail == Detail.WAIVER_BY_TEXT:
        how = {"text": _("text"), "title": _("title")}.get(str(f.fact("how")), str(f.fact("how")))
        return _(
            "{waiver} matched {measure} by its {how}, not its key: the parent measure changed; "
            'set key = "{key}"'
        ).format(**values, how=how, key=plain(f.fact("new_key", "")))
    return _("{waiver} has no reason yet: say why the measure may be dropped").format(waiver=named)


def fix(f: Finding, report: CheckReport, lang: str | None = None) -> str | None:
    """How to make it pass, when there is a recipe: the TOML that waives a measure."""
    if f.waiver_toml is None:
        return None
    _ = gettext_for(lang)
    config = plain(PurePosixPath(report.config).name)
    toml = "\n".join(_visible(line) for line in f.waiver_toml.split("\n"))
    if f.waiver_toml.startswith("[["):
        head = _("to waive it, add to {config}:").format(config=config)
    else:
        head = _("to waive it, add under [{table}] in {config}:").format(
            table=plain(report.waivers_table), config=config
        )
    return f"{head}\n{toml}"


def with_fix(f: Finding, report: CheckReport, lang: str | None = None) -> str:
    """Message and fix, on separate lines."""
    recipe = fix(f, report, lang)
    return message(f, lang) + (f"\n{recipe}" if recipe else "")


def tally(report: CheckReport, lang: str | None = None) -> str:
    _ = gettext_for(lang)
    c = report.counts
    parts = [
        _("{n} error(s)").format(n=c["errors"]),
        _("{n} warning(s)").format(n=c["warnings"]),
        _("{n} waived").format(n=c["waived"]),
    ]
    if c["notes"]:
        parts.append(_("{n} note(s)").format(n=c["notes"]))
    return ", ".join(parts)


def verdict(report: CheckReport, lang: str | None = None) -> str:
    _ = gettext_for(lang)
    return _("failed") if report.failed else _("passed")


def severity_word(kind: str, lang: str | None = None) -> str:
    _ = gettext_for(lang)
    return {"error": _("error"), "warning": _("warning"), "note": _("note")}[kind]


def plan_line(check: PlanCheck, lang: str | None = None) -> str:
    """One checked plan in a line: counts and coverage."""
    _ = gettext_for(lang)
    s = check.comparison.summary
    return _(
        "{plan} ← {parent}: {measures} parent measures, {carried} carried, {partial} partial, "
        "{dropped} dropped ({waived} waived); coverage {coverage}"
    ).format(
        plan=plain(check.plan),
        parent=plain(check.parent),
        measures=s.parent_measures,
        carried=s.carried,
        partial=s.partial,
        dropped=s.dropped,
        waived=check.waived,
        coverage=pct(check.coverage),
    )
