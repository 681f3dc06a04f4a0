"""Pure assessment: from a parsed submission and its read documents to a verdict.

Checks, decision and dates. Nothing here touches storage; the revision is a placeholder that
`storage.verdicts.publish` replaces.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from models.astana_time import ASTANA
from models.context import CheckContext, PriorSubmission
from models.cross_submission import CrossMatches
from models.extraction import DocumentReading
from models.listing import Folder
from models.manifest import Manifest
from models.settings import Settings
from models.verdict import Decision, Finding, Verdict, VerdictDocument
from models.working_days import WorkCalendar
from validators.decision import decide
from validators.manifest import MAX_MANIFEST_BYTES, manifest_too_large, missing_manifest, parse_manifest
from validators.registry import run_checks


@dataclass(frozen=True)
class Parsed:
    folder: Folder
    manifest: Manifest | None
    malformed: Finding | None

    @property
    def submission_id(self) -> str:
        return self.folder.submission_id

    @property
    def sort_key(self) -> tuple[datetime, str]:
        when = self.manifest.submitted_at if self.manifest else self.folder.newest
        return (when or datetime.max.replace(tzinfo=ASTANA), self.submission_id)


def parse(folder: Folder) -> Parsed:
    if folder.manifest_raw is None:
        size = folder.manifest_size
        if size is not None and size > MAX_MANIFEST_BYTES:  # listed too large, so never read
            return Parsed(folder, None, manifest_too_large(size))
        return Parsed(folder, None, missing_manifest(folder.submission_id, folder.newest))
    result = parse_manifest(folder.manifest_raw, folder.submission_id)
    if isinstance(result, Manifest):
        return Parsed(folder, result, None)
    return Parsed(folder, None, result)


def input_sha256(manifest_raw: bytes | None, documents: list[tuple[str, str | None]]) -> str:
    h = hashlib.sha256()
    h.update(hashlib.sha256(manifest_raw or b"").hexdigest().encode())
    for name, digest in documents:
        h.update(f"\n{name}\0{digest or 'absent'}".encode())
    return h.hexdigest()


def others_of(
    parsed: Parsed, by_iin: dict[str, list[Parsed]], decisions: dict[str, Decision | None]
) -> tuple[PriorSubmission, ...]:
    if parsed.manifest is None:
        return ()
    return tuple(
        PriorSubmission(
            submission_id=o.submission_id,
            submitted_at=o.manifest.submitted_at,
            decision=decisions.get(o.submission_id),
        )
        for o in by_iin.get(parsed.manifest.applicant.iin, [])
        if o.manifest is not None and o.submission_id != parsed.submission_id
    )


def assess(
    parsed: Parsed,
    readings: tuple[DocumentReading, ...],
    others: tuple[PriorSubmission, ...],
    settings: Settings,
    calendar: WorkCalendar,
    now: datetime,
    cross: CrossMatches | None = None,
) -> Verdict:
    """Checks, decision and dates: pure. The revision is a placeholder until `publish`. `cross`: what
    the cross-submission index found (`workers.cross_checks.check_across`)."""
    manifest = parsed.manifest
    if manifest is None:
        findings: list[Finding] = [parsed.malformed] if parsed.malformed else []
        submitted = parsed.folder.newest
        submitted_text = None
    else:
        ctx = CheckContext(
            manifest=manifest,
            documents=readings,
            others=others,
            application_windows=settings.application_windows,
            ocr_min_confidence=settings.ocr_min_confidence,
            cross=cross or CrossMatches(),
        )
        findings = run_checks(ctx)
        submitted = manifest.submitted_at
        submitted_text = submitted.isoformat()
    decision, grounds = decide(findings)
    registered = calendar.registered_on(submitted) if submitted else None
    essays = [r.word_count.words for r in readings if r.declared_kind == "essay" and r.word_count]
    digests = [(r.file, r.extracted.sha256) for r in readings]
    return Verdict(
        submission_id=parsed.submission_id,
        revision=1,
        decision=decision,
        grounds=grounds,
        findings=tuple(findings),
        documents=tuple(
            VerdictDocument(
                file=r.file,
                declared_kind=r.declared_kind,
                detected_kind=r.detected_kind,
                text_source=r.extracted.text_source,
                pages=len(r.extracted.pages) if r.extracted.unreadable is None else None,
                sha256=r.extracted.sha256,
                signatures=r.extracted.signatures,
            )
            for r in readings
        ),
        essay_word_count=essays[0] if essays else None,
        submitted_at=submitted_text,
        registered_on=registered,
        due_by=calendar.due_by(registered) if registered else None,
        decided_at=now.astimezone(ASTANA).replace(microsecond=0),
        input_sha256=input_sha256(parsed.folder.manifest_raw, digests),
        input_fingerprint=parsed.folder.fingerprint,
        applicant_iin=manifest.applicant.iin if manifest else None,
    )
