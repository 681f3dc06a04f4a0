"""One page of a stored document as a PNG for the browser, with the words a finding rests on marked.

This runs inside the render worker (`review_desk.render_worker`), never in the server process: a
page can be hostile (a PDF drawing one line a million times, a huge image), and a worker can be
stopped and has a memory limit. Every picture is made at a bounded pixel size: a PDF page is
rendered to fit `WORK_WIDTH` x `WORK_HEIGHT` whatever its declared size, an image is reduced as it
is decoded where the format allows it.

The pipeline keeps no word boxes, so they are found here: a PDF's own text layer is searched first
(pdfium's text search gives the rectangles); a page without a text layer, or whose text layer does
not hold the words, is read by Tesseract at the working size, and its words are matched.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pytesseract
from PIL import Image, ImageDraw

from extractors.sniff import sniff_media_type

MAX_WIDTH = 1000  # pixels sent to the browser: sharp enough to read a line, small enough to send
MAX_HEIGHT = 1400
WORK_WIDTH = 2 * MAX_WIDTH  # the page is drawn and read at twice that (a crop is enlarged from it)
WORK_HEIGHT = 2 * MAX_HEIGHT
MAX_SOURCE_PIXELS = 120_000_000  # like Settings.max_page_pixels: a larger image is not decoded
MARK_FILL = (255, 214, 0, 90)
MARK_LINE = (200, 30, 30, 255)
OCR_TIMEOUT_S = 10
_MIN_WORD = 3  # shorter words alone are not marked: "и", "№" would light up half a page

Box = tuple[float, float, float, float]  # left, top, right, bottom in working pixels
Crop = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page


class PageUnavailable(Exception):
    """The page cannot be shown (no such page, not a document we render, too large, broken)."""


@dataclass(frozen=True)
class RenderedPage:
    png: bytes
    pages: int  # how many pages the document has
    marked: int  # how many boxes were drawn for the marks
    peak_kb: int = 0  # the worker's peak resident memory, as it reported it


def words_of(text: str) -> list[str]:
    """Words compared without case, accents of form (NFKC) or the punctuation around them."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [w for w in (re.sub(r"^\W+|\W+$", "", t) for t in folded.split()) if w]


def _phrase_boxes(words: list[tuple[str, Box]], marks: list[str]) -> list[Box]:
    """Boxes of the page's words that spell a mark: the whole phrase where it occurs, else its long words."""
    page_words = [w for w, _ in words]
    found: list[Box] = []
    for mark in marks:
        wanted = words_of(mark)
        if not wanted:
            continue
        n = len(wanted)
        runs = [i for i in range(len(page_words) - n + 1) if page_words[i : i + n] == wanted]
        if runs:
            found += [box for i in runs for _, box in words[i : i + n]]
            continue
        long_words = {w for w in wanted if len(w) >= _MIN_WORD}
        found += [box for w, box in words if w in long_words]
    return found


def _ocr_words(image: Image.Image, lang: str) -> list[tuple[str, Box]]:
    try:
        data = pytesseract.image_to_data(
            image.convert("L"), lang=lang, config="--psm 3", timeout=OCR_TIMEOUT_S, output_type=pytesseract.Output.DICT
        )
    except RuntimeError:  # a timeout or a Tesseract failure: the page is still shown, unmarked
        return []
    out: list[tuple[str, Box]] = []
    for i, raw in enumerate(data["text"]):
        for word in words_of(str(raw)):
            left, top = float(data["left"][i]), float(data["top"][i])
            out.append((word, (left, top, left + float(data["width"][i]), top + float(data["height"][i]))))
    return out


def _pdf_text_boxes(page: pdfium.PdfPage, marks: list[str], scale: float) -> list[Box]:
    """Rectangles of the marks in the page's text layer, in working pixels."""
    height = page.get_height()
    textpage = page.get_textpage()
    boxes: list[Box] = []
    try:
        for mark in marks:
            terms = [mark.strip()] if mark.strip() else []
            hits = _search(textpage, terms)
            if not hits:
                hits = _search(textpage, [w for w in mark.split() if len("".join(words_of(w))) >= _MIN_WORD])
            for left, bottom, right, top in hits:
                boxes.append((left * scale, (height - top) * scale, right * scale, (height - bottom) * scale))
    finally:
        textpage.close()
    return boxes


def _search(textpage: pdfium.PdfTextPage, terms: list[str]) -> list[Box]:
    rects: list[Box] = []
    for term in terms:
        searcher = textpage.search(term, match_case=False)
        try:
            for _ in range(200):  # a word repeated on every line is marked, not counted forever
                hit = searcher.get_next()
                if hit is None:
                    break
                index, count = hit
                rects += [textpage.get_rect(i) for i in range(textpage.count_rects(index, count))]
        finally:
            searcher.close()
    return rects


def _pdf_page(data: bytes, page_number: int, marks: list[str], lang: str) -> tuple[Image.Image, list[Box], int]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PageUnavailable(f"the PDF does not open: {exc}") from exc
    try:
        count = len(pdf)
        if not 1 <= page_number <= count:
            raise PageUnavailable(f"no page {page_number} (the PDF has {count})")
        page = pdf[page_number - 1]
        try:
            width, height = page.get_size()
            if width <= 0 or height <= 0:
                raise PageUnavailable("the page has no size")
            scale = min(WORK_WIDTH / width, WORK_HEIGHT / height)  # no floor: a huge page is drawn small
            image = page.render(scale=scale, may_draw_forms=True).to_pil()
            boxes = _pdf_text_boxes(page, marks, scale) if marks else []
        finally:
            page.close()
    finally:
        pdf.close()
    if marks and not boxes:
        boxes = _phrase_boxes(_ocr_words(image, lang), marks)  # a scan inside a PDF
    return image, boxes, count


def _image_page(data: bytes, page_number: int, marks: list[str], lang: str) -> tuple[Image.Image, list[Box], int]:
    try:
        with Image.open(io.BytesIO(data)) as source:
            frames = getattr(source, "n_frames", 1)
            if not 1 <= page_number <= frames:
                raise PageUnavailable(f"no page {page_number} (the image has {frames})")
            source.seek(page_number - 1)
            if source.width * source.height > MAX_SOURCE_PIXELS:
                raise PageUnavailable("the image is too large to show")
            if source.format == "JPEG":
                source.draft("RGB", (WORK_WIDTH, WORK_HEIGHT))  # decoded at reduced size: less memory, faster
            source.load()
            image = _reduced(source)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PageUnavailable(f"the image does not open: {exc}") from exc
    boxes = _phrase_boxes(_ocr_words(image, lang), marks) if marks else []
    return image, boxes, frames


def _reduced(source: Image.Image) -> Image.Image:
    """The decoded page at working size, in RGB or L, with at most one band's full-size copy beside it.

    Pillow's resize of an image with alpha premultiplies it into a full-size copy (a 10000 x 11000
    RGBA page: 440 MB more); reducing band by band costs one band (110 MB) at a time instead.
    """
    factor = max(1, math.ceil(max(source.width / WORK_WIDTH, source.height / WORK_HEIGHT)))
    if source.mode == "P":
        source = source.convert("RGBA" if "transparency" in source.info else "RGB")
    if source.mode in ("RGB", "L"):
        small = source.reduce(factor) if factor > 1 else source.copy()
    else:
        try:
            small = Image.merge(
                source.mode, [source.getchannel(i).reduce(factor) for i in range(len(source.getbands()))]
            )
        except ValueError:  # a mode whose bands cannot be reduced alone (16-bit, CMYK): one converted copy
            converted = source.convert("RGB")
            small = converted.reduce(factor) if factor > 1 else converted
    small.thumbnail((WORK_WIDTH, WORK_HEIGHT))
    return small if small.mode in ("RGB", "L") else small.convert("RGB")


def _draw_marks(image: Image.Image, boxes: list[Box]) -> Image.Image:
    if not boxes:
        return image
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    pad = max(2, image.width // 400)
    for left, top, right, bottom in boxes:
        draw.rectangle((left - pad, top - pad, right + pad, bottom + pad), fill=MARK_FILL, outline=MARK_LINE, width=pad)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def _crop(image: Image.Image, crop: Crop | None) -> Image.Image:
    if crop is None:
        return image
    w, h = image.size
    left, top, right, bottom = crop
    box = (int(left * w), int(top * h), max(int(right * w), int(left * w) + 1), max(int(bottom * h), int(top * h) + 1))
    return image.crop(box)


def render_page(
    data: bytes, page_number: int, crop: Crop | None = None, marks: tuple[str, ...] = (), lang: str = "kaz+rus+eng"
) -> RenderedPage:
    """PNG of page `page_number` (from 1) of a PDF, JPEG, PNG or TIFF, with `marks` boxed where found."""
    media = sniff_media_type(data)
    wanted = [m for m in marks if m.strip()]
    if media == "application/pdf":
        image, boxes, count = _pdf_page(data, page_number, wanted, lang)
    elif media is not None:
        image, boxes, count = _image_page(data, page_number, wanted, lang)
    else:
        raise PageUnavailable("not a PDF, JPEG, PNG or TIFF")
    shown = _crop(_draw_marks(image, boxes), crop)
    shown.thumbnail((MAX_WIDTH, MAX_HEIGHT))
    shown = shown if shown.mode in ("RGB", "L") else shown.convert("RGB")
    out = io.BytesIO()
    shown.save(out, format="PNG", compress_level=6)
    return RenderedPage(out.getvalue(), count, len(boxes))
