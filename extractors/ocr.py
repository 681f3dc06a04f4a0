"""One page image to text through Tesseract (pytesseract), with a per-page time limit.

Tesseract runs as a child process; its thread count comes from the caller's environment
(OMP_THREAD_LIMIT=1 is set by whoever starts the workers, never here). pytesseract hands the
image over as a temporary file in the image's `format`; an unformatted image would go as PNG,
whose compression costs ~0.15-0.3 s for an A4 page at 300 dpi, so pages are written here as
uncompressed TIFF (~10 ms, no copy of the page; 1-bit pages stay 1-bit) and Tesseract is given
the file. Not PNM, though it is as quick to write: Leptonica reads it slowly, and on the
benchmark's 36 scanned pages Tesseract took 39.7 s of CPU from PNM against 33.3 s from TIFF
(same pixels, same options; PNG 0.2 s a page more to write, as quick to read as TIFF).
"""

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import pytesseract
from PIL import Image

from extractors.base import LIMIT_OCR_FAILED, LIMIT_OCR_TIMEOUT
from extractors.codes import read_qr_codes
from extractors.columns import Word, column_lines
from extractors.coverage import Box, ink_coverage
from extractors.normalise import normalise_text
from extractors.numbers import digits_of, numeric_words, reread_numbers, standing
from extractors.orientation import ORIENTATION
from extractors.page_hash import image_hash
from extractors.preprocess import prepare_for_ocr
from extractors.text_size import x_height
from models.errors import InternalError
from models.extraction import PageText
from models.settings import Settings

log = logging.getLogger("attest.readers")

_MIN_DPI = 70
_MAX_DPI = 1200


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float  # mean word confidence, 0-100; 0 when no word was found
    limit_hit: str | None = None
    coverage: float | None = None  # the share of the page's ink inside the words read
    turned: int = 0  # degrees the page was turned clockwise to read upright
    codes: tuple[str, ...] = ()  # the payloads of the QR codes on the page
    checked_numbers: tuple[str, ...] = ()  # digits that a second, digits-only reading confirmed
    x_height: float | None = None  # the text's x-height in the image's pixels (extractors.text_size)

    def to_page(self, number: int, image: Image.Image | None = None) -> PageText:
        """The page as the readers report it; the first page of a file read whole also carries the
        perceptual hash of `image`, the picture read (`extractors.page_hash`), made while it is decoded."""
        hashed = number == 1 and self.limit_hit is None
        return PageText(
            number=number,
            text=self.text,
            source="ocr",
            confidence=self.confidence,
            limit_hit=self.limit_hit,
            coverage=self.coverage,
            turned=self.turned,
            codes=self.codes,
            checked_numbers=self.checked_numbers,
            x_height=self.x_height,
            image_hash=image_hash(image, self.turned) if image is not None and hashed else None,
        )


def _rebuild_text(data: dict[str, list[object]], size: tuple[int, int]) -> tuple[str, float]:
    """Words grouped back into lines, two columns set side by side read one after the other
    (`extractors.columns`); blank lines between Tesseract's paragraphs and blocks."""
    paragraphs: dict[tuple[int, int], dict[int, list[Word]]] = {}
    confidences: list[float] = []
    for i, raw in enumerate(data["text"]):
        word = str(raw).strip()
        if not word:
            continue
        conf = float(str(data["conf"][i]))
        if conf >= 0:
            confidences.append(conf)
        box = Word(
            word,
            int(str(data["left"][i])),
            int(str(data["top"][i])),
            int(str(data["width"][i])),
            int(str(data["height"][i])),
        )
        par = (int(str(data["block_num"][i])), int(str(data["par_num"][i])))
        paragraphs.setdefault(par, {}).setdefault(int(str(data["line_num"][i])), []).append(box)
    lines = column_lines([list(par.values()) for par in paragraphs.values()], size)
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(lines), max(0.0, min(100.0, confidence))


def ocr_image(image: Image.Image, settings: Settings, dpi: float | None = None) -> OcrResult:
    """OCR one page, turned upright first when it was scanned sideways or upside down, its numbers read
    twice (`extractors.numbers`). A timeout or a Tesseract failure gives empty text with `limit_hit`,
    never an error.

    `dpi` is the resolution the image was rendered or scanned at; Tesseract uses it to judge
    character sizes (it guesses badly from images without metadata). Only a page that reads poorly
    is checked for its orientation (`extractors.orientation`, ~0.06 s), so upright pages,
    nearly all of them, pay nothing; the turned page is kept only when it reads better.
    """
    try:
        return _ocr_image(image, settings, dpi)
    except (InternalError, MemoryError):
        raise
    except Exception:  # a defect of ours on a page that decoded: the page unread (review), never a broken file
        log.exception("reading a page failed; the page counts as unread")
        return OcrResult(text="", confidence=0.0, limit_hit=LIMIT_OCR_FAILED)


def _ocr_image(image: Image.Image, settings: Settings, dpi: float | None) -> OcrResult:
    prepared = prepare_for_ocr(image)
    resolution = int(min(_MAX_DPI, max(_MIN_DPI, dpi if dpi else settings.ocr_dpi)))
    codes = read_qr_codes(prepared)
    read, data = _read(prepared, settings, resolution)
    page = prepared
    if read.limit_hit is None and read.confidence < settings.ocr_min_confidence:
        turn = ORIENTATION.turn(prepared)
        if turn:
            upright_page = prepared.rotate(-turn, expand=True)
            upright, upright_data = _read(upright_page, settings, resolution)
            if upright.limit_hit is None and upright.confidence > read.confidence:
                read, data, page = replace(upright, turned=turn), upright_data, upright_page
    if data is not None:
        try:
            read = _numbers_read_twice(read, data, page, settings, resolution)
        except (InternalError, MemoryError):
            raise
        except Exception:  # a defect of the second reading: the first stands, no number confirmed by it
            log.exception("the second reading of a page's numbers failed; the first reading stands")
    return replace(read, codes=codes)


_Data = dict[str, list[object]]


@contextmanager
def _as_tiff(image: Image.Image) -> Iterator[str]:
    """The image in a temporary uncompressed TIFF (8-bit grey or 1-bit as it is), for Tesseract to read."""
    with tempfile.NamedTemporaryFile(prefix="attest-page-", suffix=".tif") as page_file:
        image.save(page_file, format="TIFF")
        page_file.flush()
        yield page_file.name


def _read(prepared: Image.Image, settings: Settings, resolution: int) -> tuple[OcrResult, _Data | None]:
    """The page's reading, and Tesseract's word table behind it (None when reading failed)."""
    try:
        with _as_tiff(prepared) as page_file:
            data = pytesseract.image_to_data(
                page_file,
                lang=settings.ocr_languages,
                config=f"--psm 3 --dpi {resolution}",
                timeout=settings.ocr_page_timeout_s,
                output_type=pytesseract.Output.DICT,
            )
    except pytesseract.TesseractNotFoundError as exc:
        raise InternalError(f"tesseract is not installed or not on PATH: {exc}") from exc
    except RuntimeError as exc:
        message = str(exc).lower()
        if "failed loading language" in message or "error opening data file" in message:
            raise InternalError(f"tesseract lacks language data {settings.ocr_languages!r}: {exc}") from exc
        # pytesseract signals its timeout as a bare RuntimeError; TesseractError is a RuntimeError too.
        limit = LIMIT_OCR_TIMEOUT if "timeout" in message else LIMIT_OCR_FAILED
        return OcrResult(text="", confidence=0.0, limit_hit=limit), None
    text, confidence = _rebuild_text(data, prepared.size)
    result = OcrResult(
        text=normalise_text(text),
        confidence=confidence if text else 0.0,
        coverage=ink_coverage(prepared, _words(data)),
        x_height=x_height(prepared, _lines(data)),
    )
    return result, data


def _numbers_read_twice(
    read: OcrResult, data: _Data, page: Image.Image, settings: Settings, resolution: int
) -> OcrResult:
    """The page's text with its numbers as the digits-only reading has them, and the numbers both
    readings agree on."""
    words = [str(raw).strip() for raw in data["text"]]
    boxes = [_box(data, i) for i in range(len(words))]
    # Tesseract reads a sideways page's lines where they stand when it is sure of them; the words cut out
    # must then be turned upright for the second reading, by the page's orientation (OSD).
    turn = 0
    if standing([boxes[i] for i in numeric_words(words)]):
        turn = ORIENTATION.turn(page)
        if turn not in (90, 270):
            return read
    second = reread_numbers(page, words, boxes, settings, resolution, turn)
    if not second:
        return read
    corrected = {**data, "text": [second[i].text if i in second else raw for i, raw in enumerate(data["text"])]}
    text, _ = _rebuild_text(corrected, page.size)
    checked = tuple(dict.fromkeys(digits_of(second[i].text) for i in sorted(second) if second[i].agreed))
    return replace(read, text=normalise_text(text), checked_numbers=checked)


def _box(data: _Data, i: int) -> Box:
    return (
        int(str(data["left"][i])),
        int(str(data["top"][i])),
        int(str(data["width"][i])),
        int(str(data["height"][i])),
    )


def _words(data: _Data) -> list[Box]:
    """The boxes of the words Tesseract read (empty entries are its pages, blocks, paragraphs and lines)."""
    return [_box(data, i) for i, raw in enumerate(data["text"]) if str(raw).strip()]


def _lines(data: _Data) -> list[Box]:
    """The boxes of the lines Tesseract found (level 4 of its table) that hold a word of letters: not the
    frames, rules and page edges it also reports as lines."""

    def key(i: int) -> tuple[str, str, str]:
        return str(data["block_num"][i]), str(data["par_num"][i]), str(data["line_num"][i])

    worded = {key(i) for i, raw in enumerate(data["text"]) if sum(ch.isalpha() for ch in str(raw)) >= 2}
    return [_box(data, i) for i, level in enumerate(data["level"]) if str(level) == "4" and key(i) in worded]
