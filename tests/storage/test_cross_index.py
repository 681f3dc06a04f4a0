"""The cross-submission index in a storage root: what it finds, that it survives across nights and
processes, and that two runs writing at once lose nothing (a real S3 server, moto, for the latter)."""

from __future__ import annotations

import hashlib
import multiprocessing
import random
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

import numpy as np
import pytest

from models.base import Kind
from models.extraction import DocumentReading
from models.settings import Settings
from sample_set.same_prompt import distinct_essay, reworded
from storage.cross_entries import Entry, build_entry
from storage.cross_index import YearIndex, cross_check, forget_open_indexes, open_year
from storage.lsh_bands import MERGE_AT, BandTable
from storage.objects import Storage, open_storage
from tests.s3_server import MotoServer
from tests.validators.builders import make_reading
from validators.duplicate_essays import THRESHOLD

YEAR = 2026
NOW = datetime(2026, 10, 5, 21, 0, tzinfo=UTC)


def essay_of(seed: int) -> str:
    title, body = distinct_essay(random.Random(seed), "ru")
    return f"{title}\n{body}"


def _read(file: str, kind: Kind, text: str) -> DocumentReading:
    """A reading of `text` whose digest is the text's: two readings are the same file only if the same text."""
    reading = make_reading(file, kind, text=text)
    extracted = reading.extracted.model_copy(update={"sha256": hashlib.sha256(text.encode()).hexdigest()})
    return reading.model_copy(update={"extracted": extracted})


def entry(sid: str, iin: str, essay: str | None, certificate: str | None = None, digest: str | None = None) -> Entry:
    readings: list[DocumentReading] = []
    if essay is not None:
        readings.append(_read("esse.pdf", "essay", essay))
    if certificate is not None:
        readings.append(_read("kurs.pdf", "course_certificate", certificate))
    return build_entry(sid, iin, digest or f"{sid}-{iin}".ljust(64, "0"), tuple(readings))


def check(storage: Storage, e: Entry, essay: str | None = None, at: datetime = NOW, fold_after: int = 1000):  # type: ignore[no-untyped-def]
    return cross_check(storage, YEAR, e, essay, at, fold_after)


@pytest.fixture
def local(tmp_path: Path) -> Storage:
    forget_open_indexes()
    return open_storage(Settings(storage=str(tmp_path)))


def test_a_reworded_copy_of_another_applicants_essay_is_found(local: Storage) -> None:
    original = essay_of(1)
    copy = reworded(random.Random(9), "ru", original, 0.25)
    assert check(local, entry("2026-000001", "111", original), original).essays == ()
    # the same applicant's own second submission is no duplicate
    assert check(local, entry("2026-000003", "111", original), original).essays == ()
    found = check(local, entry("2026-000002", "222", copy), copy).essays
    assert sorted(m.submission_id for m in found) == ["2026-000001", "2026-000003"]
    assert found[0].similarity >= THRESHOLD and len(found[0].shared_passage.split()) >= 3
    assert found[0].shared_passage in " ".join(copy.lower().replace(".", "").split())
    assert check(local, entry("2026-000004", "444", essay_of(4)), essay_of(4)).essays == ()


def test_a_certificate_in_two_applicants_submissions_is_found(local: Storage) -> None:
    cert = "СЕРТИФИКАТ\n№ 748497\nвыдан Кузнецовой Ирине, ИИН 850203459680, 2025 год"
    other = "СЕРТИФИКАТ\n№ 962624\nвыдан Ахметовой Динаре, ИИН 740524438333, 2025 год"
    check(local, entry("2026-000001", "111", None, cert))
    (match,) = check(local, entry("2026-000002", "222", None, cert.replace("Кузнецовой", "Петровой"))).documents
    assert match.reason == "same_number" and match.number == "748497" and match.other_submission_id == "2026-000001"
    assert check(local, entry("2026-000003", "333", None, other)).documents == ()
    (same,) = check(local, entry("2026-000004", "444", None, other)).documents
    assert same.reason == "same_file" and same.other_submission_id == "2026-000003"


def test_the_index_survives_the_night_folded_or_not(local: Storage) -> None:
    """A new process (a new night, a worker) sees every entry: the snapshot plus the log written since."""
    essays = {f"2026-{i:06d}": essay_of(100 + i) for i in range(1, 14)}
    for i, (sid, text) in enumerate(essays.items()):
        check(local, entry(sid, f"iin{i}", text), text, NOW + timedelta(hours=i * 5), fold_after=5)
    assert local.children(f"cross-index/{YEAR}/snapshot/") == ["00000001.json", "00000002.json"]
    forget_open_indexes()
    reopened = open_year(local, YEAR)
    assert set(reopened.rows) == set(essays)
    assert reopened.snapshot_number == 2
    copy = reworded(random.Random(3), "ru", essays["2026-000002"], 0.1)
    assert [m.submission_id for m in check(local, entry("2026-000099", "x", copy), copy).essays] == ["2026-000002"]


def test_reprocessing_a_submission_reads_only_the_index(local: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
    """Consulting the index never lists submissions or verdicts: the year is not read again."""
    for i in range(1, 6):
        check(local, entry(f"2026-{i:06d}", f"iin{i}", essay_of(i)), essay_of(i))
    forget_open_indexes()
    listed: list[str] = []
    original = type(local).iter_objects

    def spy(self: Storage, prefix: str):  # type: ignore[no-untyped-def]
        listed.append(prefix)
        return original(self, prefix)  # type: ignore[arg-type]

    monkeypatch.setattr(type(local), "iter_objects", spy)
    check(local, entry("2026-000003", "iin3", essay_of(3)), essay_of(3))
    assert listed and all(p.startswith("cross-index/") for p in listed)


def _writer(settings: Settings, first: int, count: int, start: datetime) -> None:
    """One run: records `count` submissions, folding every 4, in its own process."""
    forget_open_indexes()
    storage = open_storage(settings)
    for i in range(first, first + count):
        text = essay_of(1000 + i)
        check(storage, entry(f"2026-{i:06d}", f"iin{i}", text), text, start + timedelta(seconds=i), fold_after=4)


@pytest.mark.slow
def test_two_runs_at_once_lose_nothing(s3_server: MotoServer) -> None:
    settings = s3_server.settings(s3_server.make_bucket())
    context = multiprocessing.get_context("spawn")
    runs = [context.Process(target=_writer, args=(settings, first, 12, NOW)) for first in (1, 101)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(120)
        assert run.exitcode == 0
    forget_open_indexes()
    storage = open_storage(settings)
    index: YearIndex = open_year(storage, YEAR)
    expected = {f"2026-{i:06d}" for i in [*range(1, 13), *range(101, 113)]}
    assert set(index.rows) == expected
    snapshots = storage.children(f"cross-index/{YEAR}/snapshot/")
    assert snapshots == [f"{n:08d}.json" for n in range(1, len(snapshots) + 1)] and len(snapshots) >= 3
    # a copy of an essay either run recorded is found by a third
    copy = reworded(random.Random(5), "ru", essay_of(1105), 0.2)
    assert [m.submission_id for m in check(storage, entry("2026-000500", "new", copy), copy).essays] == ["2026-000105"]


def test_the_band_table_finds_near_signatures_sorted_or_not() -> None:
    """Rows merged into the sorted arrays and rows still in the unsorted block answer alike; a removed row is gone."""
    rng = np.random.default_rng(1)
    table = BandTable(64, 2)
    signatures = rng.integers(0, 2**32, size=(MERGE_AT + 10, 128), dtype=np.uint64).astype(np.uint32)
    for row, signature in enumerate(signatures):
        table.add(row, signature)
    near = signatures.copy()
    near[:, ::3] = 7  # a third of the values changed: most bands still agree
    assert table.query(near[5]).tolist() == [5]  # merged (the first MERGE_AT rows)
    assert table.query(near[MERGE_AT + 3]).tolist() == [MERGE_AT + 3]  # still unsorted
    assert table.query(rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)).size == 0
    table.remove(5)
    assert table.query(near[5]).size == 0


class _Racing:
    """Another process's view of the same folder: its own copy of the index (another name), and its
    `create` of a log entry held until the other has reached its own."""

    def __init__(self, inner: Storage, name: str, barrier: threading.Barrier) -> None:
        self.inner, self.name, self.barrier = inner, name, barrier

    def describe(self) -> str:
        return self.name

    def create(self, key: str, data: bytes) -> bool:
        if "/log/" in key:
            self.barrier.wait(10)
        return self.inner.create(key, data)

    def __getattr__(self, attribute: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, attribute)


def test_two_duplicates_recorded_at_the_same_moment_are_seen(local: Storage) -> None:
    """Both workers open the year before either records: the comparison after recording still sees the other."""
    original = essay_of(31)
    copy = reworded(random.Random(8), "ru", original, 0.15)
    barrier = threading.Barrier(2)
    found: dict[str, tuple[str, ...]] = {}

    def assess(name: str, e: Entry, text: str) -> None:
        racing = cast(Storage, _Racing(local, name, barrier))
        found[e.submission_id] = tuple(m.submission_id for m in check(racing, e, text).essays)

    runs = [
        threading.Thread(target=assess, args=("one", entry("2026-000001", "111", original), original)),
        threading.Thread(target=assess, args=("two", entry("2026-000002", "222", copy), copy)),
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join(30)
    assert set(found) == {"2026-000001", "2026-000002"}
    assert found["2026-000001"] == ("2026-000002",) or found["2026-000002"] == ("2026-000001",)
