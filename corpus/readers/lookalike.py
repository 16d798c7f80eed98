"""Look-alike characters mapped to the ideographs they show: ⼀ (U+2F00) → 一, ⽅ → 方, ⺠ → 民.

PDF text layers (and text copied from them) often carry Kangxi radicals (U+2F00–U+2FD5) or
CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F) for ordinary characters: they
look right and compare wrong. NFKC maps those two blocks; the CJK radicals supplement
(U+2E80–U+2EFF) has no compatibility mapping, so the radicals that stand for whole
characters are mapped by the table below (Unicode's EquivalentUnifiedIdeograph.txt).
Only these characters are touched: NFKC of the whole text would also fold full-width
punctuation, which the parser and the reports keep as printed.
"""

from __future__ import annotations

import re
import unicodedata

# CJK radicals supplement → unified ideograph, for the radicals that are whole characters.
_SUPPLEMENT = {
    0x2E81: 0x5382, 0x2E84: 0x4E59, 0x2E8A: 0x535C, 0x2E8C: 0x5C0F, 0x2E8D: 0x5C0F,
    0x2E8E: 0x5140, 0x2E90: 0x5C22, 0x2E92: 0x5DF3, 0x2E93: 0x5E7A, 0x2E97: 0x5FC3,
    0x2E9B: 0x65E1, 0x2E9D: 0x6708, 0x2E9F: 0x6BCD, 0x2EA0: 0x6C11, 0x2EA7: 0x725B,
    0x2EA9: 0x738B, 0x2EAB: 0x76EE, 0x2EAC: 0x793A, 0x2EAE: 0x7AF9, 0x2EAF: 0x7CF8,
    0x2EB3: 0x7F51, 0x2EB6: 0x7F8A, 0x2EB7: 0x7F8A, 0x2EBB: 0x807F, 0x2EBC: 0x8089,
    0x2EBD: 0x81FC, 0x2EC1: 0x864E, 0x2EC4: 0x897F, 0x2EC5: 0x89C1, 0x2EC6: 0x89D2,
    0x2EC9: 0x8D1D, 0x2ECA: 0x8DB3, 0x2ECB: 0x8F66, 0x2ED1: 0x9577, 0x2ED3: 0x957F,
    0x2ED4: 0x95E8, 0x2ED5: 0x961C, 0x2ED7: 0x96E8, 0x2ED8: 0x9752, 0x2ED9: 0x97E6,
    0x2EDA: 0x9875, 0x2EDB: 0x98CE, 0x2EDC: 0x98DE, 0x2EDD: 0x98DF, 0x2EE2: 0x9A6C,
    0x2EE3: 0x9AA8, 0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C, 0x2EE6: 0x9E1F, 0x2EE7: 0x5364,
    0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4, 0x2EEA: 0x9EFE, 0x2EEC: 0x9F50, 0x2EEE: 0x9F7F,
    0x2EF0: 0x9F99, 0x2EF3: 0x9F9F,
}  # fmt: skip
_LOOKALIKE_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fd5\uf900-\ufaff\U0002f800-\U0002fa1f]")


def _unified(m: re.Match[str]) -> str:
    ch = m.group()
    mapped = _SUPPLEMENT.get(ord(ch))
    if mapped is not None:
        return chr(mapped)
    return unicodedata.normalize("NFKC", ch)


def unify(text: str) -> str:
    """`text` with look-alike radicals and compatibility ideographs replaced (linear time)."""
    if not _LOOKALIKE_RE.search(text):
        return text
    return _LOOKALIKE_RE.sub(_unified, text)
