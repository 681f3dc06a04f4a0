"""The night with cross-checks on: the same essay from two applicants goes to a person, a distinct one
does not, and reprocessing one submission sees the year through the index alone."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from sample_set.same_prompt import distinct_essay, reworded
from tests.flows.cli import attest
from tests.flows.tiny import pdf
from tests.submissions import ASSIGN_MODERATOR, NAME, applicant, manifest_dict, write_folder
from tests.validators.builders import valid_iin

pytestmark = pytest.mark.slow

ON = {"ATTEST_CROSS_CHECKS": "true", "ATTEST_NOTICES": "off"}


def _lines(text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + 10]) for i in range(0, len(words), 10)]


def _submission(root: Path, sid: str, iin: str, essay: str, minute: int) -> None:
    manifest = manifest_dict(
        submission_id=sid,
        submitted_at=f"2026-09-14T10:{minute:02d}:00+05:00",
        applicant=applicant(iin=iin),
        request=ASSIGN_MODERATOR,
        state_records={"diploma": True, "employment": True},
        documents=[{"file": "application.pdf", "kind": "application"}, {"file": "essay.pdf", "kind": "essay"}],
    )
    del manifest["provider"]
    files = {"application.pdf": pdf(["ӨТІНІШ", f"Т.А.Ә.: {NAME}", f"ЖСН: {iin}"]), "essay.pdf": pdf(_lines(essay))}
    write_folder(root, manifest, files)


def _verdict(root: Path, sid: str) -> dict:  # type: ignore[type-arg]
    return json.loads((root / "verdicts" / f"{sid}.json").read_text())


def _checks(verdict: dict) -> set[str]:  # type: ignore[type-arg]
    return {f["check"] for f in verdict["findings"]}


def test_a_copied_essay_goes_to_a_person_and_reprocessing_sees_it(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    rng = random.Random(21)
    title, body = distinct_essay(rng, "kk", 275)
    original = f"{title} {body}"
    copy = f"{title} {reworded(rng, 'kk', body, 0.15)}"
    other = " ".join(distinct_essay(rng, "kk", 275))
    iins = [valid_iin(f"8704124004{i}") or valid_iin(f"8704124005{i}") for i in range(3)]
    _submission(root, "2026-002101", str(iins[0]), original, 1)
    _submission(root, "2026-002102", str(iins[1]), copy, 2)
    _submission(root, "2026-002103", str(iins[2]), other, 3)
    result = attest("run", "--storage", str(root), env=ON)
    assert result.code == 0, result.err
    verdicts = {sid: _verdict(root, sid) for sid in ("2026-002101", "2026-002102", "2026-002103")}
    flagged = {sid for sid, v in verdicts.items() if "essay.duplicate" in _checks(v)}
    # the later of the two by the index; both when two workers recorded them at the same moment
    pair = {"2026-002101", "2026-002102"}
    assert flagged and flagged <= pair
    for sid in flagged:
        finding = next(f for f in verdicts[sid]["findings"] if f["check"] == "essay.duplicate")
        assert verdicts[sid]["decision"] == "needs_review" and finding["status"] == "review"
        assert finding["evidence"]["other_submission_ids"] == sorted(pair - {sid})
    assert "essay.duplicate" not in _checks(verdicts["2026-002103"])
    # the other one, reprocessed alone, finds the first in the index
    later = min(flagged)
    (earlier,) = pair - {later}
    again = attest("reprocess", "--submission", earlier, "--storage", str(root), env=ON)
    assert again.code == 0, again.err
    assert "essay.duplicate" in _checks(_verdict(root, earlier))
    # the index lost: the next assessment builds it again from the verdicts and their cached readings
    shutil.rmtree(root / "cross-index")
    again = attest("reprocess", "--submission", later, "--storage", str(root), env=ON)
    assert again.code == 0, again.err
    assert "essay.duplicate" in _checks(_verdict(root, later))
    logged = {p.name.split("-", 1)[1] for p in (root / "cross-index").rglob("*.json") if "/log/" in p.as_posix()}
    assert {name[:11] for name in logged} == {"2026-002101", "2026-002102", "2026-002103"}
    # off (the default): no index is kept or consulted
    plain = tmp_path / "plain"
    _submission(plain, "2026-002111", str(iins[0]), original, 1)
    _submission(plain, "2026-002112", str(iins[1]), original, 2)
    assert attest("run", "--storage", str(plain), env={"ATTEST_NOTICES": "off"}).code == 0
    assert not (plain / "cross-index").exists()
    assert all("essay.duplicate" not in _checks(_verdict(plain, s)) for s in ("2026-002111", "2026-002112"))
