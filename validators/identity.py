"""`identity.iin_mismatch` and `identity.name_mismatch` (ground 1): a document of someone else.

Both fail only on evidence read with confidence: a number that fails the IIN checksum or was read
by OCR below the threshold may be a misreading, and a name that is close but not equal may be a
spelling variant, so those are `review`.
"""

from extractors.name_matching import edit_distance, misread_name
from models.base import Kind
from models.context import CheckContext
from models.extraction import DocumentReading, FieldValue
from models.verdict import Finding
from validators.evidence import legible_at, page_of, read_whole, smallest_illegible, sure_number
from validators.findings import finding
from validators.kind_mismatch import effective_kind, usable_pages
from validators.messages import Bilingual, printable

IIN_CODE = "identity.iin_mismatch"
NAME_CODE = "identity.name_mismatch"

# Documents issued to the applicant (contract §3); the order lists many people, the student
# achievements and the essay are not about the holder.
IIN_KINDS: frozenset[Kind] = frozenset(
    {
        "application",
        "diploma",
        "retraining_certificate",
        "course_certificate",
        "employment_record",
        "category_certificate",
        "professional_achievements",
    }
)
NAME_KINDS: frozenset[Kind] = IIN_KINDS - {"application"}
# A name standing where a holder's name stands (not just somewhere on the page).
HOLDER_CERTAINTY = 0.9

# {name}: the file; {iin}: the number read; {who}: the name read.
MESSAGES: dict[str, Bilingual] = {
    "iin_other": Bilingual(
        "«{name}» құжатындағы ЖСН ({iin}) өтініш берушінің ЖСН-імен сәйкес келмейді: құжат басқа адамға "
        "берілген. Өз құжатыңызды жүктеп, өтінішті қайта беріңіз.",
        "ИИН в документе «{name}» ({iin}) не совпадает с ИИН заявителя: документ выдан другому лицу. Загрузите "
        "свой документ и подайте заявление повторно.",
    ),
    "iin_other_unsure": Bilingual(
        "«{name}» құжатындағы ЖСН ({iin}) өтініш берушінің ЖСН-імен сәйкес келмейтін сияқты, бірақ нөмір "
        "сенімсіз оқылды. Маман тексереді.",
        "ИИН в документе «{name}» ({iin}), по-видимому, не совпадает с ИИН заявителя, но номер прочитан "
        "неуверенно. Проверит специалист.",
    ),
    "iin_other_reference_invalid": Bilingual(
        "«{name}» құжатындағы ЖСН ({iin}) өтініштегі ЖСН-мен сәйкес келмейді, бірақ өтініштегі ЖСН-нің өзі "
        "бақылау разрядынан өтпейді: қайсысы дұрыс екенін маман тексереді.",
        "ИИН в документе «{name}» ({iin}) не совпадает с ИИН в заявлении, но ИИН в заявлении сам не проходит "
        "проверку контрольного разряда: какой из них верен, проверит специалист.",
    ),
    # The reviews of a name, keyed by the reason the evidence gives.
    "name_not_found": Bilingual(
        "«{name}» құжатынан иесінің аты-жөні табылмады. Маман тексереді.",
        "В документе «{name}» не найдены фамилия и имя владельца. Проверит специалист.",
    ),
    "name_maiden": Bilingual(
        "«{name}» құжатында аты мен әкесінің аты сәйкес, ал тегі басқа (мүмкін, бұрынғы тегі). Маман тексереді.",
        "В документе «{name}» совпадают имя и отчество, но другая фамилия (возможно, прежняя). Проверит специалист.",
    ),
    "name_unsure": Bilingual(
        "«{name}» құжатындағы аты-жөні өтініш берушінің аты-жөнімен толық сәйкес келмейді. Маман тексереді.",
        "ФИО в документе «{name}» не полностью совпадает с ФИО заявителя. Проверит специалист.",
    ),
    "order_without_applicant": Bilingual(
        "«{name}» бұйрығында өтініш беруші аталмаған: бұйрық басқа педагогтерге біліктілік санатын береді. "
        "Өзіңізге санат берілген бұйрықты жүктеп, өтінішті қайта беріңіз.",
        "Приказ «{name}» не содержит заявителя: приказ присваивает категорию другим педагогам. Загрузите приказ "
        "о присвоении категории вам и подайте заявление повторно.",
    ),
    "issued_to_other": Bilingual(
        "«{name}» құжаты басқа адамға берілген ({who}). Өз құжатыңызды жүктеп, өтінішті қайта беріңіз.",
        "Документ «{name}» выдан другому лицу ({who}). Загрузите свой документ и подайте заявление повторно.",
    ),
}


def _iin_valid(iin: str) -> bool:
    from validators.iin import iin_is_valid

    return iin_is_valid(iin)


def _certainty(doc: DocumentReading, fv: FieldValue) -> float:
    """How sure the pattern was, apart from the page's reading confidence."""
    page = page_of(doc, fv)
    if page is None or page.confidence <= 0:
        return 0.0
    return fv.evidence.confidence / page.confidence


def _misread_of(applicant: str, doc: DocumentReading, fv: FieldValue) -> bool:
    """An OCR reading that is no IIN at all (wrong length or checksum), that the second reading did not
    confirm, and that is within two digits of the applicant's: the applicant's IIN misread, not another
    person's (another person's IIN differs in its birth date and serial, and would read as a valid number).
    A clean scan's "8303523483434" for 830323483434 went to a person."""
    page = page_of(doc, fv)
    if page is None or page.source != "ocr" or fv.value in page.checked_numbers:
        return False
    if len(fv.value) == 12 and _iin_valid(fv.value):
        return False
    return edit_distance(fv.value, applicant) <= 2


def _page_confidence(doc: DocumentReading, fv: FieldValue) -> float:
    page = page_of(doc, fv)
    return page.confidence if page is not None else 0.0


def _document_iins(doc: DocumentReading) -> list[FieldValue]:
    return [fv for key, fv in doc.fields.items() if (key in ("iin", "form.iin") or key.startswith("iin.")) and fv.value]


def check_iin_mismatch(ctx: CheckContext) -> list[Finding]:
    """Fail when a clearly read, valid IIN on a document issued to the applicant is another one."""
    applicant = ctx.manifest.applicant.iin
    out: list[Finding] = []
    for doc in ctx.documents:
        if effective_kind(doc) not in IIN_KINDS:
            continue
        iins = _document_iins(doc)
        numbers = {fv.value for fv in iins}
        if not numbers or applicant in numbers or len(numbers) > 2:
            continue  # matches, or a list of several people: not a document of one holder
        fv = iins[0]
        if _misread_of(applicant, doc, fv):
            continue
        # A difference from an applicant's IIN that is itself invalid proves nothing (a mistyped digit in
        # the manifest, say): that is for a person (identity.iin_invalid says so too), never a refusal.
        reference_valid = _iin_valid(applicant)
        clear = (
            reference_valid
            and len(fv.value) == 12
            and _iin_valid(fv.value)
            and sure_number(doc, fv, ctx.ocr_min_confidence)
            and _certainty(doc, fv) >= HOLDER_CERTAINTY
        )
        name, shown = printable(doc.file), printable(fv.value, 20)
        evidence = {
            "found": fv.value,
            "expected": applicant,
            "page": fv.evidence.page,
            "line": fv.evidence.text,
            "confidence": fv.evidence.confidence,
            "checksum_ok": _iin_valid(fv.value),
            "expected_checksum_ok": reference_valid,
        }
        if clear:
            out.append(
                finding(
                    IIN_CODE,
                    "fail",
                    document=doc.file,
                    message=MESSAGES["iin_other"].format(name=name, iin=shown),
                    evidence=evidence,
                )
            )
        else:
            out.append(
                finding(
                    IIN_CODE,
                    "review",
                    document=doc.file,
                    message=MESSAGES["iin_other_unsure" if reference_valid else "iin_other_reference_invalid"].format(
                        name=name, iin=shown
                    ),
                    evidence=evidence,
                )
            )
    return out


def _review_name(doc: DocumentReading, reason: str, evidence: dict[str, object]) -> Finding:
    return finding(
        NAME_CODE,
        "review",
        document=doc.file,
        message=MESSAGES[f"name_{reason}"].format(name=printable(doc.file)),
        evidence={"reason": reason, **evidence},
    )


def check_name_mismatch(ctx: CheckContext) -> list[Finding]:
    """Fail when a document issued to the applicant clearly names another person, or the order
    clearly does not list the applicant; review on a maiden name, an unsure match or no name found."""
    from extractors.name_matching import compare_names

    applicant = ctx.manifest.applicant.full_name
    out: list[Finding] = []
    for doc in ctx.documents:
        kind = effective_kind(doc)
        if kind not in NAME_KINDS and kind != "category_order":
            continue
        if not usable_pages(doc):
            continue  # no text: extraction.low_confidence reports it
        if not doc.names:
            out.append(_review_name(doc, "not_found", {"expected": applicant}))
            continue
        results = [(compare_names(applicant, fv.value), fv) for fv in doc.names]
        if any(r == "same" for r, _ in results):
            continue
        if kind == "category_order":
            # The numbered list is the evidence; a loose name (a signatory, a row whose number OCR
            # lost) may show the applicant is listed, never that they are not.
            listed = [(r, fv) for r, fv in results if r != "different" or _certainty(doc, fv) >= HOLDER_CERTAINTY]
            results = listed or results
        found = [{"name": fv.value, "result": r, "confidence": fv.evidence.confidence} for r, fv in results]
        evidence: dict[str, object] = {"expected": applicant, "found": found}
        if any(r == "maiden" for r, _ in results):
            out.append(_review_name(doc, "maiden", evidence))
            continue
        clear = [
            fv
            for r, fv in results
            if r == "different"
            and fv.evidence.confidence >= ctx.ocr_min_confidence
            and _page_confidence(doc, fv) >= ctx.ocr_min_confidence
            and _certainty(doc, fv) >= HOLDER_CERTAINTY
            and not misread_name(fv.value)
            and legible_at(doc, fv)
        ]
        small = smallest_illegible(page_of(doc, fv) for _, fv in results)
        if small is not None:
            evidence["x_height"] = small  # the text too small to refuse on (validators.evidence.MIN_X_HEIGHT)
        all_different = all(r == "different" for r, _ in results)
        # An order shows the applicant is not listed only if the whole of it was read.
        whole = kind != "category_order" or all(read_whole(p) for p in doc.extracted.pages)
        if not (all_different and clear and len(clear) == len(results) and whole):
            out.append(_review_name(doc, "unsure", evidence))
            continue
        name = printable(doc.file)
        if kind == "category_order":
            message = MESSAGES["order_without_applicant"].format(name=name)
        else:
            message = MESSAGES["issued_to_other"].format(name=name, who=printable(clear[0].value, 60))
        out.append(finding(NAME_CODE, "fail", document=doc.file, message=message, evidence=evidence))
    return out
