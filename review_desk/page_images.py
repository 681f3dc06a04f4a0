"""One page of a stored document as a PNG small enough for a browser: what the operator looks at.

pdfium is not thread-safe and the server renders in a thread pool, so every pdfium call holds one
lock. Renders are kept in a small in-memory cache keyed by the file's hash: an operator flipping
between cases does not pay twice.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict

import pypdfium2 as pdfium
from PIL import Image

from extractors.sniff import sniff_media_type

MAX_WIDTH = 1000  # pixels: sharp enough to read a line beside the evidence, small enough to send
MAX_HEIGHT = 1400
MAX_SOURCE_PIXELS = 120_000_000  # like Settings.max_page_pixels: a larger page is not rendered

_PDFIUM_LOCK = threading.Lock()


class PageUnavailable(Exception):
    """The page cannot be shown (no such page, not a document we render, too large, broken)."""


Crop = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page


def _fit(image: Image.Image) -> Image.Image:
    image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
    image.thumbnail((MAX_WIDTH, MAX_HEIGHT))
    return image


def _crop(image: Image.Image, crop: Crop | None) -> Image.Image:
    if crop is None:
        return image
    w, h = image.size
    left, top, right, bottom = crop
    box = (int(left * w), int(top * h), max(int(right * w), int(left * w) + 1), max(int(bottom * h), int(top * h) + 1))
    return image.crop(box)


def _render_pdf(data: bytes, page_number: int, crop: Crop | None) -> Image.Image:
    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise PageUnavailable(f"the PDF does not open: {exc}") from exc
        try:
            if not 1 <= page_number <= len(pdf):
                raise PageUnavailable(f"no page {page_number} (the PDF has {len(pdf)})")
            page = pdf[page_number - 1]
            try:
                width, height = page.get_size()
                if width <= 0 or height <= 0:
                    raise PageUnavailable("the page has no size")
                # Render at the size the browser gets (twice that for a crop, which is enlarged).
                target = min(MAX_WIDTH / width, MAX_HEIGHT / height) * (2.0 if crop else 1.0)
                scale = min(max(target, 0.05), 4.0)
                bitmap = page.render(scale=scale, may_draw_forms=True)
                image = bitmap.to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
    return _fit(_crop(image, crop))


def _render_image(data: bytes, page_number: int, crop: Crop | None) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            if not 1 <= page_number <= frames:
                raise PageUnavailable(f"no page {page_number} (the image has {frames})")
            image.seek(page_number - 1)
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise PageUnavailable("the image is too large to show")
            if crop is None and image.format == "JPEG":
                image.draft("RGB", (MAX_WIDTH, MAX_HEIGHT))  # decode at reduced size: much faster
            image.load()
            return _fit(_crop(image.copy(), crop))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PageUnavailable(f"the image does not open: {exc}") from exc


def render_page_png(data: bytes, page_number: int, crop: Crop | None = None) -> bytes:
    """PNG bytes of page `page_number` (from 1) of a PDF, JPEG, PNG or TIFF, fitted for a browser."""
    media = sniff_media_type(data)
    if media == "application/pdf":
        image = _render_pdf(data, page_number, crop)
    elif media is not None:
        image = _render_image(data, page_number, crop)
    else:
        raise PageUnavailable("not a PDF, JPEG, PNG or TIFF")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


class RenderCache:
    """The last few rendered pages, keyed by content hash, page and crop."""

    def __init__(self, capacity: int = 64) -> None:
        self.capacity = capacity
        self._items: OrderedDict[tuple[str, int, Crop | None], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def render(self, data: bytes, page_number: int, crop: Crop | None = None) -> bytes:
        key = (hashlib.sha256(data).hexdigest(), page_number, crop)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        png = render_page_png(data, page_number, crop)
        with self._lock:
            self._items[key] = png
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return png
