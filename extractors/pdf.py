"""PDF uploads: the text layer where it says something, OCR of the rendered page where it does not.

pdfium (pypdfium2) opens, decrypts and renders; pdfplumber's text is what the interpreters were
written against. pdfplumber costs 25-60 ms a page (pdfminer in pure Python), pdfium 2-4 ms, so
pdfium reads every page where it gives pdfplumber's text: runs already in pdfplumber's reading
order (lines top to bottom, runs left to right within a line, no rotation), or runs that only need
putting in that order (a table written column by column) on a page that is not mostly an image;
a page without a single character has no layer. The image coverage of a thin layer is measured
by pdfium too, unless an image may hide in a Form XObject. tests/benchmarks/test_pdf_text_parity.py
checks the text and the layer decisions against pdfplumber on the sample sets' PDFs and the odd
inputs. Every other page is read by pdfplumber as before, and
pdfplumber is not opened at all when no page needs it. pdfium objects are not thread-safe: each
call opens its own document and closes it; nothing is shared or cached.

Page decision:
- text layer with real words (extractors.quality) -> that text, source "text_layer", confidence 100;
- no real words -> OCR, source "ocr": a page that is one upright image (a scanner's page) is OCR'd
  from that image's own pixels, any other page rendered at settings.ocr_dpi;
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
from collections.abc import Iterable
from dataclasses import dataclass, replace

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
from extractors.preprocess import page_memory_exceeded
from extractors.quality import has_real_words, real_word_stats
from extractors.text_layer_columns import text_in_columns
from models.extraction import PageText
from models.settings import Settings

MIN_RENDER_DPI = 100.0
THIN_LAYER_WORDS = 30
SCAN_COVERAGE = 0.5
_PDFIUM_ERR_PASSWORD = 4
# Image colour spaces whose decoded pixels are the page as printed (no separations, no patterns).
_PLAIN_COLOURSPACES = frozenset(
    {
        pdfium_c.FPDF_COLORSPACE_DEVICEGRAY,
        pdfium_c.FPDF_COLORSPACE_DEVICERGB,
        pdfium_c.FPDF_COLORSPACE_CALGRAY,
        pdfium_c.FPDF_COLORSPACE_CALRGB,
        pdfium_c.FPDF_COLORSPACE_ICCBASED,
    }
)
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


def _largest_share(boxes: Iterable[tuple[float, float, float, float]], width: float, height: float) -> float:
    """The share of a `width` x `height` page under the largest of `boxes` (x0, y0, x1, y1), each
    clipped to the page."""
    covered = 0.0
    for x0, y0, x1, y1 in boxes:
        covered = max(covered, max(0.0, min(width, x1) - max(0.0, x0)) * max(0.0, min(height, y1) - max(0.0, y0)))
    return min(1.0, covered / (width * height or 1.0))


def _image_coverage(page: pdfplumber.page.Page) -> float:
    boxes = [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in page.images]
    return _largest_share(boxes, float(page.width), float(page.height))


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


def _reordered_text(textpage: pdfium.PdfTextPage) -> str | None:
    """pdfium's runs put in pdfplumber's order: lines by top (chained within the line tolerance, as
    pdfplumber clusters), runs left to right within a line. A table written column by column then
    reads row by row, as pdfplumber reads it. None when runs of one line overlap (overprinting):
    pdfplumber decides those pages."""
    runs: list[tuple[float, float, float, float, str]] = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        runs.append((top, left, right, bottom, textpage.get_text_bounded(left, bottom, right, top)))
    runs.sort(key=lambda run: -run[0])
    lines: list[list[tuple[float, float, float, float, str]]] = []
    last_top = math.inf
    for run in runs:
        if lines and last_top - run[0] <= _LINE_TOLERANCE_PT:
            lines[-1].append(run)
        else:
            lines.append([run])
        last_top = run[0]
    out: list[str] = []
    for line in lines:
        line.sort(key=lambda run: run[1])
        parts: list[str] = []
        for k, (top, left, _right, bottom, text) in enumerate(line):
            if k:
                prev_top, _prev_left, prev_right, prev_bottom, prev_text = line[k - 1]
                if left < prev_right - 0.5:
                    return None
                word_gap = X_TOLERANCE_RATIO * max(prev_top - prev_bottom, top - bottom)
                parts.append(" " if prev_text[-1:].isspace() or left - prev_right > word_gap else "")
            parts.append(text.strip())
        out.append("".join(parts))
    return normalise_text("\n".join(out))


def _pdfium_coverage(page: pdfium.PdfPage) -> float | None:
    """The share of the page under its largest image, as pdfplumber measures it; None when pdfium's
    figure might differ from pdfplumber's (an image inside a Form XObject, a page box off the origin)."""
    mediabox, cropbox = page.get_mediabox(), page.get_cropbox()
    if mediabox[0] or mediabox[1] or tuple(cropbox) != tuple(mediabox):
        return None
    width, height = (float(v) for v in page.get_size())
    boxes = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM], max_depth=0):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            return None
        left, bottom, right, top = obj.get_bounds()
        boxes.append((left, bottom, right, top))
    return _largest_share(boxes, width, height)


def _pdfium_page(doc: pdfium.PdfDocument, index: int) -> tuple[str, float | None] | None:
    """(text, image coverage) of one page read by pdfium, when its text equals what pdfplumber would
    give; None sends the page to pdfplumber. A page without a single character has no text layer
    (""). Runs out of pdfplumber's order are reordered only on pages that are not mostly an image:
    the invisible word-by-word layer of an OCR'd scan is left to pdfplumber. The coverage is
    measured only where it decides something: 0.0 for a layer in reading order with
    THIN_LAYER_WORDS real words or more, which is taken whatever lies under it."""
    page = doc[index]
    try:
        if page.get_rotation() % 360:
            return None
        textpage = page.get_textpage()
        try:
            if textpage.count_chars() == 0:
                return "", 0.0
            if _in_reading_order(textpage):
                text = normalise_text(textpage.get_text_bounded())
                thick = real_word_stats(text)[0] >= THIN_LAYER_WORDS
                return text, (0.0 if thick else _pdfium_coverage(page))
            coverage = _pdfium_coverage(page)
            if coverage is None or coverage >= SCAN_COVERAGE:
                return None
            reordered = _reordered_text(textpage)
            return None if reordered is None else (reordered, coverage)
        finally:
            textpage.close()
    finally:
        page.close()


def _pdfium_text(doc: pdfium.PdfDocument, index: int) -> str | None:
    """pdfium's text of one page when it equals what pdfplumber would give, else None."""
    got = _pdfium_page(doc, index)
    return None if got is None else got[0]


def _pdfium_layer(doc: pdfium.PdfDocument, index: int) -> _Layer | None:
    """The page's layer from pdfium alone, or None when pdfplumber must read it: a text that does
    not read as words (pdfplumber's reading of a broken font map is the one the rules know), or a
    thin layer whose image coverage pdfium cannot measure as pdfplumber does."""
    got = _pdfium_page(doc, index)
    if got is None:
        return None
    text, coverage = got
    if not text:
        return _Layer("", 0.0)
    if not has_real_words(text):
        return None
    if real_word_stats(text)[0] >= THIN_LAYER_WORDS:
        return _Layer(text, 0.0)
    return None if coverage is None else _Layer(text, coverage)


def _text_layers(data: bytes, count: int, doc: pdfium.PdfDocument | None = None) -> list[_Layer]:
    """The text layer of the first `count` pages; a page neither reader can read counts as no layer.

    With `doc`, pdfium reads every page it reads as pdfplumber would (`_pdfium_page`), and
    pdfplumber is opened only for the rest.
    """
    layers = [_Layer("", 0.0)] * count
    need_plumber: list[int] = []
    for index in range(count):
        layer = None
        if doc is not None:
            try:
                layer = _pdfium_layer(doc, index)
            except Exception:  # pdfium's text API on a hostile page: let pdfplumber decide
                layer = None
        if layer is None:
            need_plumber.append(index)
        else:
            layers[index] = layer
    if need_plumber:
        _plumber_layers(data, need_plumber, layers)
    if doc is not None:
        layers = [_in_columns(doc, index, layer) for index, layer in enumerate(layers)]
    return layers


def _in_columns(doc: pdfium.PdfDocument, index: int, layer: _Layer) -> _Layer:
    """The layer read column by column when its page is set in columns (`extractors.text_layer_columns`)."""
    if not layer.text:
        return layer
    try:
        text = text_in_columns(doc, index)
    except Exception:  # pdfium's text API on a hostile page: the layer as read
        return layer
    return layer if text is None or not has_real_words(text) else _Layer(text, layer.image_coverage)


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


def _scanned_image(page: pdfium.PdfPage, settings: Settings) -> tuple[Image.Image, float] | None:
    """The page's one image at its own resolution (grey, or 1-bit for a 1-bit image), when the page
    is nothing but that image drawn upright (a scanner's page): decoding it costs ~20 ms where
    rendering the page at 300 dpi costs 150-300 ms, and gives the same pixels. None (render
    instead) for anything else: other content, a rotated page or image, a colour space or depth we
    do not take as is, a resolution far from the OCR resolution, or more pixels than the page-size
    guard allows."""
    if page.get_rotation() % 360:
        return None
    objects = list(page.get_objects(max_depth=0))
    if len(objects) != 1 or not isinstance(objects[0], pdfium.PdfImage):
        return None
    image = objects[0]
    matrix = image.get_matrix()
    if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
        return None  # rotated, skewed or mirrored placement: the renderer applies it
    meta = image.get_metadata()
    if meta.bits_per_pixel not in (1, 8, 24) or meta.colorspace not in _PLAIN_COLOURSPACES:
        return None
    dpi = min(float(meta.horizontal_dpi), float(meta.vertical_dpi))
    if not MIN_RENDER_DPI <= dpi <= 1.5 * settings.ocr_dpi or meta.width * meta.height > settings.max_page_pixels:
        return None
    if page_memory_exceeded(meta.width * meta.height * max(1, meta.bits_per_pixel // 8), settings):
        return None  # a colour image that large is rendered in grey instead
    pil = image.get_bitmap(render=False).to_pil()  # the bitmap's buffer is pdfium's: freed with it
    if pil.size != (meta.width, meta.height):
        return None
    if meta.bits_per_pixel == 1:  # pdfium hands a 1-bit image over as black-and-white grey
        return pil.convert("1", dither=Image.Dither.NONE), dpi
    return (pil.convert("L") if pil.mode != "L" else pil.copy()), dpi


def _drawn_resolution(page: pdfium.PdfPage) -> float | None:
    """The resolution of the page's largest image when it covers at least SCAN_COVERAGE of the page (a
    scan or a photo put in a PDF): rendered above it, the page has more pixels than the capture had."""
    width, height = (float(v) for v in page.get_size())
    best: tuple[float, float] | None = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, right - left) * max(0.0, top - bottom)
        if isinstance(obj, pdfium.PdfImage) and (best is None or area > best[0]):
            meta = obj.get_metadata()
            best = (area, min(float(meta.horizontal_dpi), float(meta.vertical_dpi)))
    if best is None or width * height <= 0 or best[0] < SCAN_COVERAGE * width * height or best[1] <= 0:
        return None
    return best[1]


def _ocr_page(page: pdfium.PdfPage, number: int, settings: Settings) -> PageText:
    scanned = _scanned_image(page, settings)
    rendered = scanned or _render(page, settings)
    if rendered is None:
        return blank_page(number, LIMIT_PAGE_TOO_LARGE)
    image, dpi = rendered
    read = ocr_image(image, settings, dpi=dpi)
    # A rendered page may hold a capture smaller than the rendering (a scanner's page read as it is has
    # its own pixels): the text's size is taken as the capture had it (extractors.text_size).
    captured = _drawn_resolution(page) if scanned is None and read.x_height is not None else None
    if read.x_height is not None and captured is not None and captured < dpi:
        read = replace(read, x_height=round(read.x_height * captured / dpi, 1))
    return read.to_page(number, image)


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
    except (pdfium.PdfiumError, OSError, ValueError):  # out of memory is not a broken page: it propagates
        ocr_page = blank_page(number, LIMIT_RENDER_FAILED)
    finally:
        page.close()
    if layer_words:
        ocr_words = real_word_stats(ocr_page.text)[0]
        if ocr_words < max(layer_words * 1.5, layer_words + 5):
            return layer_page
    return ocr_page


def _flattened(doc: pdfium.PdfDocument, count: int) -> bytes | None:
    """A filled form (an Annex 2 application typed into PDF fields) keeps its values outside the
    text layer: without this, a filled entry would read as blank. Flattening puts the field values
    into the page content, where both text readers and the renderer see them. None: no form.

    Only the first `count` pages (those that will be read) are flattened and kept: flattening every
    page of a 300,000-page form took 48.6 s and 1.56 GB to read 200 of them."""
    try:
        doc.init_forms()
        if doc.get_formtype() == pdfium_c.FORMTYPE_NONE:
            return None
        for index in range(count):
            page = doc[index]
            try:
                page.flatten()
            finally:
                page.close()
        kept = pdfium.PdfDocument.new()
        try:
            kept.import_pages(doc, list(range(count)))
            buffer = io.BytesIO()
            kept.save(buffer)
        finally:
            kept.close()
        return buffer.getvalue()
    except Exception:  # a hostile form: read the document as it is
        return None


class PdfExtractor:
    """pdfium + pdfplumber + Tesseract."""

    def extract(self, data: bytes, settings: Settings) -> tuple[PageText, ...]:
        doc = _open(data)
        total = len(doc)
        count = min(total, max(1, settings.max_pages))
        flat = _flattened(doc, count) if total else None
        if flat is not None:
            doc.close()
            data, doc = flat, _open(flat)
        try:
            if total == 0:
                raise ExtractionFailed("broken", "the PDF has no pages")
            layers = _text_layers(data, count, doc)
            pages = [_read_page(doc, i, layers[i], settings) for i in range(count)]
        finally:
            doc.close()
        if all(p.limit_hit == LIMIT_RENDER_FAILED for p in pages):
            raise ExtractionFailed("broken", "no page of the PDF can be rendered")
        if total > count and pages[-1].limit_hit is None:
            pages[-1] = pages[-1].model_copy(update={"limit_hit": LIMIT_MAX_PAGES})
        return tuple(pages)
