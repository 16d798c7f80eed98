"""Derive synthetic child plans from real parent plans, with the truth of every change (bench).

`derive(parent, seed, donors)` copies a parent plan the way a district drafting office does
(see docs/plans.md): it localises names and level words, drops measures, adds local ones
(from templates or from another plan), merges, splits, moves and rewords measures, renames
and renumbers sections in another numbering layout and reassigns owners. It writes the child
as a complete plain-text document and records what it did as truth, in the terms of
docs/comparison.md: parent measures by `Node.id`, child measures by their index in document
order.

Deterministic: everything random goes through one `random.Random(seed)`; no set is iterated.
Run as a script to write pairs for inspection: `python tests/bench/generate.py OUT_DIR [N]`.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from duizhao.corpus import load_plan
from duizhao.corpus.model import Node, Plan
from duizhao.corpus.samples import SAMPLES, sample_path

# ---------------------------------------------------------------------------------------------
# Text helpers

_OPENERS = "（(“‘《〈【「"
_CLOSERS = "）)”’》〉】」"
_ENDS = "。；;！？!?"
_COMMAS = "，,"
_CN_DIGITS = "零一二三四五六七八九"


def cn_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 27 → 二十七 (values below 100)."""
    if value < 10:
        return _CN_DIGITS[value]
    tens, ones = divmod(value, 10)
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def _scan(text: str, stops: str) -> list[str]:
    """Pieces of `text` cut after each stop character outside brackets and quotes."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        current.append(ch)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch in stops and depth == 0:
            out.append("".join(current))
            current = []
    if "".join(current).strip():
        out.append("".join(current))
    return [p.strip() for p in out if p.strip()]


def sentences(text: str) -> list[str]:
    """Sentences (cut after 。；！？ outside brackets), each ending with its punctuation."""
    out = []
    for piece in _scan(text.replace("\n", ""), _ENDS):
        out.append(piece if piece[-1] in _ENDS else piece + "。")
    return out


def _cjk(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def grams(text: str, n: int = 4) -> set[str]:
    t = _cjk(text)
    return {t[i : i + n] for i in range(len(t) - n + 1)}


def overlap(text: str, pool: set[str]) -> float:
    """Share of the text's character 4-grams found in `pool` (1.0 for text too short to tell)."""
    g = grams(text)
    return len(g & pool) / len(g) if g else 1.0


NOVEL_MAX_OVERLAP = 0.15
"""A sentence counts as new (not copied from the parent) when at most this share of its 4-grams
occurs anywhere in the parent ..."""
CLAUSE_MAX_OVERLAP = 0.4
"""... and no clause of it (8 characters or more) has more than this share."""

# ---------------------------------------------------------------------------------------------
# Localisation: names and level words (not a change of substance)

CHILD_FIRST = "青云临永丰崇泰兴宜柏桐榆"
CHILD_SECOND = "阳阳阳川溪宁林"
CITY_FIRST = "沅澧汀漳泸涪衢婺"


def _level_rules(level: str) -> list[tuple[str, str]]:
    """Regex rules turning the parent's level words into district words."""
    if level == "province":
        word = "省"
    elif level == "city":
        word = "市"
    else:
        return []
    rules = [
        (f"{word}委办公厅", "区委办公室"),
        (f"{word}政府办公厅", "区政府办公室"),
        (f"全{word}", "全区"),
        (f"我{word}", "我区"),
        (f"本{word}", "本区"),
        (f"{word}委", "区委"),
        (f"{word}政府", "区政府"),
        (f"{word}级", "区级"),
        (f"{word}直", "区直"),
        (f"{word}人大", "区人大"),
        (f"{word}政协", "区政协"),
        (f"{word}法院", "区法院"),
        (f"{word}检察院", "区检察院"),
        (f"{word}有关", "区有关"),
        (f"{word}([\u4e00-\u9fff]{{1,6}}?)厅", r"区\1局"),
    ]
    return rules


@dataclass(frozen=True)
class Localiser:
    """Parent (and donor) names → the child's; parent level words → district words."""

    names: tuple[tuple[str, str], ...]
    rules: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def build(cls, sources: list[Plan], child_name: str, child_short: str) -> Localiser:
        pairs: list[tuple[str, str]] = []
        for plan in sources:
            j = plan.jurisdiction
            if j.name:
                pairs.append((j.name, child_name))
            if j.short and j.short != j.name and len(j.short) >= 2:
                pairs.append((j.short, child_short))
        pairs.sort(key=lambda p: (-len(p[0]), p[0]))
        rules = tuple((re.compile(a), b) for a, b in _level_rules(sources[0].jurisdiction.level))
        return cls(tuple(dict.fromkeys(pairs)), rules)

    def __call__(self, text: str) -> str:
        for old, new in self.names:
            text = text.replace(old, new)
        for pattern, repl in self.rules:
            text = pattern.sub(repl, text)
        return text


def unit_key(unit: str, names: tuple[str, ...]) -> str:
    """An agency compared across levels: 省司法厅, 市司法局 and 区司法局 give the same key."""
    u = unit
    for name in names:
        u = u.replace(name, "本地")
    u = re.sub(r"(^|(?<=[（(]))[省市区县]", "", u)
    return u.replace("厅", "局")


# ---------------------------------------------------------------------------------------------
# Rewording (a change of wording; substance stays)

_SYNONYMS = {
    "加强": "强化",
    "强化": "加强",
    "健全": "完善",
    "完善": "健全",
    "推进": "推动",
    "推动": "推进",
    "深入": "扎实",
    "扎实": "深入",
    "提高": "提升",
    "提升": "提高",
    "建立": "构建",
    "积极": "主动",
    "广泛": "普遍",
    "进一步": "持续",
    "不断": "持续",
    "充分发挥": "发挥好",
    "切实": "有效",
    "开展": "组织开展",
}
_SYN_RE = re.compile(
    "|".join(
        {"开展": "(?<!组织)开展", "深入": "深入(?!人心|基层|群众)"}.get(w, re.escape(w))
        for w in sorted(_SYNONYMS, key=lambda w: (-len(w), w))
    )
)
# "Legislate" → "implement": a district cannot make law, it carries it out.
_LEGISLATE = (
    (re.compile(r"(?:适时)?(?:制定|修订|出台)(《?[^，。；,;《》]{2,30}?条例》?)"), r"贯彻落实\1"),
    (re.compile(r"完善([^，。；,;]{0,20}?)地方立法"), r"落实\1相关规定"),
    (re.compile(r"(?:加快|推动|推进)([^，。；,;]{0,12}?)立法"), r"抓好\1法律法规贯彻实施"),
)


# Light paraphrase: function words swapped, intensifiers dropped (wording, not substance).
_PARAPHRASE = (
    (re.compile("把"), "将"),
    (re.compile("以及"), "和"),
    (re.compile("要(?=[把将加强推进推动健全完善落实坚持深化])"), "应"),
    (re.compile("进一步|大力|不断|切实|积极|全面(?!依法治)"), ""),
    (re.compile("各级各部门|各地各部门"), "各部门"),
    (re.compile("等方面"), "等"),
)


def reword(
    text: str, rng: random.Random, p_syn: float, legislate: bool, p_para: float = 0.0
) -> str:
    for pattern, repl in _PARAPHRASE:
        text = pattern.sub(lambda m, r=repl: r if rng.random() < p_para else m[0], text)
    if legislate:
        for pattern, repl in _LEGISLATE:
            text = pattern.sub(lambda m, r=repl: m.expand(r) if rng.random() < 0.85 else m[0], text)
    return _SYN_RE.sub(lambda m: _SYNONYMS[m[0]] if rng.random() < p_syn else m[0], text)


# ---------------------------------------------------------------------------------------------
# New text: local measures and local detail clauses, written from templates

TOWNS = ("东城街道", "长青街道", "新华街道", "滨江街道", "金桥街道", "红星街道", "柳林镇",
         "石桥镇", "白沙镇", "清河镇", "望江街道", "北湖街道")  # fmt: skip
PLACES = ("滨河公园", "人民广场", "文化活动中心", "青少年宫", "城市规划展览馆", "湿地公园")
RIVERS = ("清水河", "白沙河", "青龙河", "玉带河")
DEPTS = ("区市场监管局", "区城管局", "区教体局", "区住建局", "区卫健委", "区人社局", "区民政局")
ISSUES = ("占道经营", "噪声扰民", "群租房安全", "电动车违规充电", "非法集资", "养老诈骗")
GROUPS = ("留守儿童", "困境儿童", "空巢老人", "残疾人", "刑满释放人员")
BRANDS = ("老张说事", "邻里和", "和事佬", "知心姐姐", "板凳会")
PARKS = ("高铁新城产业园", "临港工业园", "电商产业园", "科技孵化园")
AREAS = ("老旧小区", "城中村", "背街小巷", "农贸市场")
VENUES = ("楼宇", "商圈", "工地", "市场", "景区")

_MEASURES = (
    ("建设{S}法治文化公园", "依托{river}沿线绿地和{place}，建设集法治宣传、休闲健身于一体的法治文化主题公园，设置宪法长廊、民法典主题雕塑和互动答题屏。", "到{year}年，每个街道至少建成{n}处特色鲜明的法治文化阵地，并纳入全区文明创建考评。"),
    ("开展{issue}专项整治行动", "围绕{issue}等群众反映强烈的突出问题，由{dept}牵头开展为期{m}个月的集中整治。", "建立问题、责任、整改三张清单，每月调度一次，整治情况向社会公布。"),
    ("关心关爱{group}", "建立{group}信息台账，落实结对帮扶和定期走访制度，每季度至少上门走访一次。", "依托{town}社工站，为{group}提供心理疏导、法律咨询和生活照料等服务。"),
    ("建设“智慧{S}”综合服务平台", "整合{dept}等部门数据资源，建成全区统一的综合服务平台，实现线上受理、分级流转、限时办结。", "到{year}年，平台事项网上办理率达到{pct}%以上。"),
    ("打造“{brand}”调解品牌", "总结推广{town}“{brand}”调解工作法，在各村（社区）设立个人调解工作室{n}个。", "每年评选表彰一批金牌调解员，把调解成功的案例汇编成册供基层学习借鉴。"),
    ("加强{area}网格化服务管理", "将{area}划分为{n}个基础网格，每个网格配备专职网格员，落实一日一巡、一周一报。", "网格员发现的矛盾纠纷和安全隐患，做到小事不出网格、大事不出街道。"),
    ("开通企业法律服务直通车", "组织律师事务所与{park}内企业结对，为中小微企业开展免费“法治体检”，每年不少于{n}家。", "编印企业常见法律风险提示手册，帮助企业防范合同、用工和知识产权风险。"),
    ("开展“法治进{venue}”主题活动", "每年{month}月集中开展“法治进{venue}”主题活动，组织法律工作者走进{venue}开展以案说法。", "活动情况纳入各街道年度工作考核，年底统一组织评估。"),
    ("守护老年人“养老钱”", "聚焦养老诈骗、赡养纠纷等问题，在{town}试点设立老年人维权服务点。", "组织志愿者每月走进养老机构开展防诈骗宣讲，发放提示卡片和典型案例汇编。"),
    ("规范物业服务管理", "指导{town}建立业主委员会、物业服务企业和社区居委会三方联动机制。", "对物业服务投诉集中的小区实行挂牌督办，督办结果纳入物业企业信用评价。"),
    ("整治校园周边环境", "由{dept}牵头，每学期开展一次校园周边环境集中整治，重点清理流动摊贩和无证经营。", "在中小学校门口设立护学岗，上下学高峰时段安排警力和志愿者值守。"),
    ("维护新就业形态劳动者权益", "针对外卖骑手、网约车司机等群体，在商圈设立{n}个“暖心驿站”，提供休息、饮水和法律咨询服务。", "督促平台企业与劳动者协商确定劳动报酬、休息休假等事项，依法参加工伤保险。"),
    ("建设退役军人法律援助工作站", "在区退役军人服务中心设立法律援助工作站，为退役军人及其家属提供优先受理、优先指派服务。", "每半年召开一次涉军维权工作联席会议，协调解决退役军人反映的突出问题。"),
    ("创建“无讼社区”", "选取{town}等{n}个社区开展“无讼社区”创建，引导居民通过协商、调解方式解决纠纷。", "对创建成效明显的社区给予以奖代补，创建经验在全区推广。"),
    ("抓好食品安全社会共治", "在农贸市场和学校食堂推行“明厨亮灶”，每年抽检食品样品不少于{k}批次。", "畅通食品安全投诉举报渠道，对查实的有奖举报按规定兑现奖励。"),
    ("推行说理式行政执法", "在{dept}试点推行说理式执法文书，向当事人讲清事实、依据和裁量理由。", "到{year}年，说理式执法文书在全区行政执法机关全面推开。"),
)  # fmt: skip
_DETAILS = (
    "{town}要结合辖区实际，每年至少组织{n}场专题活动。",
    "到{year}年，该项工作群众满意度达到{pct}%以上。",
    "在{place}设立宣传展板，每季度更新一次典型案例。",
    "建立工作台账，实行月调度、季通报、年考核。",
    "各街道确定一名分管负责同志具体抓落实。",
    "探索“{brand}”工作法，形成可复制、可推广的{S}经验。",
    "每年选树{n}个先进典型，在区融媒体中心集中展示。",
    "所需经费列入区级财政预算予以保障。",
    "{town}先行试点，{year}年在全区推开。",
    "对工作滞后的街道由区委依法治区办进行约谈。",
)
_LOCAL_SECTIONS = ("夯实基层法治建设基础", "打造法治建设{S}品牌", "办好法治惠民实事")
POOL_UNITS = ("区司法局", "区委宣传部", "区民政局", "区教体局", "区人社局", "区卫健委",
              "区市场监管局", "区文旅局", "区住建局", "区城管局", "区应急管理局", "区委政法委",
              "区委网信办", "区法院", "区检察院", "公安{S}分局", "区信访局", "区妇联", "团区委",
              "区总工会", "区工商联", "区发改委", "区财政局", "区委组织部", "区委依法治区办",
              "各街道")  # fmt: skip


def _slots(rng: random.Random, short: str) -> dict[str, str]:
    """One filling of every template slot (a measure uses one filling for all its sentences)."""
    return {
        "S": short,
        "town": rng.choice(TOWNS),
        "place": rng.choice(PLACES),
        "river": rng.choice(RIVERS),
        "dept": rng.choice(DEPTS),
        "issue": rng.choice(ISSUES),
        "group": rng.choice(GROUPS),
        "brand": rng.choice(BRANDS),
        "park": rng.choice(PARKS),
        "area": rng.choice(AREAS),
        "venue": rng.choice(VENUES),
        "year": str(rng.randint(2022, 2025)),
        "n": cn_numeral(rng.randint(2, 9)),
        "m": cn_numeral(rng.randint(2, 6)),
        "k": str(rng.randint(3, 20) * 100),
        "month": cn_numeral(rng.randint(3, 11)),
        "pct": str(rng.randint(8, 19) * 5),
    }


def _fill(template: str, rng: random.Random, short: str) -> str:
    return template.format(**_slots(rng, short))


# ---------------------------------------------------------------------------------------------
# The child under construction


@dataclass
class Piece:
    """A sentence of a child measure and the parent measure it comes from (None: new text)."""

    text: str
    source: str | None


@dataclass
class ChildMeasure:
    pieces: list[Piece]
    kind: str
    """carried | merged | split | added"""
    owners: dict[str, list[str]] = field(default_factory=dict)
    owner_keys: tuple[str, ...] = ()
    """Principal units (lead + responsible) as level-free keys, for owners_changed."""

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def contribution(self) -> dict[str, int]:
        """Characters contributed by each parent measure, in first-appearance order."""
        out: dict[str, int] = {}
        for p in self.pieces:
            if p.source is not None:
                out[p.source] = out.get(p.source, 0) + len(p.text)
        return out

    @property
    def main(self) -> str | None:
        share = self.contribution()
        return max(share, key=lambda k: share[k]) if share else None


@dataclass
class Container:
    """A group of child measures under one heading; `origin` is the parent section it restates."""

    origin: str | None
    part: str
    section: str | None
    measures: list[ChildMeasure]


@dataclass
class Derived:
    """A generated child plan: the document as text and the truth of what was done."""

    text: str
    truth: dict
    name: str


def _section_key(node_id: str) -> str:
    return node_id.rsplit(".", 1)[0] if "." in node_id else ""


def _principal(owners: dict[str, list[str]]) -> list[str]:
    main = owners.get("lead", []) + owners.get("responsible", [])
    return main or owners.get("participating", [])


# ---------------------------------------------------------------------------------------------
# derive


def derive(parent: Plan, seed: int, donors: list[Plan], intensity: float | None = None) -> Derived:
    """A child plan derived from `parent` with `random.Random(seed)`; see the module docstring.

    `intensity` (0–1) fixes how hard the drafter rewrites; by default each document draws it.
    """
    return _Deriver(parent, seed, donors, intensity).run()


class _Deriver:
    def __init__(
        self, parent: Plan, seed: int, donors: list[Plan], intensity: float | None = None
    ) -> None:
        self.parent = parent
        self.seed = seed
        self.rng = random.Random(seed)
        self.donors = [d for d in donors if d.sha256 != parent.sha256]
        self.pm = parent.measures()
        self.by_id = {m.id: m for m in self.pm}
        raw = "".join(m.text for m in self.pm)
        taken = raw + "".join(d.preamble + "".join(m.text for m in d.measures()) for d in donors)
        rng = self.rng
        choices = [a + b for a in CHILD_FIRST for b in CHILD_SECOND if a + b not in taken]
        self.short = rng.choice(choices)
        self.name = self.short + "区"
        self.city = rng.choice([c for c in CITY_FIRST if c not in taken]) + "州市"
        self.localise = Localiser.build([parent], self.name, self.short)
        self.pool = grams(raw) | grams(self.localise(raw))
        self.names = tuple(
            n
            for n in (parent.jurisdiction.name, parent.jurisdiction.short, self.name, self.short)
            if n
        )
        # Per-document style of rewording.
        drawn = rng.random()  # drawn even when fixed, so the rest of the document is the same
        self.intensity = drawn if intensity is None else intensity
        """How hard this drafter rewrites: 0 copies and localises, 1 rewrites a lot."""
        self.p_syn = 0.15 + 0.5 * self.intensity
        self.p_para = 0.1 + 0.5 * self.intensity
        self.legislate = rng.random() < 0.8
        self.stats: dict[str, int] = {}

    # -- steps -----------------------------------------------------------------------------

    def run(self) -> Derived:
        rng = self.rng
        sections = self._parent_sections()
        dropped = self._choose_drops(sections)
        merges = self._choose_merges(sections, dropped)
        splits = self._choose_splits(sections, dropped, merges)
        elaborations = self._choose_elaborations(
            dropped | splits | set(merges) | set(merges.values())
        )
        containers = self._carry(sections, dropped, merges, splits, elaborations)
        self._move(containers)
        self._add(containers)
        if rng.random() < 0.25:
            self._swap_sections(containers)
        self._owners(containers)
        layout = rng.choice(["nested", "flat", "flat", "deep"])
        lines, ordered, located = self._render(containers, layout)
        truth = self._truth(ordered, located, layout)
        return Derived("\n".join(lines) + "\n", truth, self.name)

    def _parent_sections(self) -> dict[str, list[Node]]:
        out: dict[str, list[Node]] = {}
        for m in self.pm:
            out.setdefault(_section_key(m.id), []).append(m)
        return out

    def _heading(self, key: str) -> tuple[str, str | None]:
        """Part title and section title (None when measures sit directly under the part)."""
        if not key:
            return "主要任务", None
        top = self.parent.node(key.split(".")[0])
        part = top.title or "主要任务"
        if "." not in key:
            return part, None
        return part, self.parent.node(key).title or part

    def _choose_drops(self, sections: dict[str, list[Node]]) -> set[str]:
        rng = self.rng
        n = len(self.pm)
        k = rng.randint(1, max(1, round(0.15 * n)))
        order = [m.id for m in self.pm]
        rng.shuffle(order)
        # A district cannot legislate: a "local legislation" measure goes first, most of the time.
        legislative = [m.id for m in self.pm if "立法" in (m.title or "")]
        if legislative and rng.random() < 0.6:
            order.remove(legislative[0])
            order.insert(0, legislative[0])
        left = {key: len(ms) for key, ms in sections.items()}
        dropped: list[str] = []
        for mid in order:
            if len(dropped) >= k:
                break
            key = _section_key(mid)
            if left[key] <= 2:
                continue
            left[key] -= 1
            dropped.append(mid)
        self.stats["dropped"] = len(dropped)
        return set(dropped)

    def _choose_merges(self, sections: dict[str, list[Node]], dropped: set[str]) -> dict[str, str]:
        """first parent id → second parent id (adjacent measures of one section)."""
        rng = self.rng
        want = rng.choice([0, 1, 1, 2, 2, 3])
        candidates = []
        for ms in sections.values():
            alive = [m for m in ms if m.id not in dropped]
            if len(alive) < 4:
                continue
            for a, b in itertools.pairwise(alive):
                candidates.append((a.id, b.id))
        rng.shuffle(candidates)
        merges: dict[str, str] = {}
        used: set[str] = set()
        for a, b in candidates:
            if len(merges) >= want:
                break
            if a in used or b in used:
                continue
            merges[a] = b
            used.update((a, b))
        return merges

    def _choose_splits(
        self, sections: dict[str, list[Node]], dropped: set[str], merges: dict[str, str]
    ) -> set[str]:
        rng = self.rng
        want = rng.choice([0, 1, 1, 2, 2])
        busy = set(merges) | set(merges.values()) | dropped
        candidates = [
            m.id
            for m in self.pm
            if m.id not in busy and len(sentences(m.text)) >= 4 and len(m.text) >= 160
        ]
        rng.shuffle(candidates)
        return set(candidates[:want])

    def _choose_elaborations(self, busy: set[str]) -> dict[str, int]:
        """Parent measures one sentence of which becomes the seed of a new local measure (like
        Gaoxin's （十九）, built around the last sentence of Hubei 19): parent id → sentence."""
        rng = self.rng
        want = rng.choice([0, 0, 1, 1, 2])
        candidates: list[tuple[str, int]] = []
        for m in self.pm:
            sents = sentences(m.text)
            if m.id in busy or len(sents) < 3:
                continue
            fits = [
                k
                for k, s in enumerate(sents[1:], 1)
                if 0.3 * len(m.text) <= len(s) <= 0.45 * len(m.text)
                and 25 <= len(s) <= 80
                and not s[:1].isdigit()
            ]
            if fits:
                candidates.append((m.id, rng.choice(fits)))
        rng.shuffle(candidates)
        return dict(candidates[:want])

    # -- building child measures -------------------------------------------------------------

    def _derived_pieces(
        self,
        node: Node,
        *,
        keep_min: float,
        light: bool = False,
        only: list[str] | None = None,
    ) -> list[Piece]:
        """The parent measure's sentences (or `only` these), trimmed, reordered and reworded,
        tagged with its id."""
        rng = self.rng
        sents = list(only) if only is not None else sentences(node.text)
        total = sum(len(s) for s in sents)
        first = 1 if len(sents) > 1 else 0
        # Clause deletion: whole sentences.
        heavy = self.intensity
        if len(sents) >= 3 and rng.random() < (0.25 if light else 0.3 + 0.4 * heavy):
            for _ in range(rng.randint(1, max(1, (len(sents) - first) // 3))):
                body = list(range(first, len(sents)))
                if len(body) <= 1:
                    break
                victim = rng.choice(body)
                if sum(len(s) for s in sents) - len(sents[victim]) < keep_min * total:
                    break
                del sents[victim]
            self.stats["clause_deleted"] = self.stats.get("clause_deleted", 0) + 1
        # Clause deletion inside a sentence: one comma segment.
        if rng.random() < 0.2 + 0.4 * heavy:
            long = [i for i, s in enumerate(sents) if len(_scan(s, _COMMAS)) >= 4]
            if long:
                i = rng.choice(long)
                segs = _scan(sents[i], _COMMAS)
                del segs[rng.randint(1, len(segs) - 2)]
                sents[i] = "".join(segs)
        # Clause reordering inside a sentence: two neighbouring comma segments swap.
        if rng.random() < 0.1 + 0.3 * heavy:
            long = [i for i, s in enumerate(sents) if len(_scan(s, _COMMAS)) >= 3]
            if long:
                i = rng.choice(long)
                segs = _scan(sents[i], _COMMAS)
                k = rng.randint(0, len(segs) - 3)
                if not segs[k + 1][:1].isdigit():
                    segs[k], segs[k + 1] = segs[k + 1], segs[k]
                    sents[i] = "".join(segs)
        # Clause reordering: two neighbouring body sentences swap.
        if len(sents) - first >= 2 and rng.random() < 0.15 + 0.25 * heavy:
            i = rng.randint(first, len(sents) - 2)
            if not sents[i + 1][:1].isdigit():
                sents[i], sents[i + 1] = sents[i + 1], sents[i]
                self.stats["reordered"] = self.stats.get("reordered", 0) + 1
        pieces = [
            Piece(reword(self.localise(s), rng, self.p_syn, self.legislate, self.p_para), node.id)
            for s in sents
        ]
        return pieces

    def _detail(self, pieces: list[Piece]) -> None:
        """Maybe insert one local detail sentence (new text) into a derived measure."""
        rng = self.rng
        if rng.random() >= 0.15 + 0.25 * self.intensity:
            return
        derived = sum(len(p.text) for p in pieces if p.source is not None)
        for _ in range(5):
            text = _fill(rng.choice(_DETAILS), rng, self.short)
            if len(text) <= 0.35 * derived and self._novel(text):
                pieces.insert(rng.randint(1, len(pieces)), Piece(text, None))
                self.stats["detail"] = self.stats.get("detail", 0) + 1
                return

    def _carry(
        self,
        sections: dict[str, list[Node]],
        dropped: set[str],
        merges: dict[str, str],
        splits: set[str],
        elaborations: dict[str, int],
    ) -> list[Container]:
        rng = self.rng
        second = set(merges.values())
        containers = []
        parts: dict[str, str | None] = {}
        for key, ms in sections.items():
            part, section = self._heading(key)
            top = key.split(".")[0]
            if top not in parts:
                parts[top] = self._rename(part)
            renamed = None if section is None else self._rename(section)
            c = Container(key, parts[top] or part, renamed, [])
            for m in ms:
                if m.id in dropped or m.id in second:
                    continue
                if m.id in merges:
                    other = self.by_id[merges[m.id]]
                    a = self._derived_pieces(m, keep_min=0.7, light=True)
                    b = self._derived_pieces(other, keep_min=0.7, light=True)
                    if len(b) > 1 and rng.random() < 0.5:
                        b = b[1:] if other.title else b  # the second title rarely survives
                    c.measures.append(ChildMeasure(a + b, "merged"))
                elif m.id in splits:
                    c.measures.extend(self._split(m))
                elif m.id in elaborations:
                    c.measures.extend(self._elaborate(m, elaborations[m.id]))
                else:
                    keep = 0.55 - 0.15 * self.intensity
                    pieces = self._derived_pieces(m, keep_min=keep)
                    self._detail(pieces)
                    c.measures.append(ChildMeasure(pieces, "carried"))
            if c.measures:
                containers.append(c)
        self.stats["merged"] = len(merges)
        self.stats["split"] = len(splits)
        return containers

    def _split(self, node: Node) -> list[ChildMeasure]:
        pieces = self._derived_pieces(node, keep_min=0.85, light=True)
        total = sum(len(p.text) for p in pieces)
        cuts = []
        for cut in range(2, len(pieces)):
            head = sum(len(p.text) for p in pieces[:cut])
            if 0.3 * total <= head <= 0.7 * total and not pieces[cut].text[:1].isdigit():
                cuts.append(cut)
        if not cuts:
            cuts = [max(1, len(pieces) // 2)]
        cut = self.rng.choice(cuts)
        return [ChildMeasure(pieces[:cut], "split"), ChildMeasure(pieces[cut:], "split")]

    def _elaborate(self, node: Node, k: int) -> list[ChildMeasure]:
        """The measure without sentence k, then a new local measure built around sentence k.

        The new measure is mostly new text (at least 75%), so it is `added`; the parent feeds
        both substantially (sentence k is 30–45% of it), so both are `split`.
        """
        rng = self.rng
        sents = sentences(node.text)
        seed = sents.pop(k)
        carried = self._derived_pieces(node, keep_min=0.85, light=True, only=sents)
        core = Piece(
            reword(self.localise(seed), rng, self.p_syn, self.legislate, self.p_para), node.id
        )
        need = 3.0 * len(core.text)
        made = self._added_measure(templates_only=True)
        if made is None:
            return [ChildMeasure([*carried, core], "carried")]
        pieces = [made.pieces[0], core, *made.pieces[1:]]
        details = list(_DETAILS)
        rng.shuffle(details)
        for template in details:
            new = sum(len(p.text) for p in pieces if p.source is None)
            if new >= need:
                break
            text = _fill(template, rng, self.short)
            if self._novel(text):
                pieces.append(Piece(text, None))
        if sum(len(p.text) for p in pieces if p.source is None) < need:
            return [ChildMeasure([*carried, core], "carried")]
        self.stats["elaborated"] = self.stats.get("elaborated", 0) + 1
        return [ChildMeasure(carried, "split"), ChildMeasure(pieces, "elaborated")]

    def _rename(self, heading: str | None) -> str | None:
        if heading is None:
            return None
        text = self.localise(heading)
        if self.rng.random() < 0.4:
            text = reword(text, self.rng, 0.8, False)
        return text

    def _natives(self, c: Container) -> int:
        return sum(1 for m in c.measures if m.main and _section_key(m.main) == c.origin)

    def _move(self, containers: list[Container]) -> None:
        """Move whole single-source measures to another section (at most one in, one out)."""
        rng = self.rng
        want = rng.choice([0, 1, 1, 2, 2, 3])
        moved = 0
        touched: set[int] = set()
        order = list(range(len(containers)))
        rng.shuffle(order)
        for si in order:
            if moved >= want:
                break
            src = containers[si]
            if si in touched or self._natives(src) < 3:
                continue
            movable = [m for m in src.measures if m.kind == "carried"]
            if not movable:
                continue
            targets = [
                ti
                for ti, t in enumerate(containers)
                if ti != si and ti not in touched and self._natives(t) >= 2
            ]
            if not targets:
                continue
            ti = rng.choice(targets)
            measure = rng.choice(movable)
            src.measures.remove(measure)
            target = containers[ti]
            target.measures.insert(rng.randint(0, len(target.measures)), measure)
            touched.update((si, ti))
            moved += 1
        self.stats["moved"] = moved

    def _novel(self, text: str) -> bool:
        """New text: few of its 4-grams occur in the parent, and none of its clauses is copied."""
        if overlap(text, self.pool) > NOVEL_MAX_OVERLAP:
            return False
        return all(
            overlap(seg, self.pool) <= CLAUSE_MAX_OVERLAP
            for seg in _scan(text, _COMMAS + "、")
            if len(_cjk(seg)) >= 8
        )

    def _added_measure(self, *, templates_only: bool = False) -> ChildMeasure | None:
        rng = self.rng
        if self.donors and not templates_only and rng.random() < 0.5:
            made = self._from_donor()
            if made is not None:
                return made
        for _ in range(10):
            title, *body = rng.choice(_MEASURES)
            slots = _slots(rng, self.short)
            texts = [title.format(**slots) + "。"] + [s.format(**slots) for s in body]
            if all(self._novel(t) for t in texts):
                return ChildMeasure([Piece(t, None) for t in texts], "added")
        return None

    def _from_donor(self) -> ChildMeasure | None:
        rng = self.rng
        donor = rng.choice(self.donors)
        local = Localiser.build([donor, self.parent], self.name, self.short)
        candidates = []
        for m in donor.measures():
            novel = [s for s in sentences(m.text) if self._novel(s) and self._novel(local(s))]
            if len(novel) >= 2 and sum(len(s) for s in novel) >= 60:
                candidates.append((m, novel))
        if not candidates:
            return None
        m, novel = rng.choice(candidates)
        texts = [local(s) for s in novel]
        if texts[0][:1].isdigit():
            return None
        made = ChildMeasure([Piece(t, None) for t in texts], "added")
        if m.owners:
            made.owners = {
                "responsible": [local(u) for u in m.owners.lead + m.owners.responsible],
                "participating": [local(u) for u in m.owners.participating],
            }
        return made

    def _add(self, containers: list[Container]) -> None:
        rng = self.rng
        count = 0
        for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
            made = self._added_measure()
            if made is None:
                continue
            target = rng.choice(containers)
            target.measures.insert(rng.randint(0, len(target.measures)), made)
            count += 1
        if rng.random() < 0.25 and len(containers) >= 2:
            made = [m for m in (self._added_measure() for _ in range(rng.randint(2, 3))) if m]
            if made:
                heading = _fill(rng.choice(_LOCAL_SECTIONS), rng, self.short)
                containers.insert(len(containers) - 1, Container(None, heading, heading, made))
                count += len(made)
        self.stats["added"] = count

    def _swap_sections(self, containers: list[Container]) -> None:
        """Two neighbouring sections of one part change places (renumbering, not moving)."""
        pairs = [
            i
            for i in range(len(containers) - 2)
            if containers[i].part == containers[i + 1].part
            and containers[i].section
            and containers[i + 1].section
        ]
        if pairs:
            i = self.rng.choice(pairs)
            containers[i], containers[i + 1] = containers[i + 1], containers[i]
            self.stats["sections_swapped"] = 1

    # -- owners ------------------------------------------------------------------------------

    def _owners(self, containers: list[Container]) -> None:
        rng = self.rng
        has_owners = any(m.owners for m in self.pm)
        measures = [m for c in containers for m in c.measures]
        pool = [u.format(S=self.short) for u in POOL_UNITS]
        if has_owners and rng.random() < 0.85:
            p_change = rng.uniform(0.04, 0.15)
            changed = 0
            for cm in measures:
                if cm.kind == "added":
                    continue
                source = self.by_id[cm.main] if cm.main else None
                if source is None or not source.owners:
                    if rng.random() < 0.2:
                        cm.owners = self._pool_owners(pool)
                    continue
                owners = {
                    "responsible": [
                        self.localise(u) for u in source.owners.lead + source.owners.responsible
                    ],
                    "participating": [self.localise(u) for u in source.owners.participating],
                }
                if cm.kind == "merged":
                    others = [s for s in cm.contribution() if s != cm.main]
                    extra = [
                        self.localise(u)
                        for s in others
                        for u in self.by_id[s].owners.lead + self.by_id[s].owners.responsible
                    ]
                    target = "responsible" if rng.random() < 0.5 else "participating"
                    for u in extra:
                        if u not in owners["responsible"] + owners["participating"]:
                            owners[target].append(u)
                if rng.random() < p_change:
                    self._reassign(owners, pool)
                    changed += 1
                cm.owners = owners
            self.stats["owners_reassigned"] = changed
        elif not has_owners and rng.random() < 0.35:
            for cm in measures:
                if rng.random() < 0.6:
                    cm.owners = self._pool_owners(pool)
        if has_owners or any(cm.owners for cm in measures):
            for cm in measures:
                if cm.kind == "added" and not cm.owners and rng.random() < 0.5:
                    cm.owners = self._pool_owners(pool)
        for cm in measures:
            cm.owner_keys = tuple(sorted({unit_key(u, self.names) for u in _principal(cm.owners)}))

    def _owner_keys(self, node: Node) -> tuple[str, ...]:
        units = (node.owners.lead + node.owners.responsible) or node.owners.all()
        return tuple(sorted({unit_key(self.localise(u), self.names) for u in units}))

    def _pool_owners(self, pool: list[str]) -> dict[str, list[str]]:
        units = self.rng.sample(pool, self.rng.randint(1, 4))
        k = self.rng.randint(1, min(2, len(units)))
        return {"responsible": units[:k], "participating": units[k:]}

    def _reassign(self, owners: dict[str, list[str]], pool: list[str]) -> None:
        """A different agency takes the lead: the principal units change, not just their level."""
        rng = self.rng
        resp, part = owners["responsible"], owners["participating"]

        def keys(units: list[str]) -> set[str]:
            return {unit_key(u, self.names) for u in units}

        before = keys(resp)
        fresh = [u for u in pool if unit_key(u, self.names) not in keys(resp + part)]
        how = rng.random()
        if resp and part and how < 0.4:
            # the first participating unit leads, the lead unit takes part
            resp[0], part[0] = part[0], resp[0]
        elif resp and fresh and how < 0.8:
            resp[rng.randrange(len(resp))] = rng.choice(fresh)
        elif fresh:
            resp.append(rng.choice(fresh))
        if keys(resp) == before:
            resp.append(fresh[0] if fresh else "区委依法治区办")

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
        split = [i for i, pid in main_of.items() if len(feeds[pid]) >= 2]
        moved = [i for i, pid in main_of.items() if located[i].origin != _section_key(pid)]
        # owners_changed (comparison.md): the child's lead units differ, after level
        # normalisation, from its main source's; for a merged measure also from the union of its
        # sources' lead units, since naming every merged measure's units is no reassignment.
        owners_changed = []
        for i, pid in main_of.items():
            cm = ordered[i]
            if not (cm.owners and self.by_id[pid].owners):
                continue
            main = self._owner_keys(self.by_id[pid])
            union = tuple(
                sorted({k for s in cm.contribution() for k in self._owner_keys(self.by_id[s])})
            )
            if cm.owner_keys not in (main, union):
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


# ---------------------------------------------------------------------------------------------
# Pairs for the bench


def load_samples() -> dict[str, Plan]:
    """The bundled sample plans, parsed, by short name."""
    return {name: load_plan(sample_path(name)) for name in SAMPLES}


def pair_specs(n: int, seed: int = 0) -> list[tuple[str, int]]:
    """(parent sample name, derivation seed) for n pairs, cycling over the samples."""
    names = list(SAMPLES)
    return [(names[i % len(names)], seed * 100_003 + i) for i in range(n)]


def derive_pairs(
    n: int = 50,
    seed: int = 0,
    samples: dict[str, Plan] | None = None,
    intensity: float | None = None,
):
    """Yield (parent name, parent plan, Derived) for n generated pairs."""
    samples = samples or load_samples()
    for name, s in pair_specs(n, seed):
        donors = [p for other, p in samples.items() if other != name]
        yield name, samples[name], derive(samples[name], s, donors, intensity)


def write_pairs(out_dir: str | Path, n: int = 50, seed: int = 0) -> list[Path]:
    """Write parents/, NNN-child.txt and NNN-truth.json for inspection; return the child paths."""
    out = Path(out_dir)
    (out / "parents").mkdir(parents=True, exist_ok=True)
    samples = load_samples()
    for name in samples:
        target = out / "parents" / Path(sample_path(name)).name
        target.write_bytes(Path(sample_path(name)).read_bytes())
    written = []
    for i, (_name, _parent, d) in enumerate(derive_pairs(n, seed, samples)):
        child = out / f"{i:03d}-child.txt"
        child.write_text(d.text, encoding="utf-8")
        (out / f"{i:03d}-truth.json").write_text(
            json.dumps(d.truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        written.append(child)
    return written


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: generate.py OUT_DIR [N] [SEED]")
        sys.exit(2)
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    base = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    paths = write_pairs(sys.argv[1], count, base)
    print(f"wrote {len(paths)} pairs to {sys.argv[1]}")
