"""Storage: one small interface, a local folder and an S3 bucket behind it.

Keys are relative to the root and always '/'-separated. Writes are atomic: a reader sees
the old object or the new one, never half of one. `create` never replaces an object; it is
how history and notices stay append-only. `delete` exists for the pipeline's own index alone
(`GuardedStorage` refuses it anywhere else).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from models.errors import InputError, LinkNotFollowedError, NotFoundError, ProtectedKeyError, StorageError
from models.listing import ObjectInfo
from models.settings import Settings

_SEGMENT = re.compile(r"^[^/\\\x00]+$")


def check_key(key: str) -> str:
    """Refuse any key that could leave the root: no absolute paths, '..', backslashes or NULs."""
    parts = key.split("/")
    if not key or any(p in ("", ".", "..") or not _SEGMENT.match(p) for p in parts):
        raise InputError(f"unsafe storage key {key!r}")
    return key


class Storage(Protocol):
    def describe(self) -> str: ...
    def read(self, key: str) -> bytes: ...
    def write(self, key: str, data: bytes) -> None: ...
    def create(self, key: str, data: bytes) -> bool: ...
    def exists(self, key: str) -> bool: ...
    def iter_objects(self, prefix: str) -> Iterator[ObjectInfo]: ...
    def children(self, prefix: str) -> list[str]: ...
    def iter_folders(self, prefix: str) -> Iterator[Folders]: ...
    def delete(self, keys: Sequence[str]) -> None: ...


# A folder one level below a prefix, with every object under it (its keys relative to the root), or
# None when the folder is a symbolic link, not followed.
Folders = tuple[str, tuple[ObjectInfo, ...] | None]


class LocalStorage:
    """A folder on disk (the embedded default).

    Symbolic links below the top-level folders (a submission folder, a file, anything under them) are
    never followed: an upload that holds one could point anywhere on the machine. A top-level folder
    itself (`submissions/` mounted from another disk) may be a link: the operator put it there.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def describe(self) -> str:
        return str(self.root)

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*check_key(key).split("/"))

    def _linked(self, key: str) -> bool:
        """Whether any part of the key's path below its top-level folder is a symbolic link."""
        parts = check_key(key).split("/")
        return any(self.root.joinpath(*parts[:depth]).is_symlink() for depth in range(2, len(parts) + 1))

    def _refuse_links(self, key: str) -> None:
        if self._linked(key):
            raise LinkNotFollowedError(f"{key}: passes through a symbolic link, not followed")

    def read(self, key: str) -> bytes:
        path = self._path(key)
        try:
            self._refuse_links(key)
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise NotFoundError(key) from exc
        except OSError as exc:
            raise StorageError(f"cannot read {key}: {exc.strerror}") from exc

    def _stage(self, path: Path, data: bytes) -> str:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return tmp

    def write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            tmp = self._stage(path, data)
            os.replace(tmp, path)
        except OSError as exc:
            raise StorageError(f"cannot write {key}: {exc.strerror}") from exc

    def create(self, key: str, data: bytes) -> bool:
        path = self._path(key)
        try:
            tmp = self._stage(path, data)
            try:
                os.link(tmp, path)  # fails if the name exists: never replaces
            except FileExistsError:
                return False
            finally:
                os.unlink(tmp)
            return True
        except OSError as exc:
            raise StorageError(f"cannot create {key}: {exc.strerror}") from exc

    def exists(self, key: str) -> bool:
        return self._path(key).is_file() and not self._linked(key)

    def delete(self, keys: Sequence[str]) -> None:
        """Remove the files (one already gone is no error: another run removed it), then each folder they
        leave empty, their own folder only: a parent may be where a writer is creating a folder right now
        (`_stage` makes the folders, then the file). Delete only where nothing is written any more."""
        folders: dict[Path, None] = {}
        for key in keys:
            path = self._path(key)
            try:
                self._refuse_links(key)
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise StorageError(f"cannot delete {key}: {exc.strerror}") from exc
            if path.parent != self.root:
                folders[path.parent] = None
        for folder in folders:
            with contextlib.suppress(OSError):  # not empty (a file written meanwhile), or gone: left as it is
                folder.rmdir()

    def iter_objects(self, prefix: str) -> Iterator[ObjectInfo]:
        """The files under `prefix`; LinkNotFollowedError when the prefix itself passes through a
        link. Links inside it (files, folders) are left out, never followed."""
        base = self._path(prefix.rstrip("/")) if prefix.strip("/") else self.root
        if prefix.strip("/"):
            self._refuse_links(prefix.rstrip("/"))
        if not base.is_dir():
            return
        rel = base.relative_to(self.root).as_posix()
        yield from _walk(str(base), "" if rel == "." else rel + "/")

    def children(self, prefix: str) -> list[str]:
        """Names one level below `prefix` (folders and files), raw, for the caller to validate."""
        base = self._path(prefix.rstrip("/")) if prefix.strip("/") else self.root
        try:
            return sorted(os.listdir(base))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StorageError(f"cannot list {prefix}: {exc.strerror}") from exc

    def iter_folders(self, prefix: str) -> Iterator[Folders]:
        """Each folder below `prefix` with its objects, one at a time; a name that is no key segment
        (the caller validates names) comes with nothing listed under it."""
        base = prefix.rstrip("/") + "/" if prefix.strip("/") else ""
        for name in self.children(prefix):
            if name in (".", "..") or not _SEGMENT.match(name):
                yield name, ()
                continue
            try:
                yield name, tuple(self.iter_objects(f"{base}{name}/"))
            except LinkNotFollowedError:
                yield name, None


def _walk(path: str, rel: str) -> Iterator[ObjectInfo]:
    """A folder's files, then its folders', in name order: one directory read per folder and one
    lstat per file (a night lists every file of every submission, a year of them, so this counts)."""
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:  # gone or unreadable meanwhile: as os.walk, nothing from it
        return
    folders = []
    for entry in entries:
        if entry.is_symlink() or entry.name.startswith(".tmp-"):
            continue
        if entry.is_dir(follow_symlinks=False):
            folders.append(entry)
            continue
        st = entry.stat(follow_symlinks=False)
        yield ObjectInfo(rel + entry.name, st.st_size, datetime.fromtimestamp(st.st_mtime, UTC))
    for folder in folders:
        yield from _walk(folder.path, f"{rel}{folder.name}/")


class GuardedStorage:
    """Enforces the contract's promises whatever the caller does.

    Nothing under submissions/ is written; nothing under verdict-history/ or notices/ is
    replaced (they may only be created); nothing outside index/ is deleted.
    """

    def __init__(self, inner: Storage) -> None:
        self.inner = inner

    def describe(self) -> str:
        return self.inner.describe()

    def read(self, key: str) -> bytes:
        return self.inner.read(key)

    def exists(self, key: str) -> bool:
        return self.inner.exists(key)

    def iter_objects(self, prefix: str) -> Iterator[ObjectInfo]:
        return self.inner.iter_objects(prefix)

    def children(self, prefix: str) -> list[str]:
        return self.inner.children(prefix)

    def iter_folders(self, prefix: str) -> Iterator[Folders]:
        return self.inner.iter_folders(prefix)

    def write(self, key: str, data: bytes) -> None:
        check_key(key)
        if key.startswith(("submissions/", "verdict-history/", "notices/")):
            raise ProtectedKeyError(f"refusing to replace {key}")
        self.inner.write(key, data)

    def create(self, key: str, data: bytes) -> bool:
        check_key(key)
        if key.startswith("submissions/"):
            raise ProtectedKeyError(f"refusing to write {key}")
        return self.inner.create(key, data)

    def delete(self, keys: Sequence[str]) -> None:
        """Only under index/, which the contract says is safe to delete; nothing is deleted when any key
        is elsewhere."""
        for key in keys:
            check_key(key)
            if not key.startswith("index/"):
                raise ProtectedKeyError(f"refusing to delete {key}")
        self.inner.delete(keys)


def open_storage(settings: Settings) -> GuardedStorage:
    root = settings.storage
    if root.startswith("s3://"):
        from storage.s3 import S3Storage

        return GuardedStorage(S3Storage.from_settings(root, settings))
    if "://" in root:
        raise InputError(f"unsupported storage root {root!r}: use a folder or s3://bucket[/prefix]")
    if not Path(root).is_dir():
        # A mistyped root would otherwise give green nights that read nothing (and create the folder).
        raise StorageError(
            f"storage root {root} is not a folder: give --storage (or ATTEST_STORAGE) the folder that holds "
            "submissions/, or s3://bucket[/prefix]"
        )
    return GuardedStorage(LocalStorage(Path(root)))
