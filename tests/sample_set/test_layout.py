"""The sample set is reproducible and lays out submissions as the contract's storage does."""

import hashlib
import json
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from sample_set import SampleCase, build_sample_set
from tests.sample_set.conftest import NOW

SCHEMA = json.loads((Path(__file__).parents[2] / "models" / "schemas" / "manifest.schema.json").read_text())
ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
Built = tuple[Path, tuple[SampleCase, ...]]


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _iin_ok(iin: str) -> bool:
    """Written apart from the generator's: weights 1..11, then 3..11,1,2; a second 10 is invalid."""
    if len(iin) != 12 or not iin.isdigit():
        return False
    d = [int(c) for c in iin]
    r = sum((i + 1) * d[i] for i in range(11)) % 11
    if r == 10:
        r = sum(((i + 2) % 11 + 1) * d[i] for i in range(11)) % 11
    return r != 10 and r == d[11]


def test_same_seed_gives_same_bytes(test_set: Built, tmp_path: Path) -> None:
    root, cases = test_set
    again = build_sample_set(tmp_path, profile="test", seed=2026, now=NOW)
    assert again == cases
    assert _digests(tmp_path) == _digests(root)


def test_another_seed_gives_other_people(tmp_path: Path, test_set: Built) -> None:
    _, cases = test_set
    other = build_sample_set(tmp_path, profile="test", seed=7, now=NOW)
    assert {c.applicant_iin for c in other}.isdisjoint({c.applicant_iin for c in cases})


def test_manifests_match_the_schema_unless_malformed(test_set: Built) -> None:
    root, cases = test_set
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    checked = 0
    for case in cases:
        path = root / "submissions" / case.folder / "manifest.json"
        if "malformed" in case.tags or "skipped" in case.tags:
            continue
        manifest = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(manifest)
        assert manifest["submission_id"] == case.submission_id == case.folder
        assert manifest["submitted_at"].endswith("+05:00")
        assert [d["file"] for d in manifest["documents"]] == [d.file for d in case.documents]
        for d in case.documents:
            assert (path.parent / d.file).is_file()
        checked += 1
    assert checked >= 15


def test_each_malformed_manifest_is_malformed_its_own_way(test_set: Built) -> None:
    root, cases = test_set
    by_title = {c.title: c for c in cases}
    folder = {t: root / "submissions" / c.folder for t, c in by_title.items()}
    with pytest.raises(json.JSONDecodeError):
        json.loads((folder["manifest is not valid JSON"] / "manifest.json").read_text(encoding="utf-8"))
    other = json.loads((folder["manifest names another submission_id"] / "manifest.json").read_text())
    assert other["submission_id"] != by_title["manifest names another submission_id"].folder
    twice = json.loads((folder["manifest lists a file twice"] / "manifest.json").read_text())
    files = [d["file"] for d in twice["documents"]]
    assert len(files) != len(set(files))
    escape = json.loads((folder["manifest lists '../escape.pdf'"] / "manifest.json").read_text())
    assert "../escape.pdf" in [d["file"] for d in escape["documents"]]
    assert not (root / "submissions" / "escape.pdf").exists()
    old = folder["no manifest, files 48 hours old (past the grace period)"]
    assert not (old / "manifest.json").exists()
    assert all(time.time() - p.stat().st_mtime > 24 * 3600 for p in old.iterdir())


def test_skipped_folders(test_set: Built) -> None:
    root, cases = test_set
    skipped = [c for c in cases if c.expected_decision is None]
    assert len(skipped) == 2
    bad = next(c for c in skipped if "folder_bad_id" in c.tags)
    assert not re.fullmatch(ID, bad.folder) and (root / "submissions" / bad.folder).is_dir()
    busy = next(c for c in skipped if "folder_in_progress" in c.tags)
    folder = root / "submissions" / busy.folder
    assert not (folder / "manifest.json").exists()
    assert any(folder.iterdir())
    assert all(p.stat().st_mtime > time.time() - 3600 for p in folder.iterdir())
    for case in cases:
        if case not in skipped:
            assert re.fullmatch(ID, case.folder)


def test_labels_are_coherent(test_set: Built) -> None:
    _, cases = test_set
    assert len({c.folder for c in cases}) == len(cases)
    for c in cases:
        if c.expected_decision == "accepted":
            assert not c.expected_checks and c.expected_grounds == ()
        elif c.expected_decision == "refused":
            assert c.expected_grounds and any(s == "fail" for _, s in c.expected_checks)
        elif c.expected_decision == "needs_review":
            assert c.expected_grounds == () and {s for _, s in c.expected_checks} == {"review"}
    codes = {code for c in cases for code, _ in c.expected_checks}
    assert codes >= {
        "consent.missing", "documents.missing", "document.unreadable", "submission.malformed",
        "identity.iin_invalid", "request.inconsistent", "essay.word_count", "application.repeat",
    }  # fmt: skip
    assert any(c.scanned for c in cases if c.expected_decision == "accepted")


def test_iins_pass_the_checksum_except_the_invalid_one(test_set: Built, eval_set: Built) -> None:
    for _, cases in (test_set, eval_set):
        for c in cases:
            assert c.applicant_iin is not None
            assert _iin_ok(c.applicant_iin) is ("iin_invalid" not in c.tags), c.title
    assert sum("iin_invalid" in c.tags for c in test_set[1]) == 1


def test_repeat_pair_is_one_applicant_in_one_academic_year(test_set: Built) -> None:
    _, cases = test_set
    first, second = (c for c in cases if c.title.startswith("repeat pair"))
    assert first.applicant_iin == second.applicant_iin
    assert first.submitted_at is not None and second.submitted_at is not None
    t1, t2 = datetime.fromisoformat(first.submitted_at), datetime.fromisoformat(second.submitted_at)
    assert t1 < t2 < NOW
    start = datetime(t2.year if t2.month >= 9 else t2.year - 1, 9, 1, tzinfo=t2.tzinfo)
    assert t1 >= start
    assert first.expected_decision == "accepted" and ("application.repeat", "fail") in second.expected_checks


def test_submitted_at_is_in_the_days_before_now(test_set: Built) -> None:
    _, cases = test_set
    for c in cases:
        if c.submitted_at:
            t = datetime.fromisoformat(c.submitted_at)
            assert NOW - timedelta(days=7) < t < NOW


def test_required_kinds_of_clean_cases(test_set: Built, eval_set: Built) -> None:
    """Contract §2 table, written again here: a clean case has every required kind."""
    for root, cases in (test_set, eval_set):
        for c in cases:
            if c.expected_decision != "accepted":
                continue
            m = json.loads((root / "submissions" / c.folder / "manifest.json").read_text(encoding="utf-8"))
            required = {
                "application",
                "course_certificate",
                "professional_achievements",
                "student_achievements",
                "essay",
            }
            if not m["state_records"]["diploma"]:
                required.add("diploma")
            if not m["state_records"]["employment"]:
                required.add("employment_record")
            if m["request"]["current_category"] is not None:
                required |= {"category_certificate", "category_order"}
            assert required <= {d["kind"] for d in m["documents"]}, c.title
            assert m.get("consent_personal_data") is True


def test_damaged_files(test_set: Built) -> None:
    root, cases = test_set
    magic = (b"%PDF", b"\xff\xd8", b"\x89PNG", b"II*\x00", b"MM\x00*")
    seen = set()
    for c in cases:
        for d in c.documents:
            data = (root / "submissions" / c.folder / d.file).read_bytes()
            if d.rendering == "empty":
                assert data == b""
            elif d.rendering == "corrupt":
                assert len(data) > 0 and not data.startswith(magic) and d.file.endswith(".pdf")
            else:
                assert data.startswith(magic), d.file
            seen.add(d.rendering)
    assert {"pdf", "jpeg", "png", "tiff", "scan_pdf", "empty", "corrupt"} <= seen


def test_labels_round_trip_as_json(test_set: Built, tmp_path: Path) -> None:
    from sample_set import write_labels

    _, cases = test_set
    path = tmp_path / "labels.json"
    write_labels(cases, path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert [SampleCase.model_validate(r) for r in rows] == list(cases)
