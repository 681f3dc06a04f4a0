"""How large the text is on the image OCR read: its x-height, in the image's own pixels.

Tesseract's FAQ puts the floor of its accuracy in these terms: "Below an x-height of 10 pixels, you
have very little chance of accurate results" (10-pt text at 300 dpi has about 20). A page whose text is
that small, a phone photo taken from afar or a coarse scan, may still be read right, but what is read
from it is no evidence to refuse a teacher on (`validators.evidence`).

The x-height is measured on the image, line by line, as typesetters find it: across a line of text, the
rows between the baseline and the top of the lowercase letters hold most of its ink; ascenders, capitals'
tops and descenders hold little. The band of rows holding at least 40 % of the densest row's ink is the
x-height. Tesseract gives the lines (its own x-height estimate in hOCR does not go below about 11 pixels,
whatever the text); only lines holding words are measured (a certificate's frame and rules are lines to
Tesseract too), and a band under 30 % of its line's height is a rule across it, not letters. A line
standing on its side (a page scanned sideways, read where it stands) is measured across its columns. On
text drawn at a known size in a sans and a serif face, sharp or blurred (Gaussian, up to 1.5 px), this
measure was within a pixel of the true x-height from 6 to 26 pixels (`tests/extractors/test_text_size.py`).
The page's figure is the median of its lines.
"""

from statistics import median

import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # left, top, width, height in the image's pixels

_BAND = 0.4  # a row inside the band holds at least this share of the densest row's ink
_MIN_LENGTH = 4  # a line at least this many times as long as it is thick: a line of text, not a mark
_MIN_SHARE = 0.3  # the least share of a line's height its x-height band takes
_MIN_CONTRAST = 40  # grey levels between ink and paper, below which a line's box holds no readable ink
_SAMPLES = 200  # pixels along a line that are looked at
_MAX_LINES = 16  # lines measured on a page
MIN_LINES = 3  # fewer lines measured than this and the page says nothing about its text's size


def line_x_height(image: Image.Image, box: Box) -> int | None:
    """The x-height of the one line of text in `box`, or None when the box holds no line to measure."""
    left, top, width, height = box
    thickness, length = min(width, height), max(width, height)
    if thickness < 3 or length < _MIN_LENGTH * thickness:
        return None
    inside = (max(0, left), max(0, top), min(image.width, left + width), min(image.height, top + height))
    if inside[2] <= inside[0] or inside[3] <= inside[1]:
        return None
    crop = np.asarray(image.crop(inside).convert("L"))
    standing = height > width  # on its side: the line's rows are the image's columns
    # Ink and paper are told apart on every n-th pixel along the line: the percentiles are the cost.
    step = max(1, length // _SAMPLES)
    lo, hi = np.percentile(crop[::step] if standing else crop[:, ::step], (2, 98))
    if hi - lo < _MIN_CONTRAST:
        return None
    rows = (crop < (lo + hi) / 2).sum(axis=0 if standing else 1)
    densest = int(rows.argmax())
    floor = _BAND * rows[densest]
    first = last = densest
    while first > 0 and rows[first - 1] >= floor:
        first -= 1
    while last < len(rows) - 1 and rows[last + 1] >= floor:
        last += 1
    band = last - first + 1
    # Lowercase letters fill about half a line's height or more; a band much thinner is a rule, an
    # underline or a printed background across the line, not its letters.
    return band if band >= _MIN_SHARE * thickness else None


def x_height(image: Image.Image, lines: list[Box]) -> float | None:
    """The median x-height (pixels) of the page's lines of text; None when fewer than MIN_LINES measure.
    At most _MAX_LINES lines, spread over the page, are measured."""
    chosen = lines[:: max(1, -(-len(lines) // _MAX_LINES))]
    heights = [h for box in chosen if (h := line_x_height(image, box)) is not None]
    return float(median(heights)) if len(heights) >= MIN_LINES else None
