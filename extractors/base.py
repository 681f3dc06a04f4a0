"""The extractor interface: one implementation per source format, chosen by sniffed media type."""

from typing import Protocol

from models.extraction import PageText, UnreadableReason
from models.settings import Settings

# Values of PageText.limit_hit produced here. Each one means "reading stopped short", which the
# pipeline reports as extraction.low_confidence (review), never as document.unreadable.
LIMIT_OCR_TIMEOUT = "ocr_timeout"
LIMIT_OCR_FAILED = "ocr_failed"
LIMIT_PAGE_TOO_LARGE = "page_too_large"
LIMIT_RENDER_FAILED = "render_failed"
LIMIT_MAX_PAGES = "max_pages"
LIMIT_FILE_TOO_LARGE = "file_too_large"


class ExtractionFailed(Exception):
    """The whole file cannot be read; `read_document` turns this into `Unreadable`, never lets it out."""

    def __init__(self, reason: UnreadableReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason: UnreadableReason = reason
        self.detail = detail


class Extractor(Protocol):
    """Bytes of one accepted format in, one PageText per page out.

    Raises ExtractionFailed when no page at all can be read (password, broken); a page that opens
    but yields nothing is returned with empty text (and `limit_hit` when a limit stopped it).
    """

    def extract(self, data: bytes, settings: Settings) -> tuple[PageText, ...]: ...


def blank_page(number: int, limit_hit: str | None) -> PageText:
    """A page that was not read (or read nothing): empty text, no confidence."""
    return PageText(number=number, text="", source="none", confidence=0.0, limit_hit=limit_hit)
