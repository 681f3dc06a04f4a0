"""`dates.inconsistent` (ground 1): a date on a document that cannot be true.

Issued after the submission (compared as Astana dates), valid until before it was issued, a course
that ends before it starts. A date read with low confidence, or found without a label, may be a
misreading or another date: that is `review`; so is a course certificate whose period cannot be read
at all (a reversed period on a poor photo was accepted because nothing was found to compare).
"""

from datetime import date, datetime

from extractors import fields, form_entries
from models.astana_time import ASTANA
from models.context import CheckContext
from models.extraction import DocumentReading, FieldValue
from models.verdict import Finding
from validators.evidence import sure_number
from validators.findings import finding
from validators.kind_mismatch import effective_kind, usable_pages
from validators.messages import Bilingual, fmt_date, printable

CODE = "dates.inconsistent"

# Dates that cannot lie after the submission: when issued, when a course ran, when the form was signed.
_NOT_AFTER_SUBMISSION = (fields.ISSUE_DATE, fields.COURSE_START, fields.COURSE_END, form_entries.DATE)
_LABELS: dict[str, Bilingual] = {
    fields.ISSUE_DATE: Bilingual("берілген күні", "дата выдачи"),
    fields.COURSE_START: Bilingual("курстың басталған күні", "дата начала курса"),
    fields.COURSE_END: Bilingual("курстың аяқталған күні", "дата окончания курса"),
    form_entries.DATE: Bilingual("өтініштің күні", "дата заявления"),
    fields.VALID_UNTIL: Bilingual("жарамдылық мерзімі", "срок действия"),
}

# {name}: the file; {problem}: one of the problems below, filled in. Dates are dd.mm.yyyy.
MESSAGES: dict[str, Bilingual] = {
    "impossible": Bilingual(
        "«{name}» құжатындағы күн мүмкін емес: {problem}. Құжатты тексеріп, өтінішті қайта беріңіз.",
        "Дата в документе «{name}» невозможна: {problem}. Проверьте документ и подайте заявление повторно.",
    ),
    "doubtful": Bilingual(
        "«{name}» құжатындағы күн күмәнді: {problem} (күн сенімсіз оқылды). Маман тексереді.",
        "Дата в документе «{name}» сомнительна: {problem} (дата прочитана неуверенно). Проверит специалист.",
    ),
    # The problems; {label} is a field's name from _LABELS.
    "after_submission": Bilingual(
        "{label} {date} өтініш берілген күннен ({submitted}) кейін",
        "{label} {date} позже даты подачи заявления ({submitted})",
    ),
    "valid_until_before_issue": Bilingual(
        "жарамдылық мерзімі берілген күнінен бұрын аяқталады ({first}, {second})",
        "срок действия истекает раньше даты выдачи ({first}, {second})",
    ),
    "course_ends_before_start": Bilingual(
        "курс басталмай тұрып аяқталған ({first}, {second})",
        "курс окончен раньше, чем начат ({first}, {second})",
    ),
    "period_not_found": Bilingual(
        "«{name}» құжатынан курстың өткен кезеңі (басталған және аяқталған күндері) оқылмады. Маман тексереді.",
        "В документе «{name}» не прочитан период обучения (даты начала и окончания курса). Проверит специалист.",
    ),
}
# Certificates whose period is the thing checked: one that cannot be read cannot be said to be consistent.
_COURSE_KINDS = ("course_certificate", "retraining_certificate")


def astana_date(moment: datetime) -> date:
    """The calendar date in Astana (UTC+5); a naive time is taken as Astana time already."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(ASTANA).date()


def field_date(fv: FieldValue | None) -> date | None:
    """A date field's value, or None when absent, blank or not a date."""
    if fv is None or not fv.value:
        return None
    try:
        return date.fromisoformat(fv.value)
    except ValueError:
        return None


def _finding(doc: DocumentReading, clear: bool, problem: Bilingual, evidence: dict[str, object]) -> Finding:
    name = printable(doc.file)
    if clear:
        return finding(
            CODE,
            "fail",
            document=doc.file,
            message=MESSAGES["impossible"].format(name=name, problem=problem),
            evidence=evidence,
        )
    return finding(
        CODE,
        "review",
        document=doc.file,
        message=MESSAGES["doubtful"].format(name=name, problem=problem),
        evidence=evidence,
    )


def _evidence(fv: FieldValue, key: str) -> dict[str, object]:
    return {
        "field": key,
        "value": fv.value,
        "page": fv.evidence.page,
        "line": fv.evidence.text,
        "confidence": fv.evidence.confidence,
    }


def check_dates_inconsistent(ctx: CheckContext) -> list[Finding]:
    """Fail on a clearly read impossible date; review when the date was read with low confidence."""
    submitted = astana_date(ctx.manifest.submitted_at)
    threshold = ctx.ocr_min_confidence
    out: list[Finding] = []
    for doc in ctx.documents:
        kind = effective_kind(doc)
        if kind == "essay" or not usable_pages(doc):
            continue
        if kind in _COURSE_KINDS and (fields.COURSE_START not in doc.fields or fields.COURSE_END not in doc.fields):
            out.append(
                finding(
                    CODE,
                    "review",
                    document=doc.file,
                    message=MESSAGES["period_not_found"].format(name=printable(doc.file)),
                    evidence={"reason": "period_not_found", "found": sorted(doc.fields)},
                )
            )
        for key in _NOT_AFTER_SUBMISSION:
            fv = doc.fields.get(key)
            value = field_date(fv)
            if fv is None or value is None or value <= submitted:
                continue
            problem = MESSAGES["after_submission"].format(
                label=_LABELS[key], date=fmt_date(value), submitted=fmt_date(submitted)
            )
            out.append(
                _finding(
                    doc,
                    sure_number(doc, fv, threshold),
                    problem,
                    {**_evidence(fv, key), "submitted_on": submitted.isoformat()},
                )
            )
        pairs = (
            (fields.ISSUE_DATE, fields.VALID_UNTIL, "valid_until_before_issue"),
            (fields.COURSE_START, fields.COURSE_END, "course_ends_before_start"),
        )
        for first_key, second_key, problem_key in pairs:
            first, second = doc.fields.get(first_key), doc.fields.get(second_key)
            a, b = field_date(first), field_date(second)
            if first is None or second is None or a is None or b is None or b >= a:
                continue
            clear = sure_number(doc, first, threshold) and sure_number(doc, second, threshold)
            evidence = {
                first_key: a.isoformat(),
                second_key: b.isoformat(),
                "lines": [first.evidence.text, second.evidence.text],
                "confidence": min(first.evidence.confidence, second.evidence.confidence),
            }
            problem = MESSAGES[problem_key].format(first=fmt_date(a), second=fmt_date(b))
            out.append(_finding(doc, clear, problem, evidence))
    return out
