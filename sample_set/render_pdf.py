"""Draw a `Doc` as a born-digital PDF with reportlab (text layer, embedded TrueType subsets).

`invariant=1` keeps the bytes free of dates and random ids, so a seed reproduces a file exactly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from sample_set.page import Block, Doc, Field, PageSize, Signature, Table, Text
from sample_set.typefaces import bold_name, pick_family

_SIZES: dict[PageSize, tuple[float, float]] = {
    "A4": A4,
    "A4L": landscape(A4),
    "A5": A5,
    "A5L": landscape(A5),
}
_INK = (0.05, 0.05, 0.08)
_BLUE = (0.12, 0.22, 0.62)


@dataclass(frozen=True)
class Style:
    """How a document is set: family, body size in points, margins in mm, line spacing, accent colour."""

    family: str = "DejaVuSerif"
    size: float = 11.0
    margin_mm: float = 20.0
    leading: float = 1.3
    accent: tuple[float, float, float] = (0.1, 0.15, 0.45)

    def scaled(self, factor: float) -> Style:
        return Style(self.family, self.size * factor, self.margin_mm * factor, self.leading, self.accent)


def wrap(text: str, font: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    """Greedy word wrap on spaces only: words are never hyphenated, so word counts survive layout."""
    lines: list[str] = []
    current = ""
    limit = width - first_indent
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and stringWidth(trial, font, size) > limit:
            lines.append(current)
            current = word
            limit = width
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


class _Writer:
    def __init__(self, canvas: Canvas, doc: Doc, style: Style, family: str, seed: int, offset: float = 0.0) -> None:
        self.c = canvas
        self.doc = doc
        self.style = style
        self.font = family
        self.bold = bold_name(family)
        self.rng = random.Random(seed)
        self.width, self.height = _SIZES[doc.page]
        m = style.margin_mm * mm
        self.left, self.right = m, self.width - m
        self.top, self.bottom = self.height - m, m * 1.1
        self.y = self.top - offset
        self.page = 1
        self._start_page()

    @property
    def text_width(self) -> float:
        return self.right - self.left

    def _start_page(self) -> None:
        if self.doc.framed:
            c, inset = self.c, self.style.margin_mm * mm * 0.45
            c.setStrokeColorRGB(*self.style.accent)
            c.setLineWidth(2.2)
            c.rect(inset, inset, self.width - 2 * inset, self.height - 2 * inset)
            c.setLineWidth(0.6)
            c.rect(inset + 4, inset + 4, self.width - 2 * inset - 8, self.height - 2 * inset - 8)
        self.c.setFillColorRGB(*_INK)
        self.c.setStrokeColorRGB(*_INK)

    def _end_page(self) -> None:
        if self.doc.page_numbers:
            self.c.setFont(self.font, self.style.size * 0.85)
            self.c.setFillColorRGB(*_INK)
            self.c.drawCentredString(self.width / 2, self.bottom * 0.55, str(self.page))

    def _need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self._end_page()
            self.c.showPage()
            self.page += 1
            self.y = self.top
            self._start_page()

    def draw(self, block: Block) -> None:
        if isinstance(block, Text):
            self._text(block)
        elif isinstance(block, Field):
            self._field(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Signature):
            self._signature(block)
        else:
            self.y -= self._lh(1.0) * block.lines

    def _advance(self, lh: float) -> float:
        """Move down one line box; returns the baseline inside it."""
        base = self.y - lh * 0.78
        self.y -= lh
        return base

    def _lh(self, scale: float) -> float:
        return self.style.size * scale * self.style.leading

    def _text(self, b: Text) -> None:
        size = self.style.size * b.scale
        font = self.bold if b.bold else self.font
        lh = self._lh(b.scale)
        self.y -= b.before * lh
        indent = 12.5 * mm if b.indent else 0.0
        lines = wrap(b.text, font, size, self.text_width, indent)
        if b.scale > 1.15 and self.doc.framed:
            self.c.setFillColorRGB(*self.style.accent)
        for i, line in enumerate(lines):
            self._need(lh)
            base = self._advance(lh)
            x0 = self.left + (indent if i == 0 else 0.0)
            self.c.setFont(font, size)
            if b.align == "center":
                self.c.drawCentredString((self.left + self.right) / 2, base, line)
            elif b.align == "right":
                self.c.drawRightString(self.right, base, line)
            elif b.align == "justify" and i < len(lines) - 1 and " " in line:
                self._justified(line, x0, base, font, size)
            else:
                self.c.drawString(x0, base, line)
        self.c.setFillColorRGB(*_INK)

    def _justified(self, line: str, x0: float, base: float, font: str, size: float) -> None:
        """Spread words to both margins; each word keeps a trailing space glyph for text extraction."""
        words = line.split(" ")
        natural = sum(stringWidth(w, font, size) for w in words)
        gap = (self.right - x0 - natural) / (len(words) - 1)
        x = x0
        for i, w in enumerate(words):
            self.c.drawString(x, base, w + (" " if i < len(words) - 1 else ""))
            x += stringWidth(w, font, size) + gap

    def _field(self, b: Field) -> None:
        size, lh = self.style.size, self._lh(1.0)
        self.y -= b.before * lh
        self._need(lh)
        base = self._advance(lh)
        label = f"{b.label} "
        self.c.setFont(self.font, size)
        self.c.drawString(self.left, base, label)
        x = self.left + stringWidth(label, self.font, size)
        lines = wrap(b.value, self.font, size, self.right - x - 3) if b.value else [""]
        for i, line in enumerate(lines):
            if i:
                self._need(lh)
                base = self._advance(lh)
                x = self.left
            self.c.setLineWidth(0.4)
            self.c.line(x, base - 2, self.right, base - 2)
            if line:
                self.c.drawString(x + 3, base, line)

    def _table(self, b: Table) -> None:
        size = self.style.size * b.scale
        lh = self._lh(b.scale)
        widths = [w * self.text_width for w in b.widths]
        self.c.setLineWidth(0.5)
        for r, row in enumerate(b.rows):
            font = self.bold if b.header and r == 0 else self.font
            cells = [wrap(t, font, size, w - 6) for t, w in zip(row, widths, strict=True)]
            height = max(len(c) for c in cells) * lh + 4
            self._need(height)
            top = self.y
            x = self.left
            self.c.setFont(font, size)
            for lines, w in zip(cells, widths, strict=True):
                for k, line in enumerate(lines):
                    self.c.drawString(x + 3, top - 2 - k * lh - lh * 0.78, line)
                self.c.rect(x, top - height, w, height)
                x += w
            self.y = top - height

    def _signature(self, b: Signature) -> None:
        size, lh = self.style.size, self._lh(1.0)
        radius = min(11 * mm, self.text_width * 0.09)
        self.y -= b.before * lh + (radius * 0.9 if b.stamp else 0.0)
        self._need(lh * 2 + (radius * 2 if b.stamp else 0.0))
        base = self._advance(lh)
        c = self.c
        c.setFont(self.font, size)
        c.drawString(self.left, base, b.role)
        x1 = self.left + max(stringWidth(b.role, self.font, size) + 10, self.text_width * 0.45)
        x2 = x1 + 38 * mm
        c.setLineWidth(0.4)
        c.line(x1, base - 2, x2, base - 2)
        c.drawRightString(self.right, base, b.name)
        c.setStrokeColorRGB(*_BLUE)
        c.setLineWidth(0.9)
        p = c.beginPath()
        x = x1 + 4 * mm
        p.moveTo(x, base + 1)
        for _ in range(3):
            step = self.rng.uniform(6, 11) * mm
            p.curveTo(
                x + step * 0.3,
                base + self.rng.uniform(4, 9),
                x + step * 0.7,
                base - self.rng.uniform(2, 6),
                x + step,
                base + self.rng.uniform(-1, 5),
            )
            x += step
        c.drawPath(p, stroke=1, fill=0)
        if b.stamp:
            cx, cy = x1 - radius * 0.3, base - radius * 0.15
            c.setLineWidth(1.2)
            c.circle(cx, cy, radius, stroke=1, fill=0)
            c.setLineWidth(0.6)
            c.circle(cx, cy, radius * 0.72, stroke=1, fill=0)
            self.y = min(self.y, cy - radius - 2 * mm)
        c.setStrokeColorRGB(*_INK)
        self.y -= lh * 0.5

    def finish(self) -> None:
        self._end_page()
        self.c.showPage()


def _draw(doc: Doc, style: Style, family: str, seed: int, offset: float) -> tuple[bytes, _Writer]:
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=_SIZES[doc.page], invariant=1, pageCompression=1)
    canvas.setCreator("attest sample set")
    writer = _Writer(canvas, doc, style, family, seed, offset)
    for block in doc.blocks:
        writer.draw(block)
    writer.finish()
    canvas.save()
    return buf.getvalue(), writer


def render_pdf(doc: Doc, style: Style, seed: int = 0) -> bytes:
    """The document as PDF bytes; the same doc, style and seed give the same bytes.

    A framed one-page document (a diploma, a certificate) is drawn twice: once to measure it,
    then centred vertically in its frame, as printed certificates are.
    """
    family = pick_family(style.family, doc.words_text() + "0123456789")
    pdf, writer = _draw(doc, style, family, seed, 0.0)
    if doc.framed and writer.page == 1:
        spare = writer.y - writer.bottom
        if spare > 0:
            pdf, _ = _draw(doc, style, family, seed, spare * 0.45)
    return pdf
