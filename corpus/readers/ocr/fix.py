"""What OCR gets wrong in Chinese print, put right with what the numbering grammar knows.

Engines trained on mixed text confuse shapes that a plan uses in fixed places: `一` inside a
section label read as a dash (`（—）`), `1.` read as `l.`, `10` as `1O`, the full stop `。`
read as `o`, half-width punctuation in Chinese text, `2021-2025` for `2021—2025`, and specks
read as a stray `.` or `、` before a line. Each rule applies only where the grammar expects
that shape: a label at the start of a line, punctuation between Chinese characters; a fixed
label must still be a label `numbering.match_label` reads.
"""

from __future__ import annotations

import re

from duizhao.corpus.numbering import match_label

_CJK = r"\u3400-\u9fff"
_DASH_CLASS = "—–－―_一\\-"
_CN_LOOKALIKE = str.maketrans({"—": "一", "–": "一", "-": "一", "－": "一", "―": "一",
                               "_": "一", "=": "二", "＝": "二"})  # fmt: skip
_DIGIT_LOOKALIKE = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})
_CN_PAREN = re.compile(
    r"^[（(]\s*([一二三四五六七八九十百〇零=＝" + _DASH_CLASS + r"]{1,4})\s*[）)]"
)
_CN_COMMA = re.compile(r"^([一二三四五六七八九十=＝" + _DASH_CLASS + r"]{1,3})\s*、")
_ARABIC = re.compile(r"^([0-9lI|][0-9lIOo|]{0,2})\s*([.．、,，])(?=\s*[" + _CJK + r"“《])")
_STRAY_LEAD = re.compile(r"^[.·,，、:：;；'`]+(?=\S)")
_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？",
                               "(": "（", ")": "）"})  # fmt: skip
_HALF_PUNCT = re.compile(r"(?<=[" + _CJK + r"）》”])([,;:!?])|([,;:!?])(?=[" + _CJK + r"（《“])")
_PARENS = re.compile(r"\(([^()]*)\)")
_STOP = re.compile(r"(?<=[" + _CJK + r"”）》])[oO°](?=[" + _CJK + r"“（《\d]|$)")
_YEARS = re.compile(r"((?:19|20)\d\d)\s*[-－–―~～一]\s*((?:19|20)\d\d)")
_ANGLE = re.compile(
    r"(?<=["
    + _CJK
    + r"《（(])<|<(?=["
    + _CJK
    + r"])|(?<=["
    + _CJK
    + r"）)])>|>(?=["
    + _CJK
    + r"》）)])"
)
_PAGE_NUMBER = re.compile(r"^[-—–－―一~_]\s*(\d{1,4})\s*[-—–－―一~_]$")
_DOUBLED = re.compile(r"([、，。；：])\1+")


def fix_line(text: str) -> str:
    """One OCR line with its label and punctuation put right (see the module's rules)."""
    text = _STRAY_LEAD.sub("", text.strip())
    text = _PAGE_NUMBER.sub(r"— \1 —", text)  # `—2一`: a page number, dropped as furniture
    text = _label(text)
    text = _YEARS.sub(r"\1—\2", text)
    text = _STOP.sub("。", text)
    text = _ANGLE.sub(lambda m: "〈" if m.group(0) == "<" else "〉", text)
    text = _HALF_PUNCT.sub(lambda m: (m.group(1) or m.group(2)).translate(_HALF_TO_FULL), text)
    text = _PARENS.sub(_full_parens, text)
    return _DOUBLED.sub(r"\1", text)


def _full_parens(m: re.Match[str]) -> str:
    """Half-width parentheses around Chinese text become full-width; `(2021—2025年)` too."""
    inner = m.group(1)
    if re.search(f"[{_CJK}]", inner):
        return f"（{inner}）"
    return m.group(0)


def _label(text: str) -> str:
    """A label at the start of the line read with look-alike characters, written as printed."""
    m = _CN_PAREN.match(text)
    if m:
        fixed = "（" + m.group(1).translate(_CN_LOOKALIKE) + "）" + text[m.end() :]
        return fixed if _is_label(fixed, "cn_paren") else text
    m = _CN_COMMA.match(text)
    if m and any(ch in "—–－―_-=＝" for ch in m.group(1)):
        fixed = m.group(1).translate(_CN_LOOKALIKE) + "、" + text[m.end() :]
        return fixed if _is_label(fixed, "cn") else text
    m = _ARABIC.match(text)
    if m:
        digits = m.group(1).translate(_DIGIT_LOOKALIKE)
        sep = "." if m.group(2) in ",，" else m.group(2)
        fixed = digits + sep + text[m.end() :].lstrip()
        return fixed if _is_label(fixed, "arabic") else text
    return text


def _is_label(text: str, style: str) -> bool:
    found = match_label(text)
    return found is not None and found[0].style == style
