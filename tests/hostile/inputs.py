"""Hostile inputs, made by code at test time: each small on disk, each costly to read naively."""

from __future__ import annotations

import io
import zlib

import pypdfium2 as pdfium
from PIL import Image


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the numbered `objects` (1..n, object 1 the catalog) with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def million_lines_pdf(lines: int = 1_000_000) -> bytes:
    """One A4 page whose compressed content stream draws the same line `lines` times: ~44 KB that
    pdfium spends minutes rendering, with no text layer (so the page goes to rendering and OCR)."""
    content = zlib.compress(b"0.1 w 50 50 m 500 700 l S\n" * lines, 9)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        ]
    )


def many_pages_form_pdf(pages: int) -> bytes:
    """`pages` blank pages sharing one page object's content, and an AcroForm with one text field
    on the first page: flattening every page of it costs seconds and gigabytes."""
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] /NeedAppearances true >> >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /FT /Tx /T (name) /V (Field value) /Rect [50 700 300 720] /Subtype /Widget /P 6 0 R"
        b" /DA (/Helv 12 Tf 0 g) /F 4 >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    first = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [3 0 R] >>"
    other = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    objects += [first] + [other] * (pages - 1)
    return _pdf(objects)


def huge_rgba_png(width: int = 10_000, height: int = 11_000) -> bytes:
    """A flat transparent RGBA PNG of width x height: a few hundred KB that decode to 440 MB."""
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (255, 255, 255, 0)).save(out, format="PNG", optimize=False)
    return out.getvalue()


def page_count(data: bytes) -> int:
    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()
