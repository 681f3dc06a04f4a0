"""essay.word_count: the 250-300 rule with its review exceptions."""

from typing import Any

import pytest

from models.context import CheckContext
from tests.submissions import documents, make_manifest
from tests.validators.builders import make_ctx, make_reading, verdict_schema_errors
from validators.essay import check_essay_word_count, essay_word_count


def essay_ctx(**essay: Any) -> CheckContext:
    manifest = make_manifest(documents=documents(("application.pdf", "application"), ("essay.pdf", "essay")))
    readings = (make_reading("application.pdf", "application"), make_reading("essay.pdf", "essay", **essay))
    return make_ctx(manifest, readings)


def status_of(ctx: CheckContext) -> str:
    findings = check_essay_word_count(ctx)
    assert verdict_schema_errors(findings) == []
    if not findings:
        return "pass"
    assert len(findings) == 1
    assert findings[0].check == "essay.word_count"
    return findings[0].status


@pytest.mark.parametrize(
    ("words", "status"),
    [(0, "fail"), (249, "fail"), (250, "pass"), (275, "pass"), (300, "pass"), (301, "fail"), (900, "fail")],
)
def test_text_layer_limits(words: int, status: str) -> None:
    assert status_of(essay_ctx(words=words)) == status


def test_fail_evidence_and_message() -> None:
    (f,) = check_essay_word_count(essay_ctx(words=231, office_words=233))
    assert f.status == "fail" and f.ground == 2
    assert f.document == "essay.pdf"
    assert f.evidence == {
        "word_count": 231,
        "office_word_count": 233,
        "min": 250,
        "max": 300,
        "text_source": "text_layer",
    }
    assert "231" in f.message.kk and "231" in f.message.ru
    assert "250–300" in f.message.ru


@pytest.mark.parametrize(
    ("words", "office", "status"), [(240, 250, "review"), (240, 260, "review"), (240, 249, "fail")]
)
def test_office_count_reaching_250_is_review(words: int, office: int, status: str) -> None:
    assert status_of(essay_ctx(words=words, office_words=office)) == status


@pytest.mark.parametrize(
    ("words", "status"),
    [
        (246, "fail"),
        (247, "review"),
        (249, "review"),
        (250, "review"),
        (253, "review"),
        (254, "pass"),
        (296, "pass"),
        (297, "review"),
        (300, "review"),
        (303, "review"),
        (304, "fail"),
    ],
)
def test_ocr_near_a_limit_is_review(words: int, status: str) -> None:
    ctx = essay_ctx(words=words, source="ocr", confidence=85.0)
    assert status_of(ctx) == status
    if status == "review":
        (f,) = check_essay_word_count(ctx)
        assert f.evidence["text_source"] == "ocr"
        assert f.evidence["reason"] == "ocr_near_limit"


def test_unreadable_essay_gives_no_word_count_finding() -> None:
    assert check_essay_word_count(essay_ctx(unreadable="broken")) == []


def test_essay_without_text_gives_no_word_count_finding() -> None:
    assert check_essay_word_count(essay_ctx(text="   ", words=0)) == []


def test_readable_essay_without_count_is_review() -> None:
    assert status_of(essay_ctx()) == "review"


def test_no_essay_listed() -> None:
    manifest = make_manifest(documents=documents(("application.pdf", "application")))
    assert check_essay_word_count(make_ctx(manifest, (make_reading("application.pdf", "application"),))) == []


def several(*word_counts: int) -> CheckContext:
    files = [f"essay-{i}.jpg" for i in range(len(word_counts))]
    manifest = make_manifest(documents=documents(*[(f, "essay") for f in files]))
    readings = tuple(make_reading(f, "essay", words=n) for f, n in zip(files, word_counts, strict=True))
    return make_ctx(manifest, readings)


def test_several_files_are_pages_of_one_essay() -> None:
    ctx = several(140, 130)
    assert check_essay_word_count(ctx) == []
    assert essay_word_count(ctx) == 270


def test_several_files_out_of_range_is_review_not_fail() -> None:
    for ctx in (several(280, 280), several(100, 100)):
        (f,) = check_essay_word_count(ctx)
        assert f.status == "review"
        assert f.evidence["reason"] == "several_files"
        assert f.evidence["files"] == ["essay-0.jpg", "essay-1.jpg"]
        assert f.document is None


def test_essay_word_count_for_the_verdict() -> None:
    assert essay_word_count(essay_ctx(words=231)) == 231
    assert essay_word_count(essay_ctx(unreadable="absent")) is None
    assert essay_word_count(essay_ctx()) is None


def test_an_ocr_count_from_a_partly_read_page_is_review_however_far_from_the_limit() -> None:
    """A legible phone photo of a 278-word essay was read as 212 words and refused: a count is evidence
    only when the reading covers the page's whole text."""
    partial = essay_ctx(words=212, source="ocr", confidence=91.0, coverage=0.66)
    findings = check_essay_word_count(partial)
    assert [(f.status, f.evidence["reason"]) for f in findings] == [("review", "partial_reading")]
    assert findings[0].evidence["coverage"] == 0.66
    assert status_of(essay_ctx(words=212, source="ocr", confidence=91.0, coverage=0.99)) == "fail"
    assert status_of(essay_ctx(words=278, source="ocr", confidence=91.0, coverage=0.99)) == "pass"
    # in range but partly read: the whole text may be longer than 300 words
    assert status_of(essay_ctx(words=278, source="ocr", confidence=91.0, coverage=0.7)) == "review"


def test_a_count_in_range_that_the_unread_share_cannot_push_out_of_range_passes() -> None:
    """A clean photo read 285 words at coverage 0.949 went to a person. What was missed can only add words,
    about as many as the uncovered ink's share: 270 / 0.94 = 287 stays in range, 285 / 0.949 = 300.3 may not."""
    assert status_of(essay_ctx(words=270, source="ocr", confidence=91.0, coverage=0.94)) == "pass"
    assert status_of(essay_ctx(words=285, source="ocr", confidence=91.0, coverage=0.949)) == "review"
    assert status_of(essay_ctx(words=240, source="ocr", confidence=91.0, coverage=0.94)) == "review"
