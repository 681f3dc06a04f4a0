"""Teachers and students: names in Kazakh and Russian form, valid IINs, e-mails.

Names are stored in both spellings because documents of one person come in either language,
and the pipeline must treat them as one person (contract §3, identity.name_mismatch).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

Lang = Literal["kk", "ru"]

# (Kazakh form, Russian form) of the male surname; the female form adds "а".
KAZAKH_SURNAMES: tuple[tuple[str, str], ...] = (
    ("Әбілқасымов", "Абилкасымов"),
    ("Жұмабаев", "Жумабаев"),
    ("Серікбаев", "Серикбаев"),
    ("Нұрланов", "Нурланов"),
    ("Қасымов", "Касымов"),
    ("Оспанов", "Оспанов"),
    ("Бекмұхамбетов", "Бекмухамбетов"),
    ("Сәрсенбаев", "Сарсенбаев"),
    ("Құрманғалиев", "Курмангалиев"),
    ("Мұқанов", "Муканов"),
    ("Байғожин", "Байгожин"),
    ("Тоқтаров", "Токтаров"),
    ("Дәулетов", "Даулетов"),
    ("Шәкенов", "Шакенов"),
    ("Смағұлов", "Смагулов"),
    ("Жақыпов", "Жакупов"),
    ("Бейсенов", "Бейсенов"),
    ("Үсенов", "Усенов"),
    ("Ғабдуллин", "Габдуллин"),
    ("Төлеуов", "Толеуов"),
    ("Ахметов", "Ахметов"),
    ("Есенов", "Есенов"),
)
KAZAKH_FEMALE: tuple[tuple[str, str], ...] = (
    ("Гүлнар", "Гульнар"),
    ("Айгүл", "Айгуль"),
    ("Әсел", "Асель"),
    ("Динара", "Динара"),
    ("Жанар", "Жанар"),
    ("Сәуле", "Сауле"),
    ("Гүлмира", "Гульмира"),
    ("Ақмарал", "Акмарал"),
    ("Мәдина", "Мадина"),
    ("Ботагөз", "Ботагоз"),
    ("Салтанат", "Салтанат"),
    ("Назгүл", "Назгуль"),
    ("Әйгерім", "Айгерим"),
    ("Қарлығаш", "Карлыгаш"),
    ("Ләззат", "Ляззат"),
    ("Гауһар", "Гаухар"),
    ("Нұргүл", "Нургуль"),
)
KAZAKH_MALE: tuple[tuple[str, str], ...] = (
    ("Ерлан", "Ерлан"),
    ("Асқар", "Аскар"),
    ("Нұрлан", "Нурлан"),
    ("Бауыржан", "Бауыржан"),
    ("Дәурен", "Даурен"),
    ("Ержан", "Ержан"),
    ("Мұрат", "Мурат"),
    ("Қайрат", "Кайрат"),
    ("Арман", "Арман"),
    ("Ғалым", "Галым"),
    ("Талғат", "Талгат"),
    ("Жандос", "Жандос"),
)
# Father's name: Kazakh stem (patronymic = stem + ұлы/қызы) and the Russian patronymic stem (+ович/+овна).
KAZAKH_FATHERS: tuple[tuple[str, str], ...] = (
    ("Серік", "Серик"),
    ("Нұрлан", "Нурлан"),
    ("Қайрат", "Кайрат"),
    ("Мұрат", "Мурат"),
    ("Болат", "Болат"),
    ("Ермек", "Ермек"),
    ("Сапар", "Сапар"),
    ("Асқар", "Аскар"),
    ("Талғат", "Талгат"),
    ("Бақыт", "Бакыт"),
    ("Қанат", "Канат"),
    ("Ерлан", "Ерлан"),
)
RUSSIAN_SURNAMES: tuple[str, ...] = (
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Морозов",
    "Новиков",
    "Волков",
    "Ковалев",
    "Федоров",
)
RUSSIAN_FEMALE: tuple[str, ...] = (
    "Татьяна",
    "Ольга",
    "Елена",
    "Наталья",
    "Ирина",
    "Светлана",
    "Марина",
    "Людмила",
    "Анна",
    "Юлия",
)
RUSSIAN_MALE: tuple[str, ...] = ("Андрей", "Сергей", "Алексей", "Дмитрий", "Игорь", "Владимир", "Николай")
# Russian patronymics (male, female).
RUSSIAN_PATRONYMICS: tuple[tuple[str, str], ...] = (
    ("Петрович", "Петровна"),
    ("Сергеевич", "Сергеевна"),
    ("Александрович", "Александровна"),
    ("Николаевич", "Николаевна"),
    ("Викторович", "Викторовна"),
    ("Владимирович", "Владимировна"),
    ("Иванович", "Ивановна"),
)

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_MAIL_DOMAINS = ("example.kz", "mail.example.kz", "example.com", "example.org")


@dataclass(frozen=True)
class Name:
    """One spelling of a full name: surname, given name, optional patronymic."""

    surname: str
    given: str
    patronymic: str | None

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.surname, self.given, self.patronymic) if p)

    @property
    def initials(self) -> str:
        """'Әбілқасымова Г.С.': the short form used in signatures and lists."""
        tail = f"{self.patronymic[0]}." if self.patronymic else ""
        return f"{self.surname} {self.given[0]}.{tail}"

    @property
    def initials_first(self) -> str:
        """'Г.С. Әбілқасымова': the form used under a signature line."""
        tail = f"{self.patronymic[0]}." if self.patronymic else ""
        return f"{self.given[0]}.{tail} {self.surname}"


@dataclass(frozen=True)
class Person:
    kk: Name
    ru: Name
    female: bool
    birth: date
    iin: str
    email: str

    def name(self, lang: Lang) -> Name:
        return self.kk if lang == "kk" else self.ru

    def with_surname(self, kk: str, ru: str) -> Person:
        """The same person under another surname (a maiden name on an old diploma)."""
        return replace(self, kk=replace(self.kk, surname=kk), ru=replace(self.ru, surname=ru))


def iin_check_digit(first11: str) -> int | None:
    """The IIN control digit (weights 1..11, then 3..11,1,2); None when no digit is valid."""
    digits = [int(c) for c in first11]
    rest = sum(w * d for w, d in zip(range(1, 12), digits, strict=True)) % 11
    if rest == 10:
        weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
        rest = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if rest == 10:
            return None
    return rest


def iin_is_valid(iin: str) -> bool:
    if len(iin) != 12 or not iin.isdigit():
        return False
    check = iin_check_digit(iin[:11])
    return check is not None and check == int(iin[11])


def make_iin(rng: random.Random, birth: date, female: bool) -> str:
    """A valid IIN: birth date, century/sex digit, a serial, the control digit."""
    century = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (1 if female else 0)
    while True:
        head = f"{birth:%y%m%d}{century}{rng.randrange(10000):04d}"
        check = iin_check_digit(head)
        if check is not None:
            return f"{head}{check}"


def break_iin(rng: random.Random, iin: str) -> str:
    """The same IIN with a wrong control digit: what a data-entry slip looks like."""
    wrong = [d for d in "0123456789" if not iin_is_valid(iin[:11] + d)]
    return iin[:11] + rng.choice(wrong)


def typo_iin(rng: random.Random, iin: str) -> str:
    """Another valid IIN differing in the serial digits (a certificate typed for someone else)."""
    while True:
        head = iin[:7] + f"{rng.randrange(10000):04d}"
        check = iin_check_digit(head)
        if check is not None and head != iin[:11]:
            return f"{head}{check}"


def make_bin(rng: random.Random) -> str:
    """A business identification number with the same control digit rule as the IIN."""
    while True:
        head = f"{rng.randrange(95, 100):02d}{rng.randrange(1, 13):02d}4{rng.randrange(4)}{rng.randrange(100000):05d}"
        check = iin_check_digit(head)
        if check is not None:
            return f"{head}{check}"


def translit(text: str) -> str:
    return "".join(_TRANSLIT.get(c, c) for c in text.lower())


def _email(rng: random.Random, ru: Name) -> str:
    local = f"{translit(ru.given)[0]}.{translit(ru.surname)}"
    if rng.random() < 0.4:
        local += str(rng.randrange(1, 99))
    return f"{local}@{rng.choice(_MAIL_DOMAINS)}"


def make_person(
    rng: random.Random,
    *,
    kazakh: bool,
    female: bool,
    birth_years: tuple[int, int] = (1974, 1998),
    used_iins: set[str] | None = None,
) -> Person:
    """A teacher (or anyone adult) with both spellings of the name and a valid, unused IIN."""
    if kazakh:
        sk, sr = rng.choice(KAZAKH_SURNAMES)
        gk, gr = rng.choice(KAZAKH_FEMALE if female else KAZAKH_MALE)
        fk, fr = rng.choice(KAZAKH_FATHERS)
        kk = Name(sk + ("а" if female else ""), gk, fk + ("қызы" if female else "ұлы"))
        ru = Name(sr + ("а" if female else ""), gr, fr + ("овна" if female else "ович"))
    else:
        s = rng.choice(RUSSIAN_SURNAMES) + ("а" if female else "")
        g = rng.choice(RUSSIAN_FEMALE if female else RUSSIAN_MALE)
        p = rng.choice(RUSSIAN_PATRONYMICS)[1 if female else 0]
        kk = ru = Name(s, g, p)
    lo, hi = birth_years
    birth = date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
    while True:
        iin = make_iin(rng, birth, female)
        if used_iins is None or iin not in used_iins:
            break
    if used_iins is not None:
        used_iins.add(iin)
    return Person(kk=kk, ru=ru, female=female, birth=birth, iin=iin, email=_email(rng, ru))


def other_surname(rng: random.Random, person: Person) -> tuple[str, str]:
    """A different surname of the same gender, in (Kazakh, Russian) form."""
    suffix = "а" if person.female else ""
    while True:
        sk, sr = rng.choice(KAZAKH_SURNAMES)
        if sk[:3] != person.kk.surname[:3] and sr[:3] != person.ru.surname[:3]:
            return sk + suffix, sr + suffix


def student_name(rng: random.Random) -> tuple[str, str]:
    """A pupil named on an olympiad diploma, surname and given name, in (Kazakh, Russian) form."""
    female = rng.random() < 0.5
    suffix = "а" if female else ""
    if rng.random() < 0.7:
        sk, sr = rng.choice(KAZAKH_SURNAMES)
        gk, gr = rng.choice(KAZAKH_FEMALE if female else KAZAKH_MALE)
        return f"{sk}{suffix} {gk}", f"{sr}{suffix} {gr}"
    s, g = rng.choice(RUSSIAN_SURNAMES), rng.choice(RUSSIAN_FEMALE if female else RUSSIAN_MALE)
    return f"{s}{suffix} {g}", f"{s}{suffix} {g}"
