"""A filled PDF form: the typed values live in form fields, not in the page's text layer."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from extractors.reading import read_document
from models.settings import Settings


def _filled_form(value: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(50, 800, "Position:")
    c.acroForm.textfield(name="position", value=value, x=120, y=790, width=300, height=20)
    c.save()
    return buf.getvalue()


def test_filled_field_values_are_read() -> None:
    doc = read_document("application.pdf", _filled_form("teacher of mathematics"), Settings())
    assert doc.unreadable is None
    assert "teacher of mathematics" in doc.pages[0].text
    assert doc.pages[0].source == "text_layer"
    assert doc.sha256 is not None and len(doc.sha256) == 64  # the hash is of the file as uploaded
