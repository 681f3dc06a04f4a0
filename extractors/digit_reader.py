"""Tesseract's English model restricted to digits, held in the reading process: the second and third
readings of numbers (`extractors.numbers`).

A Tesseract command costs about 0.17 s to start and load its model, whatever it reads; a scanned page
whose dates and IINs are each read alone paid that once a word, which made scanned pages 1.6 times as
costly as Tesseract's own reading of them. Held in the process through Tesseract's C API (tesserocr), the
model is loaded once, when a process first meets a number (about 0.2 s), and a word costs a few
milliseconds. The language data is the installed Tesseract's, found by asking the `tesseract` command.
"""

from __future__ import annotations

import functools
import re
import subprocess
import threading
from dataclasses import dataclass

import tesserocr
from PIL import Image

from models.errors import InternalError

LANGUAGE = "eng"
WHITELIST = "0123456789./-:"


@dataclass(frozen=True)
class DigitWord:
    """One word of a digits-only reading: its text and vertical place on the image read."""

    text: str
    top: int
    height: int


@functools.cache
def tessdata_folder() -> str:
    """The folder of the installed Tesseract's language data, as `tesseract --list-langs` names it."""
    try:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InternalError(f"tesseract is not installed or not on PATH: {exc}") from exc
    found = re.search(r'"([^"]+)"', listing.stdout + listing.stderr)
    if found is None or LANGUAGE not in listing.stdout.split():
        raise InternalError(f"tesseract lacks language data {LANGUAGE!r} (install tesseract-ocr-eng)")
    return found.group(1)


class DigitReader:
    """One Tesseract engine for digits, made on first use; a lock, because a process may read in threads."""

    def __init__(self) -> None:
        self._api: tesserocr.PyTessBaseAPI | None = None
        self._lock = threading.Lock()

    def _engine(self) -> tesserocr.PyTessBaseAPI:
        if self._api is None:
            api = tesserocr.PyTessBaseAPI(path=tessdata_folder(), lang=LANGUAGE)
            api.SetVariable("tessedit_char_whitelist", WHITELIST)
            self._api = api
        return self._api

    @property
    def loaded(self) -> bool:
        return self._api is not None

    def warm(self) -> None:
        """Load the model now: the fork server does (`workers.warm_up`) before it forks the workers, and
        they their reading children, so that none of them loads it again."""
        with self._lock:
            self._engine()

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
