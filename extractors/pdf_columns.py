"""A text layer set in columns, read column by column from pdfium's runs (`extractors.columns`).

Bilingual certificates and trilingual diplomas set the same sentence side by side in Kazakh, Russian
and English. Read line by line across the page, as pdfplumber and pdfium's reading order give it, the
columns interleave: "Осы сертификат Құрманғалиева Дана Курмангалиевой Сауле / Сәуле Қанатқызына ... Канатовне
в том ...", and the holder's name, cut across two lines with the other language's words between, is
found in no language. The runs' boxes show the gutter (a wide gap at the same place on several lines);
a page that has one is read column by column, whichever reader gave its text, and every other page
keeps the text it had.
"""

import pypdfium2 as pdfium

from extractors.columns import Line, Word, column_lines, find_gutter
from extractors.normalise import normalise_text

_LINE_TOLERANCE_PT = 3.0  # runs whose tops are this close stand on one line (pdfplumber's y_tolerance)
_SCALE = 10  # points to tenths of a point: the column geometry works in whole units
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


def text_in_columns(doc: pdfium.PdfDocument, index: int) -> str | None:
    """The page's text read column by column, or None when its runs show no gutter (or it cannot tell)."""
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
            lines = _lines(runs)
            shapes: list[Line] = [[_word(run, "", height) for run in line] for line in lines]
            page_width = round(width * _SCALE)
            if find_gutter(shapes, page_width) is None:
                return None
            words: list[Line] = []
            for line in lines:
                texts = [textpage.get_text_bounded(*run[1:]).strip() for run in line]
                words.append([_word(run, text, height) for run, text in zip(line, texts, strict=True) if text])
            text = "\n".join(column_lines([[line for line in words if line]], (page_width, round(height * _SCALE))))
            return normalise_text(text)
        finally:
            textpage.close()
    finally:
        page.close()
