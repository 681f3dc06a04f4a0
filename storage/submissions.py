"""Submissions as storage lists them: which folders to take, their files, and when one needs a verdict."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from models.errors import NotFoundError
from models.listing import Folder
from models.settings import Settings
from models.verdict import Verdict
from storage.objects import Storage
from validators.manifest import MAX_MANIFEST_BYTES, is_valid_submission_id, upload_in_progress


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class Discovery:
    folders: list[Folder] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def listed(storage: Storage, settings: Settings, now: datetime) -> Iterator[Folder | Skipped]:
    """Every submission folder as listed, one at a time (a year of them is never held at once), or
    the reason it is skipped: a bad name, a link, an upload in progress. No manifest is read here
    (`with_manifest`): an unchanged submission costs its listing alone."""
    for name, files in storage.iter_folders("submissions/"):
        if not is_valid_submission_id(name):
            yield Skipped(ascii(name)[:80], "not a valid submission id")
            continue
        if files is None:
            yield Skipped(name, "a symbolic link, not followed")
            continue
        folder = Folder(name, files, None)
        if folder.manifest_size is None:
            newest = folder.newest
            if newest is None or upload_in_progress(newest, now, settings.upload_grace_hours):
                yield Skipped(name, "upload in progress: no manifest yet")
                continue
        yield folder


def with_manifest(storage: Storage, folder: Folder) -> Folder:
    """The folder with its manifest's bytes, unless it has none or it is listed over the size limit
    (such a manifest is refused unread: `validators.assessment.parse`)."""
    size = folder.manifest_size
    if size is None or size > MAX_MANIFEST_BYTES:
        return folder
    try:
        return Folder(
            folder.submission_id, folder.files, storage.read(f"submissions/{folder.submission_id}/manifest.json")
        )
    except NotFoundError:
        return folder


def load_folder(storage: Storage, submission_id: str) -> Folder:
    """One submission's folder as it is now, with its manifest: what a worker assesses."""
    files = tuple(storage.iter_objects(f"submissions/{submission_id}/"))
    return with_manifest(storage, Folder(submission_id, files, None))


def discover(storage: Storage, settings: Settings, now: datetime) -> Discovery:
    """Every submission folder with its listing and manifest, all at once (for tests and tools that
    look at a few; a run streams `listed`)."""
    found = Discovery()
    for item in listed(storage, settings, now):
        if isinstance(item, Skipped):
            found.skipped.append(item)
        else:
            found.folders.append(with_manifest(storage, item))
    return found


def needs_verdict(folder: Folder, current: Verdict | None) -> bool:
    """The nightly rule: no verdict yet, or the files changed since it (operator decisions included)."""
    return current is None or current.input_fingerprint != folder.fingerprint


def load_document(storage: Storage, submission_id: str, file: str) -> bytes | None:
    try:
        return storage.read(f"submissions/{submission_id}/{file}")
    except NotFoundError:
        return None
