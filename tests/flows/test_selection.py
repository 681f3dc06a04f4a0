"""Which submissions an operator's reprocess takes."""

from __future__ import annotations

import json
from datetime import date

from flows.run_plan import Selection, _selected
from models.listing import Folder
from tests.submissions import applicant, manifest_dict
from validators.assessment import parse


def _parsed(submitted_at: str) -> object:
    manifest = manifest_dict(
        submission_id="2026-000001",
        submitted_at=submitted_at,
        channel="egov",
        applicant=applicant(),
        request={"action": "assign", "category": "pedagog", "current_category": None},
        state_records={"diploma": True, "employment": True},
        documents=[],
    )
    del manifest["provider"]
    return parse(Folder("2026-000001", (), json.dumps(manifest).encode()))


def test_since_counts_the_day_in_astana_time() -> None:
    since = Selection(mode="reprocess", since=date(2026, 9, 1))
    # 19:30 UTC on 31 August is 00:30 on 1 September in Astana.
    assert _selected(_parsed("2026-08-31T19:30:00Z"), None, since)  # type: ignore[arg-type]
    assert not _selected(_parsed("2026-08-31T18:30:00Z"), None, since)  # type: ignore[arg-type]


def test_reprocess_leaves_an_unchosen_submission_alone() -> None:
    chosen = Selection(mode="reprocess", submission_ids=("2026-000999",))
    assert not _selected(_parsed("2026-09-02T10:00:00+05:00"), None, chosen)  # type: ignore[arg-type]
