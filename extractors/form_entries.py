"""The entries of the Annex 2 application form, in Kazakh or Russian.

Two layouts are read: "Label: value" on one line, and the official form's "value ЖСН value" line
with the hint "(Т.А.Ә. (бар болса)" below it. An entry whose label is found with nothing but
underscores after it is blank (value ""); an entry whose label is not found is absent from the
result. The check needs that difference: blank on a clear form fails, not found is a review.
"""

import re
from collections.abc import Sequence

from extractors.dates import find_dates, month_from_word
from extractors.fields import IIN_LABEL_WORDS, Line, categories_in, lines_of, value
from extractors.text_folding import fold_pattern, fold_text, is_blank
from models.extraction import FieldValue, PageText

NAME = "form.name"
IIN = "form.iin"
POSITION = "form.position"
WORKPLACE = "form.workplace"
EMAIL = "form.email"
CATEGORY = "form.category"
ACTION = "form.action"
CURRENT_CATEGORY = "form.current_category"
CURRENT_VALID_UNTIL = "form.current_valid_until"
DATE = "form.date"
REQUIRED = (NAME, IIN, POSITION, WORKPLACE, DATE)


def _label(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


# Dots OCR dropped ("Т.АӘ.") and a zero for the letter О ("Ф.И.0.") still make the label. So does the form's
# own hint after any short label, whatever OCR made of its letters: "Т.А. (бар болса):" (Ә lost),
# "0.И.0. (при наличии):" (Ф read as a zero); the hint belongs to the name's entry alone.
_NAME_LABEL = _label(
    r"т\.?\s?а\.?\s?ә\.|т\.\s?а\.\s?ә|тегі,?\s*аты|аты-жөні|ф\.?\s?и\.?\s?[о0]\.|ф\.\s?и\.\s?[о0]|фамилия,?\s*имя"
    r"|^\W*[^\s:()]{1,8}\s*\((?:бар болса|при наличии)\)"
)
_IIN_LABEL = _label(rf"(?<![а-яa-z])(?:{IIN_LABEL_WORDS})(?![а-яa-z])")
_POSITION_LABEL = _label(r"лауазымы|должность")
# The request sentence repeats the position: "лауазымы (мамандығы) <position> бойынша",
# "по должности (специальности) <position> на присвоение".
_POSITION_SLOT = _label(r"(?:лауазымы|должности)\s*\((?:мамандығы|специальности)\)")
_SLOT_END = re.compile(fold_pattern(r"(?:^|\s)(?:бойынша|на)(?:\s|$)"))
_WORKPLACE_LABEL = _label(
    r"жұмыс орны|место работы|білім беру ұйымының атауы|наименование организации(?: образования)?"
)
_EMAIL_LABEL = _label(r"электрондық пошта|электронн\w* почт|e-?mail")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An address whose "@" OCR misread ("g.abil©example.kz"): one run of printable ASCII, no space, with a dot and
# a Latin letter. A workplace is none of these: it has spaces ("г. Павлодар") or Kazakh and Russian letters.
_EMAIL_LIKE = re.compile(r"(?=[^\s]*[A-Za-z])(?=[^\s]*\.)[\x21-\x7e©®]+|.*@.*")
_REQUEST_LINE = _label(r"сұраймын|рұқсат|прошу|допустить|беру\s*/\s*растау|бойынша аттестаттау")
_CURRENT_LINE = _label(r"санатым бар|имею\b|в настоящее время|қазіргі уақытта")
_DATE_LINE = _label(r"\(қолы\)|\(подпись\)|^\s*күні\b|^\s*дата\b")
_ACQUAINTED = _label(r"таныстым|ознакомлен")
_HINT = re.compile(r"^\s*\(")
_LABEL_TAIL = re.compile(r"^[\s:.\-–—]*(?:\([^)]*\)+)?[\s:.\-–—]*")


# A comma as OCR may read it: the low quotation mark (U+201A) and the full-width comma look the same on paper.
_COMMA = re.compile("[,\u201a\uff0c]")


def _after(line: str, pattern: re.Pattern[str]) -> str | None:
    """The text after the label on the line, or None when the label is not on it.

    The label is found on the folded line and cut from the original by word count, since folding
    may drop letters (soft signs).
    """
    folded = fold_text(line)
    m = pattern.search(folded)
    if not m:
        return None
    label_words = len(folded[: m.end()].split())
    words = line.split()
    rest = " ".join(words[label_words:])
    # A label glued to its colon ("ИИН:870412…") keeps the value in the last label word.
    last = words[label_words - 1] if 0 < label_words <= len(words) else ""
    if ":" in last and last.split(":", 1)[1]:
        rest = last.split(":", 1)[1] + " " + rest
    return _LABEL_TAIL.sub("", rest).strip()


def _clean(text: str) -> str:
    """An entry without its underline and signature hints; "" when nothing else is left."""
    text = re.sub(r"\((?:қолы|подпись)\)", "", text)
    text = re.sub(r"_{2,}", " ", text).strip(" \t:;,")
    return "" if is_blank(text) else re.sub(r"\s+", " ", text)


def _name_and_iin(lines: Sequence[Line]) -> dict[str, FieldValue]:
    out: dict[str, FieldValue] = {}
    for i, line in enumerate(lines):
        folded = fold_text(line[1])
        if _NAME_LABEL.search(folded) and NAME not in out:
            rest = _after(line[1], _NAME_LABEL) or ""
            if _HINT.match(line[1]) and i > 0:
                # Official layout: "<name> ЖСН <iin>" stands above "(Т.А.Ә. (бар болса)".
                above = lines[i - 1]
                head = re.split(r"(?i)(?<![а-яa-zәіңғүұқөһ])(?:ЖСН|ИИН)(?![а-яa-z])", above[1])[0]
                out[NAME] = value(above, _clean(head), 0.9)
            else:
                out[NAME] = value(line, _clean(re.split(r"(?i)\b(?:ЖСН|ИИН)\b", rest)[0]), 1.0)
        if _IIN_LABEL.search(folded) and IIN not in out:
            rest = _clean(_after(line[1], _IIN_LABEL) or "")
            digits = re.sub(r"\D", "", rest.split("(")[0])
            if not rest:
                out[IIN] = value(line, "", 1.0)
            elif digits:
                out[IIN] = value(line, digits, 1.0 if len(digits) == 12 else 0.5)
    return out


def _position_slot(line: Line) -> FieldValue | None:
    """The position inside the request sentence, up to "бойынша" / "на"; None when its end is not on the line.

    A wrapped sentence may carry the position on the next line, so without the word that closes
    the slot nothing is said about it.
    """
    rest = _after(line[1], _POSITION_SLOT) or ""
    end = _SLOT_END.search(fold_text(rest))
    if end is None:
        return None
    # folding keeps word boundaries, so the words before the closing word are the position
    words = len(fold_text(rest)[: end.start()].split())
    return value(line, _clean(" ".join(rest.split()[:words])), 0.9)


_CONTINUED = 2  # lines a combined entry may run on to after a trailing comma (workplace, then e-mail)
_FORM_LINES = (
    _NAME_LABEL,
    _IIN_LABEL,
    _POSITION_LABEL,
    _WORKPLACE_LABEL,
    _EMAIL_LABEL,
    _REQUEST_LINE,
    _CURRENT_LINE,
    _DATE_LINE,
    _ACQUAINTED,
)


def _run_on(lines: Sequence[Line], i: int) -> Line:
    """The combined entry with the lines it runs on to: a line ending in a comma goes on in the next
    ("учитель физики," / "Общеобразовательная школа № 14," / the address). Read alone, the part after that
    comma was a blank workplace, and a clear form that wraps its entry would be refused as incomplete."""
    page, text = lines[i]
    for following in lines[i + 1 : i + 1 + _CONTINUED]:
        if not _COMMA.search(text.rstrip()[-1:]) or ":" in following[1] or _opens_entry(following[1]):
            break
        text = f"{text.rstrip()} {following[1].strip()}"
    return page, text


def _opens_entry(line: str) -> bool:
    """A line with a label or a sentence of the form: no continuation of the entry above it."""
    folded = fold_text(line)
    return any(p.search(folded) for p in _FORM_LINES)


def _combined(folded: str) -> bool:
    """Annex 2's combined entry ("Лауазымы, жұмыс орны, электрондық пошта: ..."): position and workplace
    labelled on one line."""
    return bool(_POSITION_LABEL.search(folded) and _WORKPLACE_LABEL.search(folded))


def _position_workplace(lines: Sequence[Line]) -> dict[str, FieldValue]:
    """Position and workplace; a workplace is blank only when every place for it is blank."""
    found: dict[str, list[FieldValue]] = {POSITION: [], WORKPLACE: [], EMAIL: []}
    for i, line in enumerate(lines):
        folded = fold_text(line[1])
        has_pos = _POSITION_LABEL.search(folded)
        has_work = _WORKPLACE_LABEL.search(folded)
        if has_pos and has_work:  # the combined entry (`_combined`)
            line = _run_on(lines, i)
            # Annex 2: "Лауазымы, жұмыс орны, электрондық пошта: <position>, <workplace>, <e-mail>".
            ends = [m.end() for p in (_POSITION_LABEL, _WORKPLACE_LABEL, _EMAIL_LABEL) if (m := p.search(folded))]
            last = next(
                p
                for p in (_EMAIL_LABEL, _WORKPLACE_LABEL, _POSITION_LABEL)
                if (m := p.search(folded)) and m.end() == max(ends)
            )
            # The parts stand in the labels' order, commas between them; an empty part is a blank
            # entry (", school, mail": no position), so the parts are split before anything is trimmed.
            entry = re.sub(r"\((?:қолы|подпись)\)", "", _after(line[1], last) or "")
            parts = [p.strip() for p in _COMMA.split(entry)]
            email = next((m for p in parts if (m := _EMAIL.search(p))), None)
            if email:
                found[EMAIL].append(value(line, email.group(0), 1.0))
                parts = [p for p in parts if email.group(0) not in p]
            elif len(parts) >= 3 and _EMAIL_LIKE.fullmatch(parts[-1]):
                # The address misread, in its place after the workplace: the e-mail's entry, not the workplace's.
                found[EMAIL].append(value(line, parts[-1], 0.5))
                parts = parts[:-1]
            parts = [_clean(p) for p in parts] or [""]
            found[POSITION].append(value(line, parts[0], 0.85))
            if len(parts) > 1 or not parts[0]:
                found[WORKPLACE].append(value(line, _clean(", ".join(parts[1:])), 0.85))
            else:
                # No comma: where the position ends is unknown, but the entry is not blank.
                found[WORKPLACE].append(value(line, parts[0], 0.5))
            continue
        if _POSITION_SLOT.search(folded):
            slot = _position_slot(line)
            if slot is not None:
                found[POSITION].append(slot)
        elif has_pos:
            found[POSITION].append(value(line, _clean(_after(line[1], _POSITION_LABEL) or ""), 1.0))
        if has_work:
            found[WORKPLACE].append(value(line, _clean(_after(line[1], _WORKPLACE_LABEL) or ""), 1.0))
    out: dict[str, FieldValue] = {}
    for key, values in found.items():
        filled = [v for v in values if v.value]
        if filled:
            out[key] = filled[0]
        elif values:
            out[key] = max(values, key=lambda v: v.evidence.confidence)
    return out


def _email(lines: Sequence[Line]) -> dict[str, FieldValue]:
    """The e-mail entry on a line of its own, or else any address on the form. The combined entry
    ("position, workplace, e-mail: ...") is `_position_workplace`'s: when its address was not read, what
    follows the labels is the position and the workplace, which are no e-mail."""
    for line in lines:
        folded = fold_text(line[1])
        if _EMAIL_LABEL.search(folded) and not _combined(folded):
            rest = _clean(_after(line[1], _EMAIL_LABEL) or "")
            email = _EMAIL.search(rest)
            return {EMAIL: value(line, email.group(0) if email else rest, 1.0)}
    for line in lines:
        email = _EMAIL.search(line[1])
        if email:
            return {EMAIL: value(line, email.group(0), 0.8)}
    return {}


def _request(lines: Sequence[Line]) -> dict[str, FieldValue]:
    out: dict[str, FieldValue] = {}
    for i, line in enumerate(lines):
        folded = fold_text(line[1])
        if _CURRENT_LINE.search(folded):
            window = [line, *lines[i + 1 : i + 2]]
            for ln in window:
                cats = categories_in(ln[1])
                if cats and CURRENT_CATEGORY not in out:
                    out[CURRENT_CATEGORY] = value(ln, cats[0], 1.0)
                # "25 (күні) желтоқсан (айы) 2026 жылға дейін": the form's hints stand between the parts.
                dates = find_dates(re.sub(r"\((?:күні|айы|день|число|месяц)\)", " ", ln[1]))
                if dates and CURRENT_VALID_UNTIL not in out:
                    out[CURRENT_VALID_UNTIL] = value(ln, dates[0].value.isoformat(), 1.0)
            continue
        if _REQUEST_LINE.search(folded):
            window = [ln for ln in (lines[i - 1] if i else None, line, *lines[i + 1 : i + 2]) if ln]
            for ln in window:
                if _CURRENT_LINE.search(fold_text(ln[1])):
                    continue
                cats = categories_in(ln[1])
                if cats and CATEGORY not in out:
                    out[CATEGORY] = value(ln, cats[0], 1.0)
            confirm = re.search(r"растау|подтвержд", folded)
            assign = re.search(r"беру\b|присвоени", folded)
            if ACTION not in out and bool(confirm) != bool(assign):
                out[ACTION] = value(line, "confirm" if confirm else "assign", 1.0)
    return out


def _date(lines: Sequence[Line]) -> dict[str, FieldValue]:
    for line in reversed(lines):
        if _DATE_LINE.search(fold_text(line[1])):
            dates = find_dates(line[1])
            if dates:
                return {DATE: value(line, dates[0].value.isoformat(), 1.0)}
            rest = re.sub(r"(?i)\(?(?:қолы|подпись)\)?|күні|дата|жыл\w*|года?|г\.|20|[«»\"“”']", " ", line[1])
            rest = _clean(rest)
            return {DATE: value(line, rest, 0.5 if rest else 1.0)}
    # Without a caption, the form's date is the first date below its last sentence ("…таныстым." /
    # "…ознакомлен(а)."), where the applicant signs: «03» желтоқсан 2026 жыл, 3 декабря 2026 г.
    last_sentence = max((i for i, line in enumerate(lines) if _ACQUAINTED.search(fold_text(line[1]))), default=None)
    if last_sentence is not None:
        for line in lines[last_sentence + 1 :]:
            dates = find_dates(line[1])
            if dates:
                return {DATE: value(line, dates[0].value.isoformat(), 0.9)}
        # The day in its quotes misread by OCR («ӨЗ» for «03», «50»): the entry is filled in all the same;
        # its value keeps the month and year only, so no check compares a day nobody could read.
        for line in lines[last_sentence + 1 :]:
            m = _ILLEGIBLE_DAY.search(line[1])
            month = month_from_word(m.group(1)) if m else None
            if m and month:
                return {DATE: value(line, f"{m.group(2)}-{month[0]:02d}", 0.8)}
    return {}


# «??» желтоқсан 2026 / «??» декабря 2026: a date whose day could not be read.
_ILLEGIBLE_DAY = re.compile(r"[«\"“]\s*\S{1,3}\s*[»\"”]\s*([^\W\d_]+)\s*((?:19|20)\d{2})")


def form_fields(pages: Sequence[PageText]) -> dict[str, FieldValue]:
    """The Annex 2 entries found on the pages; a blank entry has the value ""."""
    lines = lines_of(pages)
    fields: dict[str, FieldValue] = {}
    for part in (_name_and_iin(lines), _position_workplace(lines), _email(lines), _request(lines), _date(lines)):
        for key, val in part.items():
            fields.setdefault(key, val)
    return fields
