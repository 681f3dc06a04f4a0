"""When a value read on a document is sure enough to refuse on.

Dates and IINs are digits, and OCR misreads digits while sure of itself: on independent scans and
photos, 2030 was read as 2050, 27.03 as 27.05 and an IIN's digit changed, each at a page confidence
above the threshold, and four clean teachers were refused on them. A number read by OCR is therefore
sure only when a second, digits-only reading of the same word agreed with the first
(`extractors.numbers`): two readers that share neither language model nor letter shapes. Otherwise it
can ask for a person, never refuse; a number from the document's own text layer can.
"""

from datetime import date

from models.extraction import DocumentReading, FieldValue


def sure_number(doc: DocumentReading, value: FieldValue, threshold: float) -> bool:
    """A date or an IIN read with at least `threshold` confidence, from the text layer or, by OCR, confirmed
    by the second reading."""
    page = next((p for p in doc.extracted.pages if p.number == value.evidence.page), None)
    if page is None or value.evidence.confidence < threshold:
        return False
    if page.source == "text_layer":
        return True
    return bool(_written_forms(value.value) & set(page.checked_numbers))


def _written_forms(value: str) -> set[str]:
    """The digits a value may have been written with: an IIN as it is; an ISO date as d.m.yyyy with or
    without leading zeros."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return {value} if value.isdigit() else set()
    return {f"{d}{m}{day.year}" for d in (f"{day.day:02d}", str(day.day)) for m in (f"{day.month:02d}", str(day.month))}
