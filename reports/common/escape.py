"""Making plan text and file names safe where they enter a format: markdown, markdown tables,
mermaid labels, HTML, spreadsheet cells (CSV, xlsx), terminal lines; and short.

Plan text and file names are the author's: no element, link, image, formula or control
sequence of their own may survive in a report. Control characters are taken out of a
result as a whole before it is rendered (`reports.clean`); what each format still needs is
here, applied at the few points where text enters it.
"""

from __future__ import annotations

import html
import re

_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\v\f]")
_SPACES = re.compile(r"[ \t]+")
# Characters that start or end markdown syntax (GitHub-flavoured, including math and tables).
_MD_ACTIVE = re.compile(r"([\\`*_\[\]<>#|~&$!])")
# Where GitHub's autolink extension would start a link: a scheme's colon (https:, mailto:),
# the dot of www., and the @ of an e-mail address. Escaped, they are literal text.
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//|[A-Za-z0-9])|(?<=www)(\.)|(@)", re.IGNORECASE)
# At the start of a line: a list item (1. / 1) / - / +), a setext underline (=) or a heading.
_MD_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")


def one_line(text: str) -> str:
    """Line breaks and runs of spaces or tabs as one space, trimmed."""
    return _SPACES.sub(" ", _BREAKS.sub(" ", text)).strip()


def md_text(text: str, *, starts_line: bool = False) -> str:
    """Plan text as literal markdown: one line, every active character backslash-escaped.

    With `starts_line` (text right after `> ` or at a line start) a leading `1.`, `-`, `+` or
    `=` is escaped too, so the text cannot become a list or an underline.
    """
    line = _MD_ACTIVE.sub(r"\\\1", one_line(text))
    line = _MD_AUTOLINK.sub(lambda m: "\\" + (m[1] or m[2] or m[3]), line)
    if not starts_line:
        return line
    return _MD_LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def md_code(text: str) -> str:
    """Text (a file name) as an inline code span that no backtick in it can end early."""
    line = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if line.startswith("`") or line.endswith("`") or not line else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def md_cell(text: str) -> str:
    """Plan text inside a markdown table cell: escaped, pipes escaped, line breaks as <br>."""
    lines = [md_text(part) for part in _BREAKS.split(text)]
    return "<br>".join(line for line in lines if line) or " "


def mermaid_label(text: str) -> str:
    """Text inside a mermaid ["…"] label: quotes, angle brackets, backticks and # as entities."""
    codes = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
    return "".join(codes.get(ch, ch) for ch in one_line(text))


def h(text: object) -> str:
    """Text as HTML (element content or attribute value): &, <, >, " and ' escaped."""
    return html.escape(str(text), quote=True)


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, ending in … when cut."""
    text = one_line(text)
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or LibreOffice read a cell as a formula (OWASP, CSV injection)."""


def spreadsheet_cell(value: object) -> object:
    """A CSV or xlsx cell value: text that a spreadsheet would take for a formula gets a
    leading ' (as OWASP advises), so it is shown as text and never computed; numbers and
    everything else are returned as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def percent(part: int, whole: int) -> str:
    """A count as a share of a whole, e.g. 68%; a dash when the whole is zero."""
    return f"{part / whole:.0%}" if whole else "–"


CONTROL_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI (7- or 8-bit) … final byte
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS…
    r"|\x1b[ -/]*[0-~]?"  # other escapes (and a lone ESC)
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 except \t \n, DEL, C1
)


def strip_controls(text: str) -> str:
    """Plan text without terminal control sequences (CSI, OSC, other ESC sequences, C0 and C1
    controls except tab and newline): a plan cannot move the cursor or retitle the terminal."""
    return CONTROL_SEQUENCES.sub("", text)


def terminal_line(text: str) -> str:
    """Plan text for a terminal cell: controls stripped, on one line."""
    return one_line(strip_controls(text))


def visible(text: str) -> str:
    """A line for stderr: one line, every character a terminal would act on (controls,
    ESC, format characters, lone surrogates) shown as a backslash escape instead."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        for ch in " ".join(text.split())
    )
