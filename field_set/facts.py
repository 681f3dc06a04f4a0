"""What one field case is about: the teacher, the school, the course, the diploma, the category.

Kept apart from the drawing so that a defect is a change of facts (another holder, a course
whose dates run backwards) and every document drawn from them stays consistent otherwise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from field_set.people import Person

CITIES = (
    ("Ақтөбе", "Актобе"), ("Қарағанды", "Караганда"), ("Шымкент", "Шымкент"), ("Өскемен", "Усть-Каменогорск"),
    ("Қостанай", "Костанай"), ("Орал", "Уральск"), ("Көкшетау", "Кокшетау"), ("Тараз", "Тараз"),
)  # fmt: skip
SUBJECTS = (
    ("математика пәнінің мұғалімі", "учитель математики"),
    ("қазақ тілі мен әдебиеті пәнінің мұғалімі", "учитель казахского языка и литературы"),
    ("физика пәнінің мұғалімі", "учитель физики"),
    ("бастауыш сынып мұғалімі", "учитель начальных классов"),
    ("информатика пәнінің мұғалімі", "учитель информатики"),
    ("тарих пәнінің мұғалімі", "учитель истории"),
    ("химия пәнінің мұғалімі", "учитель химии"),
)
CATEGORY_NAMES = {
    "pedagog": ("педагог", "педагог"),
    "pedagog_moderator": ("педагог-модератор", "педагог-модератор"),
    "pedagog_expert": ("педагог-сарапшы", "педагог-эксперт"),
    "pedagog_researcher": ("педагог-зерттеуші", "педагог-исследователь"),
    "pedagog_master": ("педагог-шебер", "педагог-мастер"),
}
PROVIDERS = (
    (
        "«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ филиалы",
        "Филиал АО «Национальный центр повышения квалификации «Өрлеу»»",
        "Өрлеу",
    ),
    (
        "«Назарбаев Зияткерлік мектептері» ДББҰ Педагогикалық шеберлік орталығы",
        "Центр педагогического мастерства АОО «Назарбаев Интеллектуальные школы»",
        "НИШ",
    ),
    ("«Bilim Innovation Academy» ЖШС", "ТОО «Bilim Innovation Academy»", "BIA"),
    ("«Ұстаз академиясы» ЖШС оқу орталығы", "Учебный центр ТОО «Академия Устаз»", "Ustaz"),
)
TOPICS = (
    ("Оқушылардың функционалдық сауаттылығын дамыту", "Развитие функциональной грамотности обучающихся"),
    (
        "Пәнді оқытуда цифрлық білім беру ресурстарын пайдалану",
        "Использование цифровых образовательных ресурсов в обучении предмету",
    ),
    ("Критериалды бағалау жүйесі: теория және практика", "Система критериального оценивания: теория и практика"),
    ("Инклюзивті білім беру жағдайында оқыту әдістемесі", "Методика обучения в условиях инклюзивного образования"),
)
UNIVERSITIES = (
    (
        "Қ. Жұбанов атындағы Ақтөбе өңірлік университеті",
        "Актюбинский региональный университет имени К. Жубанова",
        "K. Zhubanov Aktobe Regional University",
    ),
    (
        "Е.А. Бөкетов атындағы Қарағанды университеті",
        "Карагандинский университет имени Е.А. Букетова",
        "Karaganda Buketov University",
    ),
    (
        "Абай атындағы Қазақ ұлттық педагогикалық университеті",
        "Казахский национальный педагогический университет имени Абая",
        "Abai Kazakh National Pedagogical University",
    ),
    (
        "М. Өтемісов атындағы Батыс Қазақстан университеті",
        "Западно-Казахстанский университет имени М. Утемисова",
        "M. Utemisov West Kazakhstan University",
    ),
)
PROGRAMMES = (
    ("6B01501 Математика", "6B01501 Математика", "6B01501 Mathematics"),
    (
        "6B01701 Қазақ тілі мен әдебиеті",
        "6B01701 Казахский язык и литература",
        "6B01701 Kazakh Language and Literature",
    ),
    ("6B01502 Физика", "6B01502 Физика", "6B01502 Physics"),
    (
        "6B01301 Бастауыш оқытудың педагогикасы мен әдістемесі",
        "6B01301 Педагогика и методика начального обучения",
        "6B01301 Pedagogy and Methods of Primary Education",
    ),
)
KK_MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


@dataclass(frozen=True)
class Held:
    category: str
    issued: date
    valid_until: date
    order_no: str


@dataclass(frozen=True)
class Course:
    provider: int
    topic: int
    hours: int
    start: date
    end: date
    issued: date
    reg_no: str


@dataclass(frozen=True)
class Diploma:
    university: int
    programme: int
    series: str
    reg_no: str
    issued: date


@dataclass(frozen=True)
class Facts:
    person: Person
    lang: str  # the language the teacher's own papers are in
    city: int
    school_no: int
    subject: int
    action: str
    category: str
    held: Held | None
    course: Course
    diploma: Diploma
    hired: date
    submitted: datetime

    def school(self, lang: str) -> str:
        kk, ru = CITIES[self.city]
        if lang == "kk":
            return f"{kk} қаласының № {self.school_no} жалпы білім беретін мектебі"
        return f"Общеобразовательная школа № {self.school_no} города {ru}"

    def position(self, lang: str) -> str:
        return SUBJECTS[self.subject][0 if lang == "kk" else 1]


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def make_facts(rng: random.Random, person: Person, lang: str, submitted: datetime, held_category: str | None,
               action: str) -> Facts:  # fmt: skip
    """Consistent facts: every date before the submission, a held category still valid."""
    day = submitted.date()
    held = None
    if held_category is not None:
        until = _between(rng, day + timedelta(days=60), day + timedelta(days=4 * 365))
        # five years before; a validity ending on 29 February was granted on the 28th
        issued = until.replace(year=until.year - 5, day=min(until.day, 28) if until.month == 2 else until.day)
        held = Held(held_category, issued, until, f"{rng.randint(100, 999)}-ж")
    ladder = list(CATEGORY_NAMES)
    if action == "confirm" and held is not None:
        category = held.category
    else:
        step = ladder.index(held.category) + 1 if held else 1
        category = ladder[min(step, len(ladder) - 1)]
    start = _between(rng, day - timedelta(days=700), day - timedelta(days=40))
    length = rng.choice((4, 9, 11, 13))
    course = Course(
        provider=rng.randrange(len(PROVIDERS)), topic=rng.randrange(len(TOPICS)), hours=rng.choice((36, 72, 80)),
        start=start, end=start + timedelta(days=length), issued=start + timedelta(days=length + rng.randint(0, 5)),
        reg_no=f"{rng.randint(1000, 99999)}",
    )  # fmt: skip
    diploma = Diploma(
        university=rng.randrange(len(UNIVERSITIES)), programme=rng.randrange(len(PROGRAMMES)),
        series=rng.choice(("BD", "JB", "ZhB")) + f" {rng.randint(10**7, 10**8 - 1)}",
        reg_no=f"{rng.randint(100, 9999)}", issued=date(rng.randint(2021, 2024), rng.choice((6, 7)), rng.randint(1, 28)),
    )  # fmt: skip
    return Facts(
        person=person, lang=lang, city=rng.randrange(len(CITIES)), school_no=rng.randint(2, 78),
        subject=rng.randrange(len(SUBJECTS)), action=action, category=category, held=held, course=course,
        diploma=diploma, hired=_between(rng, diploma.issued + timedelta(days=40), day - timedelta(days=200)),
        submitted=submitted,
    )  # fmt: skip


def dmy(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def kk_long(d: date) -> str:
    return f"{d.year} жылғы {d.day} {KK_MONTHS[d.month - 1]}"


def ru_long(d: date) -> str:
    return f"«{d.day:02d}» {RU_MONTHS[d.month - 1]} {d.year} года"
