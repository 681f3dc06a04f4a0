"""`dates.inconsistent` (ground 1): a date on a document that cannot be true.

Issued after the submission (compared as Astana dates), valid until before it was issued, a course
that ends before it starts. A date read with low confidence, or found without a label, may be a
misreading or another date: that is `review`.
"""

from datetime import date, datetime

from extractors import field_form, fields
from models.astana_time import ASTANA
from models.context import CheckContext
from models.extraction import DocumentReading, FieldValue
from models.verdict import Finding
from validators.document_kind import effective_kind, usable_pages
from validators.findings import finding
from validators.messages import fmt_date, printable

CODE = "dates.inconsistent"

# Dates that cannot lie after the submission: when issued, when a course ran, when the form was signed.
_NOT_AFTER_SUBMISSION = (fields.ISSUE_DATE, fields.COURSE_START, fields.COURSE_END, field_form.DATE)
_LABELS: dict[str, tuple[str, str]] = {
    fields.ISSUE_DATE: ("берілген күні", "дата выдачи"),
    fields.COURSE_START: ("курстың басталған күні", "дата начала курса"),
    fields.COURSE_END: ("курстың аяқталған күні", "дата окончания курса"),
    field_form.DATE: ("өтініштің күні", "дата заявления"),
    fields.VALID_UNTIL: ("жарамдылық мерзімі", "срок действия"),
}


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


def _finding(doc: DocumentReading, clear: bool, kk: str, ru: str, evidence: dict[str, object]) -> Finding:
    name = printable(doc.file)
    if clear:
        return finding(
            CODE,
            "fail",
            ground=1,
            document=doc.file,
            kk=f"«{name}» құжатындағы күн мүмкін емес: {kk}. Құжатты тексеріп, өтінішті қайта беріңіз.",
            ru=f"Дата в документе «{name}» невозможна: {ru}. Проверьте документ и подайте заявление повторно.",
            evidence=evidence,
        )
    return finding(
        CODE,
        "review",
        document=doc.file,
        kk=f"«{name}» құжатындағы күн күмәнді: {kk} (күн сенімсіз оқылды). Маман тексереді.",
        ru=f"Дата в документе «{name}» сомнительна: {ru} (дата прочитана неуверенно). Проверит специалист.",
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
        if effective_kind(doc) == "essay" or not usable_pages(doc):
            continue
        for key in _NOT_AFTER_SUBMISSION:
            fv = doc.fields.get(key)
            value = field_date(fv)
            if fv is None or value is None or value <= submitted:
                continue
            kk_label, ru_label = _LABELS[key]
            out.append(
                _finding(
                    doc,
                    fv.evidence.confidence >= threshold,
                    f"{kk_label} {fmt_date(value)} өтініш берілген күннен ({fmt_date(submitted)}) кейін",
                    f"{ru_label} {fmt_date(value)} позже даты подачи заявления ({fmt_date(submitted)})",
                    {**_evidence(fv, key), "submitted_on": submitted.isoformat()},
                )
            )
        pairs = (
            (
                fields.ISSUE_DATE,
                fields.VALID_UNTIL,
                "жарамдылық мерзімі берілген күнінен бұрын аяқталады",
                "срок действия истекает раньше даты выдачи",
            ),
            (
                fields.COURSE_START,
                fields.COURSE_END,
                "курс басталмай тұрып аяқталған",
                "курс окончен раньше, чем начат",
            ),
        )
        for first_key, second_key, kk, ru in pairs:
            first, second = doc.fields.get(first_key), doc.fields.get(second_key)
            a, b = field_date(first), field_date(second)
            if first is None or second is None or a is None or b is None or b >= a:
                continue
            clear = min(first.evidence.confidence, second.evidence.confidence) >= threshold
            evidence = {
                first_key: a.isoformat(),
                second_key: b.isoformat(),
                "lines": [first.evidence.text, second.evidence.text],
                "confidence": min(first.evidence.confidence, second.evidence.confidence),
            }
            out.append(
                _finding(
                    doc, clear, f"{kk} ({fmt_date(a)}, {fmt_date(b)})", f"{ru} ({fmt_date(a)}, {fmt_date(b)})", evidence
                )
            )
    return out
