"""Born-digital certificates with security backgrounds are read from their text layer, not by OCR.

Independent certificates drawn with wavy guilloche lines under the text (vector), a decorative border, or
a printed security pattern as one page-size picture under a short text were OCR'd instead of read from
their own text: slower, and digits read by OCR can only ask for a person. These drawings of such pages
read from their text layer already on the code before the independent sets' fixes (the set's own files
were not at hand); they are kept as the class's regression test, thick and thin text alike.
"""

import io
import math
import random

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.reading import read_document
from models.settings import Settings
from tests.extractors.conftest import _register_fonts

CERTIFICATE = (
    "СЕРТИФИКАТ",
    "Осы сертификат Ермекова Жанар Қанатқызына берілді",
    "Дана Ермековой Жанар Канатовне в том, что она",
    "с 24.09.2025 по 28.09.2025 прошла курсы повышения квалификации",
    "в объёме 72 академических часов.",
    "Тіркеу нөмірі: 83046 / Регистрационный номер: 83046",
    "Берілген күні: 03.10.2025 / Дата выдачи: 03.10.2025",
)
WIDTH, HEIGHT = A4


def _guilloche(pdf: canvas.Canvas) -> None:
    """Three hundred wavy lines across the page, in a pale colour, as banknote-style backgrounds are drawn."""
    pdf.setStrokeColorRGB(0.75, 0.85, 0.8)
    pdf.setLineWidth(0.4)
    for k in range(300):
        path = pdf.beginPath()
        y0 = k * HEIGHT / 300
        path.moveTo(0, y0)
        for x in range(0, int(WIDTH) + 6, 6):
            path.lineTo(x, y0 + 9 * math.sin(x / 23 + k / 7) + 4 * math.sin(x / 7 + k))
        pdf.drawPath(path, stroke=1, fill=0)


def _border(pdf: canvas.Canvas) -> None:
    pdf.setStrokeColorRGB(0.5, 0.4, 0.1)
    for inset, width in ((18, 3), (26, 1), (30, 0.5)):
        pdf.setLineWidth(width)
        pdf.rect(inset, inset, WIDTH - 2 * inset, HEIGHT - 2 * inset)
    for i in range(0, int(WIDTH - 60), 12):  # a chain of small rings along top and bottom
        pdf.circle(36 + i, HEIGHT - 40, 4)
        pdf.circle(36 + i, 40, 4)


def _pattern_picture() -> Image.Image:
    """A page-size printed security pattern: fine pale rosettes and dots, no letters."""
    rng = random.Random(5)
    image = Image.new("RGB", (1240, 1754), (246, 250, 244))
    draw = ImageDraw.Draw(image)
    for _ in range(900):
        x, y, r = rng.randrange(1240), rng.randrange(1754), rng.randrange(6, 30)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(200, 220, 205))
    return image


SHORT = ("СЕРТИФИКАТ", "Ермекова Жанар Канатовна", "с 24.09.2025 по 28.09.2025", "72 часа", "Рег. № 83046")


def _certificate(background: str, lines: tuple[str, ...]) -> bytes:
    _register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    if background == "guilloche":
        _guilloche(pdf)
    elif background == "border":
        _border(pdf)
    else:
        pdf.drawImage(ImageReader(_pattern_picture()), 0, 0, width=WIDTH, height=HEIGHT)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("DejaVuSans", 13)
    for i, line in enumerate(lines):
        pdf.drawString(70, HEIGHT - 160 - i * 26, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.mark.parametrize("background", ["guilloche", "border", "picture"])
@pytest.mark.parametrize("lines", [CERTIFICATE, SHORT], ids=["text", "short-text"])
def test_certificates_with_security_backgrounds_are_read_from_their_text_layer(
    background: str, lines: tuple[str, ...]
) -> None:
    doc = read_document("sertifikat.pdf", _certificate(background, lines), Settings())
    assert doc.unreadable is None
    page = doc.pages[0]
    assert page.source == "text_layer"
    assert "24.09.2025 по 28.09.2025" in page.text and "Ермекова Жанар" in page.text
