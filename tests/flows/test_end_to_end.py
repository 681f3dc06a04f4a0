"""The whole pipeline through the installed `attest` command on the sample set (contract §1, §4, §5)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from sample_set import build_sample_set
from tests.flows.cli import Result, attest, file_bytes, tree_digest

pytestmark = pytest.mark.slow
GOLDEN = Path(__file__).parents[1] / "golden"
# A fixed clock for the sample set, so that dates, working days and verdicts are reproducible.
FIXED_NOW = datetime(2026, 9, 18, 12, 0, tzinfo=UTC)
SCHEMA = json.loads((Path(__file__).parents[2] / "models" / "schemas" / "verdict.schema.json").read_text())


@dataclass(frozen=True)
class Batch:
    root: Path
    cases: tuple  # of SampleCase
    trust_root: bytes
    first: Result
    submissions_before: dict[str, bytes]


def verdict(root: Path, sid: str) -> dict:
    return json.loads((root / "verdicts" / f"{sid}.json").read_text())


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, prefect_api: str, provider_key: bytes) -> Iterator[Batch]:
    root = tmp_path_factory.mktemp("night") / "data"
    cases = build_sample_set(root, profile="test", now=FIXED_NOW)
    before = file_bytes(root / "submissions")
    first = attest("-v", "run", "--storage", str(root))  # verbose: the log is scanned for IINs below
    yield Batch(root, tuple(cases), trust_root=provider_key, first=first, submissions_before=before)


def test_run_completes_quietly_with_a_summary(batch: Batch) -> None:
    assert batch.first.code == 0, batch.first.err
    assert "Traceback" not in batch.first.err + batch.first.out
    assert "database is locked" not in batch.first.err
    assert "nightly:" in batch.first.out and "verdicts" in batch.first.out
    expected = sum(1 for c in batch.cases if c.expected_decision)
    assert f"nightly: {expected} verdicts" in batch.first.out
    assert "[1/" in batch.first.err  # progress lines


def test_every_case_gets_the_contracts_decision(batch: Batch) -> None:
    wrong = []
    for case in batch.cases:
        path = batch.root / "verdicts" / f"{case.submission_id}.json"
        if case.expected_decision is None:
            assert not path.exists(), f"{case.submission_id} should have been skipped"
            continue
        v = json.loads(path.read_text())
        flagged = {(f["check"], f["status"]) for f in v["findings"] if f["status"] != "pass"}
        if v["decision"] != case.expected_decision or not set(case.expected_checks) <= flagged:
            wrong.append((case.submission_id, case.title, v["decision"], sorted(flagged)))
        if case.expected_decision == "refused":
            assert sorted(v["grounds"]) == sorted(case.expected_grounds), case.title
    assert not wrong, wrong


def test_clean_submissions_are_never_refused(batch: Batch) -> None:
    clean = [c for c in batch.cases if c.expected_decision == "accepted"]
    assert clean
    for case in clean:
        assert verdict(batch.root, case.submission_id)["decision"] != "refused", case.title


def test_verdicts_match_the_schema_and_history(batch: Batch) -> None:
    verdicts = sorted((batch.root / "verdicts").glob("*.json"))
    assert verdicts
    for path in verdicts:
        data = json.loads(path.read_text())
        jsonschema.validate(data, SCHEMA)
        assert data["revision"] == 1
        history = batch.root / "verdict-history" / path.stem / "0001.json"
        assert history.read_bytes() == path.read_bytes()


def test_run_report_written(batch: Batch) -> None:
    reports = list((batch.root / "runs").glob("*.json"))
    assert len(reports) == 1
    report = json.loads(reports[0].read_text())
    assert report["verdicts_written"] == sum(report["by_decision"].values()) > 0
    assert report["ocr_pages"] > 0 and report["text_layer_pages"] > 0


def test_submissions_untouched(batch: Batch) -> None:
    assert file_bytes(batch.root / "submissions") == batch.submissions_before


def test_second_night_does_nothing(batch: Batch, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(batch.root, root)
    before = tree_digest(root)
    again = attest("run", "--storage", str(root))
    assert again.code == 0, again.err
    assert "nightly: 0 verdicts" in again.out
    after = tree_digest(root)
    changed = {k for k in after if before.get(k) != after[k]}
    assert all(k.startswith("runs/") for k in changed), changed


def test_reprocess_makes_revision_two_from_cache(batch: Batch, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(batch.root, root)
    sid = next(c.submission_id for c in batch.cases if c.expected_decision == "accepted" and c.scanned)
    first = (root / "verdict-history" / sid / "0001.json").read_bytes()
    result = attest("reprocess", "--storage", str(root), "--submission", sid)
    assert result.code == 0, result.err
    assert "0 OCR pages" in result.out  # the extraction cache spared the OCR
    assert verdict(root, sid)["revision"] == 2
    assert (root / "verdict-history" / sid / "0001.json").read_bytes() == first
    assert json.loads((root / "verdict-history" / sid / "0002.json").read_text())["revision"] == 2


def test_show_explains_a_refusal(batch: Batch) -> None:
    case = next(c for c in batch.cases if c.expected_decision == "refused")
    result = attest("show", "--storage", str(batch.root), case.submission_id)
    assert result.code == 0, result.err
    assert "REFUSED" in result.out and "kk:" in result.out and "ru:" in result.out


def test_show_unknown_submission_is_one_line_error(batch: Batch) -> None:
    result = attest("show", "--storage", str(batch.root), "no-such-id")
    assert result.code != 0
    assert result.err.strip().count("\n") == 0 and "no verdict" in result.err


def test_operator_decision_stands_at_night(batch: Batch, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(batch.root, root)
    listed = attest("review", "list", "--storage", str(root))
    assert listed.code == 0, listed.err
    case = next(c for c in batch.cases if c.expected_decision == "needs_review")
    assert case.submission_id in listed.out
    decided = attest(
        "review", "decide", "--storage", str(root), case.submission_id, "--accept", "--operator", "Operator A"
    )
    assert decided.code == 0, decided.err
    v = verdict(root, case.submission_id)
    assert v["decision"] == "accepted" and v["decided_by"] == {"kind": "operator", "name": "Operator A"}
    jsonschema.validate(v, SCHEMA)
    rerun = attest("run", "--storage", str(root))
    assert rerun.code == 0
    assert verdict(root, case.submission_id)["revision"] == v["revision"]


def test_every_verdict_has_a_signed_notice(batch: Batch) -> None:
    from notices import verify_notice

    for path in sorted((batch.root / "verdicts").glob("*.json")):
        data = json.loads(path.read_text())
        notice = batch.root / data["notice"]["key"]
        pdf = notice.read_bytes()
        assert hashlib.sha256(pdf).hexdigest() == data["notice"]["sha256"]
        check = verify_notice(pdf, batch.trust_root)
        assert check.ok, (path.stem, check.problem)


def _stable(verdict: dict) -> dict:
    """What a verdict says, without what changes from run to run (times, hashes, notice bytes)."""
    keep = {k: v for k, v in verdict.items() if k not in {"decided_at", "input_fingerprint", "input_sha256", "notice"}}
    keep["documents"] = [{k: v for k, v in d.items() if k != "sha256"} for d in verdict["documents"]]
    return keep


def test_verdicts_match_the_golden_files(batch: Batch) -> None:
    """Regenerate on purpose only: UPDATE_GOLDEN=1 pytest tests/flows/test_end_to_end.py -k golden."""
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    seen = set()
    for path in sorted((batch.root / "verdicts").glob("*.json")):
        got = _stable(json.loads(path.read_text()))
        golden = GOLDEN / path.name
        seen.add(path.name)
        if update:
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n")
            continue
        assert golden.exists(), f"no golden file for {path.name}: run with UPDATE_GOLDEN=1 on purpose"
        assert got == json.loads(golden.read_text()), f"{path.name} differs from its golden file"
    assert {p.name for p in GOLDEN.glob("*.json")} == seen


def test_the_nights_log_shows_no_full_iin(batch: Batch) -> None:
    iins = {c.applicant_iin for c in batch.cases if c.applicant_iin}
    assert iins
    log = batch.first.err + batch.first.out
    assert "******" in log  # applicants are named in the verbose log, masked
    for iin in iins:
        assert iin not in log
