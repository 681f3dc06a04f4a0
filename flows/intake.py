"""The pipeline's steps as plain typed functions: storage in, verdict out.

The Prefect flows in `flows.nightly` only call these. A night is:
discover -> plan (what needs a verdict) -> load and read documents (in parallel) ->
assess in `submitted_at` order -> publish (history first, then the current verdict).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError

from flows.object_store import ObjectInfo, Storage
from models.context import CheckContext, PriorSubmission
from models.errors import NotFoundError
from models.extraction import DocumentReading
from models.manifest import Manifest
from models.settings import Settings
from models.verdict import Decision, Finding, NoticeRef, Verdict, VerdictDocument
from validators.calendar import ASTANA, WorkCalendar
from validators.decision import decide
from validators.manifest import is_valid_submission_id, missing_manifest, parse_manifest, upload_in_progress
from validators.registry import run_checks

log = logging.getLogger("attest")
_IIN_RUN = re.compile(r"(?<!\d)(\d{6})\d{6}(?!\d)")


def mask_iin(text: str) -> str:
    """`870412400412` -> `870412******` wherever a 12-digit run stands in the text."""
    return _IIN_RUN.sub(r"\1******", text)


@dataclass(frozen=True)
class Folder:
    """One folder under submissions/, as listed: its files and, if present, the manifest's bytes."""

    submission_id: str
    files: tuple[ObjectInfo, ...]
    manifest_raw: bytes | None

    @property
    def newest(self) -> datetime | None:
        return max((f.modified for f in self.files), default=None)

    @property
    def fingerprint(self) -> str:
        """A change detector from the listing alone (names, sizes, times): no file is read."""
        h = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.key):
            h.update(f"{f.key}\0{f.size}\0{f.modified.isoformat()}\n".encode())
        return h.hexdigest()


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


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class Discovery:
    folders: list[Folder] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def discover(storage: Storage, settings: Settings, now: datetime) -> Discovery:
    """Every submission folder with its listing and manifest; bad names and uploads in progress skipped."""
    found = Discovery()
    for name in storage.children("submissions/"):
        if not is_valid_submission_id(name):
            found.skipped.append(Skipped(ascii(name)[:80], "not a valid submission id"))
            continue
        files = tuple(storage.iter_objects(f"submissions/{name}/"))
        manifest_key = f"submissions/{name}/manifest.json"
        raw: bytes | None = None
        if any(f.key == manifest_key for f in files):
            try:
                raw = storage.read(manifest_key)
            except NotFoundError:
                raw = None
        folder = Folder(name, files, raw)
        if raw is None:
            newest = folder.newest
            if newest is None or upload_in_progress(newest, now, settings.upload_grace_hours):
                found.skipped.append(Skipped(name, "upload in progress: no manifest yet"))
                continue
        found.folders.append(folder)
    return found


def parse(folder: Folder) -> Parsed:
    if folder.manifest_raw is None:
        return Parsed(folder, None, missing_manifest(folder.submission_id, folder.newest))
    result = parse_manifest(folder.manifest_raw, folder.submission_id)
    if isinstance(result, Manifest):
        return Parsed(folder, result, None)
    return Parsed(folder, None, result)


def read_current(storage: Storage, submission_id: str) -> Verdict | None:
    """The current verdict, or None. An unreadable verdict file is logged and treated as none."""
    try:
        raw = storage.read(f"verdicts/{submission_id}.json")
    except NotFoundError:
        return None
    try:
        return Verdict.model_validate_json(raw)
    except ValidationError:
        log.warning("%s: current verdict unreadable, a new one will be issued", submission_id)
        return None


def history_revisions(storage: Storage, submission_id: str) -> list[int]:
    revs = []
    for name in storage.children(f"verdict-history/{submission_id}/"):
        stem = name.removesuffix(".json")
        if name.endswith(".json") and stem.isdigit():
            revs.append(int(stem))
    return sorted(revs)


def repair_current(storage: Storage, submission_id: str, current: Verdict | None) -> Verdict | None:
    """Finish a publish that a crash cut short: history has a newer revision than verdicts/."""
    revs = history_revisions(storage, submission_id)
    if not revs or (current is not None and current.revision >= revs[-1]):
        return current
    raw = storage.read(f"verdict-history/{submission_id}/{revs[-1]:04d}.json")
    latest = Verdict.model_validate_json(raw)
    storage.write(f"verdicts/{submission_id}.json", raw)
    log.info("%s: restored revision %d as current after an interrupted run", submission_id, latest.revision)
    return latest


def needs_verdict(folder: Folder, current: Verdict | None) -> bool:
    """The nightly rule: no verdict yet, or the files changed since it (operator decisions included)."""
    return current is None or current.input_fingerprint != folder.fingerprint


def input_sha256(manifest_raw: bytes | None, documents: list[tuple[str, str | None]]) -> str:
    h = hashlib.sha256()
    h.update(hashlib.sha256(manifest_raw or b"").hexdigest().encode())
    for name, digest in documents:
        h.update(f"\n{name}\0{digest or 'absent'}".encode())
    return h.hexdigest()


def load_document(storage: Storage, submission_id: str, file: str) -> bytes | None:
    try:
        return storage.read(f"submissions/{submission_id}/{file}")
    except NotFoundError:
        return None


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
) -> Verdict:
    """Checks, decision and dates: pure. The revision is a placeholder until `publish`."""
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


def publish(
    storage: Storage,
    verdict: Verdict,
    manifest: Manifest | None = None,
    make_notice: Callable[[Verdict, Manifest | None, datetime], bytes] | None = None,
) -> Verdict:
    """Notice, then history (created, never replaced: a taken revision moves us on), then current."""
    sid = verdict.submission_id
    revision = max(history_revisions(storage, sid), default=0) + 1
    while True:
        numbered = verdict.model_copy(update={"revision": revision, "notice": None})
        if make_notice is not None:
            numbered = numbered.model_copy(update={"notice": _issue(storage, numbered, manifest, make_notice)})
        if storage.create(f"verdict-history/{sid}/{revision:04d}.json", numbered.to_json()):
            break
        revision += 1
    storage.write(f"verdicts/{sid}.json", numbered.to_json())
    _converge(storage, sid, revision)
    return numbered


def _converge(storage: Storage, sid: str, ours: int) -> None:
    """Two runs publishing at once (the night and an operator) may write `verdicts/` out of order;
    whoever writes last writes the newest revision in the history, so the current one converges."""
    for _ in range(5):
        latest = max(history_revisions(storage, sid), default=ours)
        if latest <= ours:
            return
        storage.write(f"verdicts/{sid}.json", storage.read(f"verdict-history/{sid}/{latest:04d}.json"))
        ours = latest


def _issue(
    storage: Storage,
    verdict: Verdict,
    manifest: Manifest | None,
    make_notice: Callable[[Verdict, Manifest | None, datetime], bytes],
) -> NoticeRef:
    key = f"notices/{verdict.submission_id}/{verdict.revision:04d}.pdf"
    pdf = make_notice(verdict, manifest, verdict.decided_at)
    if not storage.create(key, pdf):
        # Left by an attempt at this revision that stopped before its history: notices are never
        # replaced, so the one already issued under this number is the one referenced.
        log.warning("%s: notice %s already existed; referencing it", verdict.submission_id, key)
        pdf = storage.read(key)
    return NoticeRef(key=key, sha256=hashlib.sha256(pdf).hexdigest())
