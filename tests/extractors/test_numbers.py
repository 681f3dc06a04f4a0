"""Numbers read twice: the page's language models misread a typeface's digits while sure of themselves.

Tesseract's Kazakh and Russian models read every "3" of PT Sans and PT Serif (the ParaType faces of the
independent field set, drawn here at ~11 pt, 300 dpi) as "5", at confidence above 90: an IIN, a course
period and an issue date all come out wrong. The digits-only second reading puts them right and confirms
what both readings agree on.
"""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.numbers import (
    NumberReading,
    _number_box,
    _settled,
    _settled_by_the_third,
    decisive,
    digits_of,
    is_numeric_word,
    numeric_part,
    reread_numbers,
)
from extractors.ocr import ocr_image
from models.extraction import DocumentReading, Evidence, ExtractedDocument, FieldValue, PageText
from models.settings import Settings
from validators.evidence import sure_number

PT_SANS = Path("/usr/share/fonts/truetype/paratype/PTS55F.ttf")
PT_SERIF = Path("/usr/share/fonts/truetype/paratype/PTF55F.ttf")
LINES = (
    "Педагогтің аттестаттау рәсіміне қатысуға өтініші",
    "Т.А.Ә.: Мұқанов Дәурен Серікұлы",
    "ИИН: 851222432645",
    "Дата: 13.03.2023, с 23.03.2025 по 30.03.2025",
    "«03» декабря 2026 года",
)


def page_in(face: Path, turn: int = 0) -> Image.Image:
    image = Image.new("L", (2480, 680), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(face), 50)
    for i, line in enumerate(LINES):
        draw.text((150, 60 + i * 110), line, font=font, fill=0)
    return image.rotate(turn, expand=True, fillcolor=255) if turn else image


@pytest.mark.slow
@pytest.mark.parametrize("face", [PT_SANS, PT_SERIF], ids=["pt-sans", "pt-serif"])
def test_digits_the_language_models_misread_are_read_right_and_confirmed(face: Path) -> None:
    result = ocr_image(page_in(face), Settings(), dpi=300)
    assert "851222432645" in result.text
    assert "13.03.2023" in result.text
    assert "23.03.2025 по 30.03.2025" in result.text
    assert "«03» декабря" in result.text
    assert {"851222432645", "13032023", "23032025", "30032025"} <= set(result.checked_numbers)


@pytest.mark.slow
def test_numbers_on_a_page_read_sideways_are_read_twice_too() -> None:
    """Tesseract reads a sideways page's standing lines when it is sure of them; the words cut out are turned
    upright by the page's orientation before their second reading."""
    result = ocr_image(page_in(PT_SANS, turn=90), Settings(), dpi=300)
    assert "851222432645" in result.text
    assert "851222432645" in result.checked_numbers


def test_only_numbers_of_four_digits_or_more_are_read_twice() -> None:
    assert is_numeric_word("851222432645") and is_numeric_word("13.03.2023,") and is_numeric_word("(2025)")
    assert not is_numeric_word("12") and not is_numeric_word("ИИН:851222432645") and not is_numeric_word("№12")
    assert numeric_part("13.03.2023,с") == ("", "13.03.2023,", "с")  # OCR lost the space after the comma
    assert is_numeric_word("«05»") and not is_numeric_word("05")  # a form's day in its quotes
    assert numeric_part("2025") == ("", "2025", "") and numeric_part("Иванов") is None and numeric_part("12с") is None
    # A label glued to its number (OCR lost the space after the colon) is read twice too.
    assert numeric_part("ИИН:750227525967") == ("ИИН:", "750227525967", "")
    assert numeric_part("ЖСН:13.03.2023,с") == ("ЖСН:", "13.03.2023,", "с")
    assert numeric_part("Иванов:") is None and numeric_part("ИИН:12") is None and numeric_part("a:2025") is None


def test_the_box_of_a_number_glued_to_its_label_leaves_the_label_out() -> None:
    left, top, width, height = _number_box("ИИН:730227323967", (100, 50, 340, 40))
    assert (top, height) == (50, 40)
    # "ИИН:" takes about a quarter of the word, and the crop's margin (0.3 of 40 pixels) is kept off it
    assert 100 + 80 + 12 <= left <= 100 + 100 + 12
    assert left + width == pytest.approx(440, abs=3)


@pytest.mark.slow
def test_an_iin_glued_to_its_label_is_read_twice_and_put_right() -> None:
    """A photographed form's "ИИН:730227323967" in PT Sans, read as one word "ИИН:750227525967": the
    number was never read a second time, and a clean teacher went to a person on an IIN mismatch."""
    image = Image.new("L", (1400, 160), 255)
    ImageDraw.Draw(image).text((60, 50), "ИИН:730227323967", font=ImageFont.truetype(str(PT_SANS), 50), fill=0)
    # The first reading as Tesseract's language models gave it; its box measured on the drawn word.
    words = ["ИИН:750227525967"]
    x0, y0, x1, y1 = ImageDraw.Draw(image).textbbox(
        (60, 50), "ИИН:730227323967", font=ImageFont.truetype(str(PT_SANS), 50)
    )
    second = reread_numbers(image, words, [(x0, y0, x1 - x0, y1 - y0)], Settings(), 300)
    assert second[0] == NumberReading("ИИН:730227323967", agreed=True)


def test_a_disagreement_is_settled_by_the_third_reading_or_left_unconfirmed() -> None:
    assert _settled("28.09.2025", "29.09.2025", "28.09.2025") == NumberReading("28.09.2025", agreed=True)
    assert _settled("820801521950", "820801321950", "820801321950") == NumberReading("820801321950", agreed=True)
    assert _settled("(820801521950)", "820801321950", "820801321950").text == "(820801321950)"
    assert _settled("«05»", "03", "03") == NumberReading("«03»", agreed=True)
    three_ways = _settled("820801521950", "820801321950", "820801821950")
    assert three_ways == NumberReading("820801821950", agreed=False)
    assert _settled("820801521950", "820801321950", None) == NumberReading("820801521950", agreed=False)
    assert digits_of(three_ways.text) == "820801821950"


def _reading(source: str, checked: tuple[str, ...]) -> DocumentReading:
    page = PageText(number=1, text="ИИН: 851222432645", source=source, confidence=95.0, checked_numbers=checked)
    extracted = ExtractedDocument(file="x.pdf", sha256=None, size=1, media_type=None, pages=(page,))
    return DocumentReading(file="x.pdf", declared_kind="diploma", extracted=extracted)


def _field(value: str, confidence: float = 95.0) -> FieldValue:
    return FieldValue(value=value, evidence=Evidence(page=1, text="…", confidence=confidence))


def test_an_ocr_number_is_sure_only_when_both_readings_agreed() -> None:
    confirmed = _reading("ocr", ("851222432645", "04022025"))
    assert sure_number(confirmed, _field("851222432645"), 70)
    assert sure_number(confirmed, _field("2025-02-04"), 70)  # written 04.02.2025
    assert not sure_number(confirmed, _field("2025-02-14"), 70)
    assert not sure_number(confirmed, _field("851222432645", confidence=60), 70)
    assert not sure_number(_reading("ocr", ()), _field("851222432645"), 70)
    assert sure_number(_reading("text_layer", ()), _field("851222432645"), 70)


def test_a_date_or_an_iin_is_confirmed_only_with_the_word_read_alone_among_the_agreeing() -> None:
    """A scanned validity date "02.03.2027" was read "02.05.2027" by the language models and by the digits-only
    strip alike, and refused a clean teacher as a declared date that differs. Read alone it was right."""
    assert decisive("02.03.2027") and decisive("851222432645") and decisive("(13.03.2023),")
    assert not decisive("2026") and not decisive("83046")
    assert _settled_by_the_third("02.05.2027", "02.05.2027", "02.03.2027") == NumberReading("02.03.2027", agreed=False)
    assert _settled_by_the_third("02.03.2027", "02.05.2027", "02.03.2027") == NumberReading("02.03.2027", agreed=True)
    assert _settled_by_the_third("02.05.2027", "02.03.2027", "02.03.2027") == NumberReading("02.03.2027", agreed=True)
    assert _settled_by_the_third("02.05.2027", "02.05.2027", None) == NumberReading("02.05.2027", agreed=False)


def test_a_word_read_alone_that_lost_its_dots_does_not_replace_the_date() -> None:
    """A scanned category certificate's dates "22.12.2024" and "22.12.2029" were read alone "22129024" and
    "22129029": kept, they were no dates, and the validity of a clean submission went to a person."""
    assert _settled_by_the_third("22.12.2029", "", "22129029") == NumberReading("22.12.2029", agreed=False)
    assert _settled_by_the_third("22.12.2029", "22.12.2029", "22129029") == NumberReading("22.12.2029", agreed=False)
    assert _settled_by_the_third("02.05.2027", "02.03.2027", "02032027") == NumberReading("02.03.2027", agreed=True)
