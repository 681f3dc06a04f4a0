"""Born-digital pages drawn with reportlab, in typefaces the first generator never uses.

PT Sans / PT Serif (Debian fonts-paratype, made for the languages of the former USSR, Kazakh
included) and the italic and monospaced cuts already on the machine. A page is drawn on a small
`Sheet` that knows wrapping, two-column bilingual blocks, tables, signatures and round stamps.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

_PT = Path("/usr/share/fonts/truetype/paratype")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_FREE = Path("/usr/share/fonts/truetype/freefont")


@dataclass(frozen=True)
class Face:
    """A regular and a bold file of one family, both covering the Kazakh letters."""

    name: str
    regular: Path
    bold: Path


_CANDIDATES = (
    Face("PTSerif", _PT / "PTF55F.ttf", _PT / "PTF75F.ttf"),
    Face("PTSans", _PT / "PTS55F.ttf", _PT / "PTS75F.ttf"),
    Face("PTSansNarrow", _PT / "PTN57F.ttf", _PT / "PTN77F.ttf"),
    Face("PTSansCaption", _PT / "PTC55F.ttf", _PT / "PTC75F.ttf"),
    Face("PTSerifItalic", _PT / "PTF56F.ttf", _PT / "PTF76F.ttf"),
    Face("DejaVuSerifItalic", _DEJAVU / "DejaVuSerif-Italic.ttf", _DEJAVU / "DejaVuSerif-BoldItalic.ttf"),
    Face("DejaVuSansMono", _DEJAVU / "DejaVuSansMono.ttf", _DEJAVU / "DejaVuSansMono-Bold.ttf"),
    Face("FreeSerifItalic", _FREE / "FreeSerifItalic.ttf", _FREE / "FreeSerifBoldItalic.ttf"),
)
_MONO = Face("PTMono", _PT / "PTM55F.ttf", _PT / "PTM75F.ttf")


@cache
def faces() -> tuple[Face, ...]:
    """The families present here, registered with reportlab (at least the DejaVu/Free cuts)."""
    found = []
    for face in (*_CANDIDATES, _MONO):
        if face.regular.is_file() and face.bold.is_file():
            pdfmetrics.registerFont(TTFont(face.name, str(face.regular)))
            pdfmetrics.registerFont(TTFont(face.name + "-Bold", str(face.bold)))
            found.append(face)
    if not found:
        raise RuntimeError("no field-set typeface found: install fonts-paratype or fonts-dejavu-extra")
    return tuple(found)


def text_faces() -> tuple[Face, ...]:
    """Families for body text: everything but the monospaced PT Mono (kept for e-certificates)."""
    return tuple(f for f in faces() if f.name != "PTMono") or faces()


def mono_face() -> Face:
    return next((f for f in faces() if f.name in ("PTMono", "DejaVuSansMono")), faces()[0])


class Sheet:
    """One PDF being drawn; y runs down from the top margin as lines are added."""

    def __init__(self, face: Face, *, wide: bool = False, margin: float = 56.0) -> None:
        self.buffer = io.BytesIO()
        self.size = landscape(A4) if wide else A4
        self.canvas = Canvas(self.buffer, pagesize=self.size, invariant=1, pageCompression=1)
        self.face = face
        self.margin = margin
        self.y = self.size[1] - margin

    @property
    def width(self) -> float:
        return self.size[0] - 2 * self.margin

    def font(self, size: float, bold: bool = False) -> None:
        self.canvas.setFont(self.face.name + ("-Bold" if bold else ""), size)

    def wrap(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        name = self.face.name + ("-Bold" if bold else "")
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for word in para.split():
                trial = f"{line} {word}".strip()
                if line and pdfmetrics.stringWidth(trial, name, size) > width:
                    lines.append(line)
                    line = word
                else:
                    line = trial
            lines.append(line)
        return lines

    def para(
        self, text: str, size: float = 11, *, bold: bool = False, align: str = "left", x: float | None = None,
        width: float | None = None, gap: float = 4, lead: float = 1.35,
    ) -> None:  # fmt: skip
        """Wrapped text at the cursor; the cursor moves below it."""
        left = self.margin if x is None else x
        span = self.width if width is None else width
        self.font(size, bold)
        for line in self.wrap(text, size, span, bold):
            if self.y < self.margin:  # a long text runs on to a new page rather than off this one
                self.next_page()
                self.font(size, bold)
            self._line(line, left, span, align)
            self.y -= size * lead
        self.y -= gap

    def _line(self, line: str, left: float, span: float, align: str) -> None:
        if align == "center":
            self.canvas.drawCentredString(left + span / 2, self.y, line)
        elif align == "right":
            self.canvas.drawRightString(left + span, self.y, line)
        else:
            self.canvas.drawString(left, self.y, line)

    def columns(self, left: str, right: str, size: float = 10.5, *, rule: bool = True, gap: float = 8) -> None:
        """Two texts side by side (Kazakh | Russian), each wrapped in its column; cursor below the longer."""
        half = (self.width - 24) / 2
        top = self.y
        self.para(left, size, width=half, gap=0)
        low = self.y
        self.y = top
        self.para(right, size, x=self.margin + half + 24, width=half, gap=0)
        low = min(low, self.y)
        if rule:
            self.canvas.setLineWidth(0.4)
            self.canvas.line(self.margin + half + 12, top + size, self.margin + half + 12, low + size)
        self.y = low - gap

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], size: float = 9.5
    ) -> None:
        """A ruled table; cells wrap inside their column."""
        x0 = self.margin
        scale = self.width / sum(widths)
        cols = [w * scale for w in widths]
        for r, row in enumerate([header, *rows]):
            wrapped = [self.wrap(cell, size, w - 6, bold=r == 0) for cell, w in zip(row, cols, strict=True)]
            height = max(len(c) for c in wrapped) * size * 1.3 + 6
            x = x0
            self.canvas.setLineWidth(0.5)
            for lines, w in zip(wrapped, cols, strict=True):
                self.canvas.rect(x, self.y - height, w, height)
                self.font(size, bold=r == 0)
                for i, line in enumerate(lines):
                    self.canvas.drawString(x + 3, self.y - 3 - size - i * size * 1.3, line)
                x += w
            self.y -= height
        self.y -= 10

    def rule(self, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(self.margin, self.y + 6, self.margin + self.width, self.y + 6)
        self.y -= 8

    def signature(self, rng: random.Random, x: float, y: float) -> None:
        """A pen scribble: a few joined curves in dark blue."""
        c = self.canvas
        c.setStrokeColorRGB(0.1, 0.15, 0.45)
        c.setLineWidth(1.1)
        p = c.beginPath()
        p.moveTo(x, y)
        for i in range(4):
            dx = 18 + 6 * i
            p.curveTo(
                x + dx * 0.3,
                y + rng.uniform(8, 18),
                x + dx * 0.7,
                y - rng.uniform(4, 12),
                x + dx,
                y + rng.uniform(-3, 3),
            )
            x += dx
        c.drawPath(p, stroke=1, fill=0)
        c.setStrokeColorRGB(0, 0, 0)

    def stamp(self, rng: random.Random, x: float, y: float, ring: str, centre: str, radius: float = 46) -> None:
        """A round violet-blue stamp, text set around the ring, drawn over whatever lies below."""
        c = self.canvas
        c.saveState()
        c.setStrokeColorRGB(0.25, 0.2, 0.7, alpha=0.75)
        c.setFillColorRGB(0.25, 0.2, 0.7, alpha=0.75)
        c.translate(x, y)
        c.rotate(rng.uniform(-20, 20))
        c.setLineWidth(1.6)
        c.circle(0, 0, radius)
        c.setLineWidth(0.8)
        c.circle(0, 0, radius - 12)
        c.setFont(self.face.name, 6.2)
        letters = ring[:70]
        step = 350 / max(len(letters), 1)
        for i, ch in enumerate(letters):
            angle = math.radians(90 - i * step)
            c.saveState()
            c.translate((radius - 8) * math.cos(angle), (radius - 8) * math.sin(angle))
            c.rotate(math.degrees(angle) - 90)
            c.drawCentredString(0, 0, ch)
            c.restoreState()
        c.setFont(self.face.name + "-Bold", 7)
        for i, line in enumerate(centre.split("\n")):
            c.drawCentredString(0, 4 - i * 9, line)
        c.restoreState()

    def next_page(self) -> None:
        self.canvas.showPage()
        self.y = self.size[1] - self.margin

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()
