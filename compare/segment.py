"""Chinese word segmentation with jieba-rs (rjieba) and the domain dictionary shipped here.

The dictionary keeps rule-of-law terms whole (习近平法治思想, 谁执法谁普法, 枫桥经验 …) so they
count as one distinctive token.

Why rjieba: Python jieba takes about 1 s to load its dictionary, most of a first comparison;
jieba-rs builds the same dictionary in about 0.15 s. jieba stays the reference: both cut
without HMM (HMM would invent words for unknown runs and depend on the model), the user
dictionary goes to both with the same frequencies, and `tests/test_segment.py` checks that
they cut every clause of the bundled plans identically. When rjieba cannot be imported (a
platform without its wheel) jieba is used instead; the tokens are the same.
The segmenter is built once per process, only when a comparison needs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache, partial
from importlib import resources
from typing import Any

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
_ASCII_CONTENT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+")
# jieba's own grammar of a user-dictionary line (jieba.re_userdict): word [freq] [tag].
_USER_LINE = re.compile(r"^(.+?)(?: ([0-9]+))?(?: ([a-z]+))?$")


def _user_words() -> list[tuple[str, int | None, str | None]]:
    """The shipped user dictionary as (word, frequency, tag), jieba's `word [freq] [tag]` lines."""
    text = (resources.files("duizhao.compare") / "data" / "dict.txt").read_text(encoding="utf-8")
    words = []
    for line in text.lstrip("\ufeff").splitlines():
        m = _USER_LINE.match(line.strip())
        if m:
            word, freq, tag = m.groups()
            words.append((word, int(freq) if freq else None, tag))
    return words


Cut = Callable[[str], list[str]]


@cache
def segmenter() -> Cut:
    """`text → words` without HMM: rjieba with the domain dictionary (jieba if rjieba is missing)."""
    try:
        import rjieba
    except ImportError:
        return reference_segmenter()
    # rjieba builds its default dictionary on import; the module functions use that instance.
    for word, freq, tag in _user_words():
        rjieba.add_word(word, freq, tag)
    return partial(rjieba.cut, hmm=False)


@cache
def reference_segmenter() -> Cut:
    """`text → words` by Python jieba with the same dictionary: the reference rjieba must match."""
    return partial(_reference_tokenizer().lcut, HMM=False)


def _reference_tokenizer() -> Any:
    """Python jieba's tokenizer, initialised, with our user words added (about a second)."""
    import logging
    import warnings

    with warnings.catch_warnings():
        # jieba imports pkg_resources, which warns about namespace packages such as ours.
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for word, freq, tag in _user_words():
        tk.add_word(word, freq, tag)
    return tk


def _backend() -> str:
    """Which segmenter `segmenter()` will use, and a fingerprint of its installed files.

    Found without importing it (importing rjieba loads its dictionary) and without
    importlib.metadata (50 ms): the names and sizes of the package's files."""
    import importlib.util
    from pathlib import Path

    for name in ("rjieba", "jieba"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            folder = Path(spec.origin).parent
            files = sorted(f"{p.name}:{p.stat().st_size}" for p in folder.iterdir() if p.is_file())
            return name + "|" + ",".join(files)
    return "none"


@cache
def version() -> str:
    """A short key for everything that shapes a cut: this module, the dictionary, the segmenter.

    Caches of cuts include it in their keys, so a new dictionary or segmenter never reuses
    an old cut."""
    import hashlib

    package = resources.files("duizhao.compare")
    digest = hashlib.sha256()
    digest.update((package / "segment.py").read_bytes())
    digest.update((package / "data" / "dict.txt").read_bytes())
    digest.update(_backend().encode("utf-8"))
    return digest.hexdigest()[:16]


def content_tokens(words: list[str]) -> list[str]:
    """The words of a cut that carry content: punctuation, spaces and function words dropped."""
    return [t for t in words if _carries_content(t)]


@lru_cache(maxsize=1 << 16)
def _carries_content(word: str) -> bool:
    # Memoised: a comparison tests the same few thousand words tens of thousands of times.
    # (A CJK ideograph or an ASCII letter, digit or +; a comparison rather than a regular
    # expression, which `re` takes milliseconds to compile for a class of 21,000 characters.)
    if word in _STOP:
        return False
    return any("\u4e00" <= ch <= "\u9fff" or ch in _ASCII_CONTENT for ch in word)


def tokens(text: str) -> list[str]:
    """Content tokens of `text` (its cut by `segmenter()`, filtered by `content_tokens`)."""
    return content_tokens(segmenter()(text))


def base_weight(token: str) -> float:
    """Prior weight before IDF: boilerplate and single characters count little."""
    if token in BOILERPLATE:
        return 0.2
    if len(token) == 1:
        return 0.4
    return 1.0


def tokenize_all(texts: list[str]) -> list[list[str]]:
    """Tokens of each text, no cache (`duizhao.reports.api.tokenize` adds the on-disk one)."""
    return [tokens(t) for t in texts]


@cache
def fine_segmenter() -> Cut:
    """`text → words` for redlines: the segmenter's cut, with a compound of two dictionary words
    (切实加强, 广泛开展) cut in two, so an edit of one of them marks that word alone. Words of
    the shipped dictionary (习近平法治思想) stay whole."""
    cut = segmenter()
    known = _word_test()
    keep = frozenset(word for word, _, _ in _user_words())

    def fine(text: str) -> list[str]:
        out: list[str] = []
        for word in cut(text):
            out.extend(_halves(word, known) if len(word) >= 4 and word not in keep else (word,))
        return out

    return fine


def _halves(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Two dictionary words of two characters or more that make `word`, else `word` alone."""
    for k in range(2, len(word) - 1):
        if known(word[:k]) and known(word[k:]):
            return (word[:k], word[k:])
    return (word,)


def _word_test() -> Callable[[str], bool]:
    """Whether the segmenter's dictionary holds a word (rjieba's, else jieba's frequencies)."""
    segmenter()
    try:
        import rjieba
    except ImportError:
        freq = _reference_tokenizer().FREQ
        return lambda w: bool(freq.get(w))
    return rjieba.has_word
