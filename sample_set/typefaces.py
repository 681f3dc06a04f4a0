"""The fonts documents are set in: only those present on this machine and covering the text.

Liberation fonts lack the Kazakh letters (ә ғ қ ң ө ұ ү һ і), so they are used only where the
text has none; a missing family falls back to the next one, deterministically.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/freefont"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)


@dataclass(frozen=True)
class Family:
    name: str
    regular: str
    bold: str
    serif: bool


FAMILIES: tuple[Family, ...] = (
    Family("DejaVuSerif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", True),
    Family("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", False),
    Family("FreeSerif", "FreeSerif.ttf", "FreeSerifBold.ttf", True),
    Family("FreeSans", "FreeSans.ttf", "FreeSansBold.ttf", False),
    Family("DejaVuSansCondensed", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", False),
    Family("DejaVuSerifCondensed", "DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf", True),
    Family("LiberationSerif", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", True),
    Family("LiberationSans", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", False),
)


def _find(file: str) -> Path | None:
    for d in _DIRS:
        p = d / file
        if p.is_file():
            return p
    return None


@cache
def _charset(family: str) -> frozenset[int] | None:
    """The code points of a family's regular and bold faces; None when the family is not installed."""
    fam = next(f for f in FAMILIES if f.name == family)
    reg, bold = _find(fam.regular), _find(fam.bold)
    if reg is None or bold is None:
        return None
    faces = [TTFont(f"{family}", str(reg)), TTFont(f"{family}-Bold", str(bold))]
    for face in faces:
        if face.fontName not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(face)
    return frozenset(faces[0].face.charWidths) & frozenset(faces[1].face.charWidths)


def covers(family: str, text: str) -> bool:
    chars = _charset(family)
    return chars is not None and all(ord(c) in chars for c in set(text) if not c.isspace())


def pick_family(preferred: str, text: str) -> str:
    """The preferred family when installed and covering the text, else the first that does."""
    for name in (preferred, *(f.name for f in FAMILIES)):
        if covers(name, text):
            return name
    raise RuntimeError("no installed font covers the Kazakh alphabet; install fonts-dejavu-core")


def bold_name(family: str) -> str:
    return f"{family}-Bold"
