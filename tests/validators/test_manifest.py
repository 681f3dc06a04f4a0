"""parse_manifest and the submission.malformed rules of contract §2."""

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.manifest import Manifest
from models.verdict import Finding
from tests.submissions import SUBMISSION_ID, documents, manifest_bytes, manifest_dict
from tests.validators.builders import verdict_schema_errors
from validators.manifest import (
    MAX_MANIFEST_BYTES,
    file_name_problem,
    is_valid_submission_id,
    missing_manifest,
    parse_manifest,
    upload_in_progress,
)


def malformed_rule(result: Manifest | Finding) -> str:
    """The broken rule of a malformed result; fails the test when the manifest was accepted."""
    if not isinstance(result, Finding):
        pytest.fail(f"expected submission.malformed, got {result!r}")
    assert result.check == "submission.malformed"
    assert result.status == "fail"
    assert result.ground == 2
    assert result.document == "manifest.json"
    assert result.message.kk and result.message.ru
    assert verdict_schema_errors([result]) == []
    return str(result.evidence["rule"])


def test_contract_example_parses() -> None:
    result = parse_manifest(manifest_bytes(), SUBMISSION_ID)
    assert isinstance(result, Manifest)
    assert result.submission_id == SUBMISSION_ID
    assert result.submitted_at.utcoffset() == timedelta(hours=5)
    assert len(result.documents) == 9


def test_unknown_fields_are_ignored_and_bom_tolerated() -> None:
    raw = b"\xef\xbb\xbf" + manifest_bytes(portal_extra={"x": 1})
    assert isinstance(parse_manifest(raw, SUBMISSION_ID), Manifest)


def test_absent_consent_counts_as_not_given() -> None:
    data = manifest_dict()
    del data["consent_personal_data"]
    result = parse_manifest(json.dumps(data).encode(), SUBMISSION_ID)
    assert isinstance(result, Manifest)
    assert result.consent_personal_data is False


def test_null_current_category_and_provider() -> None:
    request = {"action": "assign", "category": "pedagog", "current_category": None}
    result = parse_manifest(manifest_bytes(request=request, provider=None), SUBMISSION_ID)
    assert isinstance(result, Manifest)
    assert result.request.current_category is None


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        (b"\xff\xfe{}", "not_utf8"),
        ("{}".encode("utf-16"), "not_utf8"),
        (b"", "not_json"),
        (b"{not json", "not_json"),
        (b'{"a": NaN}', "not_json"),
        (b"[" * 100_000 + b"]" * 100_000, "not_json"),
        (b'{"a": ' + b"1" * 5000 + b"}", "not_json"),
        (b'{"a": 1, "a": 2}', "duplicate_key"),
        (b'{"a": "\\ud800"}', "invalid_unicode"),
        (b"[]", "schema"),
        (b"null", "schema"),
        (b"{}", "schema"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_undecodable_manifests(raw: bytes, rule: str) -> None:
    assert malformed_rule(parse_manifest(raw, SUBMISSION_ID)) == rule


@pytest.mark.parametrize(
    "overrides",
    [
        {"schema_version": 2},
        {"schema_version": True},
        {"submitted_at": "2026-09-14T21:05:00"},  # no offset
        {"submitted_at": "2026-02-30T21:05:00+05:00"},  # no such day: format checking is on
        {"submitted_at": "14.09.2026"},
        {"channel": "mail"},
        {"consent_personal_data": "yes"},
        {"state_records": {"diploma": True}},
        {"request": {"action": "confirm", "category": "pedagog_guru", "current_category": None}},
        {
            "request": {
                "action": "confirm",
                "category": "pedagog",
                "current_category": {"category": "pedagog", "valid_until": "2026-13-01"},
            }
        },
        {"applicant": {"iin": "870412400412", "full_name": ""}},
        {"documents": [{"file": "a.pdf", "kind": "passport"}]},
        {"documents": [{"file": "", "kind": "essay"}]},
        {"documents": [{"file": "x" * 256, "kind": "essay"}]},
        {"documents": "essay.pdf"},
    ],
)
def test_schema_mismatch(overrides: dict[str, Any]) -> None:
    assert malformed_rule(parse_manifest(manifest_bytes(**overrides), SUBMISSION_ID)) in ("schema", "file_name")


def test_schema_detail_names_the_path() -> None:
    result = parse_manifest(manifest_bytes(channel="mail"), SUBMISSION_ID)
    assert isinstance(result, Finding)
    assert result.evidence["path"] == "channel"


def test_missing_required_field() -> None:
    data = manifest_dict()
    del data["state_records"]
    assert malformed_rule(parse_manifest(json.dumps(data).encode(), SUBMISSION_ID)) == "schema"


def test_id_mismatch() -> None:
    result = parse_manifest(manifest_bytes(), "2026-000124")
    assert malformed_rule(result) == "id_mismatch"
    assert isinstance(result, Finding)
    assert result.evidence["submission_id"] == SUBMISSION_ID
    assert result.evidence["folder"] == "2026-000124"


def test_file_listed_twice() -> None:
    docs = documents(("essay.pdf", "essay"), ("a.pdf", "application"), ("essay.pdf", "essay"))
    result = parse_manifest(manifest_bytes(documents=docs), SUBMISSION_ID)
    assert malformed_rule(result) == "duplicate_file"
    assert isinstance(result, Finding)
    assert result.evidence["file"] == "essay.pdf"


def test_same_file_under_two_kinds_is_still_twice() -> None:
    docs = documents(("x.pdf", "essay"), ("x.pdf", "application"))
    assert malformed_rule(parse_manifest(manifest_bytes(documents=docs), SUBMISSION_ID)) == "duplicate_file"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../x", "path_separator"),
        ("a/b", "path_separator"),
        ("/etc/passwd", "path_separator"),
        ("a\\b", "path_separator"),
        ("C:\\x.pdf", "path_separator"),
        (".", "dot_or_empty"),
        ("..", "dot_or_empty"),
        ("manifest.json", "manifest_name"),
        ("Manifest.JSON", "manifest_name"),
        ("a\x00b.pdf", "control_character"),
        ("essay.pdf\n", "control_character"),
        ("a\u2028b", "control_character"),
    ],
)
def test_not_a_plain_file_name(name: str, problem: str) -> None:
    docs = [{"file": name, "kind": "essay"}]
    result = parse_manifest(manifest_bytes(documents=docs), SUBMISSION_ID)
    assert malformed_rule(result) == "file_name"
    assert isinstance(result, Finding)
    assert result.evidence["problem"] == problem
    assert "\x00" not in result.message.ru  # the name is shown escaped


@pytest.mark.parametrize("name", ["essay.pdf", "эссе 2026.pdf", "...pdf", ".hidden", "a..b", "manifest.json.pdf"])
def test_plain_file_names(name: str) -> None:
    assert file_name_problem(name) is None


def test_oversized_manifest() -> None:
    raw = manifest_bytes(padding="x" * MAX_MANIFEST_BYTES)
    result = parse_manifest(raw, SUBMISSION_ID)
    assert malformed_rule(result) == "too_large"
    assert isinstance(result, Finding)
    assert result.evidence["size"] == len(raw)


def test_missing_manifest_finding() -> None:
    newest = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    result = missing_manifest("2026-000123", newest)
    assert malformed_rule(result) == "missing"
    assert result.evidence["newest_file_time"] == newest.isoformat()
    assert malformed_rule(missing_manifest()) == "missing"


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("2026-000123", True),
        ("a", True),
        ("A_b-9", True),
        ("a" * 64, True),
        ("a" * 65, False),
        ("abc\n", False),
        ("-abc", False),
        ("_abc", False),
        ("", False),
        ("ab c", False),
        ("ab.c", False),
        ("аbc", False),  # Cyrillic а
        ("１２３", False),  # fullwidth digits
    ],
)
def test_submission_id(name: str, valid: bool) -> None:
    assert is_valid_submission_id(name) is valid


def test_upload_in_progress() -> None:
    now = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)
    assert upload_in_progress(now - timedelta(hours=23, minutes=59), now, 24)
    assert not upload_in_progress(now - timedelta(hours=24), now, 24)
    assert not upload_in_progress(now - timedelta(days=3), now, 24)
    assert upload_in_progress(now + timedelta(minutes=5), now, 24)  # clock skew: still uploading
    astana = timezone(timedelta(hours=5))
    assert upload_in_progress(datetime(2026, 9, 15, 16, 30, tzinfo=astana), now, 1)  # same instant, 30 min
    assert upload_in_progress(datetime(2026, 9, 15, 11, 30), now, 1)  # naive: taken as UTC


# --- properties ---------------------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    result = parse_manifest(raw, SUBMISSION_ID)
    assert isinstance(result, Manifest | Finding)
    if isinstance(result, Finding):
        assert result.check == "submission.malformed" and result.status == "fail"


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(manifest_dict())), _json_values)
def test_any_field_replaced_gives_manifest_or_malformed(key: str, value: Any) -> None:
    raw = json.dumps(manifest_dict(**{key: value})).encode()
    result = parse_manifest(raw, SUBMISSION_ID)
    assert isinstance(result, Manifest | Finding)
    if isinstance(result, Finding):
        assert result.check == "submission.malformed"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_file_name_gives_manifest_only_when_plain(name: str) -> None:
    raw = json.dumps(manifest_dict(documents=[{"file": name, "kind": "essay"}])).encode()
    result = parse_manifest(raw, SUBMISSION_ID)
    if isinstance(result, Manifest):
        assert file_name_problem(name) is None
        assert "/" not in name and "\\" not in name and name not in (".", "..")
    else:
        assert result.check == "submission.malformed"
