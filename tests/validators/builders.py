"""Small builders for manifests, readings and contexts, so each test states only what it is about."""

import json
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from models.base import Kind
from models.context import CheckContext, PriorSubmission
from models.extraction import (
    DocumentReading,
    ExtractedDocument,
    PageText,
    Unreadable,
    UnreadableReason,
    WordCount,
)
from models.manifest import Manifest
from models.settings import Window
from models.verdict import Decision, Finding, TextSource
from tests.submissions import SUBMISSION_ID, make_manifest
from validators.decision import decide
from validators.iin import iin_check_digit


def make_reading(
    file: str,
    kind: Kind,
    *,
    text: str = "Мәтін",
    source: TextSource = "text_layer",
    confidence: float = 100.0,
    unreadable: UnreadableReason | None = None,
    words: int | None = None,
    office_words: int | None = None,
    coverage: float | None = None,
) -> DocumentReading:
    """A reading of one file: readable with one page of `text`, or unreadable for `unreadable`."""
    if unreadable is not None:
        extracted = ExtractedDocument(
            file=file,
            sha256=None,
            size=0 if unreadable in ("absent", "empty") else 10,
            media_type=None,
            unreadable=Unreadable(reason=unreadable, detail=f"test: {unreadable}"),
        )
    else:
        page = PageText(number=1, text=text, source=source, confidence=confidence, coverage=coverage)
        extracted = ExtractedDocument(
            file=file, sha256="0" * 64, size=1000, media_type="application/pdf", pages=(page,)
        )
    count = None
    if words is not None:
        count = WordCount(words=words, office_words=office_words if office_words is not None else words)
    return DocumentReading(file=file, declared_kind=kind, extracted=extracted, detected_kind=kind, word_count=count)


def readings_for(manifest: Manifest, **essay: Any) -> tuple[DocumentReading, ...]:
    """A readable reading per listed document; essays get `essay` options (default: 275 words)."""
    out = []
    for doc in manifest.documents:
        if doc.kind == "essay":
            options = {"words": 275, **essay}
            out.append(make_reading(doc.file, doc.kind, **options))
        else:
            out.append(make_reading(doc.file, doc.kind))
    return tuple(out)


def make_ctx(
    manifest: Manifest | None = None,
    readings: tuple[DocumentReading, ...] | None = None,
    *,
    others: tuple[PriorSubmission, ...] = (),
    windows: tuple[Window, ...] = (),
) -> CheckContext:
    manifest = manifest if manifest is not None else make_manifest()
    readings = readings if readings is not None else readings_for(manifest)
    return CheckContext(manifest=manifest, documents=readings, others=others, application_windows=windows)


def prior(submission_id: str, submitted_at: str, decision: Decision | None) -> PriorSubmission:
    return PriorSubmission(
        submission_id=submission_id, submitted_at=datetime.fromisoformat(submitted_at), decision=decision
    )


def valid_iin(first_eleven: str) -> str | None:
    """The valid IIN with these 11 leading digits, or None when no check digit makes one."""
    digit = iin_check_digit(first_eleven)
    return None if digit is None else first_eleven + str(digit)


def verdict_schema_errors(findings: list[Finding]) -> list[str]:
    """Errors of the verdict schema on a minimal verdict carrying these findings (empty: accepted)."""
    decision, grounds = decide(findings)
    verdict = {
        "schema_version": 1,
        "submission_id": SUBMISSION_ID,
        "revision": 1,
        "decision": decision,
        "grounds": list(grounds),
        "findings": [json.loads(f.model_dump_json()) for f in findings],
        "documents": [],
        "submitted_at": "2026-09-14T21:05:00+05:00",
        "registered_on": "2026-09-15",
        "due_by": "2026-09-16",
        "decided_at": "2026-09-15T02:13:09+05:00",
    }
    return [e.message for e in _verdict_validator().iter_errors(verdict)]


@lru_cache(maxsize=1)
def _verdict_validator() -> Draft202012Validator:
    schema = json.loads(resources.files("models").joinpath("schemas/verdict.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
