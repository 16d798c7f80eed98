"""From a file (or text) to a `Plan`: read, drop the wrapping, find metadata, build the tree."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from duizhao.corpus import jurisdiction, wrapping
from duizhao.corpus.errors import InputError, display_path, message
from duizhao.corpus.limits import MAX_MEASURES, MAX_PARAGRAPHS, check_count
from duizhao.corpus.model import Plan
from duizhao.corpus.numbering import given_label, match_label, split_run_together
from duizhao.corpus.readers import Paragraph, Source, read_source
from duizhao.corpus.tree import NO_TITLE, Item, build


def load_plan(
    path: str | Path, *, name: str | None = None, original: bool = False, data: bytes | None = None
) -> Plan:
    """Read and parse the plan file at `path`; `name` replaces the path shown in messages.
    `data`, when given, is what the caller already read of it (bounded: `stdin.read_input`).

    `Plan.path` is always printable: bytes of a file name that are not UTF-8 appear as \\xNN.

    `original=True` reads a draft with tracked changes as it was before the changes.
    """
    source = read_source(path, original=original, data=data)
    if name:
        source = replace(source, path=display_path(name))
    return build_plan(source)


def load_data(data: bytes, name: str, *, original: bool = False) -> Plan:
    """Read and parse a plan file held in memory (an upload): its bytes and its file name."""
    from duizhao.corpus.readers import read_data

    return build_plan(read_data(name, data, original=original))


def parse_text(text: str, *, path: str = "<text>") -> Plan:
    """Parse plain text, one paragraph per line."""
    paragraphs = tuple(
        Paragraph(line.strip(), i) for i, line in enumerate(text.splitlines(), 1) if line.strip()
    )
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return build_plan(Source(path, "txt", paragraphs, sha))


def build_plan(source: Source) -> Plan:
    """The plan model for a source's paragraphs (bounded: `MAX_PARAGRAPHS`, `MAX_MEASURES`)."""
    check_count(source.path, len(source.paragraphs), MAX_PARAGRAPHS, message("paragraphs"))
    items = _items(source.paragraphs)
    labelled = [i for i, it in enumerate(items) if it.label is not None]
    if not labelled:
        raise InputError(
            source.path,
            "has no numbered measures found: no recognisable numbering (一、 （一） 1. …); is it a plan?",
        )
    head = items[: labelled[0]]
    title_at, title = _find_title(head)
    period = wrapping.find_period(
        *([title] if title else []), *(it.text for it in head[title_at + 1 : title_at + 3])
    )
    draft = any(
        wrapping.DRAFT_RE.search(it.text) for it in head[max(title_at, 0) : title_at + 3]
    ) or bool(title and wrapping.DRAFT_RE.search(title))
    preamble = _find_preamble(head[title_at + 1 :] if title_at >= 0 else head)
    body, tail = _split_tail(items[labelled[0] :])
    nodes, warnings = build(body)
    measures = sum(1 for top in nodes for node in top.walk() if node.is_measure)
    check_count(source.path, measures, MAX_MEASURES, message("measures"))
    closing, issuer, date = _read_tail(tail)
    if issuer is None or date is None:
        head_issuer, head_date = _read_head(head[: title_at + 1])
        issuer, date = issuer or head_issuer, date or head_date
    clean_title = wrapping.strip_period_and_draft(title) if title else ""
    if not clean_title:
        warnings.insert(0, message(NO_TITLE))
    cites = wrapping.cites(preamble)
    plan = Plan(
        path=source.path,
        title=clean_title,
        jurisdiction=jurisdiction.resolve(clean_title, cites, issuer),
        period=period,
        draft=draft,
        cites=cites,
        preamble=preamble,
        closing=closing,
        issuer=issuer,
        date=date,
        nodes=nodes,
        warnings=tuple(warnings),
        format=source.format,
        sha256=source.sha256,
        revisions=source.revisions,
        converted_from=source.converted_from,
        ocr=source.ocr,
    )
    if not plan.measures():
        raise InputError(source.path, "has no numbered measures found (numbering but no text)")
    return plan


def _items(paragraphs: tuple[Paragraph, ...]) -> list[Item]:
    """Noise dropped, run-together labels split, labels recognised."""
    items: list[Item] = []
    expected: int | None = None
    for par in paragraphs:
        text = par.text.strip()
        if not text or wrapping.is_noise(text):
            continue
        for n, piece in enumerate(split_run_together(text, expected)):
            found = match_label(piece)
            if n == 0 and par.label:
                given = given_label(piece, par.label)
                found = given if given is not None else found
            if found:
                label, rest = found
                items.append(Item(rest, par.line, label))
                if label.style == "arabic":
                    expected = label.value + 1
            else:
                items.append(Item(piece, par.line))
    return items


def _find_title(head: list[Item]) -> tuple[int, str | None]:
    """Index and text of the plan's title among the paragraphs before the body (-1 if none)."""
    for i in range(len(head) - 1, -1, -1):
        if wrapping.is_title_line(head[i].text):
            return i, head[i].text
    for i, it in enumerate(head):
        quoted = wrapping.title_in_headline(it.text)
        if quoted:
            return i, quoted
    return -1, None


def _find_preamble(head: list[Item]) -> str:
    """The paragraph naming the documents the plan implements (为…根据…制定本方案)."""
    prose = [it.text for it in head if "。" in it.text and not wrapping.is_period_line(it.text)]
    for text in reversed(prose):
        if "制定本" in text or "结合" in text:
            return text
    return prose[-1] if prose else ""


def _split_tail(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """Body items, and what follows the closing paragraph after the last label."""
    last_label = max(i for i, it in enumerate(items) if it.label is not None)
    for i in range(last_label + 1, len(items)):
        text = items[i].text
        if wrapping.is_closing(text) or wrapping.is_date(text) or wrapping.signature(text):
            return items[:i], items[i:]
    return items, []


def _read_head(head: list[Item]) -> tuple[str | None, str | None]:
    """Issuer and date from a notice's signature or a headline (中共湖北省委印发《…》)."""
    issuer = next((it.text for it in head if wrapping.is_issuer(it.text)), None)
    date = next((it.text for it in head if wrapping.is_date(it.text)), None)
    signed = next(filter(None, (wrapping.signature(it.text) for it in head)), None)
    if signed is not None:
        issuer, date = issuer or signed[0], date or signed[1]
    if issuer is None:
        issuer = next(filter(None, (wrapping.headline_issuer(it.text) for it in head)), None)
    return issuer, date


def _read_tail(tail: list[Item]) -> tuple[str, str | None, str | None]:
    closing, issuer, date = "", None, None
    for it in tail:
        signed = wrapping.signature(it.text)
        if signed is not None:
            issuer, date = issuer or signed[0], date or signed[1]
        elif wrapping.is_date(it.text):
            date = date or it.text
        elif wrapping.is_issuer(it.text) and not closing.endswith(it.text):
            issuer = issuer or it.text
        elif not closing and wrapping.is_closing(it.text):
            closing = it.text
    return closing, issuer, date
