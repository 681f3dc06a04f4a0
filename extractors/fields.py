"""Fields of a document's text: IIN, dates, course period and hours, category and its validity.

Each value keeps its evidence (page, line, confidence). The confidence is the page's reading
confidence (100 for a text layer) times the certainty of the pattern: a labelled date is more
certain than a date found alone. Checks fail only on confident evidence.
"""

import re
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from extractors.dates import find_date_range, find_dates, find_labelled_dates
from extractors.text_folding import fold_pattern, fold_text
from models.base import Category, Kind
from models.extraction import Evidence, FieldValue, PageText

# Field names; the application form's own entries are in `extractors.form_entries`.
IIN = "iin"  # further labelled numbers: "iin.2", "iin.3", ...
ISSUE_DATE = "issue_date"
COURSE_START = "course_start"
COURSE_END = "course_end"
COURSE_HOURS = "course_hours"
CATEGORY = "category"
CATEGORY_OTHER = "category_other"  # a category outside the five codes (the old "высшая", …)
VALID_UNTIL = "category_valid_until"

Line = tuple[PageText, str]


def lines_of(pages: Sequence[PageText]) -> list[Line]:
    """Every non-empty line with its page."""
    return [(p, ln.strip()) for p in pages for ln in p.text.splitlines() if ln.strip()]


def value(line: Line, text: str, certainty: float) -> FieldValue:
    """A field value with its evidence; confidence = page confidence x pattern certainty."""
    page, raw = line
    conf = round(max(0.0, min(100.0, page.confidence * certainty)), 1)
    return FieldValue(value=text, evidence=Evidence(page=page.number, text=raw[:300], confidence=conf))


# --- IIN ---------------------------------------------------------------------------------------

# The words that label an IIN, folded. "ЖЕН:" is OCR's ЖСН (the С read as Е on two scanned forms), a label
# only before a colon and a digit: "жен" is also a word.
IIN_LABEL_WORDS = r"жсн|иин|жен(?=\s*:\s*\d)"
_IIN = re.compile(
    rf"(?<![а-яa-z])({IIN_LABEL_WORDS}|iin)(?![а-яa-z])((?:\s*/\s*(?:бсн|бин))?)\s*[:№\-]?\s*([\d ]{{11,17}})"
)


def find_iins(lines: Sequence[Line]) -> list[FieldValue]:
    """Numbers labelled ЖСН/ИИН. An organisation's БСН/БИН is not looked at; "ЖСН/БСН" is unsure."""
    out: list[FieldValue] = []
    for line in lines:
        for m in _IIN.finditer(fold_text(line[1])):
            digits = re.sub(r"\D", "", m.group(3))
            if len(digits) < 11:
                continue
            certainty = 1.0 if len(digits) == 12 else 0.5
            if m.group(2):
                certainty = min(certainty, 0.6)
            out.append(value(line, digits, certainty))
    return out


# --- dates -------------------------------------------------------------------------------------

_ISSUE_LABEL = re.compile(
    fold_pattern(
        r"берілген күні|берілген уақыты|берілді|дата выдачи|выдан[оа]?\b|дата регистрации|"
        r"тіркелген күні|күні:|дата:"
    )
)
_VALID_LABEL = re.compile(fold_pattern(r"дейін|жарамды|действительн|срок действия|жарамдылық мерзімі|\bдо\b"))
_ORDER_HEAD = re.compile(fold_pattern(r"№|бұйрық|приказ|\bот\b"))
# A period's own words: Kazakh "X бастап Y дейін" ("from X to Y") as Russian "с X по Y".
_COURSE_CUE = re.compile(fold_pattern(r"аралығында|\bс\b.*\bпо\b|бастап.*дейін|кезеңінде|период|[-–—]"))
_RANGE_JOINT = re.compile(fold_pattern(r"(?:\bпо|\bдо|[-–—]|бастап|дейін|аралығында)\s*$"))
_RANGE_START = re.compile(fold_pattern(r"\s*(?:по|до|[-–—])(?:\s|$)"))
_COURSE_START_LABEL = re.compile(fold_pattern(r"басталған|басталды|дата начала|начало обучения|начала обучения"))
_COURSE_END_LABEL = re.compile(fold_pattern(r"аяқталған|аяқталды|дата окончания|окончание обучения|окончания обучения"))
# Lines whose date is not the issue date, though "күні:" may label them.
_NOT_ISSUE = re.compile(
    fold_pattern(
        r"туған|дата рождения|шешім|решени|протокол|хаттама|"
        r"басталған|басталды|аяқталған|аяқталды|дата начала|дата окончания|начал\w* обучения|окончани\w* обучения"
    )
)


def issue_date(lines: Sequence[Line], kind: Kind) -> FieldValue | None:
    """The date the document was issued: labelled first, an order's header next, else the last date."""
    for line in lines:
        folded = fold_text(line[1])
        if _ISSUE_LABEL.search(folded) and not _VALID_LABEL.search(folded) and not _NOT_ISSUE.search(folded):
            dates = find_dates(line[1])
            if dates:
                return value(line, dates[0].value.isoformat(), 1.0)
    if kind == "category_order":
        for line in lines[:8]:
            if _ORDER_HEAD.search(fold_text(line[1])):
                dates = find_dates(line[1])
                if dates:
                    return value(line, dates[0].value.isoformat(), 0.9)
    if kind in ("employment_record", "essay", "application"):
        return None
    candidates = [
        (line, d)
        for line in lines
        if not _VALID_LABEL.search(fold_text(line[1])) and not _NOT_ISSUE.search(fold_text(line[1]))
        for d in find_dates(line[1])
    ]
    if not candidates:
        return None
    line, d = candidates[-1]
    return value(line, d.value.isoformat(), 0.6)


def valid_until(lines: Sequence[Line]) -> FieldValue | None:
    """ "… дейін жарамды", "действительно до …": the end of a category's validity."""
    for line in lines:
        if _VALID_LABEL.search(fold_text(line[1])):
            dates = find_labelled_dates(line[1])
            if dates:
                return value(line, dates[-1].value.isoformat(), 1.0)
    return None


def _labelled_date(lines: Sequence[Line], label: re.Pattern[str]) -> FieldValue | None:
    """The one date on the first line carrying `label` ("Дата начала обучения: 07.07.2025")."""
    for line in lines:
        if label.search(fold_text(line[1])):
            dates = find_dates(line[1])
            return value(line, dates[0].value.isoformat(), 1.0) if len(dates) == 1 else None
    return None


def course_period(lines: Sequence[Line]) -> tuple[FieldValue, FieldValue] | None:
    """The start and end of a course: two labelled lines, or one line that holds both."""
    start, end = _labelled_date(lines, _COURSE_START_LABEL), _labelled_date(lines, _COURSE_END_LABEL)
    if start is not None and end is not None and start.evidence.text != end.evidence.text:
        return start, end
    for line in lines:
        found = find_date_range(line[1])
        if found:
            certainty = 1.0 if _COURSE_CUE.search(fold_text(line[1])) else 0.8
            return (
                value(line, found[0].isoformat(), certainty),
                value(line, found[1].isoformat(), certainty),
            )
    # A period wrapped onto the next line ("… с 18.02.2025" / "по 04.02.2025 …"), once no single line
    # holds one. Two dates on neighbouring lines are a period only when a range word joins them, as sure
    # as a one-line period (the course named beside it or not); otherwise they are too weak to refuse on
    # (a person looks). The surest of the wrapped periods is taken: a bilingual certificate's Kazakh
    # period may wrap away from its course words ("… 05.09.2026 бастап" / "01.09.2026 дейін «…»") where
    # the Russian one keeps them ("с 05.09.2026 по" / "01.09.2026 прошел(ла) курсы").
    best: tuple[float, Line, tuple[date, date]] | None = None
    for first, second in pairwise(lines):
        if first[0] is not second[0]:
            continue
        joined: Line = (first[0], f"{first[1]} {second[1]}")
        found = find_date_range(joined[1])
        if found:
            joint = _RANGE_JOINT.search(fold_text(first[1])) or _RANGE_START.match(fold_text(second[1]))
            certainty = (1.0 if _COURSE_CUE.search(fold_text(joined[1])) else 0.8) if joint else 0.6
            if best is None or certainty > best[0]:
                best = (certainty, joined, found)
    if best is None:
        return None
    certainty, joined, found = best
    return value(joined, found[0].isoformat(), certainty), value(joined, found[1].isoformat(), certainty)


_HOURS = re.compile(fold_pattern(r"(\d{1,4})\s*(?:академиялық\s*|академическ\w*\s*|акад\.\s*)?(?:сағат|час)"))


def course_hours(lines: Sequence[Line]) -> FieldValue | None:
    """The course volume in hours (evidence only: hours are never a ground for refusal)."""
    for line in lines:
        m = _HOURS.search(fold_text(line[1]))
        if m:
            return value(line, m.group(1), 1.0)
    return None


# --- category ----------------------------------------------------------------------------------

_CATEGORY_NAMES: tuple[tuple[str, Category], ...] = (
    (r"педагог\s*[-–—]?\s*модератор", "pedagog_moderator"),
    (r"педагог\s*[-–—]?\s*(?:сарапшы|эксперт)", "pedagog_expert"),
    (r"педагог\s*[-–—]?\s*(?:зерттеуші|исследовател)", "pedagog_researcher"),
    (r"педагог\s*[-–—]?\s*(?:шебер|мастер)", "pedagog_master"),
    (r"[«\"“]\s*педагог\s*[»\"”]|педагог\s+(?:біліктілік санат|квалификационн)", "pedagog"),
)
_CATEGORY_RES = tuple((re.compile(fold_pattern(p)), c) for p, c in _CATEGORY_NAMES)
_OLD_CATEGORY = re.compile(
    fold_pattern(
        r"(?:жоғары|бірінші|екінші)\s+(?:біліктілік\s+)?санат|"
        r"(?:высш|перв|втор)\w*\s+(?:квалификационн\w*\s+)?категори"
    )
)


def categories_in(text: str) -> list[Category]:
    """The category codes a text names, in order of appearance."""
    folded = fold_text(text)
    found: list[tuple[int, Category]] = []
    for pattern, code in _CATEGORY_RES:
        found.extend((m.start(), code) for m in pattern.finditer(folded))
    return [c for _, c in sorted(found)]


def category(lines: Sequence[Line]) -> tuple[str, FieldValue] | None:
    """The category a certificate grants: (field name, value). Two different ones make it unsure."""
    hits: list[tuple[Line, Category]] = [(ln, c) for ln in lines for c in categories_in(ln[1])]
    if hits:
        distinct = {c for _, c in hits}
        line, code = hits[0]
        return CATEGORY, value(line, code, 1.0 if len(distinct) == 1 else 0.5)
    for line in lines:
        m = _OLD_CATEGORY.search(fold_text(line[1]))
        if m:
            return CATEGORY_OTHER, value(line, m.group(0), 1.0)
    return None


def common_fields(pages: Sequence[PageText], kind: Kind) -> dict[str, FieldValue]:
    """The fields every kind may carry; the kind decides which are looked for."""
    lines = lines_of(pages)
    fields: dict[str, FieldValue] = {}
    if kind == "essay":
        return fields
    for i, iin in enumerate(find_iins(lines)):
        fields[IIN if i == 0 else f"{IIN}.{i + 1}"] = iin
    issued = issue_date(lines, kind)
    if issued:
        fields[ISSUE_DATE] = issued
    if kind in ("course_certificate", "retraining_certificate"):
        period = course_period(lines)
        if period:
            fields[COURSE_START], fields[COURSE_END] = period
        hours = course_hours(lines)
        if hours:
            fields[COURSE_HOURS] = hours
    if kind in ("category_certificate", "category_order"):
        cat = category(lines)
        if cat:
            fields[cat[0]] = cat[1]
        until = valid_until(lines)
        if until:
            fields[VALID_UNTIL] = until
    return fields
