"""The teacher's own papers as issuers print them: Annex 2 form, diploma, course and category certificates.

Each drawer takes the facts and the person the paper names (usually the applicant; another
person or another surname for a defect) and returns the PDF with the holder's name exactly as
printed, so the labels can say what a reader ought to find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from field_set.facts import (
    CATEGORY_NAMES,
    CITIES,
    KK_MONTHS,
    PROGRAMMES,
    PROVIDERS,
    TOPICS,
    UNIVERSITIES,
    Facts,
    dmy,
    kk_long,
    ru_long,
)
from field_set.people import Person, initials, kk_dative, ru_case
from field_set.typeset import Face, Sheet


@dataclass(frozen=True)
class Paper:
    pdf: bytes
    language: str
    holder_text: str | None
    holder_surname: str | None
    font: str | None = None  # when the drawer chose its own typeface over the one it was given
    iin: str | None = None  # the IIN printed, if any
    dates: tuple[date, ...] = ()  # the dates printed that the checks read (issue, course period, validity)


def application(rng: random.Random, f: Facts, face: Face, lang: str, *, blank_position: bool = False) -> Paper:
    """Annex 2: the application to the attestation commission, with the combined position entry."""
    s = Sheet(face, margin=64)
    p = f.person.name(lang)
    position = "" if blank_position else f.position(lang)
    entry = ", ".join(x for x in (position, f.school(lang), f.person.email) if x)
    if blank_position:
        entry = ", " + entry
    kk_cat, ru_cat = CATEGORY_NAMES[f.category]
    year = f.submitted.year
    if lang == "kk":
        s.para(
            "Педагогтерді аттестаттаудан өткізу қағидалары мен шарттарына 2-қосымша",
            8.5,
            align="right",
            x=300,
            width=s.width - 244,
        )
        s.y -= 10
        s.para(
            f"Аттестаттау комиссиясының төрағасына\n{CITIES[f.city][0]} қаласы білім бөлімі",
            11,
            align="right",
            x=280,
            width=s.width - 224,
            gap=18,
        )
        s.para("Педагогтің аттестаттау рәсіміне қатысуға өтініші", 13, bold=True, align="center", gap=14)
        s.para(f"Т.А.Ә. (бар болса): {p.full}", 11.5)
        s.para(f"ЖСН: {f.person.iin}", 11.5)
        s.para(f"Лауазымы, жұмыс орны, электрондық пошта: {entry}", 11.5, gap=10)
        s.para(
            f"{year} жылы {f.position('kk') if not blank_position else '____________'} лауазымы (мамандығы) бойынша "
            f"«{kk_cat}» біліктілік санатын {'растау' if f.action == 'confirm' else 'беру'} бойынша аттестаттау "
            "рәсіміне қатысуға рұқсат беруіңізді сұраймын.", 11.5, gap=8,
        )  # fmt: skip
        if f.held:
            held = CATEGORY_NAMES[f.held.category][0]
            s.para(
                f"Қазіргі уақытта менің {dmy(f.held.valid_until)} дейін жарамды «{held}» біліктілік санатым бар.", 11.5
            )
        s.para(f"Білім беру ұйымының атауы: {f.school('kk')}", 11.5)
        s.para("Біліктілік санатын беру (растау) тәртібімен таныстым.", 11.5, gap=26)
        day = f.submitted.date()
        date_line = f"«{day.day:02d}» {KK_MONTHS[day.month - 1]} {day.year} жыл"
    else:
        s.para(
            "Приложение 2 к Правилам и условиям проведения аттестации педагогов",
            8.5,
            align="right",
            x=300,
            width=s.width - 244,
        )
        s.y -= 10
        s.para(
            f"Председателю аттестационной комиссии\nотдела образования города {CITIES[f.city][1]}",
            11,
            align="right",
            x=280,
            width=s.width - 224,
            gap=18,
        )
        s.para("Заявление педагога на участие в процедуре аттестации", 13, bold=True, align="center", gap=14)
        s.para(f"Ф.И.О. (при наличии): {p.full}", 11.5)
        s.para(f"ИИН: {f.person.iin}", 11.5)
        s.para(f"Должность, место работы, электронная почта: {entry}", 11.5, gap=10)
        s.para(
            f"Прошу допустить меня к процедуре аттестации в {year} году по должности (специальности) "
            f"{f.position('ru') if not blank_position else '____________'} на "
            f"{'подтверждение' if f.action == 'confirm' else 'присвоение'} квалификационной категории «{ru_cat}».",
            11.5, gap=8,
        )  # fmt: skip
        if f.held:
            held = CATEGORY_NAMES[f.held.category][1]
            s.para(
                f"В настоящее время имею квалификационную категорию «{held}», действительную до {dmy(f.held.valid_until)}.",
                11.5,
            )
        s.para(f"Наименование организации образования: {f.school('ru')}", 11.5)
        s.para("С порядком присвоения (подтверждения) квалификационной категории ознакомлен(а).", 11.5, gap=26)
        date_line = ru_long(f.submitted.date())
    s.para(date_line, 11.5, gap=0)
    s.signature(rng, s.margin + 300, s.y + 14)
    s.para(initials(p), 11, align="right")
    dates = (f.submitted.date(), *((f.held.valid_until,) if f.held else ()))
    return Paper(s.finish(), lang, p.full, p.surname, iin=f.person.iin, dates=dates)


def diploma(rng: random.Random, f: Facts, face: Face, holder: Person) -> Paper:
    """An own-format university diploma (since 2021): Kazakh, Russian and English on one landscape page."""
    s = Sheet(face, wide=True, margin=40)
    d = f.diploma
    uk, ur, ue = UNIVERSITIES[d.university]
    pk, pr, pe = PROGRAMMES[d.programme]
    s.para(f"{d.series}", 12, bold=True, align="right")
    s.para("ДИПЛОМ", 24, bold=True, align="center", gap=10)
    third = (s.width - 40) / 3
    top = s.y
    blocks = (
        f"{uk}\n\nОсы диплом {kk_dative(holder.kk)} {pk} білім беру бағдарламасы бойынша "
        f"білім беру бакалавры дәрежесі берілгені туралы {d.issued.year} жылы берілді.",
        f"{ur}\n\nНастоящий диплом выдан {ru_case(holder.ru, holder.female, 'dat')} в том, что ему (ей) присуждена "
        f"степень бакалавра образования по образовательной программе {pr}.",
        f"{ue}\n\nThis diploma is awarded to {holder.latin} in that the degree of Bachelor of Education "
        f"in the educational programme {pe} has been conferred.",
    )
    low = top
    for i, text in enumerate(blocks):
        s.y = top
        s.para(text, 10.5, x=s.margin + i * (third + 20), width=third, gap=0)
        low = min(low, s.y)
    s.y = low - 24
    s.para(
        f"Тіркеу нөмірі / Регистрационный номер / Registration No. {d.reg_no}     "
        f"Берілген күні / Дата выдачи / Date of issue {dmy(d.issued)}", 10, align="center", gap=30,
    )  # fmt: skip
    s.para("Ректор / Rector", 10.5, x=s.margin + 60, gap=0)
    s.signature(rng, s.margin + 180, s.y + 12)
    s.stamp(rng, s.margin + 210, s.y + 10, f"{uk} * {ur} * ", "М.О.\nМ.П.", radius=44)
    return Paper(s.finish(), "kk", kk_dative(holder.kk), holder.kk.surname, dates=(d.issued,))


def _course_dates(f: Facts, lang: str) -> str:
    c = f.course
    if lang == "ru":
        return f"с {dmy(c.start)} по {dmy(c.end)}"
    if c.start < c.end and c.start.month == c.end.month:
        return f"{c.start.year} жылғы {c.start.day}–{c.end.day} {kk_long(c.start).split()[-1]} аралығында"
    return f"{dmy(c.start)} бастап {dmy(c.end)} дейін"


def course_certificate(rng: random.Random, f: Facts, face: Face, holder: Person) -> Paper:
    """A course certificate, Kazakh column | Russian column, a round stamp over the director's signature."""
    s = Sheet(face, margin=50)
    c = f.course
    prov_kk, prov_ru, short = PROVIDERS[c.provider]
    top_kk, top_ru = TOPICS[c.topic]
    s.para(f"{prov_kk}\n{prov_ru}", 10, bold=True, align="center", gap=14)
    s.columns("СЕРТИФИКАТ", "СЕРТИФИКАТ", 18, rule=False, gap=12)
    kk_text = (
        f"Осы сертификат {kk_dative(holder.kk)} {_course_dates(f, 'kk')} «{top_kk}» тақырыбы бойынша "
        f"{c.hours} академиялық сағат көлемінде біліктілікті арттыру курсынан өткені туралы берілді."
    )
    verb = "Дана" if rng.random() < 0.5 else "Выдано"
    ru_text = (
        f"{verb} {ru_case(holder.ru, holder.female, 'dat')} в том, что {'она' if holder.female else 'он'} "
        f"{_course_dates(f, 'ru')} прошёл(ла) курсы повышения квалификации по теме «{top_ru}» "
        f"в объёме {c.hours} академических часов."
    )
    s.columns(kk_text, ru_text, 11, gap=18)
    s.columns(f"Тіркеу нөмірі: {c.reg_no}", f"Регистрационный номер: {c.reg_no}", 10.5)
    s.columns(f"Берілген күні: {dmy(c.issued)}", f"Дата выдачи: {dmy(c.issued)}", 10.5, gap=30)
    s.para("Директор / Директор", 11, gap=0)
    sign_y = s.y + 10
    s.signature(rng, s.margin + 170, sign_y)
    s.stamp(rng, s.margin + 200, sign_y + 4, f"{short} * {prov_kk} * ", f"{short}\nМ.О.", radius=48)
    s.para(f"{CITIES[f.city][0]} / {CITIES[f.city][1]}, {c.issued.year}", 9.5, align="center")
    dates = (c.start, c.end, c.issued)
    return Paper(s.finish(), "kk", ru_case(holder.ru, holder.female, "dat"), holder.kk.surname, dates=dates)


def category_certificate(rng: random.Random, f: Facts, face: Face, holder: Person, *, lang: str) -> Paper:
    """The category certificate (куәлік / удостоверение), both languages, one issuing order."""
    assert f.held is not None
    h = f.held
    kk_cat, ru_cat = CATEGORY_NAMES[h.category]
    s = Sheet(face, margin=60)
    s.para(
        f"{CITIES[f.city][0]} қаласының білім бөлімі\nОтдел образования города {CITIES[f.city][1]}",
        10.5,
        align="center",
        gap=16,
    )
    s.para("КУӘЛІК / УДОСТОВЕРЕНИЕ", 17, bold=True, align="center", gap=14)
    kk_line = f"{holder.kk.full}\nаттестаттау комиссиясының шешімімен «{kk_cat}» біліктілік санаты берілді (расталды)."
    ru_line = f"{holder.ru.full}\nрешением аттестационной комиссии присвоена (подтверждена) квалификационная категория «{ru_cat}»."
    first, second = (kk_line, ru_line) if lang == "kk" else (ru_line, kk_line)
    s.para(first, 11.5, gap=10)
    s.para(second, 11.5, gap=14)
    s.para(f"Бұйрық / Приказ № {h.order_no} от {dmy(h.issued)}", 11)
    s.para(f"Берілген күні / Дата выдачи: {dmy(h.issued)}", 11)
    s.para(f"Жарамдылық мерзімі / Действительно до: {dmy(h.valid_until)}", 11, gap=28)
    s.para("Бөлім басшысы / Руководитель отдела", 11, gap=0)
    s.signature(rng, s.margin + 260, s.y + 12)
    s.stamp(rng, s.margin + 300, s.y + 8, f"{CITIES[f.city][0]} қаласының білім бөлімі * ", "М.О.", radius=42)
    name = holder.kk if lang == "kk" else holder.ru
    return Paper(s.finish(), lang, name.full, name.surname, dates=(h.issued, h.valid_until))


def category_order(rng: random.Random, f: Facts, face: Face, others: list[Person], *, lang: str,
                   listed: Person | None) -> Paper:  # fmt: skip
    """The order that assigned the category: a table of many teachers, the applicant in one row."""
    assert f.held is not None
    h = f.held
    people = list(others)
    if listed is not None:
        people.insert(rng.randint(0, len(people)), listed)
    rows = []
    col = 0 if lang == "kk" else 1
    for i, p in enumerate(people, 1):
        rows.append([str(i), p.name(lang).full, f.position(lang) if p is listed else rng.choice(
            ("учитель физики", "учитель истории", "учитель химии") if lang == "ru" else
            ("физика пәнінің мұғалімі", "тарих пәнінің мұғалімі", "химия пәнінің мұғалімі")),
            CATEGORY_NAMES[h.category][col]])  # fmt: skip
    s = Sheet(face, margin=50)
    city = CITIES[f.city][col]
    if lang == "kk":
        s.para(f"{city} қаласының білім бөлімі\nБҰЙРЫҚ", 12, bold=True, align="center", gap=6)
        s.para(f"{dmy(h.issued)}                                                       № {h.order_no}", 10.5, gap=10)
        s.para(
            "Аттестаттау комиссиясының шешімі негізінде БҰЙЫРАМЫН: төменде аталған педагогтерге біліктілік санаттары берілсін (расталсын).",
            10.5,
            gap=10,
        )
        header = ["№", "Т.А.Ә.", "Лауазымы", "Санаты"]
    else:
        s.para(f"Отдел образования города {city}\nПРИКАЗ", 12, bold=True, align="center", gap=6)
        s.para(f"{dmy(h.issued)}                                                       № {h.order_no}", 10.5, gap=10)
        s.para(
            "На основании решения аттестационной комиссии ПРИКАЗЫВАЮ: присвоить (подтвердить) квалификационные категории следующим педагогам.",
            10.5,
            gap=10,
        )
        header = ["№", "ФИО", "Должность", "Категория"]
    s.table(header, rows, (0.5, 3.2, 3.2, 2.0))
    s.para("Бөлім басшысы / Руководитель отдела", 10.5, gap=0)
    s.signature(rng, s.margin + 250, s.y + 10)
    name = listed.name(lang) if listed else None
    return Paper(s.finish(), lang, name.full if name else None, name.surname if name else None, dates=(h.issued,))
