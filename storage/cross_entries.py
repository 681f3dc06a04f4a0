"""What the cross-submission index keeps of one submission: its essay's shingles and signature, and
each document's digest, number, printed numbers and page hash. Built from the readings, pure.

An entry never holds the essay's text, only 32-bit hashes of its word pairs; the applicant is kept
as a digest of the IIN, enough to tell one applicant from another.
"""

from __future__ import annotations

import base64
import hashlib

import numpy as np
from pydantic import Field

from models.base import Frozen, Kind
from models.extraction import DocumentReading
from validators.identifying_numbers import document_number, printed_numbers
from validators.shingles import NUM_PERM, essay_shingles, signature

# Kinds whose copies in two applicants' submissions mean something: issued to one person.
PERSONAL_KINDS: frozenset[Kind] = frozenset(
    {"diploma", "retraining_certificate", "course_certificate", "category_certificate", "employment_record"}
)


def pack(values: np.ndarray) -> str:
    return base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def unpack(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


class IndexedDocument(Frozen):
    file: str
    kind: Kind
    sha256: str | None = None
    number: str | None = None  # the identifying number (validators.identifying_numbers)
    numbers: tuple[str, ...] = ()  # every number of four digits or more printed on it
    page_hash: str | None = None


class IndexedEssay(Frozen):
    shingles: str  # packed sorted uint32 shingle hashes
    signature: str  # packed uint32 MinHash values (NUM_PERM of them)


class Entry(Frozen):
    submission_id: str
    applicant: str  # a digest of the IIN
    input_sha256: str
    essay: IndexedEssay | None = None
    documents: tuple[IndexedDocument, ...] = Field(default_factory=tuple)


def applicant_digest(iin: str) -> str:
    return hashlib.sha256(f"attest-applicant:{iin}".encode()).hexdigest()[:20]


def essay_text(readings: tuple[DocumentReading, ...]) -> str | None:
    """The essay's text, several files joined (a handwritten essay scanned page by page)."""
    texts = [
        r.extracted.text
        for r in readings
        if r.declared_kind == "essay" and r.extracted.unreadable is None and r.extracted.text.strip()
    ]
    return "\n".join(texts) if texts else None


def build_entry(submission_id: str, iin: str, input_sha256: str, readings: tuple[DocumentReading, ...]) -> Entry:
    text = essay_text(readings)
    essay = None
    if text is not None:
        shingles = essay_shingles(text)
        if shingles.size:
            sig = signature(shingles.tolist())
            essay = IndexedEssay(shingles=pack(shingles), signature=pack(np.asarray(sig.hashvalues[:NUM_PERM])))
    documents = tuple(
        IndexedDocument(
            file=r.file,
            kind=r.declared_kind,
            sha256=r.extracted.sha256,
            number=document_number(r.extracted.text),
            numbers=printed_numbers(r.extracted.text),
            page_hash=r.extracted.page_hashes[0] if r.extracted.page_hashes else None,
        )
        for r in readings
        if r.declared_kind in PERSONAL_KINDS and r.extracted.unreadable is None
    )
    return Entry(
        submission_id=submission_id,
        applicant=applicant_digest(iin),
        input_sha256=input_sha256,
        essay=essay,
        documents=documents,
    )
