"""Chinese word segmentation with jieba, loaded lazily with the domain dictionary shipped here.

The dictionary keeps rule-of-law terms whole (习近平法治思想, 谁执法谁普法, 枫桥经验 …) so they
count as one distinctive token. jieba's own dictionary takes most of the start-up time, so the
tokenizer is built once per process, only when a comparison needs it, and jieba's on-disk cache
(keyed by dictionary) makes later processes fast.
"""

from __future__ import annotations

import logging
import re
import warnings
from functools import cache
from importlib import resources

# Words so common in plans that they say nothing about which measure a clause comes from.
BOILERPLATE = frozenset(
    [
        "加强",
        "推进",
        "推动",
        "健全",
        "完善",
        "深入",
        "全面",
        "深化",
        "开展",
        "建立",
        "建立健全",
        "落实",
        "强化",
        "进一步",
        "积极",
        "大力",
        "切实",
        "不断",
        "持续",
        "坚持",
        "提高",
        "提升",
        "促进",
        "发挥",
        "作用",
        "工作",
        "建设",
        "机制",
        "制度",
        "体系",
        "依法",
        "加快",
        "充分",
        "有效",
        "广泛",
        "扎实",
        "认真",
        "严格",
        "规范",
        "实施",
        "实现",
        "形成",
        "做好",
        "注重",
        "着力",
        "贯彻",
        "贯彻落实",
        "努力",
        "探索",
        "支持",
        "引导",
        "鼓励",
        "各级",
        "各类",
        "相关",
        "有关",
        "重要",
        "重点",
        "工作机制",
        "能力",
        "水平",
        "全社会",
        "社会",
        "法治",
    ]
)
_STOP = frozenset(
    [
        "的",
        "和",
        "与",
        "及",
        "以及",
        "等",
        "在",
        "对",
        "把",
        "将",
        "为",
        "了",
        "中",
        "上",
        "下",
        "或",
        "并",
        "是",
        "要",
        "由",
        "从",
        "向",
        "于",
        "其",
        "之",
        "使",
        "按照",
        "通过",
    ]
)
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+]")


@cache
def tokenizer():
    """The jieba tokenizer with the domain dictionary (built on first use)."""
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which warns about namespace packages such as ours.
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    with resources.as_file(resources.files("duizhao.compare") / "data" / "dict.txt") as path:
        tk.load_userdict(str(path))
    return tk


def tokens(text: str) -> list[str]:
    """Content tokens of `text`: punctuation, spaces and function words dropped."""
    return [t for t in tokenizer().lcut(text, HMM=False) if _KEEP.search(t) and t not in _STOP]


def base_weight(token: str) -> float:
    """Prior weight before IDF: boilerplate and single characters count little."""
    if token in BOILERPLATE:
        return 0.2
    if len(token) == 1:
        return 0.4
    return 1.0


def tokenize_all(texts: list[str]) -> list[list[str]]:
    """Tokens of each text (the CLI wraps this in an on-disk cache: `duizhao.cli.token_cache`)."""
    return [tokens(t) for t in texts]
