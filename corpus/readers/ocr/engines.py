"""The two OCR engines duizhao can drive, behind one call: a cleaned page in, text lines out.

RapidOCR (`pip install 'duizhao[ocr]'`: rapidocr-onnxruntime, whose wheel ships PaddleOCR's
PP-OCRv4 detection and recognition models, run by onnxruntime; nothing is downloaded) is the
default; Tesseract 5 with its simplified-Chinese model (Debian's `tesseract-ocr` and
`tesseract-ocr-chi-sim`) is the other. `DUIZHAO_OCR=tesseract` (or `rapidocr`) chooses; why
RapidOCR is the default is measured by tests/bench/ocr_bench.py (see the README).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from duizhao.corpus.errors import InputError, LimitError
from duizhao.corpus.limits import OCR_PAGE_TIMEOUT_S

if TYPE_CHECKING:
    from PIL import Image

DEFAULT = "rapidocr"
ENGINES = ("rapidocr", "tesseract")
INSTALL = {
    "rapidocr": "pip install 'duizhao[ocr]'",
    "tesseract": "apt-get install tesseract-ocr tesseract-ocr-chi-sim",
}
MIN_SCORE = 0.2
"""RapidOCR lines scored below this are not text (a speck, a stroke of a seal)."""


@dataclass(frozen=True)
class Line:
    """One line of text as the engine read it, with its box in page pixels."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


def engine_name() -> str:
    """The engine chosen by `DUIZHAO_OCR` (default: rapidocr); an unknown name is an error."""
    name = os.environ.get("DUIZHAO_OCR", "").strip().lower() or DEFAULT
    if name not in ENGINES:
        raise InputError(
            "DUIZHAO_OCR", "unknown OCR engine {name!r}; use rapidocr or tesseract", name=name
        )
    return name


def available(name: str) -> bool:
    """Whether the engine (and the image libraries it needs) is installed."""
    try:
        import cv2  # noqa: F401  (despeckling)
    except ImportError:
        return False
    if name == "tesseract":
        return _tesseract_version() is not None
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def version(name: str) -> str:
    """The engine and its version, as cached OCR output is keyed and `inspect` shows it."""
    if name == "tesseract":
        return f"tesseract {_tesseract_version()}"
    from importlib.metadata import version as dist_version

    return f"rapidocr {dist_version('rapidocr-onnxruntime')}"


def recognise(name: str, image: Image.Image, label: str) -> list[Line]:
    """The text lines of one cleaned page (Pillow, mode L); `label` names it in errors."""
    if name == "tesseract":
        return _tesseract(image, label)
    return _rapidocr(image)


@cache
def _rapid_engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(text_score=MIN_SCORE, use_cls=False, print_verbose=False)


def _rapidocr(image: Image.Image) -> list[Line]:
    import numpy as np

    gray = np.asarray(image)
    result, _ = _rapid_engine()(np.dstack([gray, gray, gray]), use_cls=False)
    lines = []
    for box, text, score in result or ():
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        if text.strip():
            lines.append(Line(text.strip(), min(xs), min(ys), max(xs), max(ys), float(score)))
    return lines


@cache
def _tesseract_version() -> str | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
        if "chi_sim" not in out.stdout.split():
            return None
        head = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    first = (head.stdout or head.stderr).splitlines()[:1]
    return first[0].split()[-1] if first else "unknown"


_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f]) +|(?<=[\x00-\x7f]) +(?=[^\x00-\x7f])")


def _tesseract(image: Image.Image, label: str) -> list[Line]:
    import io

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6", "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=OCR_PAGE_TIMEOUT_S,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise LimitError(
            label,
            "took more than {limit} s to read by OCR (the limit per page)",
            limit=OCR_PAGE_TIMEOUT_S,
        ) from None
    if done.returncode != 0:
        raise InputError(label, "could not be read by tesseract")
    rows: dict[tuple[str, str, str], list[list[str]]] = {}
    for raw in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = raw.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            rows.setdefault((cols[2], cols[3], cols[4]), []).append(cols)
    lines = []
    for words in rows.values():
        text = _CJK_GAP.sub("", " ".join(w[11].strip() for w in words))
        x0 = min(float(w[6]) for w in words)
        top = min(float(w[7]) for w in words)
        x1 = max(float(w[6]) + float(w[8]) for w in words)
        bottom = max(float(w[7]) + float(w[9]) for w in words)
        weights = [len(w[11].strip()) for w in words]
        conf = sum(max(float(w[10]), 0.0) * n for w, n in zip(words, weights, strict=True))
        lines.append(Line(text, x0, top, x1, bottom, conf / max(sum(weights), 1) / 100))
    return lines
