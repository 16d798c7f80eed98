"""Neutralise what changes between levels without changing substance.

Jurisdiction names and short forms (湖北/湖北省, 高新/高新区), level words (全省/全区, 省委/区委,
我省/我区, 省级/区级), slogans built on names (法治湖北 → 法治高新) and agency levels
(省司法厅/区司法局) all become the same neutral words, in parent and child alike, so that a
faithfully localised clause compares equal to its source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from duizhao.corpus.jurisdiction import short_form
from duizhao.corpus.model import Plan

PLACE = "本地"
"""What every jurisdiction name becomes."""

_LEVEL_CHARS = "省市区县州旗盟"
# 全省 → 全地, 我省 → 我地, 本市 → 本地, 省委 → 地委, 区级 → 地级, 市直 → 地直, 省政府 → 地政府 …
_AGENCY_STEMS = (
    "委|级|直|政府|人大|政协|纪委|监委|法院|检察院|财政|党委|党工委|司法|公安|教育|教体|民政|人社|"
    "卫健|卫生|应急|市场监管|文旅|文化|发改|发展改革|经信|工信|科技|网信|妇联|总工会|工商联|团委|"
    "依法治|住建|住房|交通|农业|农村|农业农村|水利|自然资源|生态环境|城管|城市管理|商务|审计|统计|"
    "税务|医保|医疗保障|退役军人|信访|政法|宣传部|组织部|统战部|编办|普法办|文明办|国资|数据|大数据|"
    "政务服务|行政审批|档案|气象|林业|粮食|残联|红十字|科协|侨联|融媒体"
)
# 全省 → 全地, 我省 → 我地, 依法治省 → 依法治地, 省委 → 地委, 县级 → 地级, 市住建局 → 地住建局 …
_LEVEL_WORDS = re.compile(
    rf"(?<=[全我本治])[{_LEVEL_CHARS}]|[{_LEVEL_CHARS}](?=(?:{_AGENCY_STEMS}))"
)
_AGENCY_TING = re.compile(r"厅(?![局])")
_PUNCT_MAP = str.maketrans(
    {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"}
)


@dataclass(frozen=True)
class Localiser:
    """Replaces a comparison's jurisdiction names and level words by neutral words."""

    names: tuple[str, ...]
    """Names and short forms to neutralise, longest first."""
    enabled: bool = True
    _seen: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Texts already neutralised (one comparison folds the same clauses and spans many times)."""

    @classmethod
    def for_plans(cls, *plans: Plan, enabled: bool = True) -> Localiser:
        """The names of every plan in the comparison, their short forms and declared parents."""
        names: set[str] = set()
        for plan in plans:
            j = plan.jurisdiction
            for name in (j.name, j.short, *j.parents):
                if len(name) >= 2:
                    names.add(name)
                    short = short_form(name)
                    if len(short) >= 2:
                        names.add(short)
                    if name.endswith(("高新区", "经开区", "开发区", "新区")) and len(name) > 3:
                        tail = name[-3:-1] if not name.endswith("新区") else name[-2:-1]
                        if len(tail) >= 2:
                            names.add(tail)
        ordered = tuple(sorted(names, key=lambda n: (-len(n), n)))
        return cls(ordered, enabled)

    def __call__(self, text: str) -> str:
        """Normalised text: NFKC width folding, then names and level words neutralised."""
        done = self._seen.get(text)
        if done is None:
            done = self._seen[text] = self._neutralise(text)
        return done

    def _neutralise(self, text: str) -> str:
        text = normalise_width(text)
        if not self.enabled:
            return text
        for name in self.names:
            text = text.replace(name, PLACE)
        text = _LEVEL_WORDS.sub("地", text)
        return _AGENCY_TING.sub("局", text)


@lru_cache(maxsize=1 << 16)
def normalise_width(text: str) -> str:
    """Full-width and half-width forms folded together (（一） and (一), ，and ,).

    Memoised: the same clauses and spans are folded many times in one comparison."""
    return unicodedata.normalize("NFKC", text.translate(_PUNCT_MAP))
