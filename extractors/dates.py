"""Dates as Kazakhstan's documents write them, in Kazakh and Russian, numeric or with month words.

Pure text functions. Dates are found with their position so a caller can tell which label
("берілген күні", "действительно до") a date belongs to. Impossible calendar dates are skipped,
not guessed: a wrong date could fail a teacher.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from extractors.text_folding import KAZAKH_FOLD

DateForm = Literal["numeric", "iso", "kk_words", "ru_words"]

# Month stems, compared after folding Kazakh letters to their Russian look-alikes (OCR often reads
# "қ" as "к"), so "қаңтардағы", "кантардагы" and "қаңтарға" all start with the stem "кантар".
_KK_MONTH_STEMS: tuple[tuple[str, int], ...] = (
    ("кантар", 1),
    ("акпан", 2),
    ("наурыз", 3),
    ("сауир", 4),
    ("мамыр", 5),
    ("маусым", 6),
    ("шилде", 7),
    ("тамыз", 8),
    ("кыркуиек", 9),
    ("казан", 10),
    ("караша", 11),
    ("желтоксан", 12),
)
_RU_MONTH_STEMS: tuple[tuple[str, int], ...] = (
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
)
_RU_MAY = frozenset({"май", "мая", "мае"})

_FOLD = str.maketrans(KAZAKH_FOLD)


def fold_word(word: str) -> str:
    """Lower case with Kazakh letters folded to Russian look-alikes, so OCR variants compare equal."""
    return word.lower().translate(_FOLD)


def month_from_word(word: str) -> tuple[int, Literal["kk", "ru"]] | None:
    """The month a (possibly inflected) month word names, and its language; None for other words."""
    key = fold_word(word)
    if key in _RU_MAY:
        return 5, "ru"
    for stem, month in _KK_MONTH_STEMS:
        # Kazakh inflections only add endings; "казань" (a city) is not a month.
        if key.startswith(stem) and not key.startswith("казан" + "ск"):
            return month, "kk"
    for stem, month in _RU_MONTH_STEMS:
        if key.startswith(stem):
            return month, "ru"
    return None


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text: its value, where it stood, and how it was written."""

    value: date
    start: int
    end: int
    form: DateForm
    text: str


_LETTERS = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
_WORD = rf"[{_LETTERS}]+"
_Q_OPEN = "[«\"“'„]?"
_Q_CLOSE = "[»\"”']?"
_YEAR4 = r"(?:19|20)\d{2}"

# "05. 12.2029": OCR puts a space after a separator as readily as before it; "23.02 2027": it loses the
# dot before the year (a date read so decides nothing alone: its digits were never confirmed as one number).
_NUMERIC = re.compile(rf"(?<![\d.])(\d{{1,2}})\s?[./]\s?(\d{{1,2}})(?:\s?[./]\s?|\s)({_YEAR4})(?!\d)")
_ISO = re.compile(rf"(?<!\d)({_YEAR4})-(\d{{2}})-(\d{{2}})(?!\d)")
# Kazakh: "2025 жылғы 21 ақпан", "2025 ж. 21 ақпандағы", "2025 жылы «21» ақпанда".
_KK_YEAR_FIRST = re.compile(
    rf"(?<!\d)({_YEAR4})\s*(?:жыл[{_LETTERS}]*|ж\s?\.?)?\s*{_Q_OPEN}\s*(\d{{1,2}})\s*{_Q_CLOSE}\s*"
    rf"({_WORD})",
)
# Russian and Kazakh day-first: "21 февраля 2025 г.", "«21» февраля 2025 года", "21 ақпан 2025 ж.".
_DAY_FIRST = re.compile(
    rf"(?<![\d.]){_Q_OPEN}\s*(\d{{1,2}})\s*{_Q_CLOSE}\s*({_WORD})\s*({_YEAR4})(?!\d)"
    rf"(?:\s*(?:года|год|г\s?\.?|жылғы|жылы|жыл|ж\s?\.?))?",
)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date in the text, in order of position; overlapping readings keep the first found."""
    found: list[DateMatch] = []

    def add(value: date | None, m: re.Match[str], form: DateForm) -> None:
        if value is None:
            return
        if any(m.start() < f.end and f.start < m.end() for f in found):
            return
        found.append(DateMatch(value, m.start(), m.end(), form, m.group(0).strip()))

    for m in _KK_YEAR_FIRST.finditer(text):
        month = month_from_word(m.group(3))
        if month is not None and month[1] == "kk":
            add(_make(int(m.group(1)), month[0], int(m.group(2))), m, "kk_words")
    for m in _DAY_FIRST.finditer(text):
        month = month_from_word(m.group(2))
        if month is not None:
            form: DateForm = "kk_words" if month[1] == "kk" else "ru_words"
            add(_make(int(m.group(3)), month[0], int(m.group(1))), m, form)
    for m in _NUMERIC.finditer(text):
        add(_make(int(m.group(3)), int(m.group(2)), int(m.group(1))), m, "numeric")
    for m in _ISO.finditer(text):
        add(_make(int(m.group(1)), int(m.group(2)), int(m.group(3))), m, "iso")
    return sorted(found, key=lambda f: f.start)


# After a date's label only: a day, a month and a year apart by any mix of dots, commas, dashes and spaces,
# as OCR reads a date whose separators it lost or misread ("25 11,2028", "21-10 2029"). Not in running text,
# where "№ 12 05.2023" would become a date.
_LOOSE_NUMERIC = re.compile(rf"(?<![\d.,])(\d{{1,2}})[\s.,/\-–]{{1,3}}(\d{{1,2}})[\s.,/\-–]{{1,3}}({_YEAR4})(?!\d)")


def find_labelled_dates(line: str) -> list[DateMatch]:
    """The dates on a line that carries a date's label ("Действительно до: …"): every strict reading, or,
    with none, the loose numeric ones. A date read loosely was never confirmed as one number, so it can
    agree with a declared date but never refuse."""
    strict = find_dates(line)
    if strict:
        return strict
    found: list[DateMatch] = []
    for m in _LOOSE_NUMERIC.finditer(line):
        value = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if value is not None:
            found.append(DateMatch(value, m.start(), m.end(), "numeric", m.group(0).strip()))
    return found


def parse_date(text: str) -> date | None:
    """The first date in the text, or None."""
    dates = find_dates(text)
    return dates[0].value if dates else None


_RANGE_SEP = r"\s*(?:-|–|—|по|дейін|до|аралығында)?\s*"
# "10-21 ақпан 2025", "10–21 февраля 2025 г.": a day range sharing one month and year.
_DAY_RANGE_RU = re.compile(
    rf"(?<![\d.])(\d{{1,2}})(?:\s*[-–—]\s*|\s+по\s+)(\d{{1,2}})\s+({_WORD})\s*({_YEAR4})(?!\d)",
    re.IGNORECASE,
)
# "2025 жылғы 10-21 ақпан": the Kazakh order.
_DAY_RANGE_KK = re.compile(
    rf"(?<!\d)({_YEAR4})\s*(?:жыл[{_LETTERS}]*|ж\s?\.?)?\s*(\d{{1,2}})\s*(?:({_WORD})\s*)?[-–—]\s*"
    rf"(\d{{1,2}})\s+({_WORD})",
)


def find_date_range(text: str) -> tuple[date, date] | None:
    """A course period in one line: two full dates, or a day range sharing month and year."""
    m = _DAY_RANGE_KK.search(text)
    if m:
        end_month = month_from_word(m.group(5))
        start_month = month_from_word(m.group(3)) if m.group(3) else end_month
        if end_month is not None and start_month is not None:
            start = _make(int(m.group(1)), start_month[0], int(m.group(2)))
            end = _make(int(m.group(1)), end_month[0], int(m.group(4)))
            if start and end:
                return start, end
    m = _DAY_RANGE_RU.search(text)
    if m:
        month = month_from_word(m.group(3))
        if month is not None:
            start = _make(int(m.group(4)), month[0], int(m.group(1)))
            end = _make(int(m.group(4)), month[0], int(m.group(2)))
            if start and end:
                return start, end
    dates = find_dates(text)
    if len(dates) >= 2:
        between = text[dates[0].end : dates[1].start]
        if re.fullmatch(_RANGE_SEP + r"[\s.,]*", between, flags=re.IGNORECASE) or len(between.strip()) <= 12:
            return dates[0].value, dates[1].value
    return None
