"""Two columns set side by side are read one after the other, as a clerk reads them.

OCR read a bilingual course certificate straight across its gutter ("Николаевичке 21.02.2026 бастап том,
что он с 21.02.2026 по 06.03.2026"), and its period was not found; on a page read sideways the same
happened with the words' boxes standing.
"""

from extractors.columns import Word, column_lines
from extractors.fields import course_period, lines_of
from models.extraction import PageText

LEFT = ["Осы сертификат Петров Сергей", "Николаевичке 21.02.2026 бастап", "06.03.2026 дейін курсынан"]
RIGHT = ["Дана Петрову Сергею Николаевичу в", "том, что он с 21.02.2026 по", "06.03.2026 прошёл курсы"]
CHAR = 22  # pixels a character, 44 a line's height: 11 pt at 300 dpi


def _line(left_text: str, right_text: str, y: int, gutter_at: int = 1240) -> list[Word]:
    """One line of each column, as Tesseract gives it when it reads across the gutter."""
    words: list[Word] = []
    for text, start in ((left_text, 150), (right_text, gutter_at + 60)):
        x = start
        for token in text.split():
            words.append(Word(token, x, y, CHAR * len(token), 44))
            x += CHAR * (len(token) + 1)
    return words


def _page() -> list[list[list[Word]]]:
    heading = [Word("СЕРТИФИКАТ", 1000, 40, 480, 60)]
    return [[heading], [_line(a, b, 200 + 90 * i) for i, (a, b) in enumerate(zip(LEFT, RIGHT, strict=True))]]


def test_lines_read_across_a_gutter_are_given_column_by_column() -> None:
    lines = [ln for ln in column_lines(_page(), (2480, 3508)) if ln]
    assert lines == ["СЕРТИФИКАТ", *LEFT, *RIGHT]


def test_the_course_period_of_a_two_column_certificate_is_found() -> None:
    text = "\n".join(column_lines(_page(), (2480, 3508)))
    period = course_period(lines_of([PageText(number=1, text=text, source="ocr", confidence=95.0)]))
    assert period is not None
    assert (period[0].value, period[1].value) == ("2026-02-21", "2026-03-06")


def test_standing_words_of_a_page_read_sideways_are_measured_along_their_lines() -> None:
    """The page lies turned 90 degrees clockwise: its lines run down the image, in its x the lines follow."""
    height = 2480

    def standing(w: Word) -> Word:
        return Word(w.text, 3508 - w.top - w.height, w.left, w.height, w.width)

    page = [[[standing(w) for w in line] for line in par] for par in _page()]
    lines = [ln for ln in column_lines(page, (3508, height)) if ln]
    assert lines == ["СЕРТИФИКАТ", *LEFT, *RIGHT]


def test_a_single_column_page_keeps_its_lines() -> None:
    lines = [
        [Word(t, 150 + 200 * i, 100 + 60 * n, 180, 44) for i, t in enumerate(["одна", "строка", "текста"])]
        for n in range(5)
    ]
    pages = [lines]
    assert column_lines(pages, (2480, 3508)) == ["одна строка текста"] * 5
