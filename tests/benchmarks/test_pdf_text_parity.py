"""pdfium's text stands in for pdfplumber's only where both read the same: checked page by page.

The fast path in extractors.pdf takes pdfium's text when its runs are in reading order; this test
reads every such page of the sample set's PDFs (all three profiles, both languages, every font
family) and of the odd-input corpus with pdfplumber as well, and requires identical text.
"""

import io
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extractors.normalise import normalise_text
from extractors.pdf import X_TOLERANCE_RATIO, _pdfium_text
from extractors.sniff import sniff_media_type
from flows.sample_set import build_sample_set

ODD_INPUTS = Path("/work/shared/corpus/odd-inputs")


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("parity")
    build_sample_set(root / "eval", profile="eval", seed=11, now=datetime(2026, 9, 20, 12, tzinfo=UTC))
    build_sample_set(root / "demo", profile="demo", seed=12, now=datetime(2026, 9, 20, 12, tzinfo=UTC))
    files = sorted(root.rglob("*"))
    if ODD_INPUTS.is_dir():
        files += sorted(ODD_INPUTS.rglob("*"))
    return [f for f in files if f.is_file() and sniff_media_type(f.read_bytes()) == "application/pdf"]


def test_fast_path_text_equals_pdfplumber(pdf_files: list[Path]) -> None:
    fast = compared = 0
    for path in pdf_files:
        data = path.read_bytes()
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            continue
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
        finally:
            doc.close()
    assert compared > 300
    assert fast > compared // 2  # the fast path must actually carry most pages
