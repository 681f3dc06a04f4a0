"""Kind detection for every kind in both languages, and when a mismatch is (not) reported."""

import pytest

from extractors.kinds import clear_mismatch, detect_kind, score_kinds
from models.base import KINDS, Kind
from tests.interpretation import samples as s
from tests.interpretation.helpers import context, reading
from validators.kind_mismatch import check_kind_mismatch

CASES: list[tuple[str, str, Kind]] = [
    ("application kk", s.APPLICATION_KK, "application"),
    ("application ru", s.APPLICATION_RU, "application"),
    ("application kk ocr", s.APPLICATION_KK_OCR, "application"),
    ("diploma kk", s.DIPLOMA_KK, "diploma"),
    ("diploma ru", s.DIPLOMA_RU, "diploma"),
    ("olympiad kk", s.OLYMPIAD_KK, "student_achievements"),
    ("olympiad ru", s.OLYMPIAD_RU, "student_achievements"),
    ("course kk", s.COURSE_KK, "course_certificate"),
    ("course ru", s.COURSE_RU, "course_certificate"),
    ("retraining ru (a 'ДИПЛОМ')", s.RETRAINING_RU, "retraining_certificate"),
    ("retraining kk", s.RETRAINING_KK, "retraining_certificate"),
    ("employment kk", s.EMPLOYMENT_KK, "employment_record"),
    ("employment ru", s.EMPLOYMENT_RU, "employment_record"),
    ("category certificate kk", s.CATEGORY_CERT_KK, "category_certificate"),
    ("category certificate ru", s.CATEGORY_CERT_RU, "category_certificate"),
    ("category order kk", s.CATEGORY_ORDER_KK, "category_order"),
    ("category order ru", s.CATEGORY_ORDER_RU_OTHERS, "category_order"),
    ("gratitude letter kk", s.GRATITUDE_KK, "professional_achievements"),
    ("gramota ru", s.GRAMOTA_RU, "professional_achievements"),
    ("essay kk", s.ESSAY_KK, "essay"),
    ("essay ru", s.ESSAY_RU, "essay"),
]


@pytest.mark.parametrize(("label", "text", "kind"), CASES, ids=[c[0] for c in CASES])
def test_detects_kind(label: str, text: str, kind: Kind) -> None:
    detected, confidence = detect_kind(text)
    assert detected == kind, label
    assert 0.3 <= confidence <= 1.0


@pytest.mark.parametrize(("label", "text", "kind"), CASES, ids=[c[0] for c in CASES])
def test_no_mismatch_when_declared_right(label: str, text: str, kind: Kind) -> None:
    assert clear_mismatch(score_kinds(text), kind) is None, label


def test_every_kind_is_covered() -> None:
    assert {k for _, _, k in CASES} == set(KINDS)


def test_olympiad_diploma_is_not_an_education_diploma() -> None:
    scores = score_kinds(s.OLYMPIAD_KK)
    assert scores.score("student_achievements") > scores.score("diploma") + 5


def test_mismatch_reported_as_review() -> None:
    doc = reading("diploma", s.OLYMPIAD_KK)
    findings = check_kind_mismatch(context(doc))
    assert [(f.check, f.status, f.evidence["detected_kind"]) for f in findings] == [
        ("document.kind_mismatch", "review", "student_achievements")
    ]
    assert findings[0].ground is None
    assert findings[0].message.kk and findings[0].message.ru


def test_no_mismatch_on_little_text() -> None:
    doc = reading("diploma", "ҚҰРМЕТ ГРАМОТАСЫ\nалғыс хат")
    assert check_kind_mismatch(context(doc)) == []


def test_no_mismatch_on_close_call() -> None:
    # An essay declared as student achievements mentions olympiads: not clearly another kind.
    doc = reading("student_achievements", s.ESSAY_KK)
    assert check_kind_mismatch(context(doc)) == []


def test_nothing_detected_on_noise() -> None:
    assert detect_kind(s.NOISE) == (None, 0.0)
