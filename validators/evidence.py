"""When a value read on a document is sure enough to refuse on.

Dates and IINs are digits, and OCR misreads digits while sure of itself: on independent scans and
photos, 2030 was read as 2050, 27.03 as 27.05 and an IIN's digit changed, each at a page confidence
above the threshold, and four clean teachers were refused on them. A number read by OCR can
therefore ask for a person, never refuse; a number from the document's own text layer can.
"""

from models.extraction import DocumentReading, FieldValue


def sure_number(doc: DocumentReading, value: FieldValue, threshold: float) -> bool:
    """A date or an IIN read from the text layer with at least `threshold` confidence."""
    page = next((p for p in doc.extracted.pages if p.number == value.evidence.page), None)
    return page is not None and page.source == "text_layer" and value.evidence.confidence >= threshold
