"""Saved government web pages: the article's paragraphs (and headline), without the site chrome."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from duizhao.corpus.errors import InputError
from duizhao.corpus.limits import MAX_HTML_DEPTH
from duizhao.corpus.readers.decoding import decode
from duizhao.corpus.readers.html_blocks import BLOCK_TAGS as _BLOCK_TAGS
from duizhao.corpus.readers.html_blocks import block_texts, flatten, normalize
from duizhao.corpus.readers.source import Paragraph
from duizhao.corpus.readers.text import close_label_gap

_JUNK_TAGS = [
    "script",
    "style",
    "noscript",
    "iframe",
    "template",
    "svg",
    "object",
    "embed",
    "select",
    "button",
    "input",
    "textarea",
    "link",
    "meta",
    "head",
]
_CHROME_TAGS = ("nav", "header", "footer", "aside")
_CONTENT_RE = re.compile(
    r"TRS_Editor|TRS_PreAppend|Custom_UnionStyle|zoom|article|content|detail|main|artibody|"
    r"news_?txt|news_?con|txt_?con|wz_?con|xl_?con|con_?text|body_?text|text|pages_?content",
    re.I,
)
_WIDGET_ATTR_RE = re.compile(
    r"share|bdshare|print|fontsize|font_size|zihao|toolbar|gotop|backtop|qrcode|erweima", re.I
)
_WIDGET_SUB_RE = re.compile(
    r"字号[：:]?\s*[【\[（(]?\s*大\s*[|丨/]?\s*中\s*[|丨/]?\s*小\s*[】\]）)]?"
    r"|[【\[](?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏(?:本页)?|返回顶部|分享|纠错)[】\]]"
)
_WIDGET_LINE_RE = re.compile(
    r"^(?:[\s|丨/：:【】\[\]·]*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|"
    r"分享到|分享|返回顶部|字号|字体|默认|大|中|小|扫一扫|在手机上查看|保存|纠错|"
    r"相关文章|相关链接|相关阅读|相关新闻|延伸阅读))+[\s|丨/：:【】\[\]·]*$"
)
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DOC_TITLE_RE = re.compile(
    r"方案|纲要|规划|意见|通知|公告|通告|办法|措施|决定|计划|要点|细则|实施|征求|印发|关于"
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def read_html(name: str, data: bytes) -> list[Paragraph]:
    """Paragraphs of the main article of a saved page, its headline first when it sits outside."""
    text = decode(name, data, markup=True)
    try:
        soup = BeautifulSoup(flatten(text, MAX_HTML_DEPTH), "lxml")
        page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
        body = soup.body or soup
        _strip_junk(body)
        headline = _headline(body, page_title)
        main = _main_content(body)
        _drop_link_lists(main)
        blocks = [(_clean_widgets(t), label) for t, label in block_texts(main)]
        blocks = [(close_label_gap(t), label) for t, label in blocks if t]
    except Exception as exc:  # bs4/lxml on hostile markup: report, never crash
        raise InputError(
            name, "is HTML that cannot be read ({kind})", kind=type(exc).__name__
        ) from None
    if headline and not any(_squash(headline) in _squash(t) for t, _ in blocks[:8]):
        blocks.insert(0, (headline, None))
    return [Paragraph(t, i, label) for i, (t, label) in enumerate(blocks, start=1)]


# --- cleaning ------------------------------------------------------------------------------


def _strip_junk(body: Tag) -> None:
    for comment in body.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in body.find_all(_JUNK_TAGS):
        tag.decompose()
    for tag in body.find_all(style=_HIDDEN_RE):
        if not tag.decomposed:
            tag.decompose()  # hidden text: often spam injected into a hacked page
    total = _cjk(body)
    for form in body.find_all("form"):
        # ASP.NET sites wrap the whole page in one <form>: keep its contents then.
        if total and _cjk(form) > total / 2:
            form.unwrap()
        else:
            form.decompose()
    for tag in body.find_all(_CHROME_TAGS):
        if tag.decomposed:
            continue
        if tag.find_parent("article") is not None or (total and _cjk(tag) > total / 2):
            tag.unwrap()  # an article's own <header>, or a page that is all <main>-less chrome
        else:
            tag.decompose()
    for tag in body.find_all(True):
        if tag.decomposed:
            continue
        attrs = _id_classes(tag)
        if attrs.strip() and _WIDGET_ATTR_RE.search(attrs) and _cjk(tag) < 40:
            tag.decompose()


def _drop_link_lists(main: Tag) -> None:
    """Lists of links inside the article (related articles, share targets) are not its text."""
    for tag in main.find_all(["ul", "ol", "dl", "div", "table"]):
        if tag.decomposed:
            continue
        links = tag.find_all("a")
        if len(links) >= 2 and _prose(tag) <= 0.1 * _cjk(tag):
            tag.decompose()


def _id_classes(tag: Tag) -> str:
    """A tag's id and class names, space-separated: what the widget and content patterns read."""
    ident = tag.get("id")
    return " ".join([ident if isinstance(ident, str) else "", *tag.get_attribute_list("class")])


def _clean_widgets(text: str) -> str:
    text = _WIDGET_SUB_RE.sub(" ", text)
    if _WIDGET_LINE_RE.match(text):
        return ""
    return re.sub(r"\s{2,}", " ", text).strip()


def _cjk(node: Tag | NavigableString) -> int:
    return len(_CJK_RE.findall(node.get_text() if isinstance(node, Tag) else str(node)))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- finding the article -------------------------------------------------------------------


def _headline(body: Tag, page_title: str) -> str:
    """The notice or plan headline from an <h1> or the <title>; never the site's name."""
    parts = re.split(r"\s*(?:_|\||｜|--| - |—{2}|－)\s*", page_title)
    h1s = [normalize(h.get_text(" ")) for h in body.find_all("h1")]
    candidates = [t for t in (*h1s, *parts) if _DOC_TITLE_RE.search(t)]
    return max(candidates, key=len, default="").strip()


def _main_content(body: Tag) -> Tag:
    """An element named like the article, else the block holding the most Chinese directly."""
    total = _cjk(body)
    best: Tag | None = None
    for tag in body.find_all(True):
        attrs = _id_classes(tag)
        if attrs.strip() and _CONTENT_RE.search(attrs):
            score = _cjk(tag)
            if best is None or score > _cjk(best):
                best = tag
    if best is not None:
        best = _narrow(best)
    dense = max(
        (t for t in body.find_all(["div", "td", "section", "article", "main"])),
        key=_own_cjk,
        default=body,
    )
    dense = dense if _own_cjk(dense) > _own_cjk(body) else body
    if best is None or _cjk(best) < 0.5 * _cjk(dense) or _cjk(best) < 0.2 * total:
        return _widen(dense)
    return best


def _narrow(tag: Tag) -> Tag:
    """Descend into a named child that holds nearly all of the text (wrapper → article)."""
    while True:
        score = _prose(tag)
        inner = [t for t in tag.find_all(True) if _CONTENT_RE.search(_id_classes(t))]
        nxt = next((t for t in inner if score and _prose(t) >= 0.85 * score), None)
        if nxt is None:
            return tag
        tag = nxt


def _widen(tag: Tag) -> Tag:
    """Climb while the parent adds real (non-link) text: an article split into sibling blocks."""
    while isinstance(tag.parent, Tag) and tag.parent.name not in ("body", "html", "[document]"):
        own = _prose(tag)
        if _prose(tag.parent) - own < 0.25 * own:
            break  # what the parent adds is navigation, a headline or a footer
        tag = tag.parent
    return tag


def _prose(node: Tag | NavigableString) -> int:
    """Chinese characters outside links (menus and lists of related articles are links)."""
    if not isinstance(node, Tag):
        return _cjk(node)
    if node.name == "a":
        return 0
    return _cjk(node) - sum(_cjk(a) for a in node.find_all("a"))


def _own_cjk(tag: Tag) -> int:
    """Chinese prose directly under `tag` or in its leaf-level children."""
    count = 0
    for child in tag.children:
        if isinstance(child, NavigableString) or (
            isinstance(child, Tag)
            and (
                child.name not in _BLOCK_TAGS or child.name in ("p", "li") or not _has_block(child)
            )
        ):
            count += _prose(child)
    return count


def _has_block(tag: Tag) -> bool:
    return any(isinstance(t, Tag) and t.name in _BLOCK_TAGS for t in tag.descendants)
