"""Teachers as the field meets them: one person, many spellings and case forms of the name.

A Kazakh name is written in Kazakh letters by Kazakh-language issuers and in Russian letters by
Russian-language ones, and certificates put it in the dative or genitive; diplomas add a Latin
form. Each part is listed with its spellings so no transliteration guesses are needed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

# (Kazakh spelling, Russian spelling, Latin spelling) of a surname stem, masculine form.
SURNAMES: tuple[tuple[str, str, str], ...] = (
    ("Өтегенов", "Утегенов", "Otegenov"),
    ("Әбілқасымов", "Абилкасымов", "Abilkassymov"),
    ("Сәрсенбаев", "Сарсенбаев", "Sarsenbayev"),
    ("Жұмабеков", "Жумабеков", "Zhumabekov"),
    ("Қуанышев", "Куанышев", "Kuanyshev"),
    ("Төлеуов", "Толеуов", "Toleuov"),
    ("Мұқанов", "Муканов", "Mukanov"),
    ("Ғабдуллин", "Габдуллин", "Gabdullin"),
    ("Бекмұхамедов", "Бекмухамедов", "Bekmukhamedov"),
    ("Дүйсенбаев", "Дюсенбаев", "Duisenbayev"),
    ("Оспанов", "Оспанов", "Ospanov"),
    ("Тұрсынов", "Турсынов", "Tursynov"),
    ("Ермеков", "Ермеков", "Yermekov"),
    ("Құрманғалиев", "Курмангалиев", "Kurmangaliyev"),
)
RUSSIAN_SURNAMES: tuple[tuple[str, str, str], ...] = (
    ("Петров", "Петров", "Petrov"),
    ("Ковалев", "Ковалев", "Kovalev"),
    ("Соколов", "Соколов", "Sokolov"),
    ("Никитин", "Никитин", "Nikitin"),
)
MALE: tuple[tuple[str, str, str], ...] = (
    ("Ерлан", "Ерлан", "Yerlan"),
    ("Нұрлан", "Нурлан", "Nurlan"),
    ("Серік", "Серик", "Serik"),
    ("Асқар", "Аскар", "Askar"),
    ("Дәурен", "Даурен", "Dauren"),
    ("Ғалым", "Галым", "Galym"),
    ("Қайрат", "Кайрат", "Kairat"),
    ("Бақытжан", "Бахытжан", "Bakytzhan"),
)
FEMALE: tuple[tuple[str, str, str], ...] = (
    ("Гүлнар", "Гульнар", "Gulnar"),
    ("Сәуле", "Сауле", "Saule"),
    ("Ақмарал", "Акмарал", "Akmaral"),
    ("Динара", "Динара", "Dinara"),
    ("Жанар", "Жанар", "Zhanar"),
    ("Гүлмира", "Гульмира", "Gulmira"),
    ("Әлия", "Алия", "Aliya"),
)
RUSSIAN_MALE = (("Сергей", "Sergey"), ("Андрей", "Andrey"), ("Дмитрий", "Dmitriy"))
RUSSIAN_FEMALE = (("Елена", "Yelena"), ("Ольга", "Olga"), ("Наталья", "Natalya"))
FATHERS: tuple[tuple[str, str], ...] = (
    ("Мұрат", "Мурат"),
    ("Болат", "Болат"),
    ("Қанат", "Канат"),
    ("Тәлғат", "Талгат"),
    ("Жақсылық", "Жаксылык"),
    ("Әлібек", "Алибек"),
    ("Серік", "Серик"),
)
RUSSIAN_FATHERS = ("Николаев", "Викторов", "Александров")  # + ич / на

_FRONT = set("әеөүіиэ")
_VOICELESS = set("кқпстфхцчшщ")
_HUSHING = set("гкхжшчщ")


@dataclass(frozen=True)
class Name:
    """One spelling of a full name: surname, given name, patronymic (nominative)."""

    surname: str
    given: str
    patronymic: str

    @property
    def full(self) -> str:
        return f"{self.surname} {self.given} {self.patronymic}".strip()


@dataclass(frozen=True)
class Person:
    """A teacher: the name in Kazakh, Russian and Latin letters, sex, IIN, birth date, e-mail."""

    kk: Name
    ru: Name
    latin: str  # given name and surname, as on a diploma's English part
    female: bool
    russian: bool
    iin: str
    born: date
    email: str

    def name(self, lang: str) -> Name:
        return self.kk if lang == "kk" else self.ru


def _feminine_surname(s: str) -> str:
    return s + "а"


def _iin_check(digits: str) -> int | None:
    first = sum(int(d) * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    if first != 10:
        return first
    second = sum(int(d) * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
    return None if second == 10 else second


def make_iin(rng: random.Random, born: date, female: bool) -> str:
    """A checksum-valid IIN with the birth date and century/sex digit."""
    century = 3 if born.year < 2000 else 5
    while True:
        body = f"{born:%y%m%d}{century + female}{rng.randint(0, 9999):04d}"
        check = _iin_check(body)
        if check is not None:
            return body + str(check)


def make_person(rng: random.Random, *, female: bool, russian: bool = False) -> Person:
    born = date(1972, 1, 1) + timedelta(days=rng.randint(0, 365 * 25))
    if russian:
        sk, sr, sl = rng.choice(RUSSIAN_SURNAMES)
        given_r, given_l = rng.choice(RUSSIAN_FEMALE if female else RUSSIAN_MALE)
        father = rng.choice(RUSSIAN_FATHERS)
        patr = father + ("на" if female else "ич")
        given_k = given_r
        patr_k = patr
    else:
        sk, sr, sl = rng.choice(SURNAMES)
        given_k, given_r, given_l = rng.choice(FEMALE if female else MALE)
        fk, fr = rng.choice(FATHERS)
        patr_k = fk + ("қызы" if female else "ұлы")
        patr = fr + ("овна" if female else "ович")
    if female:
        sk, sr, sl = _feminine_surname(sk), _feminine_surname(sr), sl + "a"
    iin = make_iin(rng, born, female)
    mail = f"{given_l[0].lower()}.{sl.lower()}{rng.randint(1, 99)}@{rng.choice(('mail.kz', 'gmail.com', 'bilim.kz'))}"
    return Person(
        kk=Name(sk, given_k, patr_k),
        ru=Name(sr, given_r, patr),
        latin=f"{given_l.upper()} {sl.upper()}",
        female=female,
        russian=russian,
        iin=iin,
        born=born,
        email=mail,
    )


def other_surname(rng: random.Random, p: Person) -> Person:
    """The same person under another surname (a maiden name on an older document)."""
    while True:
        sk, sr, sl = rng.choice(SURNAMES)
        if p.female:
            sk, sr = _feminine_surname(sk), _feminine_surname(sr)
        if sr != p.ru.surname:
            break
    return Person(
        kk=Name(sk, p.kk.given, p.kk.patronymic),
        ru=Name(sr, p.ru.given, p.ru.patronymic),
        latin=f"{p.latin.split()[0]} {sl.upper()}{'A' if p.female else ''}",
        female=p.female, russian=p.russian, iin=p.iin, born=p.born, email=p.email,
    )  # fmt: skip


# ---- case forms -------------------------------------------------------------------------------


def kk_dative(name: Name) -> str:
    """The Kazakh dative, marked on the last word: 'Өтегенов Ерлан Мұратұлына', '… Николаевичке'."""
    last = name.patronymic or name.given
    if last.endswith(("ұлы", "қызы")):
        suffix = "на"
    else:
        vowels = [c for c in last.lower() if c in "аәеиоөуұүыіэюя"]
        front = bool(vowels) and vowels[-1] in _FRONT
        voiceless = last[-1].lower() in _VOICELESS
        suffix = ("ке" if front else "қа") if voiceless else ("ге" if front else "ға")
    head = f"{name.surname} {name.given}" if name.patronymic else name.surname
    return f"{head} {last}{suffix}"


def _ru_surname(s: str, female: bool, case: str) -> str:
    if female:
        return s[:-1] + "ой" if s.endswith(("ова", "ева", "ина")) else s
    if s.endswith(("ов", "ев", "ин")):
        return s + ("а" if case == "gen" else "у")
    return s


def _ru_given(g: str, female: bool, case: str) -> str:
    if female:
        if g.endswith("ия"):
            return g[:-1] + "и"
        if g.endswith("ья"):
            return g[:-1] + ("и" if case == "gen" else "е")
        if g.endswith("а"):
            if case == "gen":
                return g[:-1] + ("и" if g[-2] in _HUSHING else "ы")
            return g[:-1] + "е"
        return g  # Гульнар, Жанар: consonant-final women's names do not decline
    if g.endswith("й"):
        return g[:-1] + ("я" if case == "gen" else "ю")
    return g + ("а" if case == "gen" else "у")


def _ru_patronymic(p: str, female: bool, case: str) -> str:
    if female:
        return p[:-1] + ("ы" if case == "gen" else "е")
    return p + ("а" if case == "gen" else "у")


def ru_case(name: Name, female: bool, case: str) -> str:
    """A Russian dative ('dat') or genitive ('gen'): 'Утегенову Ерлану Муратовичу'."""
    return " ".join(
        (
            _ru_surname(name.surname, female, case),
            _ru_given(name.given, female, case),
            _ru_patronymic(name.patronymic, female, case),
        )
    )


def initials(name: Name) -> str:
    """'Өтегенов Е.М.' as signatures and lists write it."""
    return f"{name.surname} {name.given[0]}.{name.patronymic[0]}."
