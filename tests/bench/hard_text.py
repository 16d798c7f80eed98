"""Text helpers of the hard bench: render a plan from sections, read a parsed plan's sections."""

from __future__ import annotations

import re

from generate import cn_numeral

from duizhao.corpus.model import Node, Plan


def _render(title: str, preamble: str, sections: list[tuple[str, list[str]]]) -> str:
    lines = [title, preamble]
    n = 0
    for si, (heading, measures) in enumerate(sections, 1):
        lines.append(f"{cn_numeral(si)}、{heading}")
        for text in measures:
            n += 1
            lines.append(f"（{cn_numeral(n) if n < 100 else n}）{text}")
    return "\n".join(lines) + "\n"


def _sections(plan: Plan) -> list[tuple[str, list[Node]]]:
    out: dict[str, list[Node]] = {}
    for m in plan.measures():
        out.setdefault(m.section, []).append(m)
    result = []
    for key, ms in out.items():
        heading = plan.node(key).title if key else "主要任务"
        result.append((heading or "主要任务", ms))
    return result


def _body(node: Node) -> str:
    """A measure's text without its bold title run (the title is re-rendered as text)."""
    text = node.text.replace("\n", "")
    return text if text.endswith("。") else text + "。"


def picker(order: list[int], roles: dict[int, str]):
    """`pick(role, count, ok)`: the first `count` parent measures of `order` that have no role
    yet and pass `ok` get `role` (the measures' indices are returned)."""

    def pick(role: str, count: int, ok=lambda k: True) -> list[int]:
        got = [k for k in order if k not in roles and ok(k)][:count]
        for k in got:
            roles[k] = role
        return got

    return pick


def _clauses(sentence: str) -> list[str]:
    return [p for p in re.split(r"(?<=[，,])", sentence) if p]
