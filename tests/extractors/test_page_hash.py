"""The first page's perceptual hash: the same certificate scanned or photographed hashes nearly alike."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from extractors.page_hash import hamming
from extractors.reading import read_document
from models.settings import Settings
from sample_set.essays import KK_BODY
from sample_set.page import Doc, Text
from sample_set.render_pdf import Style, render_pdf
from sample_set.render_scan import ScanSettings, scan
from sample_set.shared_certificates import certificate_pdf
from storage.cross_index import MAX_IMAGE_BITS


def _hash(name: str, data: bytes) -> str:
    (found,) = read_document(name, data, Settings()).page_hashes
    return found


@pytest.fixture(scope="module")
def original() -> tuple[bytes, str]:
    pdf, _ = certificate_pdf(1)
    return pdf, _hash("c.pdf", pdf)


@pytest.mark.slow
@pytest.mark.parametrize(("quality", "fmt"), [("scanner", "jpeg"), ("scanner", "pdf"), ("photo", "jpeg")])
def test_a_scan_or_photo_of_the_certificate_hashes_close(original: tuple[bytes, str], quality: str, fmt: str) -> None:
    pdf, born_digital = original
    copy = scan(pdf, ScanSettings(dpi=200, quality=quality, fmt=fmt), 5)  # type: ignore[arg-type]
    assert hamming(born_digital, _hash(f"c.{fmt}", copy)) <= MAX_IMAGE_BITS


@pytest.mark.slow
def test_a_scan_turned_sideways_hashes_as_upright(original: tuple[bytes, str]) -> None:
    pdf, born_digital = original
    upright = Image.open(io.BytesIO(scan(pdf, ScanSettings(dpi=200, quality="scanner", fmt="png"), 6)))
    out = io.BytesIO()
    upright.rotate(90, expand=True).save(out, format="PNG", dpi=(200, 200))
    assert hamming(born_digital, _hash("c.png", out.getvalue())) <= MAX_IMAGE_BITS


def test_an_unrelated_page_hashes_far(original: tuple[bytes, str]) -> None:
    essay = render_pdf(Doc("essay", "kk", tuple(Text(s) for s in KK_BODY[:20])), Style(), 1)
    assert hamming(original[1], _hash("e.pdf", essay)) > MAX_IMAGE_BITS + 6
