"""Which way up a page stands: Tesseract's orientation detection (OSD), held in the reading process.

Run as a `tesseract --psm 0` command it cost about 0.19 s of CPU a page, two thirds of it starting the
command and loading its data; held in the process (`extractors.held_engine`), the same detection on the
same half-size copy costs about 0.06 s. Only pages that read poorly, and pages whose numbers Tesseract
read standing, are asked (`extractors.ocr`). No time limit of its own: the page is at most
`max_page_pixels`, halved, and the file's reading child has its limit (`workers.bounded`).
"""

from __future__ import annotations

import tesserocr
from PIL import Image

from extractors.held_engine import HeldEngine

LANGUAGE = "osd"
MIN_CONFIDENCE = 0.25
"""A guess below this confidence is noise (a skewed English page: 0.06), and acting on it would cost a
second OCR of the page for nothing. Turned pages of the field set measured 0.3-3.0 on the half-size copy;
a wrong guess above the bar costs a second read, never a worse page (the better read is kept)."""


class OrientationReader(HeldEngine):
    """Tesseract's orientation and script data, for OSD alone."""

    language = LANGUAGE

    def _configure(self, api: tesserocr.PyTessBaseAPI) -> None:
        api.SetPageSegMode(tesserocr.PSM.OSD_ONLY)
        api.SetVariable("min_characters_to_try", "5")  # a sparse form page has few letters to judge by

    def turn(self, page: Image.Image) -> int:
        """Degrees (90, 180, 270) to turn the page clockwise to stand upright; 0 when it stands upright
        or OSD cannot tell (too few letters, a guess below `MIN_CONFIDENCE`).

        The half-size copy is asked first. A turn it guesses too unsure to act on is asked again of the
        page itself, whose letters are twice as large (0.18 s instead of 0.06): a sparse form fed upside
        down was 180 at 0.16 on the half-size copy and 180 at 1.65 on the page, and went to a person unread.
        """
        grey = page.convert("L")
        found = self._detect(grey.reduce(2))
        if found is not None and found[0] and found[1] < MIN_CONFIDENCE:
            found = self._detect(grey)
        if found is None or found[1] < MIN_CONFIDENCE:
            return 0
        return found[0]

    def _detect(self, image: Image.Image) -> tuple[int, float] | None:
        """OSD's turn (degrees clockwise to stand upright: 0, 90, 180, 270) and its confidence; None when it
        found nothing to judge by."""
        with self._lock:
            api = self._engine()
            api.SetImage(image)
            found = api.DetectOrientationScript()
            api.Clear()
        if not found:
            return None
        # OSD names the way the text faces (270: its tops point left); the page is turned the other way back.
        rotate = (360 - int(found.get("orient_deg", 0))) % 360
        return (rotate if rotate in (90, 180, 270) else 0), float(found.get("orient_conf", 0.0))


ORIENTATION = OrientationReader()
