"""JPEG, PNG and TIFF uploads: every frame is a page, always OCR'd; a phone photo's sheet is first cut out of
its surroundings and squared (`extractors.sheet`).

Decompression bombs: Pillow's guard is a process-wide global (Image.MAX_IMAGE_PIXELS) that we
leave alone. Instead each frame's size is checked against settings.max_page_pixels *before* its
pixels are decoded; a frame over the limit becomes a page with `limit_hit="page_too_large"`
(the file is probably a valid image, just too big to read: a limit, reported for review, not
"broken"). Pillow's own DecompressionBombError (raised by `open` above twice its global limit) is
treated the same way, and so is a frame whose decoded pixels would take more memory than a grey
page of max_page_pixels twice over (`extractors.preprocess.page_memory_exceeded`). JPEGs over the
limit are first decoded at a reduced scale (`draft`), which costs no memory, so a huge phone photo
is still read.
"""

import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors.base import (
    LIMIT_MAX_PAGES,
    LIMIT_PAGE_TOO_LARGE,
    LIMIT_RENDER_FAILED,
    ExtractionFailed,
    blank_page,
)
from extractors.ocr import ocr_image
from extractors.preprocess import decoded_bytes, page_memory_exceeded
from extractors.sheet import flatten_sheet
from models.extraction import PageText
from models.settings import Settings

_DEFAULT_SCAN_DPI = 300.0
_A4_LONG_INCHES = 11.69


def _frame_dpi(frame: Image.Image) -> float | None:
    dpi = frame.info.get("dpi")
    try:
        value = float(dpi[0]) if isinstance(dpi, tuple) else float(dpi) if dpi is not None else None
    except (TypeError, ValueError):
        return None
    return value if value and 50 <= value <= 2400 else None


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    if getattr(image, "n_frames", 1) > 1:
        yield from ImageSequence.Iterator(image)
    else:
        yield image


def _read_frame(frame: Image.Image, number: int, settings: Settings) -> PageText:
    width, height = frame.size
    dpi = _frame_dpi(frame) or _DEFAULT_SCAN_DPI
    if frame.format == "JPEG":
        # Pillow honours only the first draft() call, so size and mode are chosen before calling it.
        # DCT scaling decodes at 1/2, 1/4 or 1/8 size directly: no full-size buffer is ever made.
        divisor = 1
        if width * height > settings.max_page_pixels:
            divisor = next((d for d in (2, 4, 8) if -(-width // d) * -(-height // d) <= settings.max_page_pixels), 8)
        # A colour JPEG decoded as its luminance alone: what Tesseract gets anyway, in a third of the time.
        frame.draft("L" if frame.mode == "RGB" else frame.mode, (width // divisor, height // divisor))
        dpi *= frame.size[0] / width
        width, height = frame.size
    if width * height > settings.max_page_pixels or width == 0 or height == 0:
        return blank_page(number, LIMIT_PAGE_TOO_LARGE)
    if page_memory_exceeded(decoded_bytes(frame.mode, width, height), settings):
        return blank_page(number, LIMIT_PAGE_TOO_LARGE)
    try:
        frame.load()
        ImageOps.exif_transpose(frame, in_place=True)  # a copy only when it is turned
        upright = frame
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return blank_page(number, LIMIT_RENDER_FAILED)
    sheet = flatten_sheet(upright)
    if sheet is not None:
        # A photographed sheet, cut out and squared: its resolution is what an A4 sheet of this size has.
        upright, dpi = sheet, max(sheet.size) / _A4_LONG_INCHES
    return ocr_image(upright, settings, dpi=dpi).to_page(number, upright)


class ImageExtractor:
    """Pillow decodes, Tesseract reads. One instance serves every image format."""

    def extract(self, data: bytes, settings: Settings) -> tuple[PageText, ...]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            try:
                image = Image.open(io.BytesIO(data))
            except Image.DecompressionBombError:
                return (blank_page(1, LIMIT_PAGE_TOO_LARGE),)
            except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
                raise ExtractionFailed("broken", f"image does not decode: {exc}") from exc
            with image:
                pages: list[PageText] = []
                try:
                    for index, frame in enumerate(_frames(image)):
                        if index >= max(1, settings.max_pages):
                            pages[-1] = pages[-1].model_copy(update={"limit_hit": LIMIT_MAX_PAGES})
                            break
                        pages.append(_read_frame(frame, index + 1, settings))
                except (OSError, ValueError, SyntaxError, EOFError) as exc:
                    if not pages:
                        raise ExtractionFailed("broken", f"image does not decode: {exc}") from exc
                    pages.append(blank_page(len(pages) + 1, LIMIT_RENDER_FAILED))
        if all(p.limit_hit == LIMIT_RENDER_FAILED for p in pages):
            raise ExtractionFailed("broken", "no frame of the image decodes")
        return tuple(pages)
