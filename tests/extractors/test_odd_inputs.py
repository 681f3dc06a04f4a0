"""Every file of the odd-inputs corpus (tests/data/odd-inputs) ends as an ExtractedDocument: no crash, no hang."""

import resource
import time
from pathlib import Path

import pytest

from extractors.reading import read_document
from models.settings import Settings
from tests.paths import ODD_INPUTS, odd_input_files

FILES = odd_input_files()
# Low dpi keeps the suite fast; these files test robustness, not OCR quality.
FAST = Settings(ocr_dpi=100, ocr_page_timeout_s=20.0, max_pages=3)

EXPECTED_UNREADABLE = {
    "ocrmypdf-invalid.pdf": "broken",
    "pypdf-lzw_decoder_table_overflow.bin": "not_accepted_type",
    "pypdf-r2-user-password.pdf": "password",
    "pypdf-r6-user-password.pdf": "password",
    "pypdf-crazyones-encrypted-256.pdf": "password",
}
EXPECTED_TEXT_LAYER = {
    "pypdf-r6-empty-password.pdf": "encryption",
    "pypdf-issue-297.pdf": "example",
    "ocrmypdf-overlay.pdf": "Payed",
}
NOT_TEXT_LAYER = ("ocrmypdf-truetype_font_nomapping.pdf", "ocrmypdf-type3_font_nomapping.pdf", "ocrmypdf-cmyk.pdf")


def test_corpus_is_there() -> None:
    assert len(FILES) >= 30


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_odd_input_reads_without_exception(path: Path) -> None:
    data = path.read_bytes()
    start = time.perf_counter()
    doc = read_document(path.name, data, FAST)
    assert time.perf_counter() - start < 30
    assert doc.size == len(data)
    expected = EXPECTED_UNREADABLE.get(path.name)
    if expected is not None:
        assert doc.unreadable is not None
        assert doc.unreadable.reason == expected
        return
    assert doc.unreadable is None, doc.unreadable
    assert doc.pages
    if path.name in EXPECTED_TEXT_LAYER:
        assert doc.pages[0].source == "text_layer"
        assert EXPECTED_TEXT_LAYER[path.name] in doc.pages[0].text
    if path.name in NOT_TEXT_LAYER:
        assert all(p.source != "text_layer" for p in doc.pages)


def test_space_is_kept_in_tightly_set_text_layer() -> None:
    doc = read_document("x.pdf", (ODD_INPUTS / "pypdf-r6-empty-password.pdf").read_bytes(), FAST)
    assert "pdf encryption test" in doc.pages[0].text


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("ocrmypdf-hugemono.pdf", Settings()),  # 35000 x 35000 px at the default 300 dpi
        ("ocrmypdf-enormous.pdf", Settings(max_page_pixels=4_000_000)),
    ],
)
def test_page_size_guard(name: str, settings: Settings) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    doc = read_document(name, (ODD_INPUTS / name).read_bytes(), settings)
    assert time.perf_counter() - start < 5
    assert [(p.text, p.limit_hit) for p in doc.pages] == [("", "page_too_large")]
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200  # nothing near a full render (hugemono would need 1.2 GB of pixels)
