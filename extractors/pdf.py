"""PDF uploads: the text layer where it says something, OCR of the rendered page where it does not.

pdfium (pypdfium2) opens, decrypts and renders; pdfplumber's text is what the interpreters were
written against. pdfplumber costs 25-60 ms a page (pdfminer in pure Python), pdfium 2-4 ms, so a
page whose pdfium text runs already come in pdfplumber's reading order (lines top to bottom, runs
left to right within a line; no table cells side by side, no rotation) takes pdfium's text, which
is then the same text (tests/benchmarks/test_pdf_text_parity.py checks this on the sample set's
PDFs); every other page, and every page with a thin layer, is read by pdfplumber as before, and
pdfplumber is not opened at all when no page needs it. pdfium objects are not thread-safe: each
call opens its own document and closes it; nothing is shared or cached.

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
import pypdfium2.raw as pdfium_c
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
# pdfplumber clusters characters into lines by their top within 3 pt (its y_tolerance default).
_LINE_TOLERANCE_PT = 3.0


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


def _plumber_layers(data: bytes, indices: list[int], layers: list[_Layer]) -> None:
    """pdfplumber's text layer of the pages `indices`; a page it cannot read keeps no layer."""
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for index in indices:
                try:
                    page = pdf.pages[index]
                    text = normalise_text(page.extract_text(x_tolerance_ratio=X_TOLERANCE_RATIO) or "")
                    layers[index] = _Layer(text, _image_coverage(page))
                except Exception:  # pdfminer raises anything on malformed content streams
                    continue
    except Exception:  # the file opens in pdfium (the arbiter) but not in pdfminer: OCR everything
        return


def _in_reading_order(textpage: pdfium.PdfTextPage) -> bool:
    """True when pdfium's text runs already follow pdfplumber's order, so both give the same text.

    Each run is either on the same line as the previous one (top within the line tolerance) and to
    its right, or on a line clearly below it. Table cells emitted column by column, overprinted or
    out-of-order runs fail this and the page goes to pdfplumber.
    """
    previous: tuple[float, float] | None = None  # (top, right) of the previous run
    for i in range(textpage.count_rects()):
        left, _bottom, right, top = textpage.get_rect(i)
        if previous is not None:
            prev_top, prev_right = previous
            same_line = abs(top - prev_top) < _LINE_TOLERANCE_PT and left >= prev_right - 0.5
            if not same_line and top > prev_top - _LINE_TOLERANCE_PT:
                return False
        previous = (top, right)
    return True


def _pdfium_text(doc: pdfium.PdfDocument, index: int) -> str | None:
    """pdfium's text of one page when it equals what pdfplumber would give, else None."""
    page = doc[index]
    try:
        if page.get_rotation() % 360:
            return None
        textpage = page.get_textpage()
        try:
            if not _in_reading_order(textpage):
                return None
            return normalise_text(textpage.get_text_bounded())
        finally:
            textpage.close()
    finally:
        page.close()


def _text_layers(data: bytes, count: int, doc: pdfium.PdfDocument | None = None) -> list[_Layer]:
    """The text layer of the first `count` pages; a page neither reader can read counts as no layer.

    With `doc`, a page whose pdfium text is in reading order and has enough real words to be
    taken as it is (THIN_LAYER_WORDS, so image coverage does not matter) skips pdfplumber.
    """
    layers = [_Layer("", 0.0)] * count
    need_plumber: list[int] = []
    for index in range(count):
        text = None
        if doc is not None:
            try:
                text = _pdfium_text(doc, index)
            except Exception:  # pdfium's text API on a hostile page: let pdfplumber decide
                text = None
        if text is not None and real_word_stats(text)[0] >= THIN_LAYER_WORDS and has_real_words(text):
            layers[index] = _Layer(text, 0.0)
        else:
            need_plumber.append(index)
    if need_plumber:
        _plumber_layers(data, need_plumber, layers)
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


def _flattened(doc: pdfium.PdfDocument) -> bytes | None:
    """A filled form (an Annex 2 application typed into PDF fields) keeps its values outside the
    text layer: without this, a filled entry would read as blank. Flattening puts the field values
    into the page content, where both text readers and the renderer see them. None: no form."""
    try:
        doc.init_forms()
        if doc.get_formtype() == pdfium_c.FORMTYPE_NONE:
            return None
        for index in range(len(doc)):
            page = doc[index]
            try:
                page.flatten()
            finally:
                page.close()
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()
    except Exception:  # a hostile form: read the document as it is
        return None


class PdfExtractor:
    """pdfium + pdfplumber + Tesseract."""

    def extract(self, data: bytes, settings: Settings) -> tuple[PageText, ...]:
        doc = _open(data)
        flat = _flattened(doc)
        if flat is not None:
            doc.close()
            data, doc = flat, _open(flat)
        try:
            total = len(doc)
            if total == 0:
                raise ExtractionFailed("broken", "the PDF has no pages")
            count = min(total, max(1, settings.max_pages))
            layers = _text_layers(data, count, doc)
            pages = [_read_page(doc, i, layers[i], settings) for i in range(count)]
        finally:
            doc.close()
        if all(p.limit_hit == LIMIT_RENDER_FAILED for p in pages):
            raise ExtractionFailed("broken", "no page of the PDF can be rendered")
        if total > count and pages[-1].limit_hit is None:
            pages[-1] = pages[-1].model_copy(update={"limit_hit": LIMIT_MAX_PAGES})
        return tuple(pages)
