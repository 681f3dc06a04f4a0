"""A PDF's own electronic signatures (egov and providers sign some documents), validated with pyHanko.

Only the file's integrity is judged: whether each signature still matches the bytes it signed and
whether anything was changed after signing. Trust in the signer is not: the issuers' roots (НУЦ РК)
are not configured, and an untrusted but intact signature says nothing against the applicant.
A GOST signature (Kazakhstan's national algorithms, OIDs 1.2.643... and 1.2.398...) cannot be
checked by pyHanko: it is recorded with `checkable=False`, never held against anyone.
"""

from __future__ import annotations

import io
import logging

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from models.cross_submission import PdfSignature

log = logging.getLogger("attest.readers")

_NATIONAL_ALGORITHMS = ("1.2.643.", "1.2.398.")  # GOST R 34.10 (Russia) and Kazakhstan's ГОСТ 34.310
_ALLOWED_AFTER_SIGNING = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
MAX_SIGNATURES = 20  # a hostile file with thousands of signature fields is not validated field by field


def _algorithm(sig: EmbeddedPdfSignature) -> str | None:
    try:
        algo = sig.signer_info["signature_algorithm"]["algorithm"]
        return str(algo.native if algo.native and not algo.native[0].isdigit() else algo.dotted)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None


def _dotted(sig: EmbeddedPdfSignature) -> str:
    try:
        return str(sig.signer_info["signature_algorithm"]["algorithm"].dotted)
    except (KeyError, ValueError, TypeError, AttributeError):
        return ""


def _signer(sig: EmbeddedPdfSignature) -> str | None:
    try:
        return str(sig.signer_cert.subject.human_friendly)[:300]
    except (ValueError, TypeError, AttributeError, KeyError):
        return None


def _validate(sig: EmbeddedPdfSignature) -> PdfSignature:
    field = str(sig.field_name)
    algorithm, signer = _algorithm(sig), _signer(sig)
    if _dotted(sig).startswith(_NATIONAL_ALGORITHMS):
        return PdfSignature(field=field, signer=signer, algorithm=algorithm, checkable=False, detail="GOST")
    try:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[], allow_fetching=False))
    except Exception as exc:  # an algorithm pyHanko does not know, a malformed CMS: not provably broken
        return PdfSignature(
            field=field, signer=signer, algorithm=algorithm, checkable=False, detail=f"{type(exc).__name__}"[:200]
        )
    return PdfSignature(
        field=field,
        signer=signer,
        algorithm=algorithm,
        intact=bool(status.intact and status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modified_after=status.modification_level not in _ALLOWED_AFTER_SIGNING,
        detail=str(status.modification_level.name if status.modification_level else "")[:200],
    )


def pdf_signatures(data: bytes) -> tuple[PdfSignature, ...]:
    """Every embedded signature's validation; () for an unsigned, encrypted or unparseable PDF."""
    if b"/ByteRange" not in data:  # no signature dictionary at all: the common case, decided in microseconds
        return ()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            return ()
        found = reader.embedded_signatures[:MAX_SIGNATURES]
    except Exception as exc:  # the text readers judge a broken file; here it simply has no signatures
        log.debug("signatures not read: %s", type(exc).__name__)
        return ()
    return tuple(_validate(sig) for sig in found)
