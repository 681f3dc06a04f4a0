"""The settling worker's one call into the cross-submission index (`workers.settle`), and the index built again from the verdicts when
it is lost: in workers because the readings a verdict was made from are in the readers' cache.

`check_across` is safe in any process (a worker of the night included): it opens the index from the
storage it is given and keeps nothing but this process's copy of it (`storage.cross_index`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from models.cross_submission import CrossMatches
from models.extraction import DocumentReading
from models.listing import Folder
from models.settings import Settings
from storage.cross_entries import build_entry, essay_text
from storage.cross_index import cross_check, record, year_is_empty
from storage.objects import Storage
from storage.verdicts import read_current
from validators.assessment import Parsed, input_sha256, parse
from validators.repeat import academic_year
from workers.pool import read_from_caches

log = logging.getLogger("attest.storage")

_REBUILT: set[tuple[str, int]] = set()  # years this process has looked for verdicts to rebuild from


def check_across(
    storage: Storage, settings: Settings, parsed: Parsed, readings: tuple[DocumentReading, ...], now: datetime
) -> CrossMatches:
    """This submission recorded in its year's index and compared with the year (nothing when cross-checks
    are off, or the submission has no manifest, essay or personal document). An empty year's index is
    first built from the verdicts already issued in it, once per process."""
    manifest = parsed.manifest
    if not settings.cross_checks or manifest is None:
        return CrossMatches()
    digest = input_sha256(parsed.folder.manifest_raw, [(r.file, r.extracted.sha256) for r in readings])
    entry = build_entry(parsed.submission_id, manifest.applicant.iin, digest, readings)
    if entry.essay is None and not entry.documents:
        return CrossMatches()
    year = academic_year(manifest.submitted_at)
    if (storage.describe(), year) not in _REBUILT and year_is_empty(storage, year):
        _REBUILT.add((storage.describe(), year))
        rebuild_year(storage, settings, year, now, skip=parsed.submission_id)
    return cross_check(storage, year, entry, essay_text(readings), now)


def rebuild_year(storage: Storage, settings: Settings, year: int, now: datetime, skip: str = "") -> int:
    """Every current verdict of the academic year recorded in its index from the readings it was made
    from, where the readers' cache still holds them all (a submission whose readings are gone enters
    the index when it is next read). Returns how many were recorded."""
    recorded = 0
    for name in storage.children("verdicts/"):
        sid = name.removesuffix(".json")
        verdict = read_current(storage, sid) if name.endswith(".json") and sid != skip else None
        if verdict is None or verdict.submitted_at is None or verdict.applicant_iin is None:
            continue
        if academic_year(datetime.fromisoformat(verdict.submitted_at)) != year:
            continue
        raw = (
            storage.read(f"submissions/{sid}/manifest.json")
            if storage.exists(f"submissions/{sid}/manifest.json")
            else None
        )
        parsed = parse(Folder(sid, (), raw))
        known = {d.file: d.sha256 for d in verdict.documents if d.sha256}
        cached = read_from_caches(storage, parsed, settings, known) if parsed.manifest is not None else None
        if not isinstance(cached, tuple):  # no manifest, or a file the caches no longer hold
            continue
        readings = cached[0]
        digest = verdict.input_sha256 or input_sha256(raw, [(r.file, r.extracted.sha256) for r in readings])
        entry = build_entry(sid, verdict.applicant_iin, digest, readings)
        if entry.essay is not None or entry.documents:
            record(storage, year, entry, now)
            recorded += 1
    log.info("cross-index %d rebuilt from %d verdicts", year, recorded)
    return recorded
