"""Born-digital pages set in columns, read column by column: a bilingual certificate and a trilingual
diploma whose sentences wrap within their columns, so that the holder's name runs over two lines of its
column with the other languages' words beside it. Read across the page, the name is found in no language
(a diploma issued to another teacher went to a person instead of being refused)."""

import io
import re

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, Paragraph

from extractors.interpret import interpret
from extractors.reading import read_document
from extractors.text_layer_columns import text_in_columns
from models.base import Kind
from models.context import CheckContext
from models.settings import Settings
from tests.extractors.conftest import FREESERIF
from tests.submissions import applicant, make_manifest
from validators.identity import check_name_mismatch

FONT = "ColumnSerif"
APPLICANT = "Утегенова Сауле Болатовна"


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FREESERIF)))


def _stamp(page: canvas.Canvas, x: float, y: float, text: str) -> None:
    """A round stamp: its letters set at an angle round its rim, as seals are drawn."""
    page.setFont(FONT, 7)
    for i, letter in enumerate(text):
        angle = 360 * i / len(text)
        page.saveState()
        page.translate(x, y)
        page.rotate(angle)
        page.drawString(0, 38, letter)
        page.restoreState()


def _columns(heading: str, texts: list[str], footer: str) -> bytes:
    """A page with a heading across it, the texts in equal columns side by side, a footer across, and a
    round stamp over the first gutter."""
    style = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(FONT, 16)
    page.drawCentredString(A4[0] / 2, 780, heading)
    width = (A4[0] - 80) / len(texts)
    for i, text in enumerate(texts):
        frame = Frame(40 + i * width, 450, width - 18, 300, leftPadding=0, rightPadding=0, showBoundary=0)
        frame.addFromList([Paragraph(text, style)], page)
    page.setFont(FONT, 10)
    page.drawString(40, 420, footer)
    _stamp(page, 40 + width, 470, "«ӨРЛЕУ» БІЛІКТІЛІКТІ АРТТЫРУ ОРТАЛЫҒЫ * ")
    page.showPage()
    page.save()
    return out.getvalue()


def certificate(kk_name: str, ru_name: str) -> bytes:
    return _columns(
        "«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ филиалы",
        [
            f"Осы сертификат {kk_name}на 26.05.2026 бастап 08.06.2026 дейін «Пәнді оқытуда цифрлық білім беру "
            "ресурстарын пайдалану» тақырыбы бойынша 72 академиялық сағат көлемінде біліктілікті арттыру "
            "курсынан өткені туралы берілді.",
            f"Дана {ru_name} в том, что она с 26.05.2026 по 08.06.2026 прошла курсы повышения квалификации по "
            "теме «Использование цифровых образовательных ресурсов в обучении предмету» в объёме 72 "
            "академических часов.",
        ],
        "Тіркеу нөмірі / Регистрационный номер: 37581   Берілген күні / Дата выдачи: 10.06.2026",
    )


def diploma(kk_name: str, ru_name: str, en_name: str) -> bytes:
    return _columns(
        "ДИПЛОМ",
        [
            f"Осы диплом {kk_name}на 6B01501 Математика білім беру бағдарламасы бойынша білім беру бакалавры "
            "дәрежесі берілгені туралы 2023 жылы берілді.",
            f"Настоящий диплом выдан {ru_name} в том, что ему (ей) присуждена степень бакалавра образования по "
            "образовательной программе 6B01501 Математика.",
            f"This diploma is awarded to {en_name} in that the degree of Bachelor of Education in the "
            "educational programme 6B01501 Mathematics has been conferred.",
        ],
        "Тіркеу нөмірі / Регистрационный номер / Registration No. 1691   Дата выдачи / Date of issue 21.06.2023",
    )


def _text(data: bytes) -> str | None:
    doc = pdfium.PdfDocument(data)
    try:
        return text_in_columns(doc, 0)
    finally:
        doc.close()


def _name_findings(data: bytes, kind: Kind) -> list[tuple[str, str]]:
    reading = interpret(read_document(f"{kind}.pdf", data, Settings()), kind)
    manifest = make_manifest(applicant=applicant(full_name=APPLICANT))
    return [(f.check, f.status) for f in check_name_mismatch(CheckContext(manifest=manifest, documents=(reading,)))]


def test_each_column_reads_as_one_text() -> None:
    text = _text(diploma("Құрманғалиева Жанар Болатқызы", "Курмангалиевой Жанар Болатовне", "ZHANAR KURMANGALIYEVA"))
    assert text is not None
    kk, ru, en = (text.index(start) for start in ("Осы диплом", "Настоящий диплом", "This diploma"))
    assert kk < ru < en
    assert "Настоящий" not in text[kk:ru] and "awarded" not in text[ru:en]
    assert " ".join(text[kk:ru].split()).startswith("Осы диплом Құрманғалиева Жанар Болатқызына")
    assert "Registration No. 1691 Дата выдачи / Date of issue 21.06.2023" in text  # the footer stays one line
    assert not re.search(r"[А-ЯӘҒҚҢӨҰҮІ]\s[А-ЯӘҒҚҢӨҰҮІ]\s[А-ЯӘҒҚҢӨҰҮІ]", text)  # nor are the stamp's letters


def test_a_page_in_one_column_keeps_its_text() -> None:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(FONT, 12)
    for i in range(12):
        page.drawString(60, 760 - 18 * i, f"Строка {i + 1} обычного текста на всю ширину страницы без колонок.")
    page.showPage()
    page.save()
    assert _text(out.getvalue()) is None


def test_a_trilingual_diploma_of_another_person_is_refused() -> None:
    data = diploma("Құрманғалиева Жанар Болатқызы", "Курмангалиевой Жанар Болатовне", "ZHANAR KURMANGALIYEVA")
    assert _name_findings(data, "diploma") == [("identity.name_mismatch", "fail")]


def test_a_trilingual_diploma_of_the_applicant_passes() -> None:
    data = diploma("Өтегенова Сәуле Болатқызы", "Утегеновой Сауле Болатовне", "SAULE UTEGENOVA")
    assert _name_findings(data, "diploma") == []


def test_a_bilingual_certificate_of_another_person_is_refused() -> None:
    data = certificate("Құрманғалиева Жанар Болатқызы", "Курмангалиевой Жанар Болатовне")
    assert _name_findings(data, "course_certificate") == [("identity.name_mismatch", "fail")]


def test_a_bilingual_certificate_of_the_applicant_passes() -> None:
    data = certificate("Өтегенова Сәуле Болатқызы", "Утегеновой Сауле Болатовне")
    assert _name_findings(data, "course_certificate") == []
