"""A scanned page made ready for recognition: coloured ink removed, straightened, despeckled.

Colour separation: the page is read as the brightest of its three channels. Black print is
dark in every channel, so it stays; a red 红头 or seal is bright in its red channel, so it
turns into paper, and the black text under a seal (dark in all three) survives. Any other
coloured ink (a blue signature) goes the same way.

Deskew: the page's ink is projected onto rows at angles within ±`MAX_SKEW` degrees; text
lines make the sharpest profile when they lie level, so the angle with the most peaked
profile (the largest sum of squared row counts) is the skew, found coarse then fine on a
reduced page, and the full page is rotated back.

Despeckle: after a global (Otsu) threshold, connected specks smaller than a full stop could
be at the page's resolution are removed; they are scanner dust, and OCR reads them as 、 . ·.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

MAX_SKEW = 4.0
"""Skew searched, in degrees either way: a page fed askew through a scanner."""
A4_WIDTH_INCHES = 8.27
SPECK_AREA_200DPI = 12
"""Ink specks of at most this many pixels at 200 dpi (scaled with the square of the resolution)
are dust: a full stop at 16 pt is several times larger."""


@dataclass(frozen=True)
class Cleaned:
    """A page ready for OCR: 8-bit grayscale (ink 0, paper 255) and the skew that was removed."""

    image: Image.Image
    """A Pillow image, mode L."""
    skew: float
    dpi: float
    """The resolution estimated from the page width (an A4 or similar page)."""


def clean(page: Image.Image) -> Cleaned:
    """Colour separation, deskew, threshold and despeckle of one RGB page (Pillow image)."""
    from PIL import Image

    rgb = np.asarray(page.convert("RGB"))
    gray = rgb.max(axis=2)
    dpi = max(72.0, min(rgb.shape[0], rgb.shape[1]) / A4_WIDTH_INCHES)
    level = _otsu(gray)
    angle = _skew(gray < level)
    image = Image.fromarray(gray)
    if abs(angle) >= 0.05:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    ink = np.asarray(image) < level
    ink = _despeckle(ink, dpi)
    out = np.where(ink, 0, 255).astype(np.uint8)
    return Cleaned(Image.fromarray(out), angle, dpi)


def _otsu(gray: np.ndarray) -> int:
    """The threshold that best separates ink from paper (Otsu's method on the histogram)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    w0, w1 = weights[:-1], total - weights[:-1]
    m0 = np.divide(means[:-1], w0, out=np.zeros(255), where=w0 > 0)
    m1 = np.divide(means[-1] - means[:-1], w1, out=np.zeros(255), where=w1 > 0)
    between = w0 * w1 * (m0 - m1) ** 2
    return int(np.argmax(between)) + 1


def _skew(ink: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive as Pillow rotates) that levels the lines."""
    step = max(1, ink.shape[1] // 800)
    small = ink[::step, ::step]
    ys, xs = np.nonzero(small)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:
        pick = np.linspace(0, len(ys) - 1, 200_000).astype(np.int64)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - small.shape[1] / 2

    def score(angle: float) -> float:
        t = np.radians(angle)
        rows = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=score)
    fine = max(np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, 0.05), key=score)
    # Rows measured downwards: a page turned counter-clockwise is levelled by turning it back.
    return -round(float(fine), 2)


def _despeckle(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Ink with connected specks of at most the dust size removed."""
    import cv2

    limit = max(4, round(SPECK_AREA_200DPI * (dpi / 200) ** 2))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= limit
    small[0] = False  # the background
    if not small[1:count].any():
        return ink
    return ink & ~small[labels]
