"""One contract for every storage backend: a local folder and an S3 bucket must behave alike.

The pipeline is written against the Storage protocol only, so any difference between the
backends is a bug that shows up only in production (where the bucket is).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models.errors import InputError, NotFoundError, ProtectedKeyError
from storage.objects import GuardedStorage, LocalStorage, Storage, check_key, open_storage
from storage.s3 import S3Storage
from tests.s3_server import MotoServer

BAD_KEYS = ["../x", "/abs", "a\\b", "a//b", "", "a/./b", "x/..", "a/", "nul\x00byte"]
UNICODE_KEY = "submissions/2026-000123/Диплом Әбілқасымова (көшірме) №1.pdf"


def _s3(server: MotoServer, prefix: str) -> S3Storage:
    settings = server.settings(server.make_bucket(), prefix)
    guarded = open_storage(settings)  # the production path: root string -> GuardedStorage(S3Storage)
    inner = guarded.inner
    if not isinstance(inner, S3Storage):
        raise TypeError(f"open_storage gave {type(inner).__name__}")
    return inner


@pytest.fixture(
    params=[
        "local",
        pytest.param("s3", marks=pytest.mark.slow),
        pytest.param("s3-prefix", marks=pytest.mark.slow),
    ]
)
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "local":
        return LocalStorage(tmp_path / "root")
    server: MotoServer = request.getfixturevalue("s3_server")
    return _s3(server, "some/prefix" if request.param == "s3-prefix" else "")


def _recent(moment: datetime) -> bool:
    """Aware, UTC, and about now (both backends report the write time)."""
    if moment.tzinfo is None or moment.utcoffset() != timedelta(0):
        return False
    return abs(datetime.now(UTC) - moment) < timedelta(minutes=5)


def test_round_trip_bytes(storage: Storage) -> None:
    data = bytes(range(256)) * 4
    storage.write("runs/r1.json", data)
    assert storage.read("runs/r1.json") == data
    assert storage.exists("runs/r1.json")


def test_round_trip_unicode_file_name(storage: Storage) -> None:
    storage.write(UNICODE_KEY, b"%PDF-1.7 ...")
    assert storage.read(UNICODE_KEY) == b"%PDF-1.7 ..."
    assert [o.key for o in storage.iter_objects("submissions")] == [UNICODE_KEY]
    assert storage.children("submissions/2026-000123") == [UNICODE_KEY.rsplit("/", 1)[1]]


def test_empty_object(storage: Storage) -> None:
    storage.write("runs/empty.json", b"")
    assert storage.read("runs/empty.json") == b""
    assert [o.size for o in storage.iter_objects("runs")] == [0]


def test_write_overwrites(storage: Storage) -> None:
    storage.write("verdicts/a.json", b"first")
    storage.write("verdicts/a.json", b"second, longer")
    assert storage.read("verdicts/a.json") == b"second, longer"


def test_create_never_replaces(storage: Storage) -> None:
    assert storage.create("verdict-history/a/0001.json", b"one") is True
    assert storage.create("verdict-history/a/0001.json", b"two") is False
    assert storage.read("verdict-history/a/0001.json") == b"one"
    storage.write("verdicts/a.json", b"w")
    assert storage.create("verdicts/a.json", b"c") is False
    assert storage.read("verdicts/a.json") == b"w"


def test_missing_key(storage: Storage) -> None:
    with pytest.raises(NotFoundError):
        storage.read("verdicts/nobody.json")
    with pytest.raises(NotFoundError):
        storage.read("no/such/folder/x")
    assert not storage.exists("verdicts/nobody.json")


def test_a_folder_is_not_an_object(storage: Storage) -> None:
    storage.write("submissions/s1/manifest.json", b"{}")
    assert not storage.exists("submissions/s1")
    with pytest.raises(NotFoundError):
        storage.read("submissions/s1")


def _fill(storage: Storage) -> None:
    storage.write("a/1", b"x")
    storage.write("a/b/2", b"yy")
    storage.write("ab/3", b"zzz")
    storage.write("c", b"")


def test_iter_objects(storage: Storage) -> None:
    _fill(storage)
    under_a = sorted(storage.iter_objects("a"), key=lambda o: o.key)
    assert [(o.key, o.size) for o in under_a] == [("a/1", 1), ("a/b/2", 2)]  # not ab/3: a folder
    assert all(_recent(o.modified) for o in under_a)
    assert sorted(o.key for o in storage.iter_objects("a/")) == ["a/1", "a/b/2"]
    assert sorted(o.key for o in storage.iter_objects("")) == ["a/1", "a/b/2", "ab/3", "c"]
    assert sorted(o.key for o in storage.iter_objects("a/b")) == ["a/b/2"]
    assert list(storage.iter_objects("nothing/here")) == []
    for info in storage.iter_objects(""):
        assert storage.read(info.key) is not None
        check_key(info.key)


def test_children(storage: Storage) -> None:
    _fill(storage)
    assert storage.children("") == ["a", "ab", "c"]
    assert storage.children("a") == ["1", "b"]
    assert storage.children("a/") == ["1", "b"]
    assert storage.children("a/b") == ["2"]
    assert storage.children("nothing") == []


@pytest.mark.parametrize("key", BAD_KEYS)
def test_unsafe_keys_refused(storage: Storage, key: str) -> None:
    calls: list[Callable[[], object]] = [
        lambda: storage.read(key),
        lambda: storage.write(key, b"x"),
        lambda: storage.create(key, b"x"),
        lambda: storage.exists(key),
        lambda: storage.delete(["index/journal/ok", key]),
    ]
    for call in calls:
        with pytest.raises(InputError):
            call()


@pytest.mark.parametrize("prefix", ["../x", "/abs", "a\\b", "a//b"])
def test_unsafe_prefixes_refused(storage: Storage, prefix: str) -> None:
    with pytest.raises(InputError):
        list(storage.iter_objects(prefix))
    with pytest.raises(InputError):
        storage.children(prefix)


def test_guarded_storage(storage: Storage) -> None:
    guarded = GuardedStorage(storage)
    for key in ("submissions/s1/manifest.json", "verdict-history/s1/0001.json", "notices/s1/0001.pdf"):
        with pytest.raises(ProtectedKeyError):
            guarded.write(key, b"x")
    with pytest.raises(ProtectedKeyError):
        guarded.create("submissions/s1/extra.pdf", b"x")
    assert not storage.exists("submissions/s1/manifest.json")

    assert guarded.create("verdict-history/s1/0001.json", b"v1") is True
    assert guarded.create("verdict-history/s1/0001.json", b"v1 again") is False
    assert guarded.create("notices/s1/0001.pdf", b"%PDF") is True
    guarded.write("verdicts/s1.json", b"current")
    guarded.write("verdicts/s1.json", b"current 2")
    assert guarded.read("verdicts/s1.json") == b"current 2"
    assert guarded.read("verdict-history/s1/0001.json") == b"v1"
    with pytest.raises(InputError):
        guarded.write("verdicts/../submissions/s1/manifest.json", b"x")


def test_guarded_storage_deletes_under_index_only(storage: Storage) -> None:
    """The contract makes index/ alone safe to delete; a list with one key elsewhere deletes nothing."""
    guarded = GuardedStorage(storage)
    kept = ["submissions/s1/manifest.json", "verdict-history/s1/0001.json", "verdicts/s1.json", "runs/r.json"]
    for key in [*kept, "index/journal/2026-01-01/a"]:
        storage.write(key, b"x")
    for key in kept:
        with pytest.raises(ProtectedKeyError):
            guarded.delete(["index/journal/2026-01-01/a", key])
    with pytest.raises(InputError):
        guarded.delete(["index/../verdicts/s1.json"])
    assert all(storage.exists(key) for key in [*kept, "index/journal/2026-01-01/a"])
    guarded.delete(["index/journal/2026-01-01/a"])
    assert not storage.exists("index/journal/2026-01-01/a")


def test_delete(storage: Storage) -> None:
    """Gone, with the folder it leaves empty; a key already gone is no error; the rest untouched."""
    old = [f"index/journal/2026-01-01/{n}" for n in ("a", "b", "c")]
    for key in [*old, "index/journal/2026-01-02/d", "index/verdicts.json"]:
        storage.write(key, b"")
    storage.delete([*old, "index/journal/2026-01-01/never-there"])
    storage.delete(old[:1])  # again: another run got there first
    storage.delete([])
    assert sorted(o.key for o in storage.iter_objects("")) == ["index/journal/2026-01-02/d", "index/verdicts.json"]
    assert storage.children("index/journal") == ["2026-01-02"]


def test_iter_folders(storage: Storage) -> None:
    """One pass over a prefix, folder by folder, each with everything under it (S3: one listing)."""
    _fill(storage)
    storage.write("a-b/4", b"w")  # sorts between a/ and ab/ by key, after "a" by name
    got = {name: sorted(o.key for o in files or ()) for name, files in storage.iter_folders("")}
    assert got == {"a": ["a/1", "a/b/2"], "a-b": ["a-b/4"], "ab": ["ab/3"], "c": []}
    assert [(n, [o.key for o in f or ()]) for n, f in storage.iter_folders("a/")] == [("1", []), ("b", ["a/b/2"])]
    assert list(storage.iter_folders("nothing/")) == []
