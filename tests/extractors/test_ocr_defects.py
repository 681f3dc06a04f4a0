"""A defect of ours while reading a page that decoded is never the teacher's broken file: a page whose number
re-reading fails keeps its first reading, and a page whose reading fails otherwise is unread (review), never
`document.unreadable` (a refusal). Faults are injected where the readers call their steps."""

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

import extractors.ocr
from extractors.base import LIMIT_OCR_FAILED
from extractors.reading import read_document
from models.settings import Settings

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _scan() -> bytes:
    image = Image.new("L", (1240, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(DEJAVU), 36)
    draw.text((60, 80), "Диплом выдан Иванову Петру Сергеевичу", font=font, fill=0)
    draw.text((60, 200), "Дата выдачи: 21.06.2023", font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(150, 150))
    return out.getvalue()


def _fails(*_: object, **__: object) -> object:
    raise ValueError("a defect")


def test_a_failing_number_rereading_keeps_the_first_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractors.ocr, "reread_numbers", _fails)
    read = read_document("diplom.png", _scan(), Settings())
    assert read.unreadable is None
    assert "21.06.2023" in read.pages[0].text
    assert read.pages[0].checked_numbers == ()


def test_a_failing_page_reading_is_an_unread_page_not_a_broken_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractors.ocr, "prepare_for_ocr", _fails)
    read = read_document("diplom.png", _scan(), Settings())
    assert read.unreadable is None
    assert read.pages[0].limit_hit == LIMIT_OCR_FAILED
