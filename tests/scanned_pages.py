"""Scanned pages made from a plan's text: the input of the OCR bench and of the OCR tests.

A plan's paragraphs are typeset the way official documents are printed (GB/T 9704: A4, a
156 × 225 mm type area, 16 pt serif, 28 characters a line, paragraphs indented two
characters, the title centred), then made to look scanned, each effect on its own switch:
a red 红头 (the issuer's name in large red type over a red rule) on the first page, a red
round seal stamped over the body text of the first and last pages, a rotation of up to ±2°,
speckle noise, and JPEG compression. Everything is seeded: the same plan and options give
the same pixels.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
MM_PER_INCH = 25.4
RED = (220, 30, 30)
_NO_LINE_START = frozenset("，。、；：！？）》」』”’,.;:!?)")


@dataclass(frozen=True)
class Scan:
    """How a page is made to look scanned."""

    dpi: int = 200
    header: bool = True
    """A red 红头 on the first page."""
    seal: bool = True
    """A red seal over the text of the first and the last page."""
    skew: float = 2.0
    """Largest rotation in degrees (each page gets its own, in ±skew)."""
    noise: float = 0.002
    """Share of pixels turned into dark or light specks."""
    jpeg: int | None = 75
    """JPEG quality of the stored page, None for lossless."""
    seed: int = 0


def _mm(dpi: int, mm: float) -> int:
    return round(mm / MM_PER_INCH * dpi)


def typeset(paragraphs: list[str], dpi: int, issuer: str = "") -> list[Image.Image]:
    """Clean pages (RGB) of the paragraphs; the first line of the text is the title."""
    width, height = _mm(dpi, 210), _mm(dpi, 297)
    left, top = _mm(dpi, 28), _mm(dpi, 37)
    area_w, area_h = _mm(dpi, 156), _mm(dpi, 225)
    size = round(16 / 72 * dpi)
    font = ImageFont.truetype(SERIF, size, index=2)  # the SC face
    title_font = ImageFont.truetype(SERIF_BOLD, round(22 / 72 * dpi), index=2)
    pitch = area_h / 22
    pages: list[Image.Image] = []
    page = draw = None
    y = 0.0
    header_room = _mm(dpi, 45) if issuer else 0

    def new_page() -> None:
        nonlocal page, draw, y
        page = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(page)
        pages.append(page)
        y = top + (header_room if len(pages) == 1 else 0)

    new_page()
    for n, text in enumerate(paragraphs):
        if n == 0:
            for line, _ in _wrap(text, title_font, area_w, 0):
                w = draw.textlength(line, font=title_font)
                draw.text(((width - w) / 2, y), line, font=title_font, fill="black")
                y += pitch * 1.4
            y += pitch * 0.4
            continue
        centred = len(text) < 16 and text.startswith(("(", "（")) and text.endswith((")", "）"))
        for line, indent in _wrap(text, font, area_w, 0 if centred else 2 * size):
            if y + pitch > top + area_h - 1:
                new_page()
                _page_number(draw, len(pages), width, top + area_h, dpi, font)
            x = (width - draw.textlength(line, font=font)) / 2 if centred else left + indent
            draw.text((x, y), line, font=font, fill="black")
            y += pitch
    _page_number(ImageDraw.Draw(pages[0]), 1, width, top + area_h, dpi, font)
    return pages


def _page_number(draw, n: int, width: int, bottom: float, dpi: int, font) -> None:
    text = f"— {n} —"
    w = draw.textlength(text, font=font)
    draw.text(((width - w) / 2, bottom + _mm(dpi, 12)), text, font=font, fill="black")


def _wrap(text: str, font, width: float, indent: float) -> list[tuple[str, float]]:
    """Lines no wider than `width` (the first indented by `indent` pixels); closing punctuation
    never starts a line (it stays at the end of the line before, as Word does)."""
    out: list[tuple[str, float]] = []
    rest = text
    while rest:
        room = width - (indent if not out else 0)
        cut, used = 0, 0.0
        while cut < len(rest) and used + font.getlength(rest[cut]) <= room:
            used += font.getlength(rest[cut])
            cut += 1
        cut = max(cut, 1)
        if cut < len(rest) and rest[cut] in _NO_LINE_START:
            cut += 1
        out.append((rest[:cut], indent if not out else 0))
        rest = rest[cut:]
    return out


def red_header(page: Image.Image, issuer: str, dpi: int) -> None:
    """The issuer's name in large red type, centred, over a red rule (红头)."""
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SERIF_BOLD, round(36 / 72 * dpi), index=2)
    w = draw.textlength(issuer, font=font)
    y = _mm(dpi, 30)
    draw.text(((page.width - w) / 2, y), issuer, font=font, fill=RED)
    rule = _mm(dpi, 62)
    draw.rectangle(
        (_mm(dpi, 26), rule, page.width - _mm(dpi, 26), rule + max(2, dpi // 60)), fill=RED
    )


def red_seal(page: Image.Image, name: str, dpi: int, centre: tuple[int, int]) -> None:
    """A round red seal (ring, star, the name round the rim), multiplied over what is there:
    text under the seal stays dark, as ink under a stamp does."""
    r = _mm(dpi, 21)
    stamp = Image.new("L", page.size, 0)
    draw = ImageDraw.Draw(stamp)
    cx, cy = centre
    ring = max(3, dpi // 40)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=ring)
    star = [
        (
            cx + (r * 0.32 if k % 2 == 0 else r * 0.13) * math.sin(k * math.pi / 5),
            cy - (r * 0.32 if k % 2 == 0 else r * 0.13) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=255)
    font = ImageFont.truetype(SERIF_BOLD, round(r * 0.24), index=2)
    span = math.radians(220)
    for i, ch in enumerate(name):
        angle = -span / 2 + span * (i + 0.5) / len(name)
        glyph = Image.new("L", (round(r * 0.3), round(r * 0.3)), 0)
        ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(angle), expand=True)
        gx = cx + (r * 0.72) * math.sin(angle) - glyph.width / 2
        gy = cy - (r * 0.72) * math.cos(angle) - glyph.height / 2
        stamp.paste(255, (round(gx), round(gy)), glyph)
    red = Image.new("RGB", page.size, RED)
    # Multiply: white paper takes the seal's red, black text stays black.
    from PIL import ImageChops

    tinted = ImageChops.multiply(page, red)
    page.paste(tinted, (0, 0), stamp.point(lambda v: v * 0.85))


def scanned(pages: list[Image.Image], scan: Scan, issuer: str) -> list[bytes]:
    """The pages as a scanner would store them: header, seal, skew, noise, JPEG (bytes each)."""
    rng = random.Random(scan.seed)
    out = []
    for n, page in enumerate(pages):
        page = page.copy()
        if scan.header and n == 0 and issuer:
            red_header(page, issuer, scan.dpi)
        if scan.seal and (n == 0 or n == len(pages) - 1):
            x = round(page.width * (0.55 + 0.1 * rng.random()))
            y = round(page.height * (0.3 + 0.4 * rng.random()))
            red_seal(page, issuer or "印章", scan.dpi, (x, y))
        if scan.skew:
            angle = rng.uniform(-scan.skew, scan.skew)
            page = page.rotate(angle, resample=Image.BICUBIC, fillcolor="white", expand=False)
        if scan.noise:
            _speckle(page, scan.noise, rng)
        buffer = io.BytesIO()
        if scan.jpeg:
            page.save(buffer, "JPEG", quality=scan.jpeg, dpi=(scan.dpi, scan.dpi))
        else:
            page.save(buffer, "PNG", dpi=(scan.dpi, scan.dpi))
        out.append(buffer.getvalue())
    return out


def _speckle(page: Image.Image, share: float, rng: random.Random) -> None:
    import numpy as np

    pixels = np.asarray(page).copy()
    gen = np.random.default_rng(rng.randrange(1 << 30))
    count = int(share * pixels.shape[0] * pixels.shape[1])
    ys = gen.integers(0, pixels.shape[0] - 2, count)
    xs = gen.integers(0, pixels.shape[1] - 2, count)
    dark = gen.random(count) < 0.7
    for dy in (0, 1):
        for dx in (0, 1):
            pixels[ys[dark] + dy, xs[dark] + dx] = 40
            pixels[ys[~dark] + dy, xs[~dark] + dx] = 255
    page.paste(Image.fromarray(pixels))


def write_pdf(path: Path, pages: list[bytes], dpi: int) -> Path:
    """An image-only PDF (no text layer) holding the stored pages as they are."""
    images = [Image.open(io.BytesIO(data)) for data in pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def write_tiff(path: Path, pages: list[bytes]) -> Path:
    """One multi-page TIFF of the pages."""
    images = [Image.open(io.BytesIO(data)).convert("RGB") for data in pages]
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], compression="tiff_lzw")
    return path
