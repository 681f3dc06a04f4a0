"""Scanned PDF pages: OCR'd from the page's own image when the page is nothing but that image, and
two-level pages handed to Tesseract as 1-bit images. Both are speed paths: they must read the same
pixels (and so the same words) as rendering the page would."""

import io

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.pdf import PdfExtractor, _render, _scanned_image
from extractors.preprocess import prepare_for_ocr
from models.settings import Settings
from tests.extractors.conftest import KAZAKH_LINES, text_image


def _image_pdf(image: Image.Image, dpi: float, *, extra_text: bool = False, mirrored: bool = False) -> bytes:
    """A page exactly the image's size at `dpi`, like a scanner's PDF; optionally with typed text
    beside it, or the image drawn mirrored."""
    width, height = image.width * 72 / dpi, image.height * 72 / dpi
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    if mirrored:
        c.translate(width, 0)
        c.scale(-1, 1)
    c.drawImage(ImageReader(image), 0, 0, width=width, height=height)
    if extra_text:
        c.setFont("Helvetica", 10)
        c.drawString(10, 10, "footer")
    c.save()
    return buf.getvalue()


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    b = b.resize(a.size) if b.size != a.size else b
    return float(np.abs(np.asarray(a, dtype=np.int16) - np.asarray(b, dtype=np.int16)).mean())


def test_a_scanners_page_gives_its_own_pixels_at_its_own_resolution(settings: Settings) -> None:
    scan = text_image(size=(1700, 600)).convert("L")
    doc = pdfium.PdfDocument(_image_pdf(scan, 200.0))
    got = _scanned_image(doc[0], settings)
    assert got is not None
    image, dpi = got
    assert image.size == scan.size and abs(dpi - 200.0) < 0.5
    assert _mean_difference(image, scan) < 1.0  # the image's pixels, lossless here
    rendered = _render(doc[0], Settings(ocr_dpi=200))
    assert rendered is not None and _mean_difference(image, rendered[0]) < 3.0  # what rendering shows


def test_pages_with_more_than_one_upright_image_are_rendered(settings: Settings) -> None:
    scan = text_image(size=(1700, 600)).convert("L")
    for pdf in (_image_pdf(scan, 200.0, extra_text=True), _image_pdf(scan, 200.0, mirrored=True)):
        assert _scanned_image(pdfium.PdfDocument(pdf)[0], settings) is None
    too_coarse = scan.resize((340, 120))  # 40 dpi: the renderer scales it to the OCR resolution
    assert _scanned_image(pdfium.PdfDocument(_image_pdf(too_coarse, 40.0))[0], settings) is None


def test_a_scanned_pdf_page_reads_its_words(settings: Settings) -> None:
    scan = text_image(size=(1800, 600)).convert("L")
    pages = PdfExtractor().extract(_image_pdf(scan, 300.0), settings)
    assert pages[0].source == "ocr" and pages[0].limit_hit is None
    words = set(pages[0].text.split())
    assert sum(1 for w in KAZAKH_LINES[0].split() if w in words) >= len(KAZAKH_LINES[0].split()) - 1


def test_one_bit_pages_go_to_tesseract_as_one_bit_images(settings: Settings) -> None:
    gray = text_image(size=(1700, 600)).convert("L")
    bilevel = gray.convert("1", dither=Image.Dither.NONE)
    assert prepare_for_ocr(bilevel).mode == "1"  # a Group 4 TIFF decodes as mode "1"
    buf = io.BytesIO()
    bilevel.save(buf, format="PDF", resolution=200.0)  # a 1-bit (CCITT) image in a PDF
    got = _scanned_image(pdfium.PdfDocument(buf.getvalue())[0], settings)
    assert got is not None and got[0].mode == "1"
    assert np.array_equal(np.asarray(got[0]), np.asarray(bilevel))
    assert prepare_for_ocr(gray).mode == "L"  # grey levels: 8-bit grey
    assert prepare_for_ocr(bilevel, straighten=True).mode == "L"  # rotation resamples: grey
    words = set(PdfExtractor().extract(buf.getvalue(), settings)[0].text.split())
    assert sum(1 for w in KAZAKH_LINES[0].split() if w in words) >= len(KAZAKH_LINES[0].split()) - 1
