"""Page images of a scanned file, one at a time and bounded: PDF pages rendered, image frames.

A scanned PDF's pages are rendered with PDFium (pypdfium2, which pdfplumber already brings)
at the resolution of the images they hold, so the scan is neither blurred nor blown up, and
never above `OCR_MAX_DPI`. Image files (PNG, JPEG, TIFF, several frames of a TIFF) are decoded
with Pillow. Pages are yielded one by one: a 300-page scan never sits in memory whole. Every
page is checked against the pixel bound before it is decoded or rendered.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from duizhao.corpus.errors import InputError, LimitError
from duizhao.corpus.limits import MAX_OCR_PAGES, MAX_PAGE_PIXELS, OCR_MAX_DPI

if TYPE_CHECKING:
    from PIL import Image

_POINTS_PER_INCH = 72
_FALLBACK_DPI = 200
"""A PDF page whose images say nothing of their resolution is rendered at this."""


@dataclass(frozen=True)
class PageSource:
    """Where a file's pages come from and how many there are (known before any is decoded)."""

    name: str
    data: bytes
    kind: str
    """pdf | image | folder (of page images, `files`, read one by one)."""
    count: int
    files: tuple = ()
    """A folder's page images in reading order (Paths)."""


def open_pages(name: str, data: bytes, kind: str) -> PageSource:
    """Count the pages of a scanned PDF or an image file; LimitError past `MAX_OCR_PAGES`."""
    count = _pdf_count(name, data) if kind == "pdf" else _image_count(name, data)
    if count == 0:
        raise InputError(name, "has no pages")
    check_page_count(name, count)
    return PageSource(name, data, kind, count)


def check_page_count(name: str, count: int) -> None:
    """LimitError for a scan of more than `MAX_OCR_PAGES` pages."""
    if count > MAX_OCR_PAGES:
        raise LimitError(
            name,
            "has {count} scanned pages, over the limit of {limit} pages for OCR",
            count=count,
            limit=MAX_OCR_PAGES,
        )


def pages(source: PageSource) -> Iterator:
    """The pages as RGB Pillow images, in order."""
    if source.kind == "pdf":
        yield from _pdf_pages(source)
    elif source.kind == "folder":
        from duizhao.corpus.errors import display_path
        from duizhao.corpus.limits import read_bounded

        for path in source.files:
            yield from _image_pages(open_pages(display_path(path), read_bounded(path), "image"))
    else:
        yield from _image_pages(source)


def _pdf_count(name: str, data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:
        raise InputError(name, "is not a valid PDF (corrupt or truncated)") from None
    try:
        return len(pdf)
    finally:
        pdf.close()


def _pdf_pages(source: PageSource) -> Iterator:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(source.data)
    try:
        for n in range(len(pdf)):
            page = pdf[n]
            try:
                width, height = page.get_size()
                dpi = _page_dpi(page) or _FALLBACK_DPI
                dpi = min(dpi, OCR_MAX_DPI)
                pixels = (width * dpi / _POINTS_PER_INCH) * (height * dpi / _POINTS_PER_INCH)
                _check_pixels(source.name, n + 1, int(pixels))
                bitmap = page.render(scale=dpi / _POINTS_PER_INCH)
                yield bitmap.to_pil().convert("RGB")
            finally:
                page.close()
    finally:
        pdf.close()


def _page_dpi(page: Any) -> int | None:
    """The resolution of the widest image on the page (pixels per inch as placed)."""
    import pypdfium2.raw as raw

    best: tuple[float, int] | None = None
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,)):
        try:
            px_w, _px_h = obj.get_px_size()
            left, _bottom, right, _top = obj.get_pos()
        except Exception:
            continue
        placed = right - left
        if placed <= 0 or px_w <= 0:
            continue
        if best is None or placed > best[0]:
            best = (placed, round(px_w / (placed / _POINTS_PER_INCH)))
    return best[1] if best else None


def _open_image(name: str, data: bytes) -> Image.Image:
    from PIL import Image

    # Pillow refuses what is twice its own bound before decoding; below that, `_check_pixels`.
    Image.MAX_IMAGE_PIXELS = 2 * MAX_PAGE_PIXELS
    try:
        return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise LimitError(
            name,
            "is an image over the limit of {size:.0f} megapixels per page",
            size=MAX_PAGE_PIXELS / 1000000.0,
        ) from None
    except Exception:
        raise InputError(name, "is not a readable image (corrupt or truncated)") from None


def _image_count(name: str, data: bytes) -> int:
    image = _open_image(name, data)
    return int(getattr(image, "n_frames", 1))


def _image_pages(source: PageSource) -> Iterator:
    from PIL import Image, ImageOps

    image = _open_image(source.name, source.data)
    for n in range(source.count):
        try:
            image.seek(n)
            _check_pixels(source.name, n + 1, image.size[0] * image.size[1])
            frame = ImageOps.exif_transpose(image)
            yield frame.convert("RGB")
        except (LimitError, InputError):
            raise
        except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
            raise InputError(
                source.name,
                "page {page} is not a readable image (corrupt or truncated)",
                page=n + 1,
            ) from None


def _check_pixels(name: str, page: int, pixels: int) -> None:
    if pixels > MAX_PAGE_PIXELS:
        raise LimitError(
            name,
            "page {page} is {size:.0f} megapixels, over the limit of {limit:.0f} megapixels per page",
            page=page,
            size=pixels / 1000000.0,
            limit=MAX_PAGE_PIXELS / 1000000.0,
        )
