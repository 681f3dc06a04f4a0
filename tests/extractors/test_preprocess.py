import io

import numpy as np
import pytest
from PIL import Image

from extractors.preprocess import binarise, estimate_skew, otsu_threshold, prepare_for_ocr, to_grayscale
from tests.extractors.conftest import text_image


@pytest.mark.parametrize("angle", [2.0, -3.5])
def test_skew_is_measured(angle: float) -> None:
    rotated = text_image().rotate(angle, expand=True, fillcolor=255)
    assert estimate_skew(rotated) == pytest.approx(-angle, abs=0.3)


def test_otsu_splits_ink_from_paper() -> None:
    image = text_image().point(lambda v: 60 if v < 128 else 210)
    assert 60 <= otsu_threshold(image) < 210
    assert set(np.unique(np.asarray(binarise(image)))) == {0, 255}


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "CMYK", "I;16", "1", "RGB"])
def test_every_mode_becomes_8bit_gray_with_white_paper(mode: str) -> None:
    base = text_image(size=(300, 120))
    if mode == "I;16":
        converted = Image.fromarray((np.asarray(base, dtype=np.uint16) * 257).astype(np.uint16))
    elif mode in ("RGBA", "LA"):
        converted = base.convert(mode)
        alpha = Image.new("L", base.size, 0)  # fully transparent: must become white paper, not black
        converted.putalpha(alpha)
    else:
        converted = base.convert(mode)
    gray = to_grayscale(converted)
    assert gray.mode == "L"
    pixels = np.asarray(gray)
    assert pixels.max() >= 250
    assert pixels[0, 0] == pixels.max()  # the paper corner is the brightest: white, not black


def test_prepare_keeps_size_without_deskew() -> None:
    image = Image.open(io.BytesIO(_jpeg(text_image())))
    assert prepare_for_ocr(image).size == image.size


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()
