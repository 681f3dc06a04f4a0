"""pdfium's text stands in for pdfplumber's only where both read the same: checked page by page.

The fast path in extractors.pdf takes pdfium's text when its runs are in reading order or can be put
in it; this test reads every such page of the sample set's PDFs (all three profiles, both languages, every font
family) and of the odd-input corpus with pdfplumber as well, and requires identical text.
"""

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extractors.normalise import normalise_text
from extractors.pdf import (
    SCAN_COVERAGE,
    THIN_LAYER_WORDS,
    X_TOLERANCE_RATIO,
    _Layer,
    _pdfium_layer,
    _pdfium_text,
    _plumber_layers,
)
from extractors.quality import has_real_words, real_word_stats
from extractors.sniff import sniff_media_type
from sample_set import build_sample_set
from tests.paths import odd_input_files


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("parity")
    build_sample_set(root / "eval", profile="eval", seed=11, now=datetime(2026, 9, 20, 12, tzinfo=UTC))
    build_sample_set(root / "demo", profile="demo", seed=12, now=datetime(2026, 9, 20, 12, tzinfo=UTC))
    files = sorted(root.rglob("*"))
    files += odd_input_files()
    return [f for f in files if f.is_file() and sniff_media_type(f.read_bytes()) == "application/pdf"]


def _opened(pdf_files: list[Path]) -> Iterator[tuple[Path, bytes, pdfium.PdfDocument]]:
    """Every file pdfium opens, with its bytes; closed after use."""
    for path in pdf_files:
        data = path.read_bytes()
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            continue
        try:
            yield path, data, doc
        finally:
            doc.close()


def test_fast_path_text_equals_pdfplumber(pdf_files: list[Path]) -> None:
    fast = compared = 0
    for path, data, doc in _opened(pdf_files):
        try:
            with pdfplumber.open(io.BytesIO(data), password="") as pdf:
                for index in range(len(doc)):
                    compared += 1
                    text = _pdfium_text(doc, index)
                    if text is None:
                        continue
                    fast += 1
                    page = pdf.pages[index]
                    expected = normalise_text(page.extract_text(x_tolerance_ratio=X_TOLERANCE_RATIO) or "")
                    assert text == expected, f"{path.name} page {index + 1}"
        except pdfplumber.utils.exceptions.PdfminerException:
            continue
    assert compared > 300
    assert fast > compared // 2  # the fast path must actually carry most pages


def _decision(layer: _Layer) -> tuple[str, str]:
    """What `_read_page` does with a layer: take its text, OCR as well, or OCR only."""
    if not has_real_words(layer.text):
        return "ocr", ""
    thin = real_word_stats(layer.text)[0] < THIN_LAYER_WORDS
    return ("text" if not thin or layer.image_coverage < SCAN_COVERAGE else "text_or_ocr"), layer.text


def test_pdfium_layers_decide_every_page_as_pdfplumber_would(pdf_files: list[Path]) -> None:
    """Text, thin-layer coverage and "no layer" from pdfium lead to the same page decision as the
    pdfplumber reading they stand in for; pdfplumber is left with only a few pages."""
    pages = by_pdfium = 0
    for path, data, doc in _opened(pdf_files):
        plumber = [_Layer("", 0.0)] * len(doc)
        _plumber_layers(data, list(range(len(doc))), plumber)
        for index in range(len(doc)):
            pages += 1
            layer = _pdfium_layer(doc, index)
            if layer is None:
                continue
            by_pdfium += 1
            assert _decision(layer) == _decision(plumber[index]), f"{path.name} page {index + 1}"
    assert pages > 300
    assert by_pdfium >= 0.95 * pages
