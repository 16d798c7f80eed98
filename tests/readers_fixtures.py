"""Build .docx, .html and .pdf test documents from a list of paragraph strings (labels typed)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

Table = Sequence[Sequence[str]]
Block = str | Table
"""A paragraph string, or a table given as rows of cell strings."""

_CN_DIGITS = "一二三四五六七八九"

# Label styles a plan types, outermost first: (pattern, Word level, w:numFmt). The pattern's
# group 1 is the number; the text around it becomes w:lvlText (e.g. "（%2）" or "(%2)").
LIST_LEVELS: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (re.compile(r"^([一二三四五六七八九十百]+)、"), 0, "chineseCounting"),
    (re.compile(r"^[（(]([一二三四五六七八九十百]+)[）)]"), 1, "chineseCounting"),
    (re.compile(r"^(\d{1,3})[.．、](?!\d)"), 2, "decimal"),
    (re.compile(r"^[（(](\d{1,3})[）)]"), 3, "decimal"),
)
DEFAULT_LEVEL_TEXT = {0: "%1、", 1: "（%2）", 2: "%3.", 3: "（%4）"}


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十七 → 27, 一百零五 → 105 (for labels in fixtures)."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS.index(ch) + 1
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def split_label(paragraph: str) -> tuple[int, int, str, str] | None:
    """(Word level, label value, w:lvlText for the label, text after the label) when
    `paragraph` starts with a label: "（三）加强…" → (1, 3, "（%2）", "加强…")."""
    for pattern, level, _fmt in LIST_LEVELS:
        m = pattern.match(paragraph)
        if m:
            raw = m.group(1)
            value = int(raw) if raw.isdigit() else chinese_number(raw)
            lvl_text = m.group(0)[: m.start(1)] + f"%{level + 1}" + m.group(0)[m.end(1) :]
            return level, value, lvl_text, paragraph[m.end() :].lstrip()
    return None


# --- docx ----------------------------------------------------------------------------------


def write_docx(path: Path, blocks: Sequence[Block], list_numbering: bool = False) -> Path:
    """A .docx with one paragraph per string and a table per list of rows.

    With `list_numbering`, labels recognised by `split_label` are removed from the text and
    expressed as Word automatic numbering (one multilevel list: 一、 / （一） / 1. / （1）), so a
    reader must render numbering.xml to get them back. Where the typed numbers do not follow
    Word's counting (a gap, or a level that does not restart), a new w:num restarts the counts.
    One w:lvlText per level: the first label typed at a level sets its punctuation ("(一)" or
    "（一）", "1." or "1、"), so a plan mixing styles within a level comes back normalised.
    """
    import docx

    document = docx.Document()
    numbering = None
    if list_numbering:
        level_text = dict(DEFAULT_LEVEL_TEXT)
        for block in reversed(blocks):  # the first label typed at each level sets its style
            parsed = split_label(block) if isinstance(block, str) else None
            if parsed:
                level_text[parsed[0]] = parsed[2]
        numbering = _WordList(document, level_text)
    for block in blocks:
        if isinstance(block, str):
            _add_paragraph(document, block, numbering)
        else:
            rows = [list(row) for row in block]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    table.cell(r, c).text = cell_text
    path = Path(path)
    document.save(str(path))
    return path


def _add_paragraph(document: object, text: str, numbering: _WordList | None) -> None:
    parsed = split_label(text) if numbering else None
    if parsed is None or numbering is None:
        document.add_paragraph(text)  # type: ignore[attr-defined]
        return
    level, value, _lvl_text, rest = parsed
    paragraph = document.add_paragraph(rest)  # type: ignore[attr-defined]
    numbering.apply(paragraph, level, value)


class _WordList:
    """One multilevel list definition in numbering.xml, and the w:num instances using it."""

    @staticmethod
    def numbering_root(document: object) -> object:
        """The document's <w:numbering> element, adding a numbering part when there is none."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.oxml import parse_xml
        from docx.parts.numbering import NumberingPart

        part = document.part  # type: ignore[attr-defined]
        try:
            return part.part_related_by(RT.NUMBERING).element
        except KeyError:
            numbering_part = NumberingPart(
                PackURI("/word/numbering.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
                parse_xml(f'<w:numbering xmlns:w="{_W_NS}"/>'),
                part.package,
            )
            part.relate_to(numbering_part, RT.NUMBERING)
            return numbering_part.element

    def __init__(self, document: object, level_text: dict[int, str]) -> None:
        from docx.oxml import parse_xml

        self.root = self.numbering_root(document)
        self.abstract_id = "90"
        levels = "".join(
            f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{html.escape(level_text[lvl])}"/><w:lvlJc w:val="left"/></w:lvl>'
            for _pattern, lvl, fmt in LIST_LEVELS
        )
        abstract = parse_xml(
            f'<w:abstractNum xmlns:w="{_W_NS}" w:abstractNumId="{self.abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
        first_num = self.root.find(f"{{{_W_NS}}}num")
        if first_num is None:
            self.root.append(abstract)
        else:
            first_num.addprevious(abstract)
        self.next_id = 90
        self.num_id = self._new_num({})
        self.counters: dict[int, int] = {}

    def _new_num(self, starts: dict[int, int]) -> str:
        from docx.oxml import parse_xml

        num_id = str(self.next_id)
        self.next_id += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for lvl, start in sorted(starts.items())
        )
        self.root.append(
            parse_xml(
                f'<w:num xmlns:w="{_W_NS}" w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{self.abstract_id}"/>{overrides}</w:num>'
            )
        )
        return num_id

    def apply(self, paragraph: object, level: int, value: int) -> None:
        expected = self.counters.get(level, 0) + 1
        if value != expected:
            starts = {lvl: count + 1 for lvl, count in self.counters.items() if lvl < level}
            starts[level] = value
            self.num_id = self._new_num(starts)
        self.counters[level] = value
        for deeper in [lvl for lvl in self.counters if lvl > level]:
            del self.counters[deeper]
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = int(self.num_id)


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- html ----------------------------------------------------------------------------------

_SITE = "襄阳高新区管委会"


def write_html(
    path: Path,
    paragraphs: Sequence[str],
    encoding: str = "utf-8",
    *,
    headline: str | None = None,
    chrome: bool = True,
    declare_charset: bool = True,
) -> Path:
    """A page like a government site's article page, written in `encoding`.

    The paragraphs go into `<div class="TRS_Editor">` as `<p>`; `headline` (when given) is the
    page's `<h1>` and `<title>`, outside the article. With `chrome` the page also carries what
    the reader must drop or tolerate: navigation, a breadcrumb, scripts and styles, font-size
    and print widgets, a hidden spam block and a site footer. GBK pages declare "gb2312", as
    such sites do.
    """
    label = "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
        if declare_charset
        else ""
    )
    body = "\n".join(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in paragraphs)
    title = html.escape(headline or "")
    article = f'<div class="TRS_Editor">\n{body}\n</div>'
    if not chrome:
        page = f"<html><head>{meta}<title>{title}</title></head><body>{article}</body></html>"
    else:
        h1 = f'<div class="title"><h1>{title}</h1></div>' if headline else ""
        page = f"""<!DOCTYPE html>
<html><head>{meta}
<title>{title + "_" if title else ""}{_SITE}</title>
<style>.nav {{ color: red }} p {{ line-height: 2 }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head><body>
<div class="header"><div class="logo"><h1>{_SITE}</h1></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li></ul></nav></div>
<div class="main">
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
{h1}
<div class="info">发布时间：2022-03-08 来源：区司法局
<span class="fontsize">字号：<a>大</a> <a>中</a> <a>小</a></span></div>
<div class="zoom">
{article}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
<div style="display:none">澳门赌场线上娱乐平台官网</div>
</div>
<footer><p>主办单位：{_SITE} 网站标识码：4206000001</p><p>鄂ICP备12345678号</p></footer>
<script type="text/javascript">(function() {{ var s = "浮动广告"; }})();</script>
</body></html>
"""
    path = Path(path)
    path.write_bytes(page.encode(encoding))
    return path


# --- pdf -----------------------------------------------------------------------------------

PDF_FONT = "STSong-Light"
"""reportlab's built-in CID font: Chinese text with a real text layer, no font file needed."""


def write_pdf(
    path: Path,
    paragraphs: Sequence[str],
    *,
    header: str | None = None,
    page_numbers: bool = True,
    user_password: str | None = None,
    font_size: float = 12,
    first_line_indent: bool = True,
) -> Path:
    """An A4 PDF that lays the paragraphs out like a printed notice: 2-character first-line
    indent, lines wrapped by reportlab, a page number "- n -" at the foot of every page and
    optionally a running `header` at the top.

    STSong-Light has no glyph for "·" (as in "12·4"), which reportlab would silently drop, so
    that character is set in Helvetica. `user_password` encrypts the file (reportlab's
    encryption leaves the CID font's strings unreadable to pdfminer, so use it only to test
    that a password is asked for)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    style = ParagraphStyle(
        "body",
        fontName=PDF_FONT,
        fontSize=font_size,
        leading=font_size * 1.6,
        firstLineIndent=font_size * 2 if first_line_indent else 0,
        wordWrap="CJK",
    )

    def furniture(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(PDF_FONT, 9)  # type: ignore[attr-defined]
        if header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, header)  # type: ignore[attr-defined]
        if page_numbers:
            page = doc.page  # type: ignore[attr-defined]
            canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {page} -")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    path = Path(path)
    kwargs = {}
    if user_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(user_password, ownerPassword="owner")
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, **kwargs
    )
    story = [RLParagraph(_pdf_markup(p), style) for p in paragraphs]
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def _pdf_markup(text: str) -> str:
    return html.escape(text).replace("·", '<font name="Helvetica">·</font>')


def write_image_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF like a scanned document: each page is one picture, with no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 520, 24):
        draw.line((40, y, 360, y), fill=0, width=6)  # stand-in for scanned lines of text
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        c.drawImage(ImageReader(image), 40, 60, width=A4[0] - 80, height=A4[1] - 120)
        c.showPage()
    c.save()
    return path


def write_docx_xml(
    path: Path, body_xml: str, numbering_xml: str = "", styles_xml: str = ""
) -> Path:
    """A .docx whose body is `body_xml` (w:p/w:tbl elements, `w:` prefix bound), with extra
    w:abstractNum/w:num definitions and w:style elements: for numbering and markup edge cases
    that python-docx has no API for."""
    import docx

    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    sect = body.find(f"{{{_W_NS}}}sectPr")
    for element in _fragments(body_xml):
        if sect is not None:
            sect.addprevious(element)
        else:
            body.append(element)
    if numbering_xml:
        root = _WordList.numbering_root(document)
        first_num = root.find(f"{{{_W_NS}}}num")
        for element in _fragments(numbering_xml):
            if element.tag.endswith("}abstractNum") and first_num is not None:
                first_num.addprevious(element)
            else:
                root.append(element)
    if styles_xml:
        styles = document.part.styles.element
        for element in _fragments(styles_xml):
            styles.append(element)
    path = Path(path)
    document.save(str(path))
    return path


def _fragments(xml: str) -> list[object]:
    from docx.oxml import parse_xml

    wrapper = parse_xml(
        f'<w:wrap xmlns:w="{_W_NS}" xmlns:mc="http://schemas.openxmlformats.org/'
        f'markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape">{xml}</w:wrap>'
    )
    return list(wrapper)


def encrypted_office_bytes() -> bytes:
    """The shape of a password-protected .docx: an OLE compound file (D0CF11E0) whose
    directory holds EncryptionInfo and EncryptedPackage streams. Only the header and the
    directory entries are real; there is no cipher text."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header = header.ljust(512, b"\x00")
    entries = b""
    for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entries += raw.ljust(64, b"\x00") + len(raw).to_bytes(2, "little") + bytes(62)
    return header + entries.ljust(512, b"\x00")
