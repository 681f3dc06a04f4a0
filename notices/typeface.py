"""The notice's font: a TrueType face embedded in the PDF that carries every Kazakh letter.

The standard PDF fonts have no ә ғ қ ң ө ұ ү һ і, so a notice without an embedded face would
print blanks. DejaVu Sans comes first (Debian `fonts-dejavu-core`, which the Makefile installs);
FreeSans and Liberation Sans are fallbacks. A face is used only if it maps every letter the
notice needs, so a fallback never silently drops a letter.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from models.errors import InternalError

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
# Beyond the Kazakh letters: Russian, and the signs the notice itself prints.
REQUIRED_TEXT = KAZAKH_LETTERS + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЯЁ№«»—–…"

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/truetype/freefont"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
# (regular, bold) file names, best first.
FACES: tuple[tuple[str, str], ...] = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
)

REGULAR = "AttestNoticeSans"
BOLD = "AttestNoticeSans-Bold"


class FontMissingError(InternalError):
    """No usable font: the machine lacks fonts-dejavu-core (or FreeFont), so no notice can be made."""


@dataclass(frozen=True)
class FontPair:
    regular: Path
    bold: Path


def _covers(path: Path) -> bool:
    """Whether the face maps every character the notice prints (a missing glyph prints as a box)."""
    try:
        face = TTFont("probe", str(path)).face
    except Exception:
        return False
    return all(ord(ch) in face.charToGlyph for ch in REQUIRED_TEXT)


def find_fonts(dirs: tuple[Path, ...] = FONT_DIRS) -> FontPair:
    """The first (regular, bold) pair found in `dirs` that covers the notice's letters."""
    for regular_name, bold_name in FACES:
        for folder in dirs:
            regular, bold = folder / regular_name, folder / bold_name
            if regular.is_file() and _covers(regular):
                return FontPair(regular, bold if bold.is_file() and _covers(bold) else regular)
    looked = ", ".join(str(d) for d in dirs)
    raise FontMissingError(
        "no TrueType font with the Kazakh letters (ә ғ қ ң ө ұ ү һ і) was found in "
        f"{looked}; install the Debian package fonts-dejavu-core (or fonts-freefont-ttf)"
    )


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the pair with reportlab once per process; returns the (regular, bold) font names."""
    pair = find_fonts()
    pdfmetrics.registerFont(TTFont(REGULAR, str(pair.regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(pair.bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD
