"""read_document end to end on generated files: text layers, scans, images, limits, bad input."""

import io
import time

import pytest
from PIL import Image

from extractors.reading import read_document
from models.settings import Settings
from tests.extractors.conftest import KEY_WORDS, degrade, png_bytes, text_image


def _words(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (None, "absent"),
        (b"", "empty"),
        (b"PK\x03\x04 a docx", "not_accepted_type"),
        (b"%PDF-1.4\n%%EOF", "broken"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken"),
        (b"\xff\xd8\xff\xe0" + b"garbage" * 10, "broken"),
        (b"II*\x00" + b"\xff" * 64, "broken"),
    ],
)
def test_bad_input_is_unreadable(data: bytes | None, reason: str, settings: Settings) -> None:
    doc = read_document("x", data, settings)
    assert doc.unreadable is not None
    assert doc.unreadable.reason == reason
    assert doc.pages == ()
    assert doc.size == (len(data) if data is not None else 0)
    assert (doc.sha256 is None) == (data is None)


def test_text_layer_is_never_ocrd(text_layer_pdf: bytes, settings: Settings) -> None:
    doc = read_document("essay.pdf", text_layer_pdf, settings)
    assert doc.unreadable is None
    assert [p.source for p in doc.pages] == ["text_layer", "text_layer"]
    assert all(p.confidence == 100 for p in doc.pages)
    for page in doc.pages:
        assert set(KEY_WORDS) <= _words(page.text)
        assert "оқу-ағарту" in page.text
    assert doc.media_type == "application/pdf"
    assert len(doc.sha256 or "") == 64


def test_junk_before_pdf_header_still_reads(text_layer_pdf: bytes, settings: Settings) -> None:
    doc = read_document("essay.pdf", b"\r\n junk from a mail gateway \r\n" + text_layer_pdf, settings)
    assert doc.unreadable is None
    assert doc.text_source == "text_layer"


def test_image_only_pdf_page_is_ocrd(image_only_pdf: bytes, settings: Settings) -> None:
    doc = read_document("scan.pdf", image_only_pdf, settings)
    (page,) = doc.pages
    assert page.source == "ocr"
    assert set(KEY_WORDS) <= _words(page.text)
    assert 80 <= page.confidence <= 100


def test_garbage_text_layer_is_ocrd(garbage_layer_pdf: bytes, settings: Settings) -> None:
    doc = read_document("scan.pdf", garbage_layer_pdf, settings)
    (page,) = doc.pages
    assert page.source == "ocr"
    assert "Ұстаздың" in page.text
    assert "cid" not in page.text


@pytest.mark.parametrize("fixture", ["clean_png", "noisy_jpeg"])
def test_images_are_ocrd(fixture: str, settings: Settings, request: pytest.FixtureRequest) -> None:
    data: bytes = request.getfixturevalue(fixture)
    start = time.perf_counter()
    doc = read_document("diploma", data, settings)
    elapsed = time.perf_counter() - start
    (page,) = doc.pages
    assert page.source == "ocr"
    assert set(KEY_WORDS) <= _words(page.text)
    assert 80 <= page.confidence <= 100
    assert elapsed < 10


def test_exif_orientation_is_applied(settings: Settings) -> None:
    sideways = text_image().rotate(90, expand=True)  # stored on its side, the tag says "rotate back"
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display
    out = io.BytesIO()
    sideways.convert("RGB").save(out, format="JPEG", quality=90, exif=exif.tobytes(), dpi=(300, 300))
    doc = read_document("photo.jpg", out.getvalue(), settings)
    assert {"Ұстаздың", "қағидалары"} <= _words(doc.pages[0].text)


def test_every_tiff_frame_is_a_page(settings: Settings) -> None:
    first = text_image()
    second = text_image(("Екінші бет мәтіні", "Вторая страница"), size=(1200, 300))
    out = io.BytesIO()
    first.save(out, format="TIFF", save_all=True, append_images=[second], dpi=(300, 300))
    doc = read_document("scan.tif", out.getvalue(), settings)
    assert doc.media_type == "image/tiff"
    assert [p.number for p in doc.pages] == [1, 2]
    assert "Екінші" in doc.pages[1].text
    assert "Ұстаздың" in doc.pages[0].text


def test_transparent_palette_png_reads(settings: Settings) -> None:
    image = text_image().convert("RGBA")
    image.putalpha(image.convert("L").point(lambda v: 255 - v))  # ink opaque, paper transparent
    doc = read_document("scan.png", png_bytes(image.convert("P")), settings)
    assert "Ұстаздың" in doc.pages[0].text


def test_file_over_size_limit_is_not_read(clean_png: bytes) -> None:
    doc = read_document("big.png", clean_png, Settings(max_file_bytes=1000))
    assert doc.unreadable is None
    assert doc.media_type == "image/png"
    assert [(p.text, p.limit_hit) for p in doc.pages] == [("", "file_too_large")]


def test_image_over_pixel_limit_is_a_limit_not_broken() -> None:
    big = png_bytes(Image.new("L", (4000, 4000), 255))
    doc = read_document("big.png", big, Settings(max_page_pixels=1_000_000))
    assert doc.unreadable is None
    assert doc.pages[0].limit_hit == "page_too_large"
    assert Image.MAX_IMAGE_PIXELS == 89_478_485  # the process-wide guard is left alone


def test_large_jpeg_is_read_at_reduced_scale(settings: Settings) -> None:
    big = text_image().resize((3600, 1200))
    out = io.BytesIO()
    big.save(out, format="JPEG", quality=85, dpi=(900, 900))
    doc = read_document("photo.jpg", out.getvalue(), Settings(max_page_pixels=1_200_000))
    assert doc.pages[0].limit_hit is None
    assert "Ұстаздың" in doc.pages[0].text


def test_max_pages_stops_reading(text_layer_pdf: bytes) -> None:
    doc = read_document("essay.pdf", text_layer_pdf, Settings(max_pages=1))
    assert [(p.number, p.limit_hit) for p in doc.pages] == [(1, "max_pages")]


def test_ocr_timeout_is_a_limit_not_a_failure(image_only_pdf: bytes) -> None:
    doc = read_document("scan.pdf", image_only_pdf, Settings(ocr_page_timeout_s=0.001))
    assert doc.unreadable is None
    assert [(p.text, p.limit_hit) for p in doc.pages] == [("", "ocr_timeout")]


def test_blank_scan_is_readable_with_empty_text(settings: Settings) -> None:
    doc = read_document("blank.png", png_bytes(Image.new("L", (600, 400), 255)), settings)
    assert doc.unreadable is None
    assert doc.pages[0].text == ""
    assert doc.text_source == "none"


def test_degraded_scan_of_other_text(settings: Settings) -> None:
    data = degrade(text_image(("Жалпы білім беретін мектеп", "Общеобразовательная школа")), angle=-1.5)
    doc = read_document("scan.jpg", data, settings)
    assert {"мектеп", "школа"} <= _words(doc.pages[0].text)
