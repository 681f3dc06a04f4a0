"""A text layer set in columns, read column by column from pdfium's runs (`extractors.columns`).

Bilingual certificates and trilingual diplomas set the same sentence side by side in Kazakh, Russian
and English. Read line by line across the page, as pdfplumber and pdfium's reading order give it, the
columns interleave: "Осы сертификат Құрманғалиева Дана Курмангалиевой Сауле / Сәуле Қанатқызына ... Канатовне
в том ...", and the holder's name, cut across two lines with the other language's words between, is
found in no language. The runs' boxes show the gutter (a wide gap at the same place on several lines);
a page that has one is read column by column, whichever reader gave its text, and every other page
keeps the text it had.
"""

import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.columns import Line, Word, column_lines, find_gutter
from extractors.normalise import normalise_text

_LINE_TOLERANCE_PT = 3.0  # runs whose tops are this close stand on one line (pdfplumber's y_tolerance)
_SCALE = 10  # points to tenths of a point: the column geometry works in whole units
_TILT = 0.05  # radians
_MAX_RUNS = 5000  # a page of more runs than any certificate is read as it is (hostile or a table of figures)

_Run = tuple[int, float, float, float, float]  # index, left, bottom, right, top


def _lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs on one line: tops chained within the tolerance, top to bottom, each line left to right."""
    lines: list[list[_Run]] = []
    last_top = float("inf")
    for run in sorted(runs, key=lambda run: -run[4]):
        if lines and last_top - run[4] <= _LINE_TOLERANCE_PT:
            lines[-1].append(run)
        else:
            lines.append([run])
        last_top = run[4]
    return [sorted(line, key=lambda run: run[1]) for line in lines]


def _word(run: _Run, text: str, page_height: float) -> Word:
    _, left, bottom, right, top = run
    return Word(
        text,
        round(left * _SCALE),
        round((page_height - top) * _SCALE),
        max(1, round((right - left) * _SCALE)),
        max(1, round((top - bottom) * _SCALE)),
    )


def _turned(textpage: pdfium.PdfTextPage, index: int) -> bool:
    """A character set at an angle (more than about 3 degrees either way)."""
    angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, index)
    return _TILT < angle < 2 * math.pi - _TILT


def _char_words(textpage: pdfium.PdfTextPage, page_height: float) -> list[Word] | None:
    """The page's words from its characters' boxes (pdfium's runs can hold two columns' words when a line
    comes close to the gutter); None when the text and the characters do not line up one to one."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:
        return None
    words: list[Word] = []
    letters: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]  # left, bottom, right, top of the word so far

    def close() -> None:
        if letters:
            words.append(_word((0, box[0], box[1], box[2], box[3]), "".join(letters), page_height))
            letters.clear()

    for i, char in enumerate(text):
        if char.isspace():
            close()
            continue
        if _turned(textpage, i):
            close()  # a stamp's letters, set round its rim: no line of the page's text
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        apart = left - box[2] > 0.5 * max(box[3] - box[1], top - bottom)
        # A full stop's box is low and short: on the word's line is where its middle is within the word's height.
        elsewhere = not box[1] - _LINE_TOLERANCE_PT <= (top + bottom) / 2 <= box[3] + _LINE_TOLERANCE_PT
        if letters and (left < box[0] or apart or elsewhere):
            close()  # the next character stands back, apart or on another line: a new word
        if not letters:
            box = [left, bottom, right, top]
        else:
            box = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
        letters.append(char)
    close()
    return words


def text_in_columns(doc: pdfium.PdfDocument, index: int) -> str | None:
    """The page's text read column by column, or None when its runs show no gutter (or it cannot tell).
    The runs tell cheaply whether there is a gutter; the words, from the characters, are then put in
    columns."""
    page = doc[index]
    try:
        if page.get_rotation() % 360:
            return None
        width, height = (float(v) for v in page.get_size())
        textpage = page.get_textpage()
        try:
            count = textpage.count_rects()
            if count < 2 or count > _MAX_RUNS:
                return None
            runs = [(i, *textpage.get_rect(i)) for i in range(count)]
            shapes: list[Line] = [[_word(run, "", height) for run in line] for line in _lines(runs)]
            page_width = round(width * _SCALE)
            if find_gutter(shapes, page_width) is None:
                return None
            words = _char_words(textpage, height)
            if not words:
                return None
            lines = _word_lines(words)
            return normalise_text("\n".join(column_lines([lines], (page_width, round(height * _SCALE)))))
        finally:
            textpage.close()
    finally:
        page.close()


def _word_lines(words: list[Word]) -> list[Line]:
    """Words on one line (tops chained within the tolerance), top to bottom, each line left to right."""
    tolerance = _LINE_TOLERANCE_PT * _SCALE
    lines: list[Line] = []
    last_top: float = -1e9
    for word in sorted(words, key=lambda w: w.top + w.height):
        bottom = word.top + word.height
        if lines and bottom - last_top <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
        last_top = bottom
    return [sorted(line, key=lambda w: w.left) for line in lines]
