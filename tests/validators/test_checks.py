"""consent.missing, documents.missing, document.unreadable, request.inconsistent,
application.outside_window, application.repeat: fail, review and pass cases."""

from datetime import date
from typing import Any

import pytest

from models.extraction import UnreadableReason
from models.settings import Window
from models.verdict import Finding
from tests.submissions import FULL_DOCUMENTS, SUBMISSION_ID, documents, make_manifest, without_kinds
from tests.validators.builders import make_ctx, make_reading, prior, verdict_schema_errors
from validators.consent import check_consent_missing
from validators.documents import check_document_unreadable, check_documents_missing, required_kinds
from validators.repeat import academic_year, check_application_repeat
from validators.request import check_request_inconsistent
from validators.window import check_outside_window


def only(findings: list[Finding], check: str, status: str) -> Finding:
    assert len(findings) == 1, findings
    (f,) = findings
    assert f.check == check
    assert f.status == status
    assert f.ground is None or status == "fail"
    assert f.message.kk and f.message.ru and f.message.kk != f.message.ru
    assert verdict_schema_errors(findings) == []
    return f


# --- consent.missing ----------------------------------------------------------------------------


def test_consent_given() -> None:
    assert check_consent_missing(make_ctx()) == []


def test_consent_refused() -> None:
    f = only(check_consent_missing(make_ctx(make_manifest(consent_personal_data=False))), "consent.missing", "fail")
    assert f.ground == 3
    assert "8" in f.message.ru and "персональн" in f.message.ru


# --- documents.missing --------------------------------------------------------------------------


def test_all_documents_present() -> None:
    assert check_documents_missing(make_ctx()) == []


def test_one_finding_per_missing_kind() -> None:
    manifest = make_manifest(documents=without_kinds("essay", "diploma", "course_certificate"))
    findings = check_documents_missing(make_ctx(manifest))
    assert [f.evidence["kind"] for f in findings] == ["diploma", "course_certificate", "essay"]
    assert all(f.status == "fail" and f.ground == 2 for f in findings)
    assert "диплом об образовании" in findings[0].message.ru
    assert "білім туралы диплом" in findings[0].message.kk
    assert verdict_schema_errors(findings) == []


def test_state_records_make_diploma_and_employment_optional() -> None:
    manifest = make_manifest(
        state_records={"diploma": True, "employment": True},
        documents=without_kinds("diploma", "employment_record"),
    )
    assert check_documents_missing(make_ctx(manifest)) == []


def test_category_documents_required_only_with_a_current_category() -> None:
    docs = without_kinds("category_certificate", "category_order")
    held = make_manifest(documents=docs)
    assert [f.evidence["kind"] for f in check_documents_missing(make_ctx(held))] == [
        "category_certificate",
        "category_order",
    ]
    never = make_manifest(documents=docs, request={"action": "assign", "category": "pedagog", "current_category": None})
    assert check_documents_missing(make_ctx(never)) == []


def test_retraining_certificate_is_never_required() -> None:
    assert "retraining_certificate" not in required_kinds(make_manifest())


@pytest.mark.parametrize("category", ["pedagog_moderator", "pedagog_expert"])
def test_platform_fed_items_missing_are_review(category: str) -> None:
    request = {
        "action": "confirm",
        "category": category,
        "current_category": {"category": category, "valid_until": "2026-12-25"},
    }
    manifest = make_manifest(request=request, documents=documents(("application.pdf", "application")))
    findings = check_documents_missing(make_ctx(manifest))
    by_kind = {f.evidence["kind"]: f for f in findings}
    review = {"course_certificate", "category_certificate", "category_order"}
    review |= {"professional_achievements", "student_achievements"}
    fail = {"diploma", "employment_record", "essay"}
    assert set(by_kind) == review | fail
    assert {k for k, f in by_kind.items() if f.status == "review"} == review
    assert {k for k, f in by_kind.items() if f.status == "fail"} == fail
    assert all(f.evidence["platform_fed"] == (f.status == "review") for f in findings)
    assert "Ұстаз" in by_kind["course_certificate"].message.kk
    assert verdict_schema_errors(findings) == []


def test_other_categories_missing_platform_items_fail() -> None:
    manifest = make_manifest(documents=without_kinds("course_certificate"))  # pedagog_master
    only(check_documents_missing(make_ctx(manifest)), "documents.missing", "fail")


def test_listed_but_unreadable_counts_as_present() -> None:
    manifest = make_manifest()
    readings = tuple(
        make_reading(d.file, d.kind, unreadable="absent") if d.kind == "essay" else make_reading(d.file, d.kind)
        for d in manifest.documents
    )
    assert check_documents_missing(make_ctx(manifest, readings)) == []


# --- document.unreadable ------------------------------------------------------------------------


def test_all_readable() -> None:
    assert check_document_unreadable(make_ctx()) == []


@pytest.mark.parametrize(
    ("reason", "ru_fragment"),
    [
        ("absent", "отсутствует"),
        ("empty", "пустой"),
        ("not_accepted_type", "PDF, JPEG, PNG или TIFF"),
        ("password", "паролем"),
        ("broken", "повреждён"),
    ],
)
def test_unreadable_reasons(reason: UnreadableReason, ru_fragment: str) -> None:
    manifest = make_manifest()
    readings = tuple(
        make_reading(d.file, d.kind, unreadable=reason) if d.file == "diploma.jpg" else make_reading(d.file, d.kind)
        for d in manifest.documents
    )
    f = only(check_document_unreadable(make_ctx(manifest, readings)), "document.unreadable", "fail")
    assert f.ground == 2
    assert f.document == "diploma.jpg"
    assert f.evidence["reason"] == reason
    assert "diploma.jpg" in f.message.kk and "diploma.jpg" in f.message.ru
    assert ru_fragment in f.message.ru
    assert "диплом об образовании" in f.message.ru


def test_one_finding_per_unreadable_file() -> None:
    manifest = make_manifest()
    readings = tuple(make_reading(d.file, d.kind, unreadable="broken") for d in manifest.documents)
    findings = check_document_unreadable(make_ctx(manifest, readings))
    assert [f.document for f in findings] == [f for f, _ in FULL_DOCUMENTS]


# --- request.inconsistent -----------------------------------------------------------------------


def _request(action: str, category: str, current: str | None) -> dict[str, Any]:
    held = None if current is None else {"category": current, "valid_until": "2027-05-31"}
    return {"action": action, "category": category, "current_category": held}


@pytest.mark.parametrize(
    "request_",
    [
        _request("confirm", "pedagog_expert", "pedagog_expert"),
        _request("assign", "pedagog_master", "pedagog_expert"),
        _request("assign", "pedagog", None),
        _request("assign", "pedagog_expert", "pedagog_expert"),
    ],
)
def test_consistent_requests(request_: dict[str, Any]) -> None:
    assert check_request_inconsistent(make_ctx(make_manifest(request=request_))) == []


def test_confirm_without_current_category() -> None:
    ctx = make_ctx(make_manifest(request=_request("confirm", "pedagog_expert", None)))
    f = only(check_request_inconsistent(ctx), "request.inconsistent", "fail")
    assert f.ground == 2
    assert f.evidence["current_category"] is None


def test_confirm_other_category() -> None:
    ctx = make_ctx(make_manifest(request=_request("confirm", "pedagog_master", "pedagog_expert")))
    f = only(check_request_inconsistent(ctx), "request.inconsistent", "fail")
    assert "педагог-мастер" in f.message.ru and "педагог-эксперт" in f.message.ru
    assert "педагог-шебер" in f.message.kk and "педагог-сарапшы" in f.message.kk


# --- application.outside_window -----------------------------------------------------------------

SEPTEMBER = Window(start=date(2026, 9, 1), end=date(2026, 9, 30))
MARCH = Window(start=date(2027, 3, 1), end=date(2027, 3, 31))


def test_no_windows_always_open() -> None:
    assert check_outside_window(make_ctx()) == []


def test_inside_a_window() -> None:
    assert check_outside_window(make_ctx(windows=(MARCH, SEPTEMBER))) == []


@pytest.mark.parametrize(
    ("submitted_at", "inside"),
    [
        ("2026-09-30T23:59:00+05:00", True),  # last day included
        ("2026-09-30T19:30:00Z", False),  # 1 October 00:30 in Astana
        ("2026-08-31T19:30:00Z", True),  # 1 September 00:30 in Astana
        ("2026-08-31T23:59:00+05:00", False),
    ],
)
def test_window_edges_in_astana_time(submitted_at: str, inside: bool) -> None:
    ctx = make_ctx(make_manifest(submitted_at=submitted_at), windows=(SEPTEMBER,))
    findings = check_outside_window(ctx)
    if inside:
        assert findings == []
    else:
        f = only(findings, "application.outside_window", "fail")
        assert f.ground == 2
        assert "01.09.2026–30.09.2026" in f.message.ru


# --- application.repeat -------------------------------------------------------------------------


def test_academic_year_in_astana_time() -> None:
    assert academic_year(prior("x", "2026-09-01T00:00:00+05:00", None).submitted_at) == 2026
    assert academic_year(prior("x", "2026-08-31T19:30:00Z", None).submitted_at) == 2026
    assert academic_year(prior("x", "2026-08-31T18:59:00Z", None).submitted_at) == 2025
    assert academic_year(prior("x", "2027-08-31T23:59:00+05:00", None).submitted_at) == 2026


def test_no_other_submissions() -> None:
    assert check_application_repeat(make_ctx()) == []


def test_earlier_accepted_same_year_fails() -> None:
    others = (prior("2026-000001", "2026-09-02T10:00:00+05:00", "accepted"),)
    f = only(check_application_repeat(make_ctx(others=others)), "application.repeat", "fail")
    assert f.ground == 2
    assert f.evidence["other_submission_id"] == "2026-000001"
    assert f.evidence["academic_year"] == "2026–2027"
    assert "2026-000001" in f.message.kk and "2026-000001" in f.message.ru


@pytest.mark.parametrize(
    "other",
    [
        prior("2026-000001", "2026-09-02T10:00:00+05:00", "refused"),
        prior("2026-000001", "2026-09-02T10:00:00+05:00", "needs_review"),
        prior("2026-000001", "2026-09-02T10:00:00+05:00", None),
        prior("2026-000001", "2026-09-15T10:00:00+05:00", "accepted"),  # later
        prior("2026-000001", "2026-09-14T21:05:00+05:00", "accepted"),  # same instant
        prior("2026-000001", "2026-08-31T23:00:00+05:00", "accepted"),  # previous academic year
        prior("2026-000001", "2026-08-31T18:00:00Z", "accepted"),  # 23:00 Astana: previous year
        prior(SUBMISSION_ID, "2026-09-02T10:00:00+05:00", "accepted"),  # itself
    ],
)
def test_repeat_does_not_apply(other: Any) -> None:
    assert check_application_repeat(make_ctx(others=(other,))) == []


def test_utc_evening_of_31_august_is_already_next_year() -> None:
    others = (prior("2026-000001", "2026-08-31T19:30:00Z", "accepted"),)  # 1 Sep 00:30 Astana
    only(check_application_repeat(make_ctx(others=others)), "application.repeat", "fail")
