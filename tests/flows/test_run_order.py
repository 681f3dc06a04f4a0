"""The night's order: biggest reading first; assessment as soon as it is safe; no file read to hash
it again when the listing is the one the current verdict was made from."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flows.run_order import ApplicantOrder, file_cost, reading_cost
from flows.run_plan import Pending
from models.listing import Folder
from models.settings import Settings
from models.verdict import Verdict
from storage.objects import ObjectInfo, open_storage
from storage.submissions import discover
from tests.submissions import ASSIGN_MODERATOR, applicant, make_manifest
from validators.assessment import Parsed, parse
from workers.pool import read_from_caches, read_submission
from workers.settle import known_digests

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def _parsed(sid: str, iin: str, minute: int, sizes: dict[str, int]) -> Parsed:
    manifest = make_manifest(
        submission_id=sid,
        submitted_at=(T0 + timedelta(minutes=minute)).isoformat(),
        channel="egov",
        applicant=applicant(iin=iin),
        request=ASSIGN_MODERATOR,
        state_records={"diploma": True, "employment": True},
        documents=[{"file": name, "kind": "essay"} for name in sizes],
    )
    files = tuple(ObjectInfo(f"submissions/{sid}/{name}", size, T0) for name, size in sizes.items())
    files += (ObjectInfo(f"submissions/{sid}/unlisted.bin", 10**9, T0),)  # not listed: no cost
    return Parsed(Folder(sid, files, b"{}"), manifest, None)


def _pending(parsed: Parsed) -> Pending:
    iin = parsed.manifest.applicant.iin if parsed.manifest else parsed.submission_id
    return Pending(parsed.submission_id, parsed.sort_key[0].timestamp(), iin, reading_cost(parsed))


def _drain(order: ApplicantOrder[Pending]) -> list[str]:
    """What may go now, each settled as soon as it is taken."""
    got = []
    while order:
        item = order.next()
        got.append(item.submission_id)
        order.settled(item)
    return got


def test_the_most_expensive_reading_starts_first() -> None:
    small = _parsed("2026-000001", "870412400412", 1, {"a.pdf": 30_000})
    scans = _parsed("2026-000002", "950101300011", 2, {"a.jpg": 900_000, "b.pdf": 20_000})
    medium = _parsed("2026-000003", "900202400022", 3, {"a.pdf": 200_000})
    fax = _parsed("2026-000004", "910303400033", 4, {"a.tif": 50_000})
    assert reading_cost(scans) > reading_cost(fax) > reading_cost(medium) > reading_cost(small) > 0
    assert reading_cost(small) == file_cost("a.pdf", 30_000)  # the unlisted file costs nothing
    order = ApplicantOrder([_pending(p) for p in (small, scans, medium)])
    assert _drain(order) == ["2026-000002", "2026-000003", "2026-000001"]


def test_a_submission_goes_only_after_the_same_applicants_earlier_ones() -> None:
    first = _parsed("2026-000001", "870412400412", 1, {"a.pdf": 1})
    other = _parsed("2026-000002", "950101300011", 2, {"a.pdf": 1})
    repeat = _parsed("2026-000003", "870412400412", 3, {"a.jpg": 900_000})  # the most expensive
    order = ApplicantOrder([_pending(p) for p in (first, other, repeat)])
    assert len(order) == 2  # the repeat waits for the first, however expensive
    taken = [order.next(), order.next()]
    assert [t.submission_id for t in taken] == ["2026-000001", "2026-000002"] and not order
    order.settled(taken[1])
    assert not order  # another applicant's verdict releases nothing
    order.settled(taken[0])
    assert [order.next().submission_id] == ["2026-000003"] and not order


class _CountingStorage:
    """The real local storage, counting reads under submissions/ other than manifests."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.file_reads: list[str] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def read(self, key: str) -> bytes:
        if key.startswith("submissions/") and not key.endswith("manifest.json"):
            self.file_reads.append(key)
        return self.inner.read(key)  # type: ignore[attr-defined,no-any-return]


def test_an_unchanged_listing_reads_no_file_when_the_readings_are_cached(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tests.flows.tiny import write_submission

    sid = "2026-000101"
    write_submission(tmp_path, sid)
    settings = Settings(storage=str(tmp_path), notice_pkcs12=None)
    storage = _CountingStorage(open_storage(settings))
    parsed = parse(discover(storage, settings, datetime.now(UTC)).folders[0])  # type: ignore[arg-type]
    with ThreadPoolExecutor(1) as pool:
        first, _ = read_submission(storage, parsed, settings, pool)  # type: ignore[arg-type]
        listed = len(parsed.manifest.documents) if parsed.manifest else 0
        assert len(storage.file_reads) == listed
        digests = [(r.file, r.extracted.sha256) for r in first]
        current = Verdict.model_validate(
            json.loads((Path(__file__).parents[1] / "golden" / "2026-000101.json").read_text())
            | {
                "submission_id": sid,
                "input_fingerprint": parsed.folder.fingerprint,
                "input_sha256": "0" * 64,
                "decided_at": "2026-09-01T14:00:00+05:00",
                "documents": [
                    {"file": f, "declared_kind": "essay", "text_source": "text_layer", "pages": 1, "sha256": d}
                    for f, d in digests
                ],
            }
        )
        known = known_digests(parsed, current)
        assert known == {f: d for f, d in digests if d}
        storage.file_reads.clear()
        again, stats = read_submission(storage, parsed, settings, pool, known)  # type: ignore[arg-type]
        assert storage.file_reads == []  # nothing read to hash it: the verdict's digests stood
        assert stats.cached == len(again) and [r.extracted.sha256 for r in again] == [d for _, d in digests]
        direct = read_from_caches(storage, parsed, settings, known)  # type: ignore[arg-type]
        assert isinstance(direct, tuple) and direct[0] == again and storage.file_reads == []
        hashed = read_from_caches(storage, parsed, settings, {})  # type: ignore[arg-type]
        assert isinstance(hashed, tuple) and hashed[0] == again and len(storage.file_reads) == listed
        changed = parsed.folder.fingerprint[::-1]
        assert known_digests(parsed, current.model_copy(update={"input_fingerprint": changed})) == {}
