"""The fingerprint index's journal is pruned by the runs themselves, and never of what a snapshot needs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.fingerprint_index import (
    JOURNAL,
    KEPT,
    NO_VERDICT,
    journal,
    load_snapshot,
    prune_journal,
    save_snapshot,
    to_recheck,
)
from storage.objects import GuardedStorage, LocalStorage
from tests.log_records import attest_messages

STARTED = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)  # a run's start; its mark is an hour before


def _days(storage: GuardedStorage) -> list[str]:
    return storage.children(JOURNAL)


@pytest.fixture
def storage(tmp_path: Path) -> GuardedStorage:
    return GuardedStorage(LocalStorage(tmp_path))


def test_a_run_prunes_the_days_before_its_mark_less_a_week(storage: GuardedStorage, tmp_path: Path) -> None:
    for days_ago in (40, 9, 8, 7, 6, 1):
        journal(storage, "2026-000001", 1, now=STARTED - timedelta(days=days_ago))
    storage.write("index/journal/notes/readme", b"not a day: left alone")
    storage.write("index/journal/1999-1-1/x", b"not a day either")
    mark = save_snapshot(storage, [], STARTED)
    assert prune_journal(storage, mark) == 3
    # the mark is 00:30 on the 20th: the 12th ends before a week before it, the 13th does not
    assert _days(storage) == ["1999-1-1", "2026-11-13", "2026-11-14", "2026-11-19", "notes"]
    assert not (tmp_path / "index" / "journal" / "2026-10-11").exists()  # the emptied folder too
    assert storage.read("index/verdicts.json")  # the snapshot is not the journal's
    assert prune_journal(storage, mark) == 0


def test_a_run_deletes_a_bounded_number_and_leaves_the_rest_to_the_next(storage: GuardedStorage) -> None:
    for days_ago in (30, 30, 20, 20, 20, 3):
        journal(storage, "2026-000001", 1, now=STARTED - timedelta(days=days_ago))
    mark = save_snapshot(storage, [], STARTED)
    assert prune_journal(storage, mark, at_most=3) == 3  # the oldest first
    assert [len(storage.children(f"{JOURNAL}{d}")) for d in _days(storage)] == [2, 1]
    assert prune_journal(storage, mark, at_most=3) == 2
    assert _days(storage) == ["2026-11-17"]


def test_a_publication_inside_the_margin_is_still_rechecked_after_an_earlier_run_saves_last(
    storage: GuardedStorage,
) -> None:
    """Two runs at once: the later-started one writes its snapshot and prunes; the earlier-started one
    (days long, less than a week) writes its own snapshot afterwards, the last writer wins, and its earlier
    mark must still find the publications journalled since it."""
    earlier_start = STARTED - KEPT + timedelta(hours=2)  # within a week of the later run's start
    journal(storage, "2026-000001", 2, now=earlier_start - timedelta(days=2))  # before both marks
    journal(storage, "2026-000002", 2, now=earlier_start + timedelta(hours=1))  # inside the margin
    entries = [("2026-000001", NO_VERDICT._replace(revision=1)), ("2026-000002", NO_VERDICT._replace(revision=1))]
    prune_journal(storage, save_snapshot(storage, [(sid, e._replace(revision=2)) for sid, e in entries], STARTED))
    save_snapshot(storage, entries, earlier_start)  # the earlier-started run ends last
    snapshot = load_snapshot(storage)
    assert snapshot.mark == earlier_start - timedelta(hours=1)
    assert to_recheck(storage, snapshot) == {"2026-000002"}


def test_a_journal_that_cannot_be_pruned_is_a_warning(
    storage: GuardedStorage, caplog: pytest.LogCaptureFixture
) -> None:
    """A journal behind a symbolic link is not followed (a real refusal of local storage): the run is
    told in a warning and goes on; nothing is deleted. (A refused DeleteObjects: tests/flows.)"""
    journal(storage, "2026-000001", 1, now=STARTED - timedelta(days=30))
    mark = save_snapshot(storage, [], STARTED)
    root = Path(storage.describe())
    (root / "index").rename(root / "elsewhere")
    (root / "index").mkdir()
    (root / "index" / "journal").symlink_to(root / "elsewhere" / "journal")
    with attest_messages() as warned:
        assert prune_journal(storage, mark) == 0
    assert any("journal was not pruned" in message for message in warned)
    assert len(list((root / "elsewhere" / "journal").rglob("*.*"))) == 1
