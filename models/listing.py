"""What a listing of storage tells before any file is read: objects, a submission's folder, reading cost."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    modified: datetime


@dataclass(frozen=True)
class Folder:
    """One folder under submissions/, as listed: its files and, if present and not over the manifest
    size limit by the listing, the manifest's bytes."""

    submission_id: str
    files: tuple[ObjectInfo, ...]
    manifest_raw: bytes | None

    @property
    def newest(self) -> datetime | None:
        return max((f.modified for f in self.files), default=None)

    @property
    def manifest_size(self) -> int | None:
        """The listed size of the folder's manifest.json, None when there is none."""
        key = f"submissions/{self.submission_id}/manifest.json"
        return next((f.size for f in self.files if f.key == key), None)

    @property
    def fingerprint(self) -> str:
        """A change detector from the listing alone (names, sizes, times): no file is read."""
        h = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.key):
            h.update(f"{f.key}\0{f.size}\0{f.modified.isoformat()}\n".encode())
        return h.hexdigest()


_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
_SCAN_PAGE_BYTES = 300_000  # a scanned PDF page at 300 dpi weighs 0.3-1 MB; a typed one, 20-60 KB


def file_cost(name: str, size: int) -> float:
    """A file's reading cost in scanned pages, from its name and size alone. An image is a page to
    OCR however well it compresses (a Group 4 fax page is 50 KB); a PDF weighs what its pages do."""
    if name.lower().endswith(_IMAGE_SUFFIXES):
        return 1.0 + size / (4 * _SCAN_PAGE_BYTES)
    return size / _SCAN_PAGE_BYTES
