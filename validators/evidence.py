"""When a value read on a document is sure enough to refuse on.

Dates and IINs are digits, and OCR misreads digits while sure of itself: on independent scans and
photos, 2030 was read as 2050, 27.03 as 27.05 and an IIN's digit changed, each at a page confidence
above the threshold, and four clean teachers were refused on them. A number read by OCR is therefore
sure only when a second, digits-only reading of the same word agreed with the first
(`extractors.numbers`): two readers that share neither language model nor letter shapes. Otherwise it
can ask for a person, never refuse; a number from the document's own text layer can.
"""

from collections.abc import Iterable
from datetime import date

from models.extraction import DocumentReading, FieldValue, PageText

# Digits and blanks are what OCR gets wrong while sure of itself: a digit misread, a faint entry not read
# at all. A page read by OCR below this mean confidence is evidence enough to ask a person about them,
# never to refuse on: clean scans and phone photos of the field set read at 91-96, a blurred dark photo
# at 80. (A name or a category read as another one is no such slip: misreading yields near spellings,
# which the name check already sends to a person, so those keep the configured threshold.)
OCR_REFUSAL_CONFIDENCE = 85.0
# An OCR page whose words hold less of its ink than this was not read whole: a blank on it may be an entry
# that went unread (a blurred photo's form read at 89, its words covering 0.77 of the ink), and a count of
# its words may be short.
MIN_COVERAGE = 0.95
# Tesseract's FAQ: "Below an x-height of 10 pixels, you have very little chance of accurate results" (10-pt
# text at 300 dpi has about 20). A page whose text is smaller, a photo taken from afar or a coarse scan, may
# be read right, and then it can confirm a teacher's documents; it cannot refuse one: what was read from it
# asks a person instead. Measured by `extractors.text_size`.
MIN_X_HEIGHT = 10.0


def page_of(doc: DocumentReading, value: FieldValue) -> PageText | None:
    """The page a value was read on."""
    return next((p for p in doc.extracted.pages if p.number == value.evidence.page), None)


def read_whole(page: PageText) -> bool:
    """A page whose text was all read: a text layer, or OCR whose words cover the page's ink."""
    return page.source == "text_layer" or page.coverage is None or page.coverage >= MIN_COVERAGE


def legible(page: PageText) -> bool:
    """A page whose text was large enough, as OCR saw it, to refuse on what was read from it: a text layer,
    or OCR'd text of at least MIN_X_HEIGHT (or too few words to measure: nothing against it)."""
    return page.source == "text_layer" or page.x_height is None or page.x_height >= MIN_X_HEIGHT


def smallest_illegible(pages: Iterable[PageText | None]) -> float | None:
    """The x-height of the smallest text among `pages` too small to refuse on; None when every one is
    `legible` (for a finding's evidence)."""
    small = [p.x_height for p in pages if p is not None and not legible(p) and p.x_height is not None]
    return min(small) if small else None


def legible_at(doc: DocumentReading, value: FieldValue) -> bool:
    """The page `value` was read on is `legible`."""
    page = page_of(doc, value)
    return page is not None and legible(page)


def sure_reading(doc: DocumentReading, value: FieldValue, threshold: float) -> bool:
    """A value (or a blank) read with at least `threshold` confidence, from the text layer or from a page
    that OCR read well enough, and at a large enough size, to refuse on."""
    page = page_of(doc, value)
    if page is None or value.evidence.confidence < threshold or not legible(page):
        return False
    return page.source == "text_layer" or page.confidence >= OCR_REFUSAL_CONFIDENCE


def sure_number(doc: DocumentReading, value: FieldValue, threshold: float) -> bool:
    """A date or an IIN read surely (`sure_reading`), from the text layer or, by OCR, confirmed by the
    second reading."""
    if not sure_reading(doc, value, threshold):
        return False
    page = page_of(doc, value)
    return page is not None and (
        page.source == "text_layer" or bool(_written_forms(value.value) & set(page.checked_numbers))
    )


def _written_forms(value: str) -> set[str]:
    """The digits a value may have been written with: an IIN as it is; an ISO date as d.m.yyyy with or
    without leading zeros."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return {value} if value.isdigit() else set()
    return {f"{d}{m}{day.year}" for d in (f"{day.day:02d}", str(day.day)) for m in (f"{day.month:02d}", str(day.month))}


def sure_blank(doc: DocumentReading, value: FieldValue, threshold: float) -> bool:
    """An entry read as blank on a page read surely (`sure_reading`) and, by OCR, read whole: an entry
    nothing was read in is blank only if nothing on the page went unread."""
    if not sure_reading(doc, value, threshold):
        return False
    page = page_of(doc, value)
    return page is not None and read_whole(page)
