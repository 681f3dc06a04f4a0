"""Generated inputs, built once per session: small, so the whole suite stays fast on 2 cores."""

import io
import random
import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from models.settings import Settings

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FREESERIF = Path("/usr/share/fonts/truetype/freefont/FreeSerif.ttf")

# Key words: a Kazakh word with each of қ ұ ғ ә і between them, and Russian words.
KAZAKH_LINES = (
    "Педагогтердің біліктілігін арттыру",
    "Ұстаздың әдістемелік қағидалары",
    "Аттестация педагогов Казахстана",
)
KEY_WORDS = ("біліктілігін", "Ұстаздың", "әдістемелік", "қағидалары", "Аттестация", "педагогов")


def text_image(lines: tuple[str, ...] = KAZAKH_LINES, size: tuple[int, int] = (1200, 400)) -> Image.Image:
    """Black text on white, ~11 pt at an effective 300 dpi (46 px), as a flatbed scan would give."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(DEJAVU), 46)
    for i, line in enumerate(lines):
        draw.text((40, 40 + i * 110), line, font=font, fill=0)
    return image


def degrade(image: Image.Image, angle: float = 2.0, seed: int = 7) -> bytes:
    """A poor scan: rotated, grey paper, speckle noise, blurred, JPEG quality 35."""
    rnd = random.Random(seed)
    rotated = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    noisy = rotated.point(lambda v: int(v * 0.75 + 40))
    pixels = noisy.load()
    width, height = noisy.size
    for _ in range(width * height // 40):
        x, y = rnd.randrange(width), rnd.randrange(height)
        pixels[x, y] = rnd.choice((30, 90, 200))  # type: ignore[index]
    blurred = noisy.filter(ImageFilter.GaussianBlur(0.8))
    out = io.BytesIO()
    blurred.save(out, format="JPEG", quality=35, dpi=(300, 300))
    return out.getvalue()


def png_bytes(image: Image.Image, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300), **params)
    return out.getvalue()


def _register_fonts() -> None:
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        pdfmetrics.registerFont(TTFont("FreeSerif", str(FREESERIF)))


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(ocr_page_timeout_s=30.0)


@pytest.fixture(scope="session")
def clean_png() -> bytes:
    return png_bytes(text_image())


@pytest.fixture(scope="session")
def noisy_jpeg() -> bytes:
    return degrade(text_image())


@pytest.fixture(scope="session")
def text_layer_pdf() -> bytes:
    """Two pages of real text in DejaVu and FreeSerif, Kazakh and Russian."""
    _register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for font in ("DejaVuSans", "FreeSerif"):
        pdf.setFont(font, 12)
        for i, line in enumerate((*KAZAKH_LINES, "ғ қ ұ ү ә і ң ө һ — оқу-ағарту 2024-2025")):
            pdf.drawString(72, 760 - i * 20, line)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _pdf_with_image(image: Image.Image, layer: str | None) -> bytes:
    """A page that is one scanned image (4 x 1.33 in at 300 dpi), optionally with an invisible text layer."""
    _register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(image.width * 72 / 300, image.height * 72 / 300))
    pdf.drawImage(ImageReader(image), 0, 0, width=image.width * 72 / 300, height=image.height * 72 / 300)
    if layer is not None:
        text = pdf.beginText(10, 10)
        text.setTextRenderMode(3)  # invisible, as OCR layers are
        text.setFont("DejaVuSans", 10)
        text.textLine(layer)
        pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture(scope="session")
def image_only_pdf() -> bytes:
    return _pdf_with_image(text_image(), None)


@pytest.fixture(scope="session")
def garbage_layer_pdf() -> bytes:
    """A scan whose text layer is glyph-id garbage, as fonts without a Unicode map produce."""
    return _pdf_with_image(text_image(), '"7+%- #$&* (cid:25)(cid:18) 0x1F ~~ ^^ ¤¤')


ESSAY_WORDS = 278
_TEXT = " ".join(
    ("Педагогтің кәсіби дамуы оқушылардың білім сапасын арттырудың негізгі шарты болып табылады " * 40).split()[
        :ESSAY_WORDS
    ]
)


def essay_page() -> Image.Image:
    """An A4 page at 300 dpi holding a 278-word essay in 12-pt type."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(DEJAVU), 42)
    for i, line in enumerate(textwrap.wrap(_TEXT, 68)):
        draw.text((200, 250 + i * 64), line, font=font, fill=20)
    return image
