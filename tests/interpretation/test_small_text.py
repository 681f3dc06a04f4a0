"""Text captured under Tesseract's 10-pixel x-height floor confirms, never refuses.

Field seed 9134: a course certificate of another teacher, photographed small and blurred (text about 8 px
high), was read right at 84 and refused. Read from so small a capture, every refusal that rests on what was
read becomes a question for a person; the same reading from text 10 px high or more still refuses, and a
small capture of a clean document still passes.
"""

from extractors.interpret import interpret
from models.base import Kind
from models.extraction import DocumentReading
from tests.interpretation import samples as s
from tests.interpretation.helpers import context, extracted
from tests.interpretation.test_checks import statuses
from tests.submissions import documents, make_manifest
from tests.validators.builders import make_ctx, make_reading
from validators.application_form import check_application_incomplete
from validators.category import check_category_declared_mismatch
from validators.essay import check_essay_word_count
from validators.evidence import MIN_X_HEIGHT
from validators.identity import check_iin_mismatch, check_name_mismatch
from validators.inconsistent_dates import check_dates_inconsistent

# The field seed's photo measured 8 px; phone photos of the field set measure 11-14, scans 20-47.
SMALL, LARGE = 8.0, 11.0


def test_the_floor_is_tesseracts() -> None:
    assert MIN_X_HEIGHT == 10.0 and SMALL < MIN_X_HEIGHT <= LARGE


def captured(kind: Kind, text: str, x_height: float, checked: tuple[str, ...] = ()) -> DocumentReading:
    """A document read by OCR at 93 (a well-read page), its text `x_height` px high, the numbers in
    `checked` confirmed by the second reading."""
    page = extracted(f"{kind}.jpg", text, confidence=93).pages[0]
    doc = extracted(f"{kind}.jpg", "", confidence=93).model_copy(
        update={"pages": (page.model_copy(update={"x_height": x_height, "checked_numbers": checked}),)}
    )
    return interpret(doc, kind)


def test_another_persons_name_read_from_small_text_is_review() -> None:
    text = s.COURSE_RU.replace("Абилкасымовой Гульнар Сериковне", "Сарсенбаевой Акмарал Талгатовне")
    small = check_name_mismatch(context(captured("course_certificate", text, SMALL)))
    assert statuses(small) == [("identity.name_mismatch", "review")]
    assert small[0].evidence["x_height"] == SMALL
    large = check_name_mismatch(context(captured("course_certificate", text, LARGE)))
    assert statuses(large) == [("identity.name_mismatch", "fail")]
    # the applicant's own certificate, captured as small, is still the applicant's
    assert check_name_mismatch(context(captured("course_certificate", s.COURSE_RU, SMALL))) == []


def test_another_iin_read_from_small_text_is_review() -> None:
    text = s.CATEGORY_CERT_RU.replace(s.IIN, s.OTHER_IIN)
    small = captured("category_certificate", text, SMALL, (s.OTHER_IIN,))
    assert statuses(check_iin_mismatch(context(small))) == [("identity.iin_mismatch", "review")]
    large = captured("category_certificate", text, LARGE, (s.OTHER_IIN,))
    assert statuses(check_iin_mismatch(context(large))) == [("identity.iin_mismatch", "fail")]


def test_a_blank_entry_read_from_small_text_is_review() -> None:
    small = check_application_incomplete(context(captured("application", s.APPLICATION_RU_BLANK, SMALL)))
    assert statuses(small) == [("application.incomplete", "review")]
    large = check_application_incomplete(context(captured("application", s.APPLICATION_RU_BLANK, LARGE)))
    assert statuses(large) == [("application.incomplete", "fail")]


def test_an_impossible_date_read_from_small_text_is_review() -> None:
    text = s.COURSE_RU.replace("Дата выдачи: 21.02.2025", "Дата выдачи: 15.09.2026")
    small = check_dates_inconsistent(context(captured("course_certificate", text, SMALL, ("15092026",))))
    assert statuses(small) == [("dates.inconsistent", "review")]
    large = check_dates_inconsistent(context(captured("course_certificate", text, LARGE, ("15092026",))))
    assert statuses(large) == [("dates.inconsistent", "fail")]


def test_another_category_read_from_small_text_is_review() -> None:
    request = {
        "category": "pedagog_moderator",
        "current_category": {"category": "pedagog_moderator", "valid_until": "2026-12-25"},
    }
    small = context(captured("category_certificate", s.CATEGORY_CERT_KK, SMALL), **request)
    assert statuses(check_category_declared_mismatch(small)) == [("category.declared_mismatch", "review")]
    large = context(captured("category_certificate", s.CATEGORY_CERT_KK, LARGE), **request)
    assert statuses(check_category_declared_mismatch(large)) == [("category.declared_mismatch", "fail")]


def test_an_essay_counted_from_small_text_is_review_out_of_range_and_passes_in_range() -> None:
    def essay(words: int, x_height: float) -> list[str]:
        manifest = make_manifest(documents=documents(("application.pdf", "application"), ("essay.jpg", "essay")))
        reading = make_reading("essay.jpg", "essay", source="ocr", confidence=93.0, words=words, coverage=0.99)
        page = reading.extracted.pages[0].model_copy(update={"x_height": x_height})
        reading = reading.model_copy(update={"extracted": reading.extracted.model_copy(update={"pages": (page,)})})
        found = check_essay_word_count(make_ctx(manifest, (make_reading("application.pdf", "application"), reading)))
        for f in found:
            assert f.message.kk and f.message.ru and str(x_height)[:1] in f.message.ru
        return [f.status for f in found]

    assert essay(212, SMALL) == ["review"]
    assert essay(212, LARGE) == ["fail"]
    assert essay(278, SMALL) == []
