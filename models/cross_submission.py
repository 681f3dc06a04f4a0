"""What the cross-submission index found for one submission, and what reading learnt of a file's integrity.

The index lives at the edge (`storage.cross_index`); the checks that read these models are pure
(`validators.duplicate_essays`, `validators.reused_documents`, `validators.signature_broken`).
"""

from typing import Literal

from pydantic import Field

from models.base import Frozen

ReuseReason = Literal["same_file", "same_number", "same_image"]


class EssayMatch(Frozen):
    """Another applicant's essay of the same academic year that this essay nearly repeats."""

    submission_id: str
    similarity: float = Field(ge=0, le=1)  # Jaccard of the two essays' shingles, boilerplate dropped
    shared_passage: str  # the longest run of this essay's words the other essay also holds


class DocumentMatch(Frozen):
    """Another applicant's document that is this one: the same file, number or page image."""

    file: str  # this submission's file
    other_submission_id: str
    other_file: str
    reason: ReuseReason
    number: str | None = None  # the registration/series number both carry
    distance: int | None = None  # bits that differ between the two page-image hashes


class CrossMatches(Frozen):
    essays: tuple[EssayMatch, ...] = ()
    documents: tuple[DocumentMatch, ...] = ()


class PdfSignature(Frozen):
    """One electronic signature embedded in a PDF, as pyHanko validated it (trust is not judged here:
    the issuers' roots are not configured, so `intact` says the file is what was signed, no more)."""

    field: str
    signer: str | None = None  # the signing certificate's subject, as printed
    algorithm: str | None = None  # the signature mechanism, e.g. "sha256_rsa", "ecdsa", a GOST OID
    checkable: bool = True  # False: an algorithm pyHanko cannot verify (GOST); recorded, not held against anyone
    intact: bool | None = None  # the signed bytes hash to the signed digest and the signature verifies
    covers_whole_file: bool | None = None  # nothing was appended after the signature
    modified_after: bool = False  # appended changes beyond what a signed form allows
    detail: str = ""
