"""Names the teacher reads, in Kazakh and Russian, in one place so every notice uses the same words.

Kind names follow item 8 of the service standard (Annex 1 to the Rules), so a refusal names each
document as the standard does.
"""

from datetime import date, datetime

from models.base import Category, Kind
from models.extraction import UnreadableReason


class Bilingual(tuple[str, str]):
    """A (kk, ru) pair; a named type so signatures say what they carry."""

    __slots__ = ()

    def __new__(cls, kk: str, ru: str) -> "Bilingual":
        return super().__new__(cls, (kk, ru))

    @property
    def kk(self) -> str:
        return self[0]

    @property
    def ru(self) -> str:
        return self[1]

    def format(self, **values: object) -> "Bilingual":
        """The template filled in on both sides by `str.format`. A Bilingual value gives each side its
        own language (its kk into the kk text, its ru into the ru text); any other value is the same in both."""
        kk = {k: v.kk if isinstance(v, Bilingual) else v for k, v in values.items()}
        ru = {k: v.ru if isinstance(v, Bilingual) else v for k, v in values.items()}
        return Bilingual(self.kk.format(**kk), self.ru.format(**ru))


KIND_NAMES: dict[Kind, Bilingual] = {
    "application": Bilingual("өтініш", "заявление"),
    "diploma": Bilingual("білім туралы диплом", "диплом об образовании"),
    "retraining_certificate": Bilingual(
        "қайта даярлау курстарынан өткені туралы құжат",
        "документ о прохождении курсов переподготовки",
    ),
    "employment_record": Bilingual(
        "қызметкердің еңбек қызметін растайтын құжат",
        "документ, подтверждающий трудовую деятельность работника",
    ),
    "course_certificate": Bilingual(
        "біліктілікті арттыру курстарынан өткені туралы сертификат",
        "сертификат о прохождении курсов повышения квалификации",
    ),
    "category_certificate": Bilingual(
        "берілген біліктілік санаты туралы куәлік",
        "удостоверение о присвоенной квалификационной категории",
    ),
    "category_order": Bilingual(
        "біліктілік санатын беру туралы бұйрық",
        "приказ о присвоении квалификационной категории",
    ),
    "professional_achievements": Bilingual(
        "кәсіби жетістіктерді және тәжірибені жинақтауды (таратуды) растайтын құжаттар",
        "документы, подтверждающие профессиональные достижения и обобщение (распространение) опыта",
    ),
    "student_achievements": Bilingual(
        "білім алушылардың жетістіктерін растайтын құжаттар",
        "документы, подтверждающие достижения обучающихся",
    ),
    "essay": Bilingual("эссе", "эссе"),
}

# The sub-item of item 8 of the standard each kind answers to (category certificate and order share 6).
KIND_ITEMS: dict[Kind, int] = {
    "application": 1,
    "diploma": 2,
    "retraining_certificate": 3,
    "employment_record": 4,
    "course_certificate": 5,
    "category_certificate": 6,
    "category_order": 6,
    "professional_achievements": 7,
    "student_achievements": 8,
    "essay": 9,
}

CATEGORY_NAMES: dict[Category, Bilingual] = {
    "pedagog": Bilingual("педагог", "педагог"),
    "pedagog_moderator": Bilingual("педагог-модератор", "педагог-модератор"),
    "pedagog_expert": Bilingual("педагог-сарапшы", "педагог-эксперт"),
    "pedagog_researcher": Bilingual("педагог-зерттеуші", "педагог-исследователь"),
    "pedagog_master": Bilingual("педагог-шебер", "педагог-мастер"),
}

UNREADABLE_REASONS: dict[UnreadableReason, Bilingual] = {
    "absent": Bilingual("файл өтініш папкасында жоқ", "файл отсутствует в папке заявления"),
    "empty": Bilingual("файл бос", "файл пустой"),
    "not_accepted_type": Bilingual(
        "файл PDF, JPEG, PNG немесе TIFF құжаты емес",
        "файл не является документом PDF, JPEG, PNG или TIFF",
    ),
    "password": Bilingual("файл құпиясөзбен қорғалған", "файл защищён паролем"),
    "broken": Bilingual(
        "файл зақымдалған: бірде-бір бетін ашу мүмкін емес",
        "файл повреждён: не открывается ни одна страница",
    ),
}

RESUBMIT = Bilingual(
    "Кемшілікті жойып, өтінішті қайта беріңіз.",
    "Устраните недостаток и подайте заявление повторно.",
)
PERSON_WILL_CHECK = Bilingual("Маман тексереді.", "Проверит специалист.")


def fmt_date(value: date | datetime) -> str:
    """dd.mm.yyyy: the form both languages use in official letters."""
    return value.strftime("%d.%m.%Y")


def printable(text: str, limit: int = 80) -> str:
    """A file name or value safe to show: control and invisible characters escaped, long text cut."""
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
