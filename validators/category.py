"""`category.declared_mismatch` (ground 1) and `category.expired` (ground 2).

The declared current category is compared with what the category certificate clearly says; a
category or date that could not be read, or was read with low confidence, is `review`. Expiry
needs no reading: the manifest's valid-until date against the Astana date of submission.
"""

from extractors import fields
from models.context import CheckContext
from models.extraction import DocumentReading
from models.verdict import Finding
from validators.document_dates import astana_date, field_date
from validators.document_kind import effective_kind, usable_pages
from validators.findings import finding
from validators.messages import CATEGORY_NAMES, fmt_date, printable

MISMATCH_CODE = "category.declared_mismatch"
EXPIRED_CODE = "category.expired"


def _certificate_findings(ctx: CheckContext, doc: DocumentReading) -> list[Finding]:
    """What one certificate says against the declared current category; [] when it agrees."""
    current = ctx.manifest.request.current_category
    if current is None:
        return []
    threshold = ctx.ocr_min_confidence
    name = printable(doc.file)
    declared_cat = CATEGORY_NAMES[current.category]
    out: list[Finding] = []
    cat = doc.fields.get(fields.CATEGORY)
    if cat is None:
        other = doc.fields.get(fields.CATEGORY_OTHER)
        out.append(
            finding(
                MISMATCH_CODE,
                "review",
                document=doc.file,
                kk=f"«{name}» куәлігінен біліктілік санаты анықталмады. Маман тексереді.",
                ru=f"В удостоверении «{name}» не определена квалификационная категория. Проверит специалист.",
                evidence={"declared": current.category, "found": other.value if other else None},
            )
        )
    elif cat.value != current.category:
        found = CATEGORY_NAMES.get(cat.value)  # type: ignore[call-overload]
        shown_kk = found.kk if found else cat.value
        shown_ru = found.ru if found else cat.value
        evidence = {
            "declared": current.category,
            "found": cat.value,
            "line": cat.evidence.text,
            "confidence": cat.evidence.confidence,
        }
        if cat.evidence.confidence >= threshold:
            out.append(
                finding(
                    MISMATCH_CODE,
                    "fail",
                    ground=1,
                    document=doc.file,
                    kk=(
                        f"Өтініште көрсетілген қазіргі санат «{declared_cat.kk}», ал «{name}» куәлігінде "
                        f"«{shown_kk}». Деректерді түзетіп, өтінішті қайта беріңіз."
                    ),
                    ru=(
                        f"В заявлении указана текущая категория «{declared_cat.ru}», а в удостоверении «{name}» — "
                        f"«{shown_ru}». Исправьте сведения и подайте заявление повторно."
                    ),
                    evidence=evidence,
                )
            )
        else:
            out.append(
                finding(
                    MISMATCH_CODE,
                    "review",
                    document=doc.file,
                    kk=(
                        f"«{name}» куәлігіндегі санат («{shown_kk}») көрсетілген санатпен сәйкес келмейтін "
                        "сияқты, бірақ сенімсіз оқылды. Маман тексереді."
                    ),
                    ru=(
                        f"Категория в удостоверении «{name}» («{shown_ru}»), по-видимому, не совпадает с "
                        "указанной, но прочитана неуверенно. Проверит специалист."
                    ),
                    evidence=evidence,
                )
            )
    until_fv = doc.fields.get(fields.VALID_UNTIL)
    until = field_date(until_fv)
    if until_fv is None or until is None:
        out.append(
            finding(
                MISMATCH_CODE,
                "review",
                document=doc.file,
                kk=f"«{name}» куәлігінен санаттың жарамдылық мерзімі анықталмады. Маман тексереді.",
                ru=f"В удостоверении «{name}» не определён срок действия категории. Проверит специалист.",
                evidence={"declared_valid_until": current.valid_until.isoformat(), "found": None},
            )
        )
    elif until != current.valid_until:
        clear = until_fv.evidence.confidence >= threshold
        evidence = {
            "declared_valid_until": current.valid_until.isoformat(),
            "found": until.isoformat(),
            "line": until_fv.evidence.text,
            "confidence": until_fv.evidence.confidence,
        }
        kk = (
            f"өтініште санат {fmt_date(current.valid_until)} дейін жарамды деп көрсетілген, ал «{name}» "
            f"куәлігінде — {fmt_date(until)} дейін"
        )
        ru = (
            f"в заявлении категория указана действующей до {fmt_date(current.valid_until)}, а в "
            f"удостоверении «{name}» — до {fmt_date(until)}"
        )
        if clear:
            out.append(
                finding(
                    MISMATCH_CODE,
                    "fail",
                    ground=1,
                    document=doc.file,
                    kk=f"Сәйкессіздік: {kk}. Деректерді түзетіп, өтінішті қайта беріңіз.",
                    ru=f"Несоответствие: {ru}. Исправьте сведения и подайте заявление повторно.",
                    evidence=evidence,
                )
            )
        else:
            out.append(
                finding(
                    MISMATCH_CODE,
                    "review",
                    document=doc.file,
                    kk=f"Мүмкін сәйкессіздік: {kk} (күн сенімсіз оқылды). Маман тексереді.",
                    ru=f"Возможное несоответствие: {ru} (дата прочитана неуверенно). Проверит специалист.",
                    evidence=evidence,
                )
            )
    return out


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
    cat = CATEGORY_NAMES[current.category]
    return [
        finding(
            EXPIRED_CODE,
            "fail",
            ground=2,
            kk=(
                f"«{cat.kk}» біліктілік санатының жарамдылық мерзімі {fmt_date(current.valid_until)} аяқталған, "
                f"ал өтініш {fmt_date(submitted)} берілген. Мерзімі өткен санатты растау мүмкін емес: санат беруді "
                "сұрап, өтінішті қайта беріңіз."
            ),
            ru=(
                f"Срок действия квалификационной категории «{cat.ru}» истёк {fmt_date(current.valid_until)}, а "
                f"заявление подано {fmt_date(submitted)}. Подтвердить истёкшую категорию нельзя: запросите "
                "присвоение категории и подайте заявление повторно."
            ),
            evidence={"valid_until": current.valid_until.isoformat(), "submitted_on": submitted.isoformat()},
        )
    ]
