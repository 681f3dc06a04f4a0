"""Pages scanned sideways or upside down, with no EXIF to say so, are turned upright before they are read."""

import io

import pytesseract
import pytest
import segno
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import ocr_image
from extractors.orientation import ORIENTATION
from extractors.reading import read_document
from models.settings import Settings
from tests.extractors.conftest import DEJAVU, essay_page
from workers.bounded import warm_readers

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("fed", "turn"), [(90, 90), (180, 180)])
def test_a_turned_page_is_read_upright_and_the_turn_recorded(fed: int, turn: int) -> None:
    """`fed` degrees counter-clockwise, as a sheet goes into a scanner the wrong way round, and `turn` degrees
    clockwise back; Tesseract alone
    reads such a page at confidence ~20 (the independent set's 30-40), which is a page unread."""
    result = ocr_image(essay_page().rotate(fed, expand=True), Settings(), dpi=300)
    assert result.turned == turn
    assert result.confidence >= 80
    assert "оқушылардың" in result.text


def test_a_sparse_page_of_small_print_fed_upside_down_is_turned() -> None:
    """A form of seven short lines fed upside down (field seed 9136) was read at 31 and went to a person:
    on the half-size copy OSD guessed 180 at 0.16, below its bar; on the page itself, at 1.65. Small print
    (24 px, 6 pt at 300 dpi) is such a page: the page itself is asked when the half-size copy cannot tell."""
    lines = (
        "Педагогтерді аттестаттаудан өткізу қағидалары мен",
        "шарттарына 2-қосымша",
        "Аттестаттау комиссиясының төрағасына",
        "Қарағанды қаласы білім бөлімі",
        "Педагогтің аттестаттау рәсіміне қатысуға өтініші",
        "Т.А.Ә. (бар болса): Мұқанова Гүлнар Болатқызы",
        "ЖСН: 920611412915",
    )
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(DEJAVU), 24)
    for i, line in enumerate(lines):
        draw.text((250, 300 + i * 72), line, font=font, fill=0)
    fed = page.rotate(180)
    assert ORIENTATION.turn(fed) == 180
    result = ocr_image(fed, Settings(), dpi=300)
    assert result.turned == 180 and "Мұқанова" in result.text


def test_an_upright_page_is_not_turned() -> None:
    result = ocr_image(essay_page(), Settings(), dpi=300)
    assert result.turned == 0 and result.confidence >= 80


def test_a_sideways_jpeg_without_exif_reads_and_says_it_was_turned() -> None:
    out = io.BytesIO()
    essay_page().rotate(90, expand=True).save(out, format="JPEG", quality=85, dpi=(300, 300))
    doc = read_document("essay.jpg", out.getvalue(), Settings())
    assert doc.unreadable is None
    assert doc.pages[0].turned == 90 and doc.pages[0].confidence >= 80
    assert "оқушылардың" in doc.pages[0].text


def _with_qr(image: Image.Image, payload: str) -> Image.Image:
    code = io.BytesIO()
    segno.make(payload, error="m").save(code, kind="png", scale=8, border=4)
    page = image.copy()
    page.paste(Image.open(io.BytesIO(code.getvalue())).convert("L"), (1900, 3000))
    return page


def test_a_qr_code_on_a_scanned_page_is_kept_as_evidence() -> None:
    """Own-format diplomas and course certificates carry a QR code linked to the issuer's register."""
    link = "https://edu.example.kz/verify?doc=BD12345678"
    out = io.BytesIO()
    _with_qr(essay_page(), link).save(out, format="PNG", dpi=(300, 300))
    doc = read_document("diploma.png", out.getvalue(), Settings())
    assert doc.pages[0].codes == (link,)
    assert read_document("essay.png", _png(essay_page()), Settings()).pages[0].codes == ()
    # a page turned upright keeps the code read on it
    sideways = io.BytesIO()
    _with_qr(essay_page(), link).rotate(90, expand=True).save(sideways, format="PNG", dpi=(300, 300))
    turned = read_document("diploma.png", sideways.getvalue(), Settings()).pages[0]
    assert turned.turned == 90 and turned.codes == (link,)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


@pytest.mark.parametrize("fed", [90, 180, 270])
def test_the_held_engine_turns_a_page_as_the_tesseract_command_does(fed: int) -> None:
    """The engine held in the process (`extractors.orientation`) against `tesseract --psm 0` on the same
    half-size copy: the same turn back, which undoes the turn the page was fed with."""
    page = essay_page().rotate(fed, expand=True)
    half = page.convert("L").reduce(2)
    command = pytesseract.image_to_osd(
        half, config="--psm 0 -c min_characters_to_try=5", output_type=pytesseract.Output.DICT
    )
    assert ORIENTATION.turn(page) == int(command["rotate"]) == fed


def test_the_held_engine_leaves_upright_and_blank_pages_alone() -> None:
    assert ORIENTATION.turn(essay_page()) == 0
    assert ORIENTATION.turn(Image.new("L", (2480, 3508), 255)) == 0


def test_the_readers_warm_up_loads_the_orientation_engine() -> None:
    warm_readers()
    assert ORIENTATION.loaded
