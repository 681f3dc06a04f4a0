"""A perceptual hash of a document's first page: the same certificate re-scanned, re-photographed or
re-compressed hashes to nearly the same 64 bits (`document.reused`).

The classic DCT hash (pHash): the page in grey, cut to its ink (so another scanner's margins do not
move it), 32x32, the 8x8 lowest frequencies of its DCT against their median. A scan turned upright by
the reader is turned the same way here. Certificates printed on one template hash alike too, which is
why a match by image is confirmed by the numbers printed on both (`validators.identifying_numbers`).
"""

from __future__ import annotations

import io
import logging

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from extractors.preprocess import shrunk
from models.extraction import MediaType, PageText

log = logging.getLogger("attest.readers")

_SIDE = 32
_LOW = 8
_WORK_WIDTH = 400  # pixels: ample for 64 bits, and a page costs a few milliseconds
_MAX_SOURCE_PIXELS = 60_000_000  # a decompression bomb is the readers' business; here it is skipped


def _flat(grey: np.ndarray) -> np.ndarray:
    """The page divided by its own paper's brightness: a phone's uneven light and tint taken out, so
    that only the print is left to hash."""
    kernel = np.ones((15, 15), np.uint8)
    background = cv2.dilate(grey, kernel)  # the ink closed over by the paper around it
    background = cv2.GaussianBlur(background, (0, 0), 8).astype(np.float32) + 1.0
    return np.clip(grey.astype(np.float32) / background * 255.0, 0, 255).astype(np.uint8)


def dct_hash(grey: np.ndarray) -> str:
    """The 64-bit DCT hash (16 hex digits) of a greyscale page."""
    page = _ink_box(_flat(_paper(grey)))
    small = cv2.resize(page.astype(np.float32), (_SIDE, _SIDE), interpolation=cv2.INTER_AREA)
    low = cv2.dct(small)[:_LOW, :_LOW].flatten()
    bits = low[1:] > np.median(low[1:])
    value = 0
    for bit in bits:
        value = (value << 1) | int(bit)
    return f"{value:016x}"


def _paper(grey: np.ndarray) -> np.ndarray:
    """The sheet without what lies around it in a photo (the table, a dark frame): the rows and columns
    that are mostly paper, paper being brighter than Otsu's threshold."""
    _, bright = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    rows = np.nonzero(bright.mean(axis=1) > 0.5)[0]
    cols = np.nonzero(bright.mean(axis=0) > 0.5)[0]
    if rows.size < 16 or cols.size < 16:
        return grey
    return grey[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _ink_box(grey: np.ndarray) -> np.ndarray:
    """The page cut to the box around its ink (Otsu's threshold), so margins do not move the hash."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if ys.size < 50:
        return grey
    y0, y1 = np.percentile(ys, [0.5, 99.5]).astype(int)
    x0, x1 = np.percentile(xs, [0.5, 99.5]).astype(int)
    if y1 - y0 < 16 or x1 - x0 < 16:
        return grey
    return grey[y0 : y1 + 1, x0 : x1 + 1]


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _first_image(data: bytes, media_type: MediaType) -> Image.Image | None:
    if media_type == "application/pdf":
        pdf = pdfium.PdfDocument(data)
        try:
            if len(pdf) == 0:
                return None
            page = pdf[0]
            scale = _WORK_WIDTH / max(page.get_width(), 1.0)
            return page.render(scale=scale, grayscale=True).to_pil()
        finally:
            pdf.close()
    image = Image.open(io.BytesIO(data))
    if image.width * image.height > _MAX_SOURCE_PIXELS:
        return None
    image.draft("L", (_WORK_WIDTH, _WORK_WIDTH))  # JPEG decodes straight at a fraction of its size
    frame = ImageOps.exif_transpose(image.convert("L"))
    frame.thumbnail((_WORK_WIDTH * 2, _WORK_WIDTH * 2))
    return frame


def image_hash(image: Image.Image, turned: int) -> str:
    """The hash of a page image a reader has already decoded (for OCR), turned as the reader turned it
    upright: decoding the file a second time for its hash cost a scanned page about a tenth of its
    reading outside Tesseract. Hashed at the width a PDF's page is rendered at here (`_WORK_WIDTH`,
    the upright page's), reduced by a whole factor first: 5 ms a page where hashing at twice that
    width took 14, with the distances between born-digital certificates and their scans and photos
    as before (24 pairs: 180 bits in all against 182)."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("L")  # a 1-bit scan: resized only from grey
    upright_width = image.height if turned in (90, 270) else image.width
    small = shrunk(image, _WORK_WIDTH / max(upright_width, 1))
    if turned:
        small = small.rotate(-turned, expand=True)  # PIL turns anticlockwise; the reader's turn is clockwise
    return dct_hash(np.asarray(small.convert("L")))


def page_hashes(data: bytes, media_type: MediaType, pages: tuple[PageText, ...]) -> tuple[str, ...]:
    """The first page's hash, turned as the reader turned it upright; () when it cannot be made. The
    reader's own hash of the image it decoded is taken when it made one."""
    if pages and pages[0].image_hash:
        return (pages[0].image_hash,)
    try:
        image = _first_image(data, media_type)
    except Exception as exc:  # the readers say what is wrong with the file; no hash is all that follows
        log.debug("no page hash: %s", type(exc).__name__)
        return ()
    if image is None:
        return ()
    turned = pages[0].turned if pages else 0
    if turned:
        image = image.rotate(-turned, expand=True)  # PIL turns anticlockwise; the reader's turn is clockwise
    return (dct_hash(np.asarray(image.convert("L"))),)
