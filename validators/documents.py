"""`documents.missing` and `document.unreadable`: is every required document there, and can it be opened."""

from models.base import KINDS, Kind
from models.context import CheckContext
from models.manifest import Manifest
from models.verdict import Finding, Status
from validators.findings import finding
from validators.messages import KIND_ITEMS, KIND_NAMES, UNREADABLE_REASONS, Bilingual, printable

MISSING = "documents.missing"
UNREADABLE = "document.unreadable"

# Items 3, 5, 6, 7, 8 of the standard, which the Ұстаз platform supplies for these two categories.
PLATFORM_CATEGORIES = frozenset({"pedagog_moderator", "pedagog_expert"})
PLATFORM_KINDS: frozenset[Kind] = frozenset(
    {
        "retraining_certificate",
        "course_certificate",
        "category_certificate",
        "category_order",
        "professional_achievements",
        "student_achievements",
    }
)

_ALWAYS: tuple[Kind, ...] = (
    "application",
    "course_certificate",
    "professional_achievements",
    "student_achievements",
    "essay",
)

# Why a conditionally required document is required, said to the teacher.
_WHY: dict[Kind, Bilingual] = {
    "diploma": Bilingual(
        "білімі туралы мәліметтер мемлекеттік ақпараттық жүйелерде жоқ",
        "сведения об образовании отсутствуют в государственных информационных системах",
    ),
    "employment_record": Bilingual(
        "еңбек қызметі туралы мәліметтер мемлекеттік ақпараттық жүйелерде жоқ",
        "сведения о трудовой деятельности отсутствуют в государственных информационных системах",
    ),
    "category_certificate": Bilingual("бұрын біліктілік санаты берілген", "ранее присвоена квалификационная категория"),
    "category_order": Bilingual("бұрын біліктілік санаты берілген", "ранее присвоена квалификационная категория"),
}

# {kind}: the kind's name; {item}: its sub-item of item 8; {why}: "missing_why" filled in, or nothing.
MESSAGES: dict[str, Bilingual] = {
    "platform_missing": Bilingual(
        "«Ұстаз» платформасынан келуі тиіс құжат жоқ: {kind} (стандарттың 8-тармағының {item}) тармақшасы). "
        "Бұл платформаның деректер беруіндегі олқылық болуы мүмкін. Маман тексереді.",
        "Отсутствует документ, который должен поступить с платформы «Ұстаз»: {kind} (подпункт {item}) пункта 8 "
        "стандарта). Это может быть пробел в передаче данных платформой. Проверит специалист.",
    ),
    "missing": Bilingual(
        "Міндетті құжат ұсынылмаған: {kind} (стандарттың 8-тармағының {item}) тармақшасы{why}). Осы құжатты "
        "қоса тіркеп, өтінішті қайта беріңіз.",
        "Не представлен обязательный документ: {kind} (подпункт {item}) пункта 8 стандарта{why}). Приложите "
        "этот документ и подайте заявление повторно.",
    ),
    "missing_why": Bilingual(", өйткені {why}", ", так как {why}"),
    # {name}: the file; {kind}: its declared kind; {reason}: why it cannot be opened.
    "unreadable": Bilingual(
        "«{name}» файлын ({kind}) оқу мүмкін емес: {reason}. Құжатты PDF, JPEG, PNG немесе TIFF түрінде, "
        "құпиясөзсіз және толық күйінде қайта жүктеп, өтінішті қайта беріңіз.",
        "Файл «{name}» ({kind}) невозможно прочитать: {reason}. Загрузите документ заново в виде PDF, JPEG, PNG "
        "или TIFF, без пароля и целиком, и подайте заявление повторно.",
    ),
}


def required_kinds(manifest: Manifest) -> dict[Kind, Status]:
    """Each required kind with the status its absence gets: `fail`, or `review` for platform-fed ones."""
    required = set(_ALWAYS)
    if not manifest.state_records.diploma:
        required.add("diploma")
    if not manifest.state_records.employment:
        required.add("employment_record")
    if manifest.request.current_category is not None:
        required.update(("category_certificate", "category_order"))
    platform = manifest.request.category in PLATFORM_CATEGORIES
    return {kind: ("review" if platform and kind in PLATFORM_KINDS else "fail") for kind in KINDS if kind in required}


def check_documents_missing(ctx: CheckContext) -> list[Finding]:
    """One finding per required kind the manifest does not list (readability is another check's)."""
    listed = {doc.kind for doc in ctx.manifest.documents}
    out: list[Finding] = []
    for kind, status in required_kinds(ctx.manifest).items():
        if kind in listed:
            continue
        name, item = KIND_NAMES[kind], KIND_ITEMS[kind]
        evidence = {"kind": kind, "item": item, "platform_fed": status == "review"}
        if status == "review":
            out.append(
                finding(
                    MISSING,
                    "review",
                    message=MESSAGES["platform_missing"].format(kind=name, item=item),
                    evidence=evidence,
                )
            )
            continue
        why = _WHY.get(kind)
        said_why = MESSAGES["missing_why"].format(why=why) if why else ""
        out.append(
            finding(
                MISSING,
                "fail",
                message=MESSAGES["missing"].format(kind=name, item=item, why=said_why),
                evidence=evidence,
            )
        )
    return out


def check_document_unreadable(ctx: CheckContext) -> list[Finding]:
    """One failure per listed file the extractor could not open: absent, empty, wrong type, locked, broken."""
    out: list[Finding] = []
    for reading in ctx.documents:
        problem = reading.extracted.unreadable
        if problem is None:
            continue
        name, reason = KIND_NAMES[reading.declared_kind], UNREADABLE_REASONS[problem.reason]
        shown = printable(reading.file)
        out.append(
            finding(
                UNREADABLE,
                "fail",
                document=reading.file,
                message=MESSAGES["unreadable"].format(name=shown, kind=name, reason=reason),
                evidence={
                    "kind": reading.declared_kind,
                    "reason": problem.reason,
                    "detail": problem.detail,
                    "size": reading.extracted.size,
                },
            )
        )
    return out
