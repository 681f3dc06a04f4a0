"""decide(), the registry, and that every finding fits the verdict schema."""

import pytest

from models.context import CheckContext
from models.verdict import Finding, Ground, Message, Status
from tests.validators.builders import make_ctx, make_manifest, verdict_schema_errors, without_kinds
from validators.decision import decide
from validators.findings import finding
from validators.reading_checks import READING_CHECKS
from validators.registry import CHECKS, run_checks


def f(status: Status, ground: Ground | None = None, check: str = "x.y") -> Finding:
    return finding(check, status, kk="к", ru="р", ground=ground)


@pytest.mark.parametrize(
    ("findings", "decision", "grounds"),
    [
        ([], "accepted", ()),
        ([f("pass")], "accepted", ()),
        ([f("review")], "needs_review", ()),
        ([f("pass"), f("review")], "needs_review", ()),
        ([f("fail", 2)], "refused", (2,)),
        ([f("review"), f("fail", 3), f("fail", 1), f("fail", 3)], "refused", (1, 3)),
        ([f("fail", 2), f("fail", 2)], "refused", (2,)),
    ],
)
def test_decide(findings: list[Finding], decision: str, grounds: tuple[int, ...]) -> None:
    assert decide(findings) == (decision, grounds)
    assert verdict_schema_errors(findings) == []


def test_decide_refuses_a_fail_without_ground() -> None:
    bad = Finding(check="x.y", status="fail", message=Message(kk="к", ru="р"))
    with pytest.raises(ValueError, match=r"x\.y"):
        decide([bad])


def test_review_finding_drops_ground() -> None:
    assert f("review", 2).ground is None


def test_registry_codes_are_unique_and_fixed() -> None:
    codes = [code for code, _ in CHECKS]
    assert len(codes) == len(set(codes))
    assert set(codes) == {
        "consent.missing",
        "documents.missing",
        "document.unreadable",
        "request.inconsistent",
        "application.outside_window",
        "identity.iin_invalid",
        "essay.word_count",
        "application.repeat",
        *(code for code, _ in READING_CHECKS),
    }
    assert {code for code, _ in READING_CHECKS} == {
        "document.kind_mismatch",
        "application.incomplete",
        "identity.iin_mismatch",
        "identity.name_mismatch",
        "dates.inconsistent",
        "category.declared_mismatch",
        "category.expired",
        "extraction.low_confidence",
    }


# The builders' readings carry no text: the reading checks are tested in tests/reading.
MANIFEST_CHECKS = tuple(c for c in CHECKS if c not in READING_CHECKS)


def test_clean_submission_has_no_findings() -> None:
    findings = run_checks(make_ctx(), MANIFEST_CHECKS)
    assert findings == []
    assert decide(findings) == ("accepted", ())


def test_findings_carry_their_registry_code() -> None:
    manifest = make_manifest(
        consent_personal_data=False,
        documents=without_kinds("diploma"),
        request={"action": "confirm", "category": "pedagog", "current_category": None},
        applicant={"iin": "123", "full_name": "Тест"},
    )
    findings = run_checks(make_ctx(manifest), MANIFEST_CHECKS)
    codes = {x.check for x in findings}
    assert codes == {"consent.missing", "documents.missing", "request.inconsistent", "identity.iin_invalid"}
    assert decide(findings) == ("refused", (2, 3))
    assert verdict_schema_errors(findings) == []


def test_a_crashing_check_becomes_review() -> None:
    def broken(ctx: CheckContext) -> list[Finding]:
        raise RuntimeError("defect")

    findings = run_checks(make_ctx(), checks=(("essay.word_count", broken),))
    assert [(x.check, x.status) for x in findings] == [("essay.word_count", "review")]
    assert findings[0].evidence == {"internal_error": "RuntimeError"}
    assert verdict_schema_errors(findings) == []
