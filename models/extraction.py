"""What the extractors read from one file, and what the interpreters make of it."""

from typing import Literal

from pydantic import Field

from models.base import Frozen, Kind
from models.cross_submission import PdfSignature
from models.verdict import TextSource

UnreadableReason = Literal["absent", "empty", "not_accepted_type", "password", "broken"]
MediaType = Literal["application/pdf", "image/jpeg", "image/png", "image/tiff"]


class PageText(Frozen):
    """One page's text. `confidence` is 0-100 (Tesseract's mean word confidence); 100 for a text layer."""

    number: int = Field(ge=1)
    text: str
    source: TextSource
    confidence: float = Field(ge=0, le=100)
    limit_hit: str | None = None  # e.g. "ocr_timeout", "page_too_large": why reading stopped
    # OCR pages: the share of the page's ink inside the recognised words (0-1); below ~0.95 a region
    # of text went unread. None for a text layer (complete by construction) or a page without ink.
    coverage: float | None = Field(default=None, ge=0, le=1)
    turned: Literal[0, 90, 180, 270] = 0  # degrees an OCR page was turned clockwise to read upright
    codes: tuple[str, ...] = ()  # OCR pages: the payloads of the QR codes on the page (numbers, links)
    # OCR pages: the digits of the numbers a second, digits-only reading agreed on (extractors.numbers)
    checked_numbers: tuple[str, ...] = ()
    # OCR'd first pages: the perceptual hash of the image read (extractors.page_hash), made while it is decoded
    image_hash: str | None = None
    # OCR pages: the median x-height of the text in the pixels of the image read (extractors.text_size);
    # None for a text layer or a page with too few words to measure
    x_height: float | None = Field(default=None, ge=0)


class Unreadable(Frozen):
    reason: UnreadableReason
    detail: str


class ExtractedDocument(Frozen):
    file: str
    sha256: str | None
    size: int
    media_type: MediaType | None
    pages: tuple[PageText, ...] = ()
    unreadable: Unreadable | None = None
    signatures: tuple[PdfSignature, ...] = ()  # a PDF's own electronic signatures (extractors.embedded_signatures)
    page_hashes: tuple[str, ...] = ()  # perceptual hashes of the first pages' images (extractors.page_hash)

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)

    @property
    def text_source(self) -> TextSource:
        sources = {p.source for p in self.pages if p.text.strip()}
        if "ocr" in sources:
            return "ocr"
        if "text_layer" in sources:
            return "text_layer"
        return "none"

    @property
    def min_confidence(self) -> float | None:
        confs = [p.confidence for p in self.pages if p.text.strip()]
        return min(confs) if confs else None


class Evidence(Frozen):
    """Where a field value was read: a person can find it again on the page."""

    page: int
    text: str
    confidence: float = Field(ge=0, le=100)


class FieldValue(Frozen):
    value: str
    evidence: Evidence


class WordCount(Frozen):
    words: int  # the contract's rule
    office_words: int  # every token between white space / en / em dashes (what a word processor shows)


class DocumentReading(Frozen):
    """One listed document after reading and interpretation: the input of every check."""

    file: str
    declared_kind: Kind
    extracted: ExtractedDocument
    detected_kind: Kind | None = None
    kind_confidence: float = 0.0
    kind_scores: dict[Kind, float] | None = None  # every kind's score, so the checks need not score again
    kind_words: int | None = None  # the words those scores were given on
    fields: dict[str, FieldValue] = Field(default_factory=dict)
    names: tuple[FieldValue, ...] = ()  # every person named as a holder/listed (orders list many)
    word_count: WordCount | None = None
