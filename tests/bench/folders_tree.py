"""The generated folder tree of the folders bench: a province, its cities and their districts.

Every document is derived from the bundled Hubei plan with fast, deterministic edits: names
localised to generated jurisdictions, some measures dropped (never a section's last), two
measures of a section swapped, a template local measure added. Each preamble cites its
parents' titles in 《》 (the province cites the national outline, which is missing), so
`scan` finds the hierarchy. `generate_folder` also returns the truth: which province measures
each plan lost on the way down.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

from duizhao.corpus import load_plan
from duizhao.corpus.model import Plan
from duizhao.corpus.samples import sample_path

SYLLABLES = (
    "安宁华阳平丰清泉松岭河山桥溪林川原江湖石云梅兰竹成德明光福永昌兴盛泰康乐宝金玉龙凤鹤青岚"
)
_CN = "零一二三四五六七八九"
OUTLINE = "法治社会建设实施纲要(2020—2025年)"
TEMPLATE = (
    "关心关爱未成年人。{name}加强未成年人保护工作，建立未成年人保护协调会商制度，落实家庭、学校、"
    "社会、网络、政府、司法保护责任；开展未成年人法治教育进校园、进社区活动，每学期组织一次模拟法庭；"
    "预防和减少未成年人违法犯罪，为留守儿童和困境儿童建立一人一档。"
)
LEVEL_CHAR = {"province": "省", "city": "市", "district": "区"}


@dataclass
class Unit:
    """A measure being copied down: its province id (None when added), title and body."""

    pid: str | None
    title: str
    body: str


@dataclass
class Group:
    """Measures under one heading (None: measures sit directly under the part)."""

    heading: str | None
    units: list[Unit]


@dataclass
class Doc:
    name: str
    level: str
    parts: list[tuple[str, list[Group]]]
    cites: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.name}法治社会建设实施方案"

    def pids(self) -> set[str]:
        return {u.pid for _, groups in self.parts for g in groups for u in g.units if u.pid}


def cn(n: int) -> str:
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else _CN[tens] + "十") + (_CN[ones] if ones else "")


def names(count: int, rng: random.Random, *, clear: int = 0) -> list[str]:
    """`count` distinct names that no real province name starts: two syllables, then three.

    Three-syllable names (needed past ~2,200 plans) never contain the first `clear` names
    (the province and cities), so renaming a city inside a district's text stays clean."""
    pairs = [a + b for a in SYLLABLES for b in SYLLABLES if a != b]
    rng.shuffle(pairs)
    if count <= len(pairs):
        return pairs[:count]
    reserved = pairs[:clear]
    out = list(pairs)
    taken = set(out)
    for a, b, c in itertools.product(SYLLABLES, repeat=3):
        name = a + b + c
        if len(out) == count:
            break
        if a != b != c and name not in taken and a + b not in reserved and b + c not in reserved:
            out.append(name)
    if len(out) < count:
        raise ValueError(f"at most {len(out)} names")
    head, tail = out[: len(pairs)], out[len(pairs) :]
    rng.shuffle(tail)
    return head + tail


def template_doc(plan: Plan) -> Doc:
    """The Hubei plan as parts → groups → units, province measure ids kept."""
    parts = []
    for part in plan.nodes:
        groups: list[Group] = []
        direct = [c for c in part.children if c.is_measure]
        for section in part.children:
            if not section.is_measure:
                units = [Unit(m.id, m.title or "", m.body) for m in section.children]
                groups.append(Group(section.title, units))
        if direct:
            groups.append(Group(None, [Unit(m.id, m.title or "", m.body) for m in direct]))
        parts.append((part.title or "", groups))
    return Doc("湖北省", "province", parts)


def localise(text: str, src: Doc, name: str, level: str) -> str:
    """Rename the jurisdiction and its level words (全省 → 全市, 省委 → 市委, 我省 → 我市 …)."""
    short, old = name[:-1], src.name[:-1]
    text = text.replace(src.name, name).replace(old, short)
    a, b = LEVEL_CHAR[src.level], name[-1] if level == "district" else LEVEL_CHAR[level]
    if a != b:
        for word in ("全{}", "{}委", "我{}", "{}级", "{}直", "{}政府", "本{}", "{}人大"):
            text = text.replace(word.format(a), word.format(b))
        text = text.replace(f"{a}司法厅", f"{b}司法局")
    return text


def copy_doc(src: Doc, name: str, level: str, cites: list[str]) -> Doc:
    """`src` renamed to `name` at `level`, every measure kept."""

    def loc(text: str) -> str:
        return localise(text, src, name, level)

    parts = [
        (
            loc(title),
            [
                Group(
                    loc(g.heading) if g.heading else None,
                    [Unit(u.pid, loc(u.title), loc(u.body)) for u in g.units],
                )
                for g in groups
            ],
        )
        for title, groups in src.parts
    ]
    return Doc(name, level, parts, cites)


def derive(src: Doc, name: str, level: str, rng: random.Random, cites: list[str]) -> Doc:
    """A lower-level copy of `src`: localised, some measures dropped, two swapped, one added."""
    doc = copy_doc(src, name, level, cites)
    for _, groups in doc.parts:
        for g in groups:
            keep = [u for u in g.units if rng.random() >= 0.12]
            g.units = keep or g.units[:1]
            if len(g.units) > 2 and rng.random() < 0.3:
                i = rng.randrange(len(g.units) - 1)
                g.units[i], g.units[i + 1] = g.units[i + 1], g.units[i]
    if rng.random() < 0.5:
        sections = [g for _, groups in doc.parts for g in groups if g.heading]
        title, body = TEMPLATE.format(name=name).split("。", 1)
        rng.choice(sections).units.append(Unit(None, title, body))
    return doc


def render(doc: Doc) -> str:
    """The document as plain text, numbered 一、 （一） 1. with measures on their own lines."""
    we = "我" + (doc.name[-1] if doc.level == "district" else LEVEL_CHAR[doc.level])
    cited = "".join(f"《{c}》" for c in doc.cites)
    lines = [
        doc.title,
        "(2021—2025年)",
        f"为全面深入贯彻落实{cited}精神，进一步提高法治社会建设水平，结合{we}实际，制定本实施方案。",
    ]
    number = 0
    for p, (part_title, groups) in enumerate(doc.parts, 1):
        lines.append(f"{cn(p)}、{part_title}")
        section = 0
        for g in groups:
            if g.heading is not None:
                section += 1
                lines.append(f"（{cn(section)}）{g.heading}")
            for u in g.units:
                if g.heading is None:
                    section += 1
                    lines.append(f"（{cn(section)}）{u.title}。{u.body}")
                else:
                    number += 1
                    lines.append(f"{number}.{u.title}。{u.body}")
    lines.append(f"全{we[1]}各地各部门要结合实际制定具体措施，认真贯彻落实本方案相关要求。")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Generated:
    root: Path
    province: Path
    cities: list[Path]
    districts: list[Path]
    lost: dict[str, frozenset[str]]
    """Index key (path relative to root) → province measure ids the plan does not carry."""


def generate_folder(root: Path, *, cities: int = 20, districts: int = 1000, seed: int = 7):
    """Write the province, its cities and their districts under `root`; return paths and truth."""
    rng = random.Random(seed)
    pool = names(1 + cities + districts, rng, clear=1 + cities)
    hubei = template_doc(load_plan(sample_path("hubei")))
    province = copy_doc(hubei, pool[0] + "省", "province", [OUTLINE])
    all_ids = hubei.pids()
    lost: dict[str, frozenset[str]] = {}
    province_path = _write(root, "省", province)
    lost[province_path.relative_to(root).as_posix()] = frozenset()
    city_paths, district_paths = [], []
    prov_cite = f"{province.title}(2021—2025年)"
    for c in range(cities):
        city = derive(province, pool[1 + c] + "市", "city", rng, [prov_cite])
        path = _write(root / "市", f"{c + 1:02d}", city)
        city_paths.append(path)
        lost[path.relative_to(root).as_posix()] = frozenset(all_ids - city.pids())
        city_cite = f"{city.title}(2021—2025年)"
        for d in range(c, districts, cities):
            suffix = "县" if d % 3 == 2 else "区"
            district = derive(
                city, pool[1 + cities + d] + suffix, "district", rng, [prov_cite, city_cite]
            )
            dpath = _write(root / "区" / f"{c + 1:02d}", f"{d + 1:04d}", district)
            district_paths.append(dpath)
            lost[dpath.relative_to(root).as_posix()] = frozenset(all_ids - district.pids())
    return Generated(root, province_path, city_paths, sorted(district_paths), lost)


def _write(folder: Path, stem: str, doc: Doc) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}-{doc.name}.txt"
    path.write_text(render(doc), encoding="utf-8")
    return path
