"""Grammar and vocabulary of the documents: dative names, dates in words, categories, institutions.

Kept in one place so that every document speaks the same way and a wording fix lands everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.base import Category
from sample_set.people import Lang, Name

CATEGORY_KK: dict[Category, str] = {
    "pedagog": "педагог",
    "pedagog_moderator": "педагог-модератор",
    "pedagog_expert": "педагог-сарапшы",
    "pedagog_researcher": "педагог-зерттеуші",
    "pedagog_master": "педагог-шебер",
}
CATEGORY_RU: dict[Category, str] = {
    "pedagog": "педагог",
    "pedagog_moderator": "педагог-модератор",
    "pedagog_expert": "педагог-эксперт",
    "pedagog_researcher": "педагог-исследователь",
    "pedagog_master": "педагог-мастер",
}

KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)  # fmt: skip
KK_MONTHS_DATIVE = (
    "қаңтарға", "ақпанға", "наурызға", "сәуірге", "мамырға", "маусымға",
    "шілдеге", "тамызға", "қыркүйекке", "қазанға", "қарашаға", "желтоқсанға",
)  # fmt: skip
KK_MONTHS_LOCATIVE = (
    "қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы",
    "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы",
)  # fmt: skip
RU_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

_KK_BACK = set("аоұыя")
_KK_FRONT = set("әөүіеи")
_KK_SOFT_END = set("аәеиоөұүыіуюяэрлймнңзж")


def category_name(category: Category, lang: Lang) -> str:
    return (CATEGORY_KK if lang == "kk" else CATEGORY_RU)[category]


def date_numeric(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def date_words(d: date, lang: Lang, form: str = "nom") -> str:
    """'2025 жылғы 21 ақпан' (form: nom, dat 'ақпанға', loc 'ақпандағы') or '21 февраля 2025 г.'."""
    if lang == "ru":
        return f"{d.day} {RU_MONTHS[d.month - 1]} {d.year} г."
    month = {"nom": KK_MONTHS, "dat": KK_MONTHS_DATIVE, "loc": KK_MONTHS_LOCATIVE}[form][d.month - 1]
    return f"{d.year} жылғы {d.day} {month}"


def date_quoted(d: date, lang: Lang) -> str:
    """The form line: '«14» қыркүйек 2026 ж.' / '«14» сентября 2026 г.'."""
    if lang == "ru":
        return f"«{d.day:02d}» {RU_MONTHS[d.month - 1]} {d.year} г."
    return f"«{d.day:02d}» {KK_MONTHS[d.month - 1]} {d.year} ж."


def kk_dative_word(word: str) -> str:
    """Kazakh dative of the last word of a name: Серікқызына, Гүлнарға, Жандосқа, Әселге."""
    low = word.lower()
    if low.endswith(("ұлы", "қызы")):
        return word + "на"
    front = False
    for ch in reversed(low):
        if ch in _KK_BACK:
            break
        if ch in _KK_FRONT:
            front = True
            break
    soft = low[-1] in _KK_SOFT_END
    return word + {(True, True): "ге", (True, False): "ға", (False, True): "ке", (False, False): "қа"}[(soft, front)]


def kk_dative(name: Name) -> str:
    """The whole name in the Kazakh dative: only the last word takes the ending."""
    parts = name.full.split()
    return " ".join([*parts[:-1], kk_dative_word(parts[-1])])


def _ru_surname_dative(s: str, female: bool) -> str:
    if female:
        if s.endswith(("ова", "ева", "ина", "ына")):
            return s[:-1] + "ой"
        if s.endswith("ая"):
            return s[:-2] + "ой"
        return s
    if s.endswith(("ов", "ев", "ин", "ын")):
        return s + "у"
    return s


def _ru_given_dative(g: str, female: bool) -> str:
    if g.endswith("ия"):
        return g[:-1] + "и"
    if g.endswith(("а", "я")):
        return g[:-1] + "е"
    if female:
        return g  # Гульнар, Асель, Айгерим do not decline
    if g.endswith(("й", "ь")):
        return g[:-1] + "ю"
    return g + "у"


def _ru_patronymic_dative(p: str) -> str:
    if p.endswith("на"):
        return p[:-1] + "е"
    if p.endswith("ич"):
        return p + "у"
    return p


def ru_dative(name: Name, female: bool) -> str:
    """'Абилкасымовой Гульнар Сериковне', 'Жумабаеву Ерлану Болатовичу'."""
    parts = [_ru_surname_dative(name.surname, female), _ru_given_dative(name.given, female)]
    if name.patronymic:
        parts.append(_ru_patronymic_dative(name.patronymic))
    return " ".join(parts)


def dative(name: Name, female: bool, lang: Lang) -> str:
    return kk_dative(name) if lang == "kk" else ru_dative(name, female)


@dataclass(frozen=True)
class Subject:
    """A school subject: the position, the diploma specialty (code used from 2010) and qualification."""

    position_kk: str
    position_ru: str
    specialty_kk: str
    specialty_ru: str
    code: str
    olympiad_kk: str  # 'математикадан'
    olympiad_ru: str  # 'по математике'

    def position(self, lang: Lang) -> str:
        return self.position_kk if lang == "kk" else self.position_ru

    def specialty(self, lang: Lang) -> str:
        return self.specialty_kk if lang == "kk" else self.specialty_ru


SUBJECTS: tuple[Subject, ...] = (
    Subject("математика пәнінің мұғалімі", "учитель математики", "Математика", "Математика",
            "5В010900", "математикадан", "по математике"),
    Subject("физика пәнінің мұғалімі", "учитель физики", "Физика", "Физика",
            "5В011000", "физикадан", "по физике"),
    Subject("информатика пәнінің мұғалімі", "учитель информатики", "Информатика", "Информатика",
            "5В011100", "информатикадан", "по информатике"),
    Subject("химия пәнінің мұғалімі", "учитель химии", "Химия", "Химия",
            "5В011200", "химиядан", "по химии"),
    Subject("биология пәнінің мұғалімі", "учитель биологии", "Биология", "Биология",
            "5В011300", "биологиядан", "по биологии"),
    Subject("тарих пәнінің мұғалімі", "учитель истории", "Тарих", "История",
            "5В011400", "тарихтан", "по истории"),
    Subject("қазақ тілі мен әдебиеті пәнінің мұғалімі", "учитель казахского языка и литературы",
            "Қазақ тілі мен әдебиеті", "Казахский язык и литература",
            "5В011700", "қазақ тілінен", "по казахскому языку"),
    Subject("орыс тілі мен әдебиеті пәнінің мұғалімі", "учитель русского языка и литературы",
            "Орыс тілі мен әдебиеті", "Русский язык и литература",
            "5В011800", "орыс тілінен", "по русскому языку"),
    Subject("ағылшын тілі пәнінің мұғалімі", "учитель английского языка",
            "Шетел тілі: екі шетел тілі", "Иностранный язык: два иностранных языка",
            "5В011900", "ағылшын тілінен", "по английскому языку"),
    Subject("бастауыш сынып мұғалімі", "учитель начальных классов",
            "Бастауышта оқытудың педагогикасы мен әдістемесі", "Педагогика и методика начального обучения",
            "5В010200", "математикадан", "по математике"),
)  # fmt: skip


@dataclass(frozen=True)
class Region:
    """A city with its education authority (the service provider that answers)."""

    city_kk: str
    city_ru: str
    provider_kk: str
    provider_ru: str
    university_kk: str
    university_ru: str


REGIONS: tuple[Region, ...] = (
    Region("Павлодар қ.", "г. Павлодар", "Павлодар облысы білім басқармасы",
           "Управление образования Павлодарской области",
           "С. Торайғыров атындағы Павлодар мемлекеттік университеті",
           "Павлодарский государственный университет имени С. Торайгырова"),
    Region("Қарағанды қ.", "г. Караганда", "Қарағанды облысының білім басқармасы",
           "Управление образования Карагандинской области",
           "Е.А. Бөкетов атындағы Қарағанды университеті",
           "Карагандинский университет имени Е.А. Букетова"),
    Region("Ақтөбе қ.", "г. Актобе", "Ақтөбе облысының білім басқармасы",
           "Управление образования Актюбинской области",
           "Қ. Жұбанов атындағы Ақтөбе өңірлік университеті",
           "Актюбинский региональный университет имени К. Жубанова"),
    Region("Шымкент қ.", "г. Шымкент", "Шымкент қаласының білім басқармасы",
           "Управление образования города Шымкент",
           "М. Әуезов атындағы Оңтүстік Қазақстан университеті",
           "Южно-Казахстанский университет имени М. Ауэзова"),
    Region("Көкшетау қ.", "г. Кокшетау", "Ақмола облысының білім басқармасы",
           "Управление образования Акмолинской области",
           "Ш. Уәлиханов атындағы Көкшетау университеті",
           "Кокшетауский университет имени Ш. Уалиханова"),
    Region("Астана қ.", "г. Астана", "Астана қаласының білім басқармасы",
           "Управление образования города Астаны",
           "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
           "Евразийский национальный университет имени Л.Н. Гумилева"),
    Region("Алматы қ.", "г. Алматы", "Алматы қаласының білім басқармасы",
           "Управление образования города Алматы",
           "Абай атындағы Қазақ ұлттық педагогикалық университеті",
           "Казахский национальный педагогический университет имени Абая"),
    Region("Семей қ.", "г. Семей", "Абай облысының білім басқармасы",
           "Управление образования области Абай",
           "Семей қаласының Шәкәрім атындағы университеті",
           "Университет имени Шакарима города Семей"),
)  # fmt: skip


@dataclass(frozen=True)
class School:
    number: int
    kind: int  # 0 general school, 1 gymnasium, 2 school-lyceum
    region: Region

    def name(self, lang: Lang) -> str:
        if lang == "kk":
            kind = ("жалпы білім беретін мектеп", "гимназия", "мектеп-лицей")[self.kind]
            return f"№ {self.number} {kind}"
        kind = ("Общеобразовательная школа", "Гимназия", "Школа-лицей")[self.kind]
        return f"{kind} № {self.number}"

    def full(self, lang: Lang) -> str:
        city = self.region.city_kk if lang == "kk" else self.region.city_ru
        return f"{self.name(lang)}, {city}"


@dataclass(frozen=True)
class Programme:
    title_kk: str
    title_ru: str

    def title(self, lang: Lang) -> str:
        return self.title_kk if lang == "kk" else self.title_ru


COURSE_PROGRAMMES: tuple[Programme, ...] = (
    Programme("Жаңартылған білім беру мазмұны аясында пәнді оқыту әдістемесі",
              "Методика преподавания предмета в условиях обновленного содержания образования"),
    Programme("Оқушылардың функционалдық сауаттылығын дамыту",
              "Развитие функциональной грамотности обучающихся"),
    Programme("Цифрлық сауаттылық және білім берудегі IT құралдары",
              "Цифровая грамотность и IT-инструменты в образовании"),
    Programme("Инклюзивті білім беру: тәсілдер мен тәжірибе",
              "Инклюзивное образование: подходы и практика"),
    Programme("Критериалды бағалау жүйесі және кері байланыс",
              "Система критериального оценивания и обратная связь"),
)  # fmt: skip
RETRAINING_PROGRAMMES: tuple[Programme, ...] = (
    Programme("Педагогика және психология", "Педагогика и психология"),
    Programme("Бастауышта оқытудың педагогикасы мен әдістемесі", "Педагогика и методика начального обучения"),
    Programme("Информатика пәнін оқыту әдістемесі", "Методика преподавания информатики"),
)  # fmt: skip
COURSE_PROVIDERS: tuple[tuple[str, str], ...] = (
    ("«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ",
     "АО «Национальный центр повышения квалификации «Өрлеу»"),
    ("«Назарбаев Зияткерлік мектептері» ДБҰ Педагогикалық шеберлік орталығы",
     "Центр педагогического мастерства АОО «Назарбаев Интеллектуальные школы»"),
    ("«Педагогикалық шеберлік орталығы» ЖШС",
     "ТОО «Центр педагогического мастерства»"),
)  # fmt: skip
