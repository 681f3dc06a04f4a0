"""Date parsing: a table of real forms, and every supported form of random dates parsed back."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import find_date_range, find_dates, month_from_word, parse_date
from extractors.fields import valid_until
from models.extraction import PageText

TABLE = [
    ("21.02.2025", date(2025, 2, 21)),
    ("21/02/2025", date(2025, 2, 21)),
    ("2025-02-21", date(2025, 2, 21)),
    ("2025 жылғы 21 ақпан", date(2025, 2, 21)),
    ("2025 ж. 21 ақпандағы № 32 бұйрық", date(2025, 2, 21)),
    ("2025 жылы «3» мамырда", date(2025, 5, 3)),
    ("2030 жылғы 25 желтоқсанға дейін жарамды", date(2030, 12, 25)),
    ("2024 жылғы 1 қыркүйектен бастап", date(2024, 9, 1)),
    ("2019 жылғы 30 сәуір", date(2019, 4, 30)),
    ("15 қазан 2024 ж.", date(2024, 10, 15)),
    ("21 февраля 2025 г.", date(2025, 2, 21)),
    ("«21» февраля 2025 года", date(2025, 2, 21)),
    ("от 3 мая 2024 года № 12", date(2024, 5, 3)),
    ("Дата выдачи: 30.06.2009", date(2009, 6, 30)),
    # OCR folds Kazakh letters to Russian look-alikes.
    ("2025 жылгы 21 кантар", date(2025, 1, 21)),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_parse_table(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2025", "Казань 2025", "12 мектеп 2025", "тел. 8 800 080 7777", ""])
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_two_dates_in_order() -> None:
    found = find_dates("с 10 февраля 2025 г. по 21 февраля 2025 г.")
    assert [d.value for d in found] == [date(2025, 2, 10), date(2025, 2, 21)]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025 жылғы 10 ақпан – 21 ақпан аралығында", date(2025, 2, 10), date(2025, 2, 21)),
        ("2025 жылғы 10-21 ақпан", date(2025, 2, 10), date(2025, 2, 21)),
        ("2025 жылғы 27 қаңтар - 7 ақпан", date(2025, 1, 27), date(2025, 2, 7)),
        ("с 10 по 21 февраля 2025 г.", date(2025, 2, 10), date(2025, 2, 21)),
        ("10–21 февраля 2025 г.", date(2025, 2, 10), date(2025, 2, 21)),
        ("с 10.02.2025 по 21.02.2025", date(2025, 2, 10), date(2025, 2, 21)),
    ],
)
def test_ranges(text: str, start: date, end: date) -> None:
    assert find_date_range(text) == (start, end)


def test_month_words() -> None:
    assert month_from_word("Қыркүйектегі") == (9, "kk")
    assert month_from_word("желтоқсанға") == (12, "kk")
    assert month_from_word("мая") == (5, "ru")
    assert month_from_word("сентября") == (9, "ru")
    assert month_from_word("мектеп") is None


KK_MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
# Inflected endings by the last letter's harmony: locative, attributive, genitive, dative.
KK_SUFFIXES = {
    "қаңтар": ("да", "дағы", "дың", "ға"),
    "ақпан": ("да", "дағы", "ның", "ға"),
    "наурыз": ("да", "дағы", "дың", "ға"),
    "сәуір": ("де", "дегі", "дің", "ге"),
    "мамыр": ("да", "дағы", "дың", "ға"),
    "маусым": ("да", "дағы", "ның", "ға"),
    "шілде": ("де", "дегі", "нің", "ге"),
    "тамыз": ("да", "дағы", "дың", "ға"),
    "қыркүйек": ("те", "тегі", "тің", "ке"),
    "қазан": ("да", "дағы", "ның", "ға"),
    "қараша": ("да", "дағы", "ның", "ға"),
    "желтоқсан": ("да", "дағы", "ның", "ға"),
}
RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def _kk_forms(d: date, suffix: str) -> list[str]:
    month = KK_MONTHS[d.month - 1] + suffix
    return [
        f"{d.year} жылғы {d.day} {month}",
        f"{d.year} ж. {d.day} {month}",
        f"{d.year} жылы «{d.day}» {month}",
        f"{d.day} {month} {d.year} ж.",
    ]


def _ru_forms(d: date) -> list[str]:
    month = RU_MONTHS[d.month - 1]
    return [
        f"{d.day} {month} {d.year} г.",
        f"«{d.day:02d}» {month} {d.year} года",
        f"{d.day} {month} {d.year}",
    ]


def _numeric_forms(d: date) -> list[str]:
    return [f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day}/{d.month}/{d.year}", d.isoformat()]


DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=150, deadline=None)
@given(d=DATES, suffix_index=st.integers(min_value=-1, max_value=3))
def test_kazakh_forms_parse_back(d: date, suffix_index: int) -> None:
    month = KK_MONTHS[d.month - 1]
    suffix = "" if suffix_index < 0 else KK_SUFFIXES[month][suffix_index]
    for text in _kk_forms(d, suffix):
        assert parse_date(f"Берілген күні: {text}") == d, text


@settings(max_examples=150, deadline=None)
@given(d=DATES)
def test_russian_and_numeric_forms_parse_back(d: date) -> None:
    for text in _ru_forms(d) + _numeric_forms(d):
        assert parse_date(f"Дата выдачи: {text}") == d, text


def test_a_space_after_a_separator_is_still_a_date() -> None:
    """A category certificate's "Действительно до: 05. 12.2029", as OCR read it, was not found at all."""
    assert [d.value for d in find_dates("Действительно до: 05. 12.2029")] == [date(2029, 12, 5)]


def test_a_date_whose_last_dot_ocr_lost_is_still_a_date() -> None:
    """A scanned category certificate's "Действительно до: 23.02.2027", read "23.02 2027": not found, the
    validity went to a person on a clean submission. Two numbers without a first separator are no date."""
    assert [d.value for d in find_dates("Действительно 00: 23.02 2027")] == [date(2027, 2, 23)]
    assert find_dates("№ 23 02 2027") == []


def test_a_validity_date_whose_separators_ocr_misread_is_found_after_its_label() -> None:
    """ "Действительно до: 25 11,2028" on a scanned certificate: the validity was not found and a clean
    submission went to a person. Loose readings are taken only on a labelled line."""
    texts = ("Берілген күні / Дата выдачи: 25 11.2023", "Жарамдылық мерзімі / Действительно до: 25 11,2028")
    page = PageText(number=1, text="\n".join(texts), source="ocr", confidence=92.0)
    found = valid_until([(page, text) for text in texts])
    assert found is not None and found.value == "2028-11-25"
    assert find_dates("Приказ № 12 05,2023") == []
    # a dot read as a dash (field seed 9140: a clean teacher's validity "21-10 2029" not found, review)
    dashed = "Жарамдылық мерзімі / Действительно до: 21-10 2029"
    found = valid_until([(PageText(number=1, text=dashed, source="ocr", confidence=93.9), dashed)])
    assert found is not None and found.value == "2029-10-21"
    assert find_dates("Приказ № 12-05 2023") == []
