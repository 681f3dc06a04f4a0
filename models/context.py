"""The input of every check: a parsed manifest and the readings of its documents."""

from datetime import datetime

from models.base import Frozen
from models.cross_submission import CrossMatches
from models.extraction import DocumentReading
from models.manifest import Manifest
from models.settings import Window
from models.verdict import Decision


class PriorSubmission(Frozen):
    """Another submission of the same applicant, with its current decision (for application.repeat)."""

    submission_id: str
    submitted_at: datetime
    decision: Decision | None


class CheckContext(Frozen):
    manifest: Manifest
    documents: tuple[DocumentReading, ...]  # one per manifest entry, same order
    others: tuple[PriorSubmission, ...] = ()  # other submissions with the same applicant IIN
    application_windows: tuple[Window, ...] = ()
    ocr_min_confidence: float = 70.0
    cross: CrossMatches = CrossMatches()  # what the cross-submission index found (none: not consulted)
