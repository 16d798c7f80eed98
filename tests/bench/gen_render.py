"""Bench generator, last step: the child rendered as a document, and its truth."""

from __future__ import annotations

from pathlib import Path

import owner_truth
from gen_model import ChildMeasure, Container, _section_key
from gen_text import cn_numeral, unit_key


class Writer:
    """Mixin of _Deriver (generate.py): the document text and the truth record."""

    # -- writing ----------------------------------------------------------------------------

    def _render(
        self, containers: list[Container], layout: str
    ) -> tuple[list[str], list[ChildMeasure], list[Container]]:
        rng = self.rng
        paren = ("（", "）") if rng.random() < 0.7 else ("(", ")")
        sep = rng.choice([".", ".", "、", "．"])
        continue_arabic = rng.random() < 0.6
        self.owner_style = rng.choice(["inline", "inline", "inline_lead", "lines"])
        run_together = rng.random() < 0.2
        blank = rng.random() < 0.4
        lines: list[str] = []
        ordered: list[ChildMeasure] = []
        located: list[Container] = []
        counter = {"arabic": 0, "paren": 0}

        def emit(line: str) -> None:
            lines.append(line)
            if blank:
                lines.append("")

        def measures(c: Container, style: str) -> None:
            paragraphs: list[str] = []
            tails: list[list[str]] = []
            for cm in c.measures:
                if style == "arabic":
                    counter["arabic"] += 1
                    label = f"{counter['arabic']}{sep}"
                else:
                    counter["paren"] += 1
                    label = f"{paren[0]}{cn_numeral(counter['paren'])}{paren[1]}"
                body, extra = self._owner_text(cm, paren)
                paragraphs.append(label + body)
                tails.append(extra)
                ordered.append(cm)
                located.append(c)
            joinable = (
                style == "arabic" and run_together and not any(cm.owners for cm in c.measures)
            )
            if joinable:
                emit("".join(paragraphs))
                return
            for par, extra in zip(paragraphs, tails, strict=True):
                emit(par)
                for line in extra:
                    emit(line)

        header = [f"{self.name}法治社会建设实施方案"]
        if rng.random() < 0.8:
            header.append("（2021—2025年）")
        if rng.random() < 0.3:
            header.append("（征求意见稿）")
        cites = f"《{self.parent.title}（2021—2025年）》"
        if self.parent.jurisdiction.level == "province" and rng.random() < 0.5:
            cites += f"《{self.city}法治社会建设实施方案（2021—2025年）》"
        if rng.random() < 0.4:
            cites = "《法治社会建设实施纲要（2020—2025年）》" + cites
        header.append(
            f"为深入贯彻落实{cites}精神，进一步提高{self.name}法治社会建设水平，"
            f"结合我区实际，制定本方案。"
        )
        for line in header:
            emit(line)

        if layout == "deep" and len(containers) < 2:
            layout = "flat"
        if layout == "nested":
            parts: list[tuple[str, list[Container]]] = []
            for c in containers:
                if parts and parts[-1][0] == c.part and c.origin is not None:
                    parts[-1][1].append(c)
                else:
                    parts.append((c.part, [c]))
            for pi, (title, group) in enumerate(parts, 1):
                emit(f"{cn_numeral(pi)}、{title}")
                if any(c.section and c.section != c.part for c in group) or len(group) > 1:
                    for si, c in enumerate(group, 1):
                        emit(f"{paren[0]}{cn_numeral(si)}{paren[1]}{c.section or c.part}")
                        if not continue_arabic:
                            counter["arabic"] = 0
                        measures(c, "arabic")
                else:
                    counter["paren"] = 0
                    measures(group[0], "paren")
        elif layout == "flat":
            for pi, c in enumerate(containers, 1):
                emit(f"{cn_numeral(pi)}、{c.section or c.part}")
                measures(c, "paren")
        else:  # deep: 一、main tasks → （一）sections → 1. measures; 二、the last section
            main_title = rng.choice(["主要任务", "重点任务", "重点措施"])
            emit(f"一、{main_title}")
            for si, c in enumerate(containers[:-1], 1):
                emit(f"{paren[0]}{cn_numeral(si)}{paren[1]}{c.section or c.part}")
                if not continue_arabic:
                    counter["arabic"] = 0
                measures(c, "arabic")
            last = containers[-1]
            emit(f"二、{last.section or last.part}")
            measures(last, "paren")

        emit("各单位要结合实际制定具体措施，认真贯彻落实本方案。")
        if rng.random() < 0.3:
            emit(f"中共{self.name}委全面依法治区委员会办公室")
            emit(f"{rng.randint(2021, 2022)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
        self.stats["run_together"] = int(run_together)
        return lines, ordered, located

    def _owner_text(self, cm: ChildMeasure, paren: tuple[str, str]) -> tuple[str, list[str]]:
        """The measure's paragraph text and any owner lines that follow it."""
        text = cm.text
        if not cm.owners:
            return text, []
        resp = cm.owners.get("lead", []) + cm.owners.get("responsible", [])
        part = cm.owners.get("participating", [])
        lead_word = "牵头单位" if self.owner_style in ("inline_lead", "lines") else "责任单位"
        roles = [(lead_word, resp)] if resp else []
        if part:
            roles.append(("参加单位" if lead_word == "牵头单位" else "配合单位", part))
        if self.owner_style == "lines":
            return text, [f"{word}：{'、'.join(units)}" for word, units in roles]
        inner = "；".join(f"{word}：{'、'.join(units)}" for word, units in roles)
        return f"{text}{paren[0]}{inner}{paren[1]}", []

    # -- truth ------------------------------------------------------------------------------

    def _truth(self, ordered: list[ChildMeasure], located: list[Container], layout: str) -> dict:
        links: list[list] = []
        feeds: dict[str, list[int]] = {}
        main_of: dict[int, str] = {}
        for idx, cm in enumerate(ordered):
            for pid in cm.contribution():
                links.append([pid, idx])
                feeds.setdefault(pid, []).append(idx)
            if cm.main:
                main_of[idx] = cm.main
        fed = {pid for pid, _ in links}
        dropped = [m.id for m in self.pm if m.id not in fed]
        new_share = [
            sum(len(p.text) for p in cm.pieces if p.source is None) / max(1, len(cm.text))
            for cm in ordered
        ]
        # comparison.md: added = "most of it has no source in the parent".
        added = [i for i, share in enumerate(new_share) if share > 0.5]
        merged = [i for i, cm in enumerate(ordered) if len(cm.contribution()) >= 2]
        # One story per measure (issue 19): an added measure is never split.
        split = [i for i, pid in main_of.items() if len(feeds[pid]) >= 2 and i not in added]
        moved = [i for i, pid in main_of.items() if located[i].origin != _section_key(pid)]

        # owners_changed (comparison.md, owner_truth.py): every role compared after level
        # normalisation; a merged measure against each source and their union.
        def key(u: str) -> str:
            return unit_key(self.localise(u), self.names)

        owners_changed = []
        for i, pid in main_of.items():
            cm = ordered[i]
            sources = [pid, *(s for s in cm.contribution() if s != pid)]
            if owner_truth.owners_changed(
                [owner_truth.tiered(self.by_id[s].owners, key) for s in sources],
                owner_truth.tiered(cm.owners, lambda u: unit_key(u, self.names)),
            ):
                owners_changed.append(i)
        return {
            "parent": Path(self.parent.path).name,
            "child": self.name,
            "seed": self.seed,
            "layout": layout,
            "measures": len(ordered),
            "links": links,
            "dropped": dropped,
            "added": added,
            "moved": sorted(moved),
            "merged": merged,
            "split": sorted(split),
            "owners_changed": owners_changed,
            "main": {str(i): pid for i, pid in sorted(main_of.items())},
            "kinds": [cm.kind for cm in ordered],
            "new_share": [round(x, 3) for x in new_share],
            "texts": [cm.text for cm in ordered],
            "stats": dict(sorted(self.stats.items())),
        }
