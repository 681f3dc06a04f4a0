"""The fingerprint index: an unchanged submission costs a listing entry, and the index never hides a change."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.run_plan import Plan, Selection, plan_run, save_index
from models.errors import StorageError
from models.settings import Settings
from models.verdict import DecidedBy, Verdict
from storage.fingerprint_index import JOURNAL, SNAPSHOT, journal, load_snapshot
from storage.objects import GuardedStorage, LocalStorage, open_storage
from storage.verdicts import publish
from tests.flows.cli import attest
from tests.flows.tiny import write_submission
from tests.log_records import attest_messages
from tests.s3_server import FlakyProxy, MotoServer

pytestmark = pytest.mark.slow
IDS = ["2026-000901", "2026-000902", "2026-000903"]


class _Counting(GuardedStorage):
    """The real local storage, counting what is read; `broken` makes writes under a prefix fail."""

    def __init__(self, root: Path, broken: str | None = None) -> None:
        super().__init__(LocalStorage(root))
        self.reads: list[str] = []
        self.broken = broken

    def read(self, key: str) -> bytes:
        self.reads.append(key)
        return super().read(key)

    def write(self, key: str, data: bytes) -> None:
        if self.broken and key.startswith(self.broken):
            raise StorageError(f"cut short before {key}")
        super().write(key, data)


def _plan(storage: _Counting, selection: Selection | None = None) -> Plan:
    plan, _ = plan_run(storage, Settings(storage=str(storage.describe())), selection or Selection(), datetime.now(UTC))
    return plan


@pytest.fixture
def night_done(tmp_path: Path, prefect_api: str) -> Path:
    """Three submissions (one applicant) after their first night."""
    root = tmp_path / "data"
    for day, sid in enumerate(IDS, start=10):
        write_submission(root, sid, submitted_at=f"2026-09-{day}T10:00:00+05:00")
    result = attest("run", "--storage", str(root))
    assert result.code == 0, result.err
    return root


def test_an_idle_night_reads_no_verdict_and_no_manifest(night_done: Path) -> None:
    storage = _Counting(night_done)
    plan = _plan(storage)
    assert not plan.todo and plan.unchanged == len(IDS)
    assert storage.reads == [SNAPSHOT]  # the index alone: no verdict, no manifest, no history listing
    assert sorted(plan.entries) == IDS and all(e.decision is not None for e in plan.entries.values())
    assert not plan.index_stale  # nothing new: the index is not written again (a run report alone)


def test_a_missing_or_broken_index_is_rebuilt_from_the_verdicts(night_done: Path) -> None:
    (night_done / SNAPSHOT).write_text("{not json", encoding="utf-8")
    storage = _Counting(night_done)
    plan = _plan(storage)
    assert not plan.todo and plan.unchanged == len(IDS)
    assert {f"verdicts/{sid}.json" for sid in IDS} <= set(storage.reads)  # the slow way, every verdict
    save_index(storage, plan)
    rebuilt = load_snapshot(storage)
    assert rebuilt.mark is not None and sorted(rebuilt.entries) == IDS
    (night_done / SNAPSHOT).unlink()
    assert not _plan(_Counting(night_done)).todo


def test_a_publication_cut_short_after_its_history_is_completed_by_the_next_night(night_done: Path) -> None:
    """A reprocess killed between the history and the current verdict changes no listing: the journal,
    written before the history, still sends the next night to that submission."""
    sid = IDS[1]
    current = Verdict.model_validate_json((night_done / "verdicts" / f"{sid}.json").read_bytes())
    decided = current.model_copy(update={"decision": "refused", "decided_by": DecidedBy(kind="operator", name="a")})
    with pytest.raises(StorageError):
        publish(_Counting(night_done, broken="verdicts/"), decided)
    assert json.loads((night_done / "verdicts" / f"{sid}.json").read_text())["revision"] == 1
    storage = _Counting(night_done)
    plan = _plan(storage)
    assert not plan.todo and f"verdicts/{sid}.json" in storage.reads
    assert [r for r in storage.reads if r.startswith("verdicts/")] == [f"verdicts/{sid}.json"]  # that one alone
    assert json.loads((night_done / "verdicts" / f"{sid}.json").read_text())["revision"] == 2
    assert plan.entries[sid].decision == "refused" and plan.entries[sid].operator
    later = IDS[2]  # the same applicant's later submission sees the operator's decision
    assert {o.submission_id: o.decision for o in _others(plan, later)}[sid] == "refused"


def _others(plan: Plan, sid: str) -> tuple:  # type: ignore[type-arg]
    iin = plan.entries[sid].iin
    plan.by_iin = {iin: sorted(plan.entries)} if iin else {}
    return plan.others(sid)


def test_a_changed_file_and_a_new_submission_are_taken(night_done: Path) -> None:
    essay = night_done / "submissions" / IDS[0] / "essay.pdf"
    essay.write_bytes(essay.read_bytes() + b"\n")
    write_submission(night_done, "2026-000904", submitted_at="2026-09-20T10:00:00+05:00")
    storage = _Counting(night_done)
    plan = _plan(storage)
    assert [p.submission_id for p in plan.todo] == [IDS[0], "2026-000904"]
    verdicts_read = [r for r in storage.reads if r.startswith("verdicts/")]
    assert verdicts_read == [f"verdicts/{IDS[0]}.json", "verdicts/2026-000904.json"]  # the new one's: none yet
    # the new submission's applicant has three earlier submissions, their decisions from the index
    assert sorted(plan.by_iin[plan.entries["2026-000904"].iin or ""]) == [*IDS, "2026-000904"]
    assert {o.submission_id for o in plan.others("2026-000904")} == set(IDS)


def test_a_reprocess_reads_the_verdicts_it_chooses_only(night_done: Path) -> None:
    storage = _Counting(night_done)
    plan = _plan(storage, Selection(mode="reprocess", submission_ids=(IDS[2],)))
    assert [p.submission_id for p in plan.todo] == [IDS[2]]
    assert [r for r in storage.reads if r.startswith("verdicts/")] == [f"verdicts/{IDS[2]}.json"]


def test_a_night_prunes_the_journal_a_week_before_its_index_and_keeps_the_rest(night_done: Path) -> None:
    storage = GuardedStorage(LocalStorage(night_done))
    tonight = storage.children(JOURNAL)  # the first night's publications
    now = datetime.now(UTC)
    for days_ago in (60, 30, 9, 2):
        journal(storage, IDS[0], 1, now=now - timedelta(days=days_ago))
    result = attest("run", "--storage", str(night_done))
    assert result.code == 0, result.err
    kept = sorted({f"{now - timedelta(days=2):%Y-%m-%d}", *tonight})
    assert storage.children(JOURNAL) == kept
    assert not _plan(_Counting(night_done)).todo  # and the night after still has nothing to do


def test_a_night_whose_journal_cannot_be_pruned_warns_and_goes_on(
    s3_server: MotoServer,
) -> None:
    """S3 refuses every DeleteObjects: the night still writes its index and its report, the journal
    waits, and the next night prunes it."""
    from flows.nightly import execute

    bucket = s3_server.make_bucket()
    with FlakyProxy(s3_server.port) as proxy:
        settings = s3_server.settings(bucket, endpoint=proxy.endpoint)
        storage = open_storage(settings)
        old = datetime.now(UTC) - timedelta(days=30)
        journal(storage, IDS[0], 1, now=old)
        proxy.fail_method, proxy.fail_next = "POST", 100
        with attest_messages() as warned:
            report = execute(settings, Selection())
        assert any(method == "POST" for method, _, _ in proxy.log)  # it tried
        assert any("journal was not pruned" in message for message in warned)
        assert storage.exists(SNAPSHOT) and storage.exists(f"runs/{report.run_id}.json")
        assert storage.children(JOURNAL) == [f"{old:%Y-%m-%d}"]
        proxy.fail_next = 0
        execute(settings, Selection())
        assert storage.children(JOURNAL) == []
