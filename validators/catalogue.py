"""The one catalogue of checks: each check's code, legal ground, name, home and tests, once.

Everything else reads it: the registry runs the checks in catalogue order, `finding` takes a
failure's ground from here, operators' decisions and the review desk know which checks can be a
refusal (those with a ground), the sample set states its expectations with it, and the tests tie
each entry to its function and its test file. The messages a check writes live in its module, in
a table at its top (`module` below).

Grounds are those of item 9 of the service standard (the contract, §3): 1 — documents or data
found unreliable or false; 2 — the applicant or the documents do not meet the requirements;
3 — no consent to access restricted personal data. A check without a ground can only ask a person
(`review`): it never refuses.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.verdict import Ground
from validators.messages import Bilingual


@dataclass(frozen=True)
class CheckEntry:
    code: str
    ground: Ground | None  # what a `fail` of this check refuses on; None: `review` only
    name: Bilingual  # what the check is about, as an operator or a teacher reads it
    module: str  # where its function and its message table live
    tests: str  # where its tests live
    reads_documents: bool = False  # needs the documents' text (or fields read from it), not the manifest alone
    # Reports `review` only: its ground is the one an operator refuses on after looking (`review decide
    # --refuse`), never the pipeline by itself (the cross-submission and integrity checks).
    review_only: bool = False


CATALOGUE: tuple[CheckEntry, ...] = (
    CheckEntry(
        "submission.malformed",
        2,
        Bilingual("Өтініш деректері жоқ немесе бұзылған", "Данные заявления отсутствуют или повреждены"),
        "validators.manifest",
        "tests/validators/test_manifest.py",
    ),
    CheckEntry(
        "consent.missing",
        3,
        Bilingual("Дербес деректерге қол жеткізуге келісім берілмеген", "Нет согласия на доступ к персональным данным"),
        "validators.consent",
        "tests/validators/test_checks.py",
    ),
    CheckEntry(
        "documents.missing",
        2,
        Bilingual("Міндетті құжат жоқ", "Нет обязательного документа"),
        "validators.documents",
        "tests/validators/test_checks.py",
    ),
    CheckEntry(
        "document.unreadable",
        2,
        Bilingual("Құжат ашылмайды немесе оқылмайды", "Документ не открывается или не читается"),
        "validators.documents",
        "tests/validators/test_checks.py",
    ),
    CheckEntry(
        "request.inconsistent",
        2,
        Bilingual("Өтініштегі санат туралы мәліметтер қайшы", "Сведения о категории в заявлении противоречивы"),
        "validators.request",
        "tests/validators/test_checks.py",
    ),
    CheckEntry(
        "application.outside_window",
        2,
        Bilingual("Өтініш қабылдау кезеңінен тыс берілген", "Заявление подано вне периода приёма"),
        "validators.window",
        "tests/validators/test_checks.py",
    ),
    CheckEntry(
        "identity.iin_invalid",
        None,
        Bilingual(
            "Өтініш берушінің ЖСН-і бақылау разрядынан өтпейді",
            "ИИН заявителя не проходит проверку контрольного разряда",
        ),
        "validators.iin",
        "tests/validators/test_iin.py",
    ),
    CheckEntry(
        "essay.word_count",
        2,
        Bilingual("Эссе көлемі 250–300 сөз аралығында емес", "Объём эссе не в пределах 250–300 слов"),
        "validators.essay",
        "tests/validators/test_essay.py",
    ),
    CheckEntry(
        "application.repeat",
        2,
        Bilingual("Осы оқу жылында өтініш бұрын қабылданған", "Заявление в этом учебном году уже принято"),
        "validators.repeat",
        "tests/validators/test_checks.py",
    ),
    CheckEntry(
        "document.kind_mismatch",
        None,
        Bilingual("Құжат түрі мәлімделгенге сәйкес емес", "Вид документа не совпадает с заявленным"),
        "validators.kind_mismatch",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "application.incomplete",
        2,
        Bilingual("Өтініш нысанының міндетті жолы толтырылмаған", "Не заполнена обязательная графа заявления"),
        "validators.application_form",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "identity.iin_mismatch",
        1,
        Bilingual(
            "Құжаттағы ЖСН өтініш берушінің ЖСН-імен сәйкес емес", "ИИН в документе не совпадает с ИИН заявителя"
        ),
        "validators.identity",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "identity.name_mismatch",
        1,
        Bilingual("Құжат басқа адамға берілген", "Документ выдан другому лицу"),
        "validators.identity",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "dates.inconsistent",
        1,
        Bilingual("Құжаттағы күндер мүмкін емес", "Даты в документе невозможны"),
        "validators.inconsistent_dates",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "category.declared_mismatch",
        1,
        Bilingual("Көрсетілген санат куәлікпен сәйкес емес", "Указанная категория не совпадает с удостоверением"),
        "validators.category",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "category.expired",
        2,
        Bilingual("Расталатын санаттың қолданылу мерзімі өткен", "Срок действия подтверждаемой категории истёк"),
        "validators.category",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "extraction.low_confidence",
        None,
        Bilingual("Құжат сенімсіз оқылды", "Документ прочитан ненадёжно"),
        "validators.confidence",
        "tests/interpretation/test_checks.py",
        reads_documents=True,
    ),
    CheckEntry(
        "essay.duplicate",
        1,
        Bilingual("Эссе басқа өтініш берушінің эссесін қайталайды", "Эссе повторяет эссе другого заявителя"),
        "validators.duplicate_essays",
        "tests/validators/test_cross_checks.py",
        reads_documents=True,
        review_only=True,
    ),
    CheckEntry(
        "document.reused",
        1,
        Bilingual("Құжат басқа өтініш берушінің өтінішінде де бар", "Документ есть и в заявлении другого заявителя"),
        "validators.reused_documents",
        "tests/validators/test_cross_checks.py",
        reads_documents=True,
        review_only=True,
    ),
    CheckEntry(
        "document.qr_mismatch",
        1,
        Bilingual("QR-кодтағы нөмір құжаттағы нөмірге сәйкес емес", "Номер в QR-коде не совпадает с номером документа"),
        "validators.qr_mismatch",
        "tests/validators/test_cross_checks.py",
        reads_documents=True,
        review_only=True,
    ),
    CheckEntry(
        "document.signature_broken",
        1,
        Bilingual("Құжаттың электрондық қолтаңбасы бұзылған", "Электронная подпись документа нарушена"),
        "validators.signature_broken",
        "tests/validators/test_signature_broken.py",
        reads_documents=True,
        review_only=True,
    ),
)

BY_CODE: dict[str, CheckEntry] = {entry.code: entry for entry in CATALOGUE}
# The checks a refusal can rest on, with the ground each refuses on.
GROUNDS: dict[str, Ground] = {entry.code: entry.ground for entry in CATALOGUE if entry.ground is not None}
# The checks that only ever ask a person, though an operator may refuse on their ground.
REVIEW_ONLY: frozenset[str] = frozenset(entry.code for entry in CATALOGUE if entry.review_only)
