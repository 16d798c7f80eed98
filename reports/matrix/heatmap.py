"""A folder matrix as a heatmap picture (PNG or SVG, byte-identical each time), in `lang`.

The heatmap needs a CJK font: without one it refuses (InputError) rather than draw empty boxes
for Chinese. SVG text is drawn as paths, so it reads the same without the font installed.
Capped at HEATMAP_COLUMNS plans and HEATMAP_ROWS measures; the caption says what was left out.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from duizhao.compare.matrix import Matrix
from duizhao.compare.result import PARENT_STATUSES
from duizhao.corpus.errors import InputError
from duizhao.reports.common.escape import truncate
from duizhao.reports.common.i18n import _, using, word
from duizhao.reports.matrix.views import COLOURS, cap_note, row_name, select_columns, select_rows

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

HEATMAP_COLUMNS = 60
HEATMAP_ROWS = 80
CJK_FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
"""Where Debian's fonts-noto-cjk (and a few other distributions' CJK fonts) put their files."""
_CJK_NAMES = ("cjk", "wqy", "sourcehan", "msyh", "simhei", "simsun", "pingfang", "notosanssc")


def find_cjk_font() -> Path:
    """A font file with Chinese glyphs: $DUIZHAO_CJK_FONT, Debian's Noto CJK, or any CJK font."""
    candidates = [os.environ.get("DUIZHAO_CJK_FONT", ""), *CJK_FONT_PATHS]
    for path in candidates:
        if path and Path(path).is_file() and _has_chinese(Path(path)):
            return Path(path)
    from matplotlib import font_manager

    for path in sorted(font_manager.findSystemFonts()):
        if any(n in Path(path).name.lower() for n in _CJK_NAMES) and _has_chinese(Path(path)):
            return Path(path)
    raise InputError(
        "heatmap",
        "no font with Chinese characters found; install one (Debian/Ubuntu: "
        "sudo apt-get install fonts-noto-cjk) or set DUIZHAO_CJK_FONT=/path/to/font.ttc",
    )


def _has_chinese(path: Path) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        return FT2Font(str(path)).get_char_index(ord("法")) != 0
    except (OSError, RuntimeError, ValueError):
        return False


def heatmap_bytes(matrix: Matrix, kind: str, *, lang: str = "zh") -> bytes:
    """The matrix as a PNG or SVG picture (`kind`), byte-identical each time, in `lang`."""
    if kind not in ("png", "svg"):
        raise InputError(kind, "a heatmap is written as .png or .svg")
    font = find_cjk_font()
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    settings: dict[RcKeyType, Any] = {
        "font.family": [family, "DejaVu Sans"],
        "svg.fonttype": "path",
        "svg.hashsalt": "duizhao",
        "axes.unicode_minus": False,
    }
    with matplotlib.rc_context(settings), using(lang):
        figure = _draw(matrix)
        metadata = {"Date": None} if kind == "svg" else {"Software": None}
        buffer = io.BytesIO()
        figure.savefig(buffer, format=kind, metadata=metadata, dpi=120, bbox_inches="tight")
    return buffer.getvalue()


_CJK_ONLY = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef…]+$")


def _vertical(label: str) -> str:
    """A column label for the top of the heatmap: Chinese stacked one character a line."""
    text = truncate(label, 8)
    return "\n".join(text) if _CJK_ONLY.match(text) else text


def _draw(matrix: Matrix) -> Figure:
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    columns = select_columns(matrix, HEATMAP_COLUMNS)
    rows = select_rows(matrix, HEATMAP_ROWS)
    code = {s: i for i, s in enumerate(("dropped", "partial", "carried"))}
    values = np.array([[code[matrix.status(r, c)] for c in columns] for r in rows], dtype=float)
    width = max(6.0, 3.2 + 0.3 * len(columns))
    height = max(3.0, 1.8 + 0.26 * len(rows))
    figure = Figure(figsize=(width, height))
    ax = figure.subplots()
    cmap = ListedColormap([COLOURS["dropped"], COLOURS["partial"], COLOURS["carried"]])
    ax.pcolormesh(
        values, cmap=cmap, norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5], 3),
        edgecolors="white", linewidth=0.5,
    )  # fmt: skip
    labels = matrix.labels()
    ax.set_xticks(np.arange(len(columns)) + 0.5, [_vertical(labels[c]) for c in columns])
    for tick, c in zip(ax.get_xticklabels(), columns, strict=True):
        if not _CJK_ONLY.match(truncate(labels[c], 8)):
            tick.set_rotation(90)  # Latin text reads better turned than stacked
    ax.set_yticks(np.arange(len(rows)) + 0.5, [row_name(matrix, r, 22) for r in rows])
    ax.tick_params(axis="x", labelsize=8, top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.tick_params(axis="y", labelsize=8)
    ax.invert_yaxis()
    title = _("{parent}: how each plan carries it ({n} plans)")
    ax.set_title(title.format(parent=matrix.parent_name, n=len(matrix.columns)), pad=12)
    legend = [Patch(color=COLOURS[s], label=word(s)) for s in PARENT_STATUSES]
    ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    note = cap_note(matrix, columns, rows)
    if note:
        ax.set_xlabel(note, fontsize=8, loc="left")
    return figure
