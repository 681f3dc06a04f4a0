"""The extractors' entry point: one listed file in, one ExtractedDocument out, never an exception.

Every bad input becomes `unreadable` with the contract's reason (absent, empty, not_accepted_type,
password, broken). A file that opens but says nothing is *not* unreadable: it comes back with
pages of empty text, which the pipeline reports as extraction.low_confidence.

A file over settings.max_file_bytes is not opened at all. Whether it would open is unknown, so it
is not called unreadable (that would refuse the teacher on a guess); it comes back as its media
type with one blank page carrying limit_hit "file_too_large": reading stopped at a size limit,
which the contract sends to review (extraction.low_confidence).
"""

import hashlib

from extractors.base import LIMIT_FILE_TOO_LARGE, ExtractionFailed, blank_page
from extractors.embedded_signatures import pdf_signatures
from extractors.page_hash import page_hashes
from extractors.registry import EXTRACTORS
from extractors.sniff import sniff_media_type
from models.errors import InternalError
from models.extraction import ExtractedDocument, MediaType, Unreadable, UnreadableReason
from models.settings import Settings


def _unreadable(
    file: str, data: bytes | None, reason: UnreadableReason, detail: str, media_type: MediaType | None = None
) -> ExtractedDocument:
    return ExtractedDocument(
        file=file,
        sha256=hashlib.sha256(data).hexdigest() if data is not None else None,
        size=len(data) if data is not None else 0,
        media_type=media_type,
        unreadable=Unreadable(reason=reason, detail=detail),
    )


def too_large(
    file: str, size: int, sha256: str | None = None, media_type: MediaType | None = None
) -> ExtractedDocument:
    """A file over the size limit, not opened: one blank page that says so. The caller that knows the
    size from the storage listing gives neither digest nor type: its bytes are never read."""
    return ExtractedDocument(
        file=file, sha256=sha256, size=size, media_type=media_type, pages=(blank_page(1, LIMIT_FILE_TOO_LARGE),)
    )


def read_document(file: str, data: bytes | None, settings: Settings) -> ExtractedDocument:
    """Read one listed file (`data=None`: listed but not in the folder)."""
    if data is None:
        return _unreadable(file, None, "absent", "the file is listed in the manifest but not uploaded")
    if not data:
        return _unreadable(file, data, "empty", "the file is empty (0 bytes)")
    media_type = sniff_media_type(data)
    if media_type is None:
        return _unreadable(file, data, "not_accepted_type", "the content is not a PDF, JPEG, PNG or TIFF")
    sha256 = hashlib.sha256(data).hexdigest()
    if len(data) > settings.max_file_bytes:
        return too_large(file, len(data), sha256, media_type)
    try:
        pages = EXTRACTORS[media_type].extract(data, settings)
    except ExtractionFailed as exc:
        return _unreadable(file, data, exc.reason, exc.detail, media_type)
    except (InternalError, MemoryError):
        raise  # our environment is broken (no Tesseract) or out of memory: not the teacher's file
    except Exception as exc:  # a parser's bug on a hostile file is still a broken file, not a crash
        return _unreadable(file, data, "broken", f"{type(exc).__name__}: {exc}"[:500], media_type)
    signatures = pdf_signatures(data) if media_type == "application/pdf" else ()
    return ExtractedDocument(
        file=file,
        sha256=sha256,
        size=len(data),
        media_type=media_type,
        pages=pages,
        signatures=signatures,
        page_hashes=page_hashes(data, media_type, pages),
    )
