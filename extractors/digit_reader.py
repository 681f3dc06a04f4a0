"""Tesseract's English model restricted to digits, held in the reading process: the second and third
readings of numbers (`extractors.numbers`).

A Tesseract command costs about 0.17 s to start and load its model, whatever it reads; a scanned page
whose dates and IINs are each read alone paid that once a word, which made scanned pages 1.6 times as
costly as Tesseract's own reading of them. Held in the process (`extractors.held_engine`), the model is
loaded once (about 0.2 s), and a word costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import tesserocr
from PIL import Image

from extractors.held_engine import HeldEngine

LANGUAGE = "eng"
WHITELIST = "0123456789./-:"


@dataclass(frozen=True)
class DigitWord:
    """One word of a digits-only reading: its text and vertical place on the image read."""

    text: str
    top: int
    height: int


class DigitReader(HeldEngine):
    """Tesseract's English model restricted to digits."""

    language = LANGUAGE

    def _configure(self, api: tesserocr.PyTessBaseAPI) -> None:
        api.SetVariable("tessedit_char_whitelist", WHITELIST)

    def block(self, image: Image.Image, resolution: int, timeout_s: float) -> list[DigitWord] | None:
        """The words of an image read as one block of text (`--psm 6`); None when the time ran out."""
        with self._lock:
            api = self._engine()
            api.SetPageSegMode(tesserocr.PSM.SINGLE_BLOCK)
            api.SetImage(image)
            api.SetSourceResolution(resolution)
            if not api.Recognize(timeout=max(1, round(timeout_s * 1000))):
                api.Clear()
                return None
            words: list[DigitWord] = []
            iterator = api.GetIterator()
            level = tesserocr.RIL.WORD
            for word in tesserocr.iterate_level(iterator, level):
                text = _text_of(word, level)
                box = word.BoundingBox(level)
                if text and box is not None:
                    words.append(DigitWord(text=text, top=box[1], height=box[3] - box[1]))
            api.Clear()
            return words

    def line(self, image: Image.Image, resolution: int) -> str | None:
        """An image read as one raw line of text (`--psm 13`, no layout analysis): a word cut out alone."""
        with self._lock:
            api = self._engine()
            api.SetPageSegMode(tesserocr.PSM.RAW_LINE)
            api.SetImage(image)
            api.SetSourceResolution(resolution)
            try:
                raw = api.GetUTF8Text() or ""
            except RuntimeError:  # nothing recognised (a speck, a rule): tesserocr raises "No text returned"
                raw = ""
            text = "".join(raw.split())  # one word: a space in it is a misreading
            api.Clear()
            return text or None


def _text_of(word: tesserocr.PyResultIterator, level: int) -> str:
    """A word's text; "" where Tesseract found a blob but no text in it (a speck, a table rule), which
    tesserocr reports by raising "No text returned"."""
    try:
        return str(word.GetUTF8Text(level) or "").strip()
    except RuntimeError:
        return ""


DIGITS = DigitReader()
