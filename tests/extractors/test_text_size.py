"""The text's x-height measured on the image read: within a pixel of the truth, sharp or blurred, in a sans
and a serif face, lying or standing; and small text read by OCR is recorded as small."""

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.ocr import ocr_image
from extractors.reading import read_document
from extractors.text_size import MIN_LINES, line_x_height, x_height
from models.settings import Settings
from tests.extractors.conftest import DEJAVU, FREESERIF

LINES = (
    "Настоящий сертификат выдан в том, что она прошла курсы повышения",
    "квалификации по теме развития функциональной грамотности учащихся",
    "Осы сертификат біліктілікті арттыру курсынан өткені туралы берілді",
    "Регистрационный номер 12773, дата выдачи 08.09.2026 года, директор",
)


def typeset(
    font_file: Path, size: int, lines: tuple[str, ...] = LINES
) -> tuple[Image.Image, int, list[tuple[int, ...]]]:
    """Lines of text at `size` px, the true x-height (the ink of "x"), and each line's box."""
    font = ImageFont.truetype(str(font_file), size)
    _, top, _, bottom = font.getbbox("x")
    image = Image.new("L", (size * 45, size * 2 * len(lines) + 2 * size), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    for i, line in enumerate(lines):
        origin = (size, size + i * size * 2)
        draw.text(origin, line, font=font, fill=0)
        boxes.append(tuple(int(v) for v in draw.textbbox(origin, line, font=font)))
    return image, bottom - top, [(a, b, c - a, d - b) for a, b, c, d in boxes]


@pytest.mark.parametrize("font_file", [DEJAVU, FREESERIF], ids=["sans", "serif"])
@pytest.mark.parametrize("size", [12, 16, 20, 28, 48])
@pytest.mark.parametrize("blur", [0.0, 1.5])
def test_the_x_height_is_measured_within_a_pixel(font_file: Path, size: int, blur: float) -> None:
    image, true_x, boxes = typeset(font_file, size)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    measured = x_height(image, boxes)
    assert measured is not None and abs(measured - true_x) <= 1, (measured, true_x)


def test_a_line_standing_on_its_side_is_measured_across() -> None:
    image, true_x, boxes = typeset(DEJAVU, 28)
    turned = image.rotate(90, expand=True)  # counter-clockwise: a line's box (l, t, w, h) moves to (t, W-l-w, h, w)
    standing = [(t, image.width - left - w, h, w) for left, t, w, h in boxes]
    assert x_height(turned, standing) == pytest.approx(true_x, abs=1)


def test_marks_and_blank_boxes_are_not_lines() -> None:
    image, _, boxes = typeset(DEJAVU, 28)
    assert line_x_height(image, (0, 0, 40, 40)) is None  # a square: a stamp or a mark, no line
    assert line_x_height(Image.new("L", (400, 40), 255), (0, 0, 400, 40)) is None  # no ink
    assert line_x_height(image, (image.width + 5, 0, 400, 40)) is None  # a box off the page
    assert x_height(image, boxes[: MIN_LINES - 1]) is None  # too few lines to say


@pytest.mark.slow
def test_ocr_records_how_small_the_text_was() -> None:
    """The same page read from a sharp 300-dpi capture and from one taken at a third of the resolution:
    the second's text is under Tesseract's 10-pixel floor, and the page says so."""
    settings = Settings()
    image, true_x, _ = typeset(DEJAVU, 40, LINES * 2)
    sharp = ocr_image(image, settings, dpi=300)
    small = image.resize((image.width // 3, image.height // 3), Image.Resampling.LANCZOS)
    coarse = ocr_image(small, settings, dpi=100)
    assert sharp.x_height is not None and abs(sharp.x_height - true_x) <= 1
    assert coarse.x_height is not None and coarse.x_height < 10 and abs(coarse.x_height - true_x / 3) <= 1.5


@pytest.mark.slow
def test_a_certificates_frame_and_rules_are_not_its_text() -> None:
    """A scanned category certificate in a double frame, with a signature rule (eval seed 2085), measured
    3 px: Tesseract reports the frame's strokes as lines too. Only lines holding words are measured, and a
    band much thinner than its line (a rule across it) is no x-height."""
    image, true_x, _ = typeset(DEJAVU, 28, LINES[:3])
    page = Image.new("L", (image.width + 400, image.height + 900), 255)
    page.paste(image, (200, 450))
    draw = ImageDraw.Draw(page)
    for inset, width in ((40, 5), (60, 2)):
        draw.rectangle((inset, inset, page.width - inset, page.height - inset), outline=0, width=width)
    page = page.filter(ImageFilter.GaussianBlur(1))
    result = ocr_image(page, Settings(), dpi=300)
    assert result.x_height is not None and abs(result.x_height - true_x) <= 1, (result.x_height, true_x)


@pytest.mark.slow
def test_a_small_photo_put_in_a_pdf_is_measured_as_it_was_captured() -> None:
    """A capture of 100 dpi put on an A4 page of a PDF below the resolution read directly is rendered at
    300 dpi: the text is measured at the capture's size, not the rendering's."""
    image, true_x, _ = typeset(DEJAVU, 40, LINES * 2)
    small = image.resize((image.width // 4, image.height // 4), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "PDF", resolution=72.0)  # the page as large as the image at 72 dpi: drawn at 72 dpi
    page = read_document("photo.pdf", out.getvalue(), Settings()).pages[0]
    assert page.source == "ocr" and page.x_height is not None
    assert abs(page.x_height - true_x / 4) <= 1.5, (page.x_height, true_x / 4)
