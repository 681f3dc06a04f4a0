"""PDF uploads: the text layer where it says something, OCR of the rendered page where it does not.

pdfium (pypdfium2) opens, decrypts and renders; pdfplumber reads the text layer, since its
layout-aware text is what the interpreters were written against. pdfium objects are not
thread-safe: each call opens its own document and closes it; nothing is shared or cached.

Page decision:
- text layer with real words (extractors.quality) -> that text, source "text_layer", confidence 100;
- no real words -> render at settings.ocr_dpi and OCR, source "ocr";
- a thin text layer (< 30 real words) over a page mostly covered by an image (a scan with a typed
  footer, a certificate on a picture background) -> OCR as well, and keep whichever reading has
  clearly more real words.
Rendering scales down so width*height <= settings.max_page_pixels; a page that would then be
rendered below 100 dpi (text unreadable anyway, e.g. a 3-metre page) is skipped with
limit_hit "page_too_large". After settings.max_pages pages reading stops and the last page read
carries limit_hit "max_pages" (unless it already carries its own limit).
"""

import io
import math
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

from extractors.base import (
    LIMIT_MAX_PAGES,
    LIMIT_PAGE_TOO_LARGE,
    LIMIT_RENDER_FAILED,
    ExtractionFailed,
    blank_page,
)
from extractors.normalise import normalise_text
from extractors.ocr import ocr_image
from extractors.quality import has_real_words, real_word_stats
from models.extraction import PageText
from models.settings import Settings

MIN_RENDER_DPI = 100.0
THIN_LAYER_WORDS = 30
SCAN_COVERAGE = 0.5
_PDFIUM_ERR_PASSWORD = 4
# pdfplumber's default fixed 3 pt gap drops the spaces of small or tightly set fonts
# ("pdfencryptiontest"), which would shrink an essay's word count; a gap relative to the font size
# matched pdfium's own word segmentation on every odd-input file.
X_TOLERANCE_RATIO = 0.15


@dataclass(frozen=True)
class _Layer:
    text: str  # normalised text layer, "" when none or unreadable
    image_coverage: float  # share of the page area under images (0-1)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)  # pdfium tries the empty user password by itself
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PDFIUM_ERR_PASSWORD:
            raise ExtractionFailed("password", "the PDF needs a password to open") from exc
        raise ExtractionFailed("broken", f"pdfium cannot open the PDF: {exc}") from exc


def _image_coverage(page: pdfplumber.page.Page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for img in page.images:
        x0, x1 = max(0.0, float(img["x0"])), min(float(page.width), float(img["x1"]))
        top, bottom = max(0.0, float(img["top"])), min(float(page.height), float(img["bottom"]))
        covered = max(covered, max(0.0, x1 - x0) * max(0.0, bottom - top))
    return min(1.0, covered / area)


def _text_layers(data: bytes, count: int) -> list[_Layer]:
    """The text layer of the first `count` pages; a page pdfplumber cannot read counts as no layer."""
    layers = [_Layer("", 0.0)] * count
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for index, page in enumerate(pdf.pages[:count]):
                try:
                    text = normalise_text(page.extract_text(x_tolerance_ratio=X_TOLERANCE_RATIO) or "")
                    layers[index] = _Layer(text, _image_coverage(page))
                except Exception:  # pdfminer raises anything on malformed content streams
                    continue
    except Exception:  # the file opens in pdfium (the arbiter) but not in pdfminer: OCR everything
        return layers
    return layers


def _render(page: pdfium.PdfPage, settings: Settings) -> tuple[Image.Image, float] | None:
    """The page as an 8-bit grayscale image and its dpi, or None when it is too large to render."""
    width_pt, height_pt = page.get_size()
    area_pt = max(1.0, float(width_pt) * float(height_pt))
    scale = settings.ocr_dpi / 72.0
    if area_pt * scale * scale > settings.max_page_pixels:
        scale = math.sqrt(settings.max_page_pixels / area_pt)
    if scale * 72.0 < MIN_RENDER_DPI:
        return None
    bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
    try:
        return bitmap.to_pil().copy(), scale * 72.0
    finally:
        bitmap.close()


def _ocr_page(page: pdfium.PdfPage, number: int, settings: Settings) -> PageText:
    rendered = _render(page, settings)
    if rendered is None:
        return blank_page(number, LIMIT_PAGE_TOO_LARGE)
    image, dpi = rendered
    return ocr_image(image, settings, dpi=dpi).to_page(number)


def _read_page(doc: pdfium.PdfDocument, index: int, layer: _Layer, settings: Settings) -> PageText:
    number = index + 1
    layer_page = PageText(number=number, text=layer.text, source="text_layer", confidence=100.0)
    if has_real_words(layer.text):
        layer_words = real_word_stats(layer.text)[0]
        if layer_words >= THIN_LAYER_WORDS or layer.image_coverage < SCAN_COVERAGE:
            return layer_page
    else:
        layer_words = 0
    try:
        page = doc[index]
    except Exception:
        return layer_page if layer_words else blank_page(number, LIMIT_RENDER_FAILED)
    try:
        ocr_page = _ocr_page(page, number, settings)
    except (MemoryError, pdfium.PdfiumError, OSError, ValueError):
        ocr_page = blank_page(number, LIMIT_RENDER_FAILED)
    finally:
        page.close()
    if layer_words:
        ocr_words = real_word_stats(ocr_page.text)[0]
        if ocr_words < max(layer_words * 1.5, layer_words + 5):
            return layer_page
    return ocr_page


class PdfExtractor:
    """pdfium + pdfplumber + Tesseract."""

    def extract(self, data: bytes, settings: Settings) -> tuple[PageText, ...]:
        doc = _open(data)
        try:
            total = len(doc)
            if total == 0:
                raise ExtractionFailed("broken", "the PDF has no pages")
            count = min(total, max(1, settings.max_pages))
            layers = _text_layers(data, count)
            pages = [_read_page(doc, i, layers[i], settings) for i in range(count)]
        finally:
            doc.close()
        if all(p.limit_hit == LIMIT_RENDER_FAILED for p in pages):
            raise ExtractionFailed("broken", "no page of the PDF can be rendered")
        if total > count and pages[-1].limit_hit is None:
            pages[-1] = pages[-1].model_copy(update={"limit_hit": LIMIT_MAX_PAGES})
        return tuple(pages)
