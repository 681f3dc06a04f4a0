"""An OCR page's words put back into lines the way a clerk reads them: two columns one after the other.

Bilingual certificates set the Kazakh text and the Russian text side by side. Tesseract often reads
such a page line by line straight across the gutter ("Николаевичке 21.02.2026 бастап том, что он с
21.02.2026 по 06.03.2026"), so a course period, a name or a date runs into its neighbour's and is not
found. The gutter is found from the word boxes: a wide gap between two words at the same place on
several lines. The lines that have it are split there, and each run of such lines is given column by
column, left then right. Lines that cross the gutter (a heading over both columns) stay whole.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

_MIN_GUTTER_LINES = 3  # lines that must show the same wide gap: one gap is a tab, three are a gutter
_GAP_HEIGHTS = 1.8  # a gap this many word heights wide is no space between two words of a sentence
_MIN_GAP_SHARE = 0.02  # ... and at least this share of the page's width
_MIDDLE = (0.25, 0.75)  # where on the page (or in a column) a two-column gutter stands
_SPLIT_GAP_HEIGHTS = 1.3  # a line splits at the gutter only across more than a word space (under one height)
_MAX_DEPTH = 2  # a column split once more: three languages side by side, no deeper


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width


Line = list[Word]
Paragraph = list[Line]


def _gaps(line: Line, page_width: int) -> list[tuple[int, int]]:
    """The wide gaps between the words of a line, as (start, end) on the page."""
    if len(line) < 2:
        return []
    height = median(w.height for w in line)
    wide = max(_GAP_HEIGHTS * height, _MIN_GAP_SHARE * page_width)
    return [(a.right, b.left) for a, b in itertools.pairwise(line) if b.left - a.right >= wide]


def find_gutter(lines: Sequence[Line], page_width: int, extent: tuple[int, int] | None = None) -> int | None:
    """The x of a gutter that at least three lines have a wide gap across, near the middle of `extent`
    (the page's width unless given: the span of one column that may hold two more)."""
    start_x, end_x = extent or (0, page_width)
    low, high = start_x + _MIDDLE[0] * (end_x - start_x), start_x + _MIDDLE[1] * (end_x - start_x)
    per_line = [_gaps(line, page_width) for line in lines]  # each line's gaps once, not once a candidate
    gaps = [gap for line_gaps in per_line for gap in line_gaps]
    candidates = {x for start, end in gaps for x in (start, (start + end) // 2, end) if low <= x <= high}
    best: tuple[int, int, int] | None = None  # (lines across it, width of the space they all leave, middle)
    for x in sorted(candidates):
        count = sum(1 for line_gaps in per_line if any(s <= x <= e for s, e in line_gaps))
        if count < _MIN_GUTTER_LINES:
            continue
        # The space every one of those lines leaves free: its middle is the gutter, not the first gap met
        # (a ragged column's longest line comes closer to the gutter than the others). Between two places
        # as many lines cross, the wider space wins: a stamp's letters leave gaps of their own.
        across = [(s, e) for s, e in gaps if s <= x <= e]
        start, end = max(s for s, _ in across), min(e for _, e in across)
        if best is None or (count, end - start) > best[:2]:
            best = (count, end - start, (start + end) // 2)
    return best[2] if best else None


def split_at(line: Line, gutter: int) -> tuple[Line, Line] | None:
    """The line's words west and east of the gutter; None when a word stands across it, or when the line
    runs across it with no more than a word space there (a footer over the whole page)."""
    west = [w for w in line if w.right <= gutter]
    east = [w for w in line if w.left >= gutter]
    if len(west) + len(east) < len(line):
        return None
    if west and east and east[0].left - west[-1].right < _SPLIT_GAP_HEIGHTS * median(w.height for w in line):
        return None
    return west, east


def _joined(line: Line) -> str:
    return " ".join(w.text for w in line)


def _column_text(lines: Sequence[Line], page_width: int, depth: int) -> list[str]:
    """One column's lines, itself split once more where it holds two (a trilingual page: kk | ru | en)."""
    words = [w for line in lines for w in line]
    gutter = (
        find_gutter(lines, page_width, (min(w.left for w in words), max(w.right for w in words)))
        if words and depth < _MAX_DEPTH
        else None
    )
    return _in_runs([lines], gutter, page_width, depth)


def _in_runs(paragraphs: Sequence[Sequence[Line]], gutter: int | None, page_width: int, depth: int) -> list[str]:
    """The lines, each run of lines split at the gutter given column by column; a blank line between
    paragraphs and between the columns of a run. A line a word of which stands across the gutter (a heading
    over both columns) ends the run and stays whole."""
    out: list[str] = []
    sides: tuple[list[Line], list[Line]] = ([], [])

    def flush() -> None:
        for side in sides:
            if side:
                if out and out[-1]:
                    out.append("")
                out.extend(_column_text(side, page_width, depth + 1))
                side.clear()

    for par in paragraphs:
        if out and out[-1] and not (sides[0] or sides[1]):
            out.append("")
        for line in par:
            parts = None if gutter is None else split_at(line, gutter)
            if parts is None:
                flush()
                out.append(_joined(line))
                continue
            for side, part in zip(sides, parts, strict=True):
                if part:
                    side.append(part)
    flush()
    return out


def _along_lines(paragraphs: Sequence[Paragraph], size: tuple[int, int]) -> tuple[list[Paragraph], int]:
    """The words with their boxes measured along the lines they stand on, and the page's extent that way.

    Tesseract reads a sideways page's standing lines when it is sure of them, and gives their words' boxes
    on the page as it lies: the lines' direction is then the page's height, downwards or upwards."""
    words = [w for par in paragraphs for line in par for w in line]
    if sum(1 for w in words if w.height > 1.5 * w.width) * 2 <= len(words):
        return [list(par) for par in paragraphs], size[0]
    steps = [b.top - a.top for par in paragraphs for line in par for a, b in itertools.pairwise(line)]
    downwards = sum(1 if step > 0 else -1 for step in steps) >= 0
    height = size[1]

    def turned(w: Word) -> Word:
        start = w.top if downwards else height - (w.top + w.height)
        return Word(w.text, start, w.left, w.height, w.width)

    return [[[turned(w) for w in line] for line in par] for par in paragraphs], height


def column_lines(paragraphs: Sequence[Paragraph], size: tuple[int, int]) -> list[str]:
    """The page's text lines, column by column where it is set in columns. `size` is the page image's
    (width, height)."""
    paragraphs, page_width = _along_lines(paragraphs, size)
    gutter = find_gutter([line for par in paragraphs for line in par], page_width)
    return _in_runs(paragraphs, gutter, page_width, 0)
