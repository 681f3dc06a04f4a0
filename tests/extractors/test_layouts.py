"""Names read from layouts as documents have them: a bilingual certificate set in two columns (the name in
each), and an order listing teachers in a table `№ | ФИО | Должность | Категория`. Born-digital, as a text layer
reads them; the scanned and photographed forms of these layouts are measured by the field profile."""

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from extractors.interpret import interpret
from extractors.reading import read_document
from models.base import Kind
from models.context import CheckContext
from models.settings import Settings
from tests.extractors.conftest import FREESERIF
from tests.submissions import applicant, make_manifest
from validators.identity import check_name_mismatch

APPLICANT = "Өтегенов Ерлан Мұратұлы"
FONT = "LayoutSerif"


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FREESERIF)))


def two_columns() -> bytes:
    """Kazakh on the left, Russian on the right, line by line at the same heights: a text layer reads the
    two columns into one line each, the two forms of the name side by side."""
    left = (
        "СЕРТИФИКАТ",
        "Осы сертификат",
        "Өтегенов Ерлан Мұратұлына",
        "біліктілікті арттыру курсынан",
        "өткені үшін берілді.",
    )
    right = (
        "СЕРТИФИКАТ",
        "Настоящий сертификат выдан",
        "Утегенову Ерлану Муратовичу",
        "в том, что он прошел курсы",
        "повышения квалификации.",
    )
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(FONT, 13)
    for i, (kk, ru) in enumerate(zip(left, right, strict=True)):
        page.drawString(60, 690 - i * 26, kk)
        page.drawString(320, 690 - i * 26, ru)
    page.showPage()
    page.save()
    return out.getvalue()


def order(*teachers: str) -> bytes:
    style = ParagraphStyle("cell", fontName=FONT, fontSize=11)
    rows = [["№", "ФИО", "Должность", "Категория"]]
    rows += [[str(i), name, "учитель", "педагог-эксперт"] for i, name in enumerate(teachers, 1)]
    table = Table([[Paragraph(cell, style) for cell in row] for row in rows], colWidths=[30, 200, 120, 140])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(
        [Paragraph("ПРИКАЗ № 245. О присвоении квалификационных категорий педагогам. ПРИКАЗЫВАЮ:", style), table]
    )
    return out.getvalue()


def _name_findings(data: bytes, kind: Kind) -> list[tuple[str, str]]:
    reading = interpret(read_document(f"{kind}.pdf", data, Settings()), kind)
    manifest = make_manifest(applicant=applicant(full_name=APPLICANT))
    return [(f.check, f.status) for f in check_name_mismatch(CheckContext(manifest=manifest, documents=(reading,)))]


def test_a_two_column_bilingual_certificate_names_its_holder_in_both_columns() -> None:
    assert _name_findings(two_columns(), "course_certificate") == []


def test_an_order_table_lists_the_applicant_or_not() -> None:
    assert (
        _name_findings(order("Иванова Мария Петровна", APPLICANT, "Сейітова Айгүл Бекболатқызы"), "category_order")
        == []
    )
    others = order("Иванова Мария Петровна", "Сейітова Айгүл Бекболатқызы")
    assert _name_findings(others, "category_order") == [("identity.name_mismatch", "fail")]
