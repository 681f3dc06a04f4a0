"""A submission settled in a worker: cached readings, assessment with the applicant's others, publication."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from models.context import PriorSubmission
from models.settings import Settings
from storage.objects import open_storage
from storage.submissions import load_folder
from tests.flows.tiny import write_submission
from validators.assessment import parse
from workers.pool import read_submission
from workers.settle import NeedsReading, Settled, SettleJob, settle

SID = "2026-000951"


def test_a_submission_is_read_once_then_settled_from_the_caches(tmp_path: Path) -> None:
    write_submission(tmp_path, SID)
    settings = Settings(storage=str(tmp_path), notices=False)
    first = settle(settings, SettleJob(SID, (), always=False))
    assert isinstance(first, NeedsReading) and sorted(first.known) == ["application.pdf", "essay.pdf"]
    storage = open_storage(settings)
    with ThreadPoolExecutor(1) as pool:
        readings, stats = read_submission(storage, parse(load_folder(storage, SID)), settings, pool, first.known)
    read = settle(settings, SettleJob(SID, (), False, readings, stats))
    assert isinstance(read, Settled) and read.verdict is not None and read.verdict.revision == 1
    assert read.entry is not None and read.entry.fingerprint == read.verdict.input_fingerprint
    again = settle(settings, SettleJob(SID, (), always=False))  # every reading cached now: no reading
    assert isinstance(again, Settled) and again.verdict is None and again.stats.cached == 2
    forced = settle(settings, SettleJob(SID, (), always=True))
    assert isinstance(forced, Settled) and forced.verdict is not None and forced.verdict.revision == 2
    assert sorted(p.name for p in (tmp_path / "verdict-history" / SID).iterdir()) == ["0001.json", "0002.json"]


def test_the_applicants_earlier_accepted_submission_makes_a_repeat(tmp_path: Path) -> None:
    write_submission(tmp_path, SID, submitted_at="2026-09-14T10:05:00+05:00")
    settings = Settings(storage=str(tmp_path), notices=False)
    storage = open_storage(settings)
    with ThreadPoolExecutor(1) as pool:
        readings, stats = read_submission(storage, parse(load_folder(storage, SID)), settings, pool)
    earlier = PriorSubmission(
        submission_id="2026-000950",
        submitted_at=datetime.fromisoformat("2026-09-10T10:00:00+05:00"),
        decision="accepted",
    )
    done = settle(settings, SettleJob(SID, (earlier,), False, readings, stats))
    assert isinstance(done, Settled) and done.verdict is not None
    repeat = [f for f in done.verdict.findings if f.check == "application.repeat"]
    assert [f.status for f in repeat] == ["fail"] and done.verdict.decision == "refused"
