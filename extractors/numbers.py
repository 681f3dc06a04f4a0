"""Every number on an OCR page read twice: once by the page's language models, once by a digits-only reading.

The Kazakh and Russian models read digits through their language's letter shapes and make systematic
mistakes on some typefaces (a serif "3" read as "5" in every IIN and date of a page, read with
confidence 92-96): a date or an IIN misread that way refused clean teachers, or sent them to a person.
A second reading of the same word boxes with Tesseract's English model restricted to digits and their
separators shares neither the language model nor its letter shapes. Where the two agree, the number is
confirmed (`PageText.checked_numbers`). Where they differ, the word is read a third time on its own, and
the number two of the three readings agree on is kept and confirmed; with no two agreeing, the page keeps
the word read alone, and nothing resting on that number is sure enough to refuse on. A date or an IIN,
on which a refusal can rest, is always read alone too, and is confirmed only with that reading among the
two that agree: the first two readings can share a misreading (one scanned validity date, read "05" for
"03" by both, refused a clean teacher).

The numeric words of a page are cut out, stacked one above the other with white space between them and
read in one call of a Tesseract engine the reading process holds (`extractors.digit_reader`); a word read
alone costs a few milliseconds.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

from extractors.digit_reader import DIGITS
from models.settings import Settings

_MIN_DIGITS = 4  # a year, a date, an IIN, a registration number; shorter numbers decide nothing
# A word that is a number: digits with separators, perhaps in brackets or quotes or before punctuation.
_NUMERIC_WORD = re.compile(r"^[(\[«\"№]?[\d.,:/\-–]+[)\]»\".,;:]*$")
_GLUED = re.compile(r"^(.*\d[.,;:)]?)([^\W\d]{1,3})$")  # a number, then up to three letters
# A label glued to its number when OCR lost the space after the colon: "ИИН:730227323967" on a photographed
# form, whose IIN the Kazakh and Russian models read "750227525967" and no second reading checked.
_LABELLED = re.compile(r"^([^\W\d]{2,8}:)(\S+)$")
# Each word is cut out with a margin of 0.3 of its height: a fixed margin of 20 pixels took in the next line
# of a phone photo read at 150 dpi (an IIN read "1:11125451495"), one of 6 read PT Sans "30.03.2025" as
# "40.03.2025". Small digits (17 pixels high on such a photo) are misread at their own size, so the second
# reading scales words under 28 pixels up, and the third reads every word at 56 pixels high. Not every word:
# scaled up, PT Sans digits at 300 dpi were read with the same "5" for "3" as the first reading, and two
# readings agreeing on a wrong number is the one outcome that must not happen.
_MARGIN = 0.3
_SMALL = 28
_HEIGHT = 56
_MAX_SCALE = 4.0
_GAP = 28  # white pixels between the stacked words
_MAX_WORDS = 60  # a table of figures: the first words are enough for the fields a check reads

Box = tuple[int, int, int, int]  # left, top, width, height


@dataclass(frozen=True)
class NumberReading:
    """The second reading of one numeric word: the text to keep and whether both readings agree."""

    text: str
    agreed: bool


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


# The day of a form's date, in its quotes: «03» декабря 2026 года (read «05» once, and the form was dated
# after its own submission).
_QUOTED_DAY = re.compile(r"^[«\"“]\d{1,2}[»\"”]$")


def is_numeric_word(word: str) -> bool:
    """A word worth reading twice: a number of at least four digits, nothing else but separators, or the
    day of a date in its quotes."""
    return bool(_QUOTED_DAY.match(word)) or (bool(_NUMERIC_WORD.match(word)) and len(digits_of(word)) >= _MIN_DIGITS)


def _enough_digits(number: str, reading: str) -> bool:
    """A reading of `number` holds enough digits to be a number at all."""
    return len(digits_of(reading)) >= (1 if _QUOTED_DAY.match(number) else _MIN_DIGITS)


def numeric_part(word: str) -> tuple[str, str, str] | None:
    """The number a word holds, with what is glued before and after it: ("", "13.03.2023,", "с") for
    "13.03.2023,с", when OCR lost the space after a comma; ("ИИН:", "730227323967", "") for a label glued
    to its number; ("", word, "") for a number alone; None for anything else."""
    lead, rest = "", word
    labelled = _LABELLED.match(word)
    if labelled:
        lead, rest = labelled.group(1), labelled.group(2)
    if is_numeric_word(rest):
        return lead, rest, ""
    m = _GLUED.match(rest)
    if m and is_numeric_word(m.group(1)):
        return lead, m.group(1), m.group(2)
    return None


def numeric_words(words: Sequence[str]) -> list[int]:
    """The indices of the words worth reading twice."""
    return [i for i, w in enumerate(words) if numeric_part(w)][:_MAX_WORDS]


def _printed_width(text: str) -> float:
    """A rough width of printed text, in digits: capitals and letters are wider, a colon narrower."""
    return sum(1.0 if c.isdigit() else 0.4 if c in ".,:;" else 1.3 for c in text)


def _number_box(word: str, box: Box) -> Box:
    """The part of a word's box its number takes: by its share of the word's characters. A label glued
    before it is left out by its printed width, and the crop's margin with it (`_word_crop` widens the box
    by 0.3 of its height): a colon left in was read as a "1", and an IIN of thirteen digits is no IIN."""
    lead, number, glued = numeric_part(word) or ("", word, "")
    if not lead and not glued:
        return box
    left, top, width, height = box
    start = round(width * _printed_width(lead) / _printed_width(word) + _MARGIN * height) if lead else 0
    span = round((width - start) * len(number) / len(word[len(lead) :]))
    return left + start, top, max(1, span), height


def standing(boxes: Sequence[Box]) -> bool:
    """Most of these word boxes are taller than wide: the page was read sideways, its lines standing."""
    return sum(1 for _, _, width, height in boxes if height > 1.5 * width) * 2 > len(boxes)


def reread_numbers(
    image: Image.Image,
    words: Sequence[str],
    boxes: Sequence[Box],
    settings: Settings,
    resolution: int,
    turn: int = 0,
) -> dict[int, NumberReading]:
    """The second reading of every numeric word, keyed by the word's index; each word cut out is turned
    `turn` degrees clockwise first (a page read sideways). A word the digits-only reading finds nothing in
    is left out (its first reading stands, unconfirmed)."""
    chosen = numeric_words(words)
    if not chosen:
        return {}
    image = image if image.mode == "L" else image.convert("L")  # once, not once a word (1-bit pages)
    number_boxes = {i: _number_box(words[i], boxes[i]) for i in chosen}
    strip, spans = _stack(image, [number_boxes[i] for i in chosen], turn)
    read = DIGITS.block(strip, resolution, settings.ocr_page_timeout_s)
    if read is None:  # out of time: the first reading stands, unconfirmed
        return {}
    found: dict[int, list[str]] = {}
    for word in read:
        middle = word.top + word.height // 2
        slot = next((n for n, (top, bottom) in enumerate(spans) if top <= middle < bottom), None)
        if slot is not None:
            found.setdefault(slot, []).append(word.text)
    out: dict[int, NumberReading] = {}
    for slot, index in enumerate(chosen):
        second = "".join(found.get(slot, []))
        lead, number, glued = numeric_part(words[index]) or ("", words[index], "")
        if decisive(number):
            # A date or an IIN may decide a refusal: the word read alone must be one of the two that agree.
            third = _read_alone(image, number_boxes[index], resolution, turn)
            settled = _settled_by_the_third(number, second, third)
        elif not _enough_digits(number, second):
            continue
        elif digits_of(second) == digits_of(number):
            settled = NumberReading(text=number, agreed=True)
        else:
            third = _read_alone(image, number_boxes[index], resolution, turn)
            settled = _settled(number, second, third if third and _enough_digits(number, third) else None)
        out[index] = NumberReading(text=lead + settled.text + glued, agreed=settled.agreed)
    return out


_DATE_SHAPE = re.compile(r"\d{1,2}\s?[./]\s?\d{1,2}\s?[./]\s?\d{4}")


def decisive(number: str) -> bool:
    """A number a refusal can rest on: a date (d.m.yyyy) or an IIN-long run of digits."""
    return bool(_DATE_SHAPE.search(number)) or len(digits_of(number)) in (11, 12, 13)


def _settled_by_the_third(first: str, second: str, third: str | None) -> NumberReading:
    """A date or an IIN, confirmed only when the word read alone agrees with the first or the second
    reading: the language models and the digits-only strip once agreed on "02.05.2027" for a scanned
    "02.03.2027" (read right alone), and a clean teacher was refused on it. Without that agreement the
    word read alone is kept, unconfirmed, if it still has a date's or an IIN's shape: read alone, some
    faces lose their dots ("22.12.2024" read "22129024"), and a date that lost its shape is no date at all."""
    if third is None or len(digits_of(third)) < _MIN_DIGITS:
        return NumberReading(text=first, agreed=False)
    if digits_of(third) == digits_of(first):
        return NumberReading(text=first, agreed=True)
    agreed = digits_of(third) == digits_of(second)
    shaped = next((t for t in (third, second if agreed else "") if t and decisive(t)), None)
    return NumberReading(text=_keep_edges(first, shaped) if shaped else first, agreed=agreed and shaped is not None)


def _settled(first: str, second: str, third: str | None) -> NumberReading:
    """Two readings that disagree, settled by a third (the word read alone, digits only): the number two
    of them agree on, confirmed; with no two agreeing, the word read alone, unconfirmed."""
    if third is not None and digits_of(third) == digits_of(first):
        return NumberReading(text=first, agreed=True)
    if third is not None and digits_of(third) == digits_of(second):
        return NumberReading(text=_keep_edges(first, second), agreed=True)
    if third is not None and digits_of(third):
        return NumberReading(text=_keep_edges(first, third), agreed=False)
    return NumberReading(text=first, agreed=False)


def _read_alone(image: Image.Image, box: Box, resolution: int, turn: int) -> str | None:
    """One word read on its own as a raw line of digits (no layout analysis)."""
    return DIGITS.line(_word_crop(image, box, turn, always_scale=True), resolution)


def _word_crop(image: Image.Image, box: Box, turn: int, *, always_scale: bool) -> Image.Image:
    """A word cut out of the grey page with its margin, turned upright and scaled to 56 pixels high: always, or only when
    it is small."""
    left, top, width, height = box
    across = width if turn in (90, 270) else height  # the height of the word's letters, upright
    margin = max(3, round(_MARGIN * across))
    crop = image.crop((max(0, left - margin), max(0, top - margin), left + width + margin, top + height + margin))
    if turn:
        crop = crop.rotate(-turn, expand=True, fillcolor=255)
    scale = min(_MAX_SCALE, _HEIGHT / max(1, across))
    if scale > 1.0 and (always_scale or across < _SMALL):
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)
    return crop


def _keep_edges(first: str, second: str) -> str:
    """The second reading, with the brackets and punctuation the first reading saw around the number."""
    lead = re.match(r"^[(\[«\"№]*", first)
    tail = re.search(r"[)\]»\",;]*$", first)
    return f"{lead.group(0) if lead else ''}{second}{tail.group(0) if tail else ''}"


def _stack(image: Image.Image, boxes: Sequence[Box], turn: int) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The words cut out (`_word_crop`) and stacked on a white strip, and each one's vertical span on it."""
    crops = [_word_crop(image, box, turn, always_scale=False) for box in boxes]
    width = max(c.width for c in crops) + 2 * _GAP
    height = sum(c.height + _GAP for c in crops) + _GAP
    strip = Image.new("L", (width, height), 255)
    spans: list[tuple[int, int]] = []
    y = _GAP
    for crop in crops:
        strip.paste(crop, (_GAP, y))
        spans.append((y - _GAP // 2, y + crop.height + _GAP // 2))
        y += crop.height + _GAP
    return strip, spans
