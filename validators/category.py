"""`category.declared_mismatch` (ground 1) and `category.expired` (ground 2).

The declared current category is compared with what the category certificate clearly says; a
category or date that could not be read, or was read with low confidence, is `review`. Expiry
needs no reading: the manifest's valid-until date against the Astana date of submission.
"""

from extractors import fields
from models.context import CheckContext
from models.extraction import DocumentReading
from models.manifest import CurrentCategory
from models.verdict import Finding
from validators.evidence import legible_at, sure_number
from validators.findings import finding
from validators.inconsistent_dates import astana_date, field_date
from validators.kind_mismatch import effective_kind, usable_pages
from validators.messages import CATEGORY_NAMES, Bilingual, fmt_date, printable

MISMATCH_CODE = "category.declared_mismatch"
EXPIRED_CODE = "category.expired"

# {name}: the certificate's file; {declared}, {found}: categories or dd.mm.yyyy dates; {submitted}: a date.
MESSAGES: dict[str, Bilingual] = {
    "category_unread": Bilingual(
        "«{name}» куәлігінен біліктілік санаты анықталмады. Маман тексереді.",
        "В удостоверении «{name}» не определена квалификационная категория. Проверит специалист.",
    ),
    "category_differs": Bilingual(
        "Өтініште көрсетілген қазіргі санат «{declared}», ал «{name}» куәлігінде «{found}». Деректерді түзетіп, "
        "өтінішті қайта беріңіз.",
        "В заявлении указана текущая категория «{declared}», а в удостоверении «{name}» — «{found}». Исправьте "
        "сведения и подайте заявление повторно.",
    ),
    "category_differs_unsure": Bilingual(
        "«{name}» куәлігіндегі санат («{found}») көрсетілген санатпен сәйкес келмейтін сияқты, бірақ сенімсіз "
        "оқылды. Маман тексереді.",
        "Категория в удостоверении «{name}» («{found}»), по-видимому, не совпадает с указанной, но прочитана "
        "неуверенно. Проверит специалист.",
    ),
    "valid_until_unread": Bilingual(
        "«{name}» куәлігінен санаттың жарамдылық мерзімі анықталмады. Маман тексереді.",
        "В удостоверении «{name}» не определён срок действия категории. Проверит специалист.",
    ),
    # The difference, said inside "valid_until_differs" and "valid_until_differs_unsure".
    "valid_until_difference": Bilingual(
        "өтініште санат {declared} дейін жарамды деп көрсетілген, ал «{name}» куәлігінде — {found} дейін",
        "в заявлении категория указана действующей до {declared}, а в удостоверении «{name}» — до {found}",
    ),
    "valid_until_differs": Bilingual(
        "Сәйкессіздік: {difference}. Деректерді түзетіп, өтінішті қайта беріңіз.",
        "Несоответствие: {difference}. Исправьте сведения и подайте заявление повторно.",
    ),
    "valid_until_differs_unsure": Bilingual(
        "Мүмкін сәйкессіздік: {difference} (күн сенімсіз оқылды). Маман тексереді.",
        "Возможное несоответствие: {difference} (дата прочитана неуверенно). Проверит специалист.",
    ),
    "expired": Bilingual(
        "«{category}» біліктілік санатының жарамдылық мерзімі {valid_until} аяқталған, ал өтініш {submitted} "
        "берілген. Мерзімі өткен санатты растау мүмкін емес: санат беруді сұрап, өтінішті қайта беріңіз.",
        "Срок действия квалификационной категории «{category}» истёк {valid_until}, а заявление подано "
        "{submitted}. Подтвердить истёкшую категорию нельзя: запросите присвоение категории и подайте заявление "
        "повторно.",
    ),
}


def _category_finding(ctx: CheckContext, doc: DocumentReading, current: CurrentCategory) -> Finding | None:
    """The certificate's category against the declared current one; None when it agrees."""
    name = printable(doc.file)
    cat = doc.fields.get(fields.CATEGORY)
    if cat is None:
        other = doc.fields.get(fields.CATEGORY_OTHER)
        return finding(
            MISMATCH_CODE,
            "review",
            document=doc.file,
            message=MESSAGES["category_unread"].format(name=name),
            evidence={"declared": current.category, "found": other.value if other else None},
        )
    if cat.value == current.category:
        return None
    found = CATEGORY_NAMES.get(cat.value) or cat.value  # type: ignore[call-overload]
    evidence = {
        "declared": current.category,
        "found": cat.value,
        "line": cat.evidence.text,
        "confidence": cat.evidence.confidence,
    }
    if cat.evidence.confidence >= ctx.ocr_min_confidence and legible_at(doc, cat):
        declared = CATEGORY_NAMES[current.category]
        return finding(
            MISMATCH_CODE,
            "fail",
            document=doc.file,
            message=MESSAGES["category_differs"].format(name=name, declared=declared, found=found),
            evidence=evidence,
        )
    return finding(
        MISMATCH_CODE,
        "review",
        document=doc.file,
        message=MESSAGES["category_differs_unsure"].format(name=name, found=found),
        evidence=evidence,
    )


def _valid_until_finding(ctx: CheckContext, doc: DocumentReading, current: CurrentCategory) -> Finding | None:
    """The certificate's valid-until date against the declared one; None when it agrees."""
    name = printable(doc.file)
    until_fv = doc.fields.get(fields.VALID_UNTIL)
    until = field_date(until_fv)
    if until_fv is None or until is None:
        return finding(
            MISMATCH_CODE,
            "review",
            document=doc.file,
            message=MESSAGES["valid_until_unread"].format(name=name),
            evidence={"declared_valid_until": current.valid_until.isoformat(), "found": None},
        )
    if until == current.valid_until:
        return None
    evidence = {
        "declared_valid_until": current.valid_until.isoformat(),
        "found": until.isoformat(),
        "line": until_fv.evidence.text,
        "confidence": until_fv.evidence.confidence,
    }
    difference = MESSAGES["valid_until_difference"].format(
        name=name, declared=fmt_date(current.valid_until), found=fmt_date(until)
    )
    if sure_number(doc, until_fv, ctx.ocr_min_confidence):
        return finding(
            MISMATCH_CODE,
            "fail",
            document=doc.file,
            message=MESSAGES["valid_until_differs"].format(difference=difference),
            evidence=evidence,
        )
    return finding(
        MISMATCH_CODE,
        "review",
        document=doc.file,
        message=MESSAGES["valid_until_differs_unsure"].format(difference=difference),
        evidence=evidence,
    )


def _certificate_findings(ctx: CheckContext, doc: DocumentReading) -> list[Finding]:
    """What one certificate says against the declared current category; [] when it agrees."""
    current = ctx.manifest.request.current_category
    if current is None:
        return []
    found = (_category_finding(ctx, doc, current), _valid_until_finding(ctx, doc, current))
    return [f for f in found if f is not None]


def check_category_declared_mismatch(ctx: CheckContext) -> list[Finding]:
    """Compare the declared current category with every readable category certificate.

    One certificate that agrees is enough (an older certificate may be uploaded beside it).
    """
    if ctx.manifest.request.current_category is None:
        return []
    certificates = [d for d in ctx.documents if effective_kind(d) == "category_certificate" and usable_pages(d)]
    per_certificate = [_certificate_findings(ctx, d) for d in certificates]
    if not per_certificate or any(not f for f in per_certificate):
        return []
    return [f for group in per_certificate for f in group]


def check_category_expired(ctx: CheckContext) -> list[Finding]:
    """Fail a confirmation of a category whose validity ended before the submission's Astana date."""
    request = ctx.manifest.request
    current = request.current_category
    if request.action != "confirm" or current is None:
        return []
    submitted = astana_date(ctx.manifest.submitted_at)
    if current.valid_until >= submitted:
        return []
    message = MESSAGES["expired"].format(
        category=CATEGORY_NAMES[current.category],
        valid_until=fmt_date(current.valid_until),
        submitted=fmt_date(submitted),
    )
    return [
        finding(
            EXPIRED_CODE,
            "fail",
            message=message,
            evidence={"valid_until": current.valid_until.isoformat(), "submitted_on": submitted.isoformat()},
        )
    ]
