"""Submissions as storage lists them: which folders to take, their files, and when one needs a verdict."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime

from models.errors import LinkNotFollowedError, NotFoundError
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


def discover(storage: Storage, settings: Settings, now: datetime) -> Discovery:
    """Every submission folder with its listing and manifest; bad names and uploads in progress skipped."""
    found = Discovery()
    for name in storage.children("submissions/"):
        if not is_valid_submission_id(name):
            found.skipped.append(Skipped(ascii(name)[:80], "not a valid submission id"))
            continue
        try:
            files = tuple(storage.iter_objects(f"submissions/{name}/"))
        except LinkNotFollowedError:
            found.skipped.append(Skipped(name, "a symbolic link, not followed"))
            continue
        folder = Folder(name, files, None)
        size = folder.manifest_size
        if size is not None and size <= MAX_MANIFEST_BYTES:  # a larger one is refused unread (`parse`)
            with contextlib.suppress(NotFoundError):
                folder = Folder(name, files, storage.read(f"submissions/{name}/manifest.json"))
        if size is None:
            newest = folder.newest
            if newest is None or upload_in_progress(newest, now, settings.upload_grace_hours):
                found.skipped.append(Skipped(name, "upload in progress: no manifest yet"))
                continue
        found.folders.append(folder)
    return found


def needs_verdict(folder: Folder, current: Verdict | None) -> bool:
    """The nightly rule: no verdict yet, or the files changed since it (operator decisions included)."""
    return current is None or current.input_fingerprint != folder.fingerprint


def load_document(storage: Storage, submission_id: str, file: str) -> bytes | None:
    try:
        return storage.read(f"submissions/{submission_id}/{file}")
    except NotFoundError:
        return None
