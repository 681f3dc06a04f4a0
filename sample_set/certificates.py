"""Documents issued to the teacher (or to a pupil): diploma, certificates, letters of merit.

Each names its holder in the grammatical form real documents use (dative after 'берілді' /
'выдан'), because the pipeline must match names across cases and languages.
"""

from __future__ import annotations

import random

from models.base import Kind
from sample_set.facts import Course, Facts
from sample_set.page import Block, Doc, Field, Signature, Text
from sample_set.people import Lang, Person
from sample_set.phrasing import category_name, date_numeric, date_words, dative

_ROMAN = ("I", "II", "III")
_LEVEL_KK = ("аудандық", "қалалық", "облыстық", "республикалық")
_LEVEL_RU = ("районной", "городской", "областной", "республиканской")


def _genitive_university_kk(name: str) -> str:
    return name[: -len("университеті")] + "университетінің" if name.endswith("университеті") else name


def diploma(f: Facts, lang: Lang, rng: random.Random, holder: Person | None = None) -> Doc:
    """A higher-education diploma: series and number, holder in the dative, university, specialty."""
    p = holder or f.person
    series = "ЖБ-Б" if f.grad_year >= 2011 else "ЖБ"
    coded = f.grad_year >= 2010
    protocol = rng.randint(1, 40)
    rector = f.signatory.name(lang).initials_first
    if lang == "kk":
        blocks: list[Block] = [
            Text("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", bold=True, align="center"),
            Text("ЖОҒАРЫ БІЛІМ ТУРАЛЫ ДИПЛОМ", bold=True, align="center", scale=1.5, before=0.5),
            Text(f"{series} № {f.diploma_no}", align="center", before=0.3),
            Text(f"Осы диплом {dative(p.kk, p.female, 'kk')} берілді.", align="center", before=1),
            Text(
                f"Ол {f.grad_year} жылы {_genitive_university_kk(f.region.university_kk)} толық курсын бітірді.",
                align="center",
            ),
            Text(
                f"«{f.subject.code} – {f.subject.specialty_kk}» мамандығы бойынша білім бакалавры "
                "академиялық дәрежесі берілді."
                if coded
                else f"Мамандығы: {f.subject.specialty_kk}. Біліктілігі: {f.subject.position_kk}.",
                align="center",
            ),
            Text(
                f"Мемлекеттік аттестаттау комиссиясының {date_words(f.diploma_issued, 'kk', 'loc')} "
                f"№ {protocol} хаттамасы",
                align="center",
                scale=0.9,
                before=0.5,
            ),
            Signature("Ректор", rector, stamp=True),
            Text(f"Тіркеу нөмірі: {f.diploma_reg}", scale=0.9, before=0.8),
            Text(f"Берілген күні: {date_numeric(f.diploma_issued)}", scale=0.9),
        ]
    else:
        she = p.female
        blocks = [
            Text("РЕСПУБЛИКА КАЗАХСТАН", bold=True, align="center"),
            Text("ДИПЛОМ О ВЫСШЕМ ОБРАЗОВАНИИ", bold=True, align="center", scale=1.5, before=0.5),
            Text(f"{series} № {f.diploma_no}", align="center", before=0.3),
            Text(f"Настоящий диплом выдан {dative(p.ru, she, 'ru')}", align="center", before=1),
            Text(
                f"в том, что {'она' if she else 'он'} в {f.grad_year} году {'окончила' if she else 'окончил'} "
                f"полный курс: {f.region.university_ru}",
                align="center",
            ),
            Text(
                f"и {'ей' if she else 'ему'} присуждена академическая степень бакалавра образования "
                f"по специальности «{f.subject.code} – {f.subject.specialty_ru}»."
                if coded
                else f"по специальности «{f.subject.specialty_ru}» с присвоением квалификации "
                f"«{f.subject.position_ru}».",
                align="center",
            ),
            Text(
                f"Протокол Государственной аттестационной комиссии № {protocol} от {date_numeric(f.diploma_issued)}",
                align="center",
                scale=0.9,
                before=0.5,
            ),
            Signature("Ректор", rector, stamp=True),
            Text(f"Регистрационный номер: {f.diploma_reg}", scale=0.9, before=0.8),
            Text(f"Дата выдачи: {date_words(f.diploma_issued, 'ru')}", scale=0.9),
        ]
    return Doc("diploma", lang, tuple(blocks), page="A4L", framed=True)


def _course_doc(
    f: Facts, lang: Lang, rng: random.Random, course: Course, holder: Person | None, retraining: bool
) -> Doc:
    p = holder or f.person
    iin = f.other_iin if (f.other_iin and not retraining) else p.iin
    provider_kk, provider_ru = course.provider
    labelled = rng.random() < 0.5
    sign = f.signatory.name(lang).initials_first
    if lang == "kk":
        sub = "қайта даярлау курсынан өткені туралы" if retraining else "біліктілікті арттыру курсынан өткені туралы"
        blocks: list[Block] = [
            Text(provider_kk, bold=True, align="center", scale=0.95),
            Text("СЕРТИФИКАТ", bold=True, align="center", scale=1.8, before=0.8),
            Text(sub, align="center"),
            Text(f"№ {course.number}", align="center"),
            Text(f"Осы сертификат {dative(p.kk, p.female, 'kk')} берілді.", align="center", before=0.8),
            Text(f"ЖСН: {iin}", align="center"),
            Text(
                f"«{course.programme.title_kk}» бағдарламасы бойынша {course.hours} академиялық сағат көлемінде"
                + ("" if labelled else f" {date_numeric(course.start)} – {date_numeric(course.end)} аралығында")
                + (" қайта даярлаудан өтті." if retraining else " біліктілікті арттыру курсынан өтті."),
                align="center",
                before=0.4,
            ),
        ]
        if labelled:
            blocks += [
                Field("Оқу басталған күні:", date_numeric(course.start), before=0.4),
                Field("Оқу аяқталған күні:", date_numeric(course.end)),
            ]
        blocks += [
            Signature("Директор", sign, stamp=True),
            Text(f"Берілген күні: {date_words(course.issued, 'kk')}", scale=0.9, before=0.6),
        ]
    else:
        she = p.female
        title, sub = (
            ("СВИДЕТЕЛЬСТВО", "о профессиональной переподготовке")
            if retraining
            else ("СЕРТИФИКАТ", "о прохождении курсов повышения квалификации")
        )
        passed = "прошла" if she else "прошел"
        what = "профессиональную переподготовку" if retraining else "курсы повышения квалификации"
        blocks = [
            Text(provider_ru, bold=True, align="center", scale=0.95),
            Text(title, bold=True, align="center", scale=1.8, before=0.8),
            Text(sub, align="center"),
            Text(f"№ {course.number}", align="center"),
            Text(f"Настоящий сертификат выдан {dative(p.ru, she, 'ru')}", align="center", before=0.8),
            Text(f"ИИН: {iin}", align="center"),
            Text(
                f"в том, что {'она' if she else 'он'}"
                + ("" if labelled else f" в период с {date_numeric(course.start)} по {date_numeric(course.end)}")
                + f" {passed} {what} по программе «{course.programme.title_ru}» в объеме {course.hours} "
                "академических часов.",
                align="center",
                before=0.4,
            ),
        ]
        if labelled:
            blocks += [
                Field("Дата начала обучения:", date_numeric(course.start), before=0.4),
                Field("Дата окончания обучения:", date_numeric(course.end)),
            ]
        blocks += [
            Signature("Директор", sign, stamp=True),
            Text(f"Дата выдачи: {date_words(course.issued, 'ru')}", scale=0.9, before=0.6),
        ]
    kind: Kind = "retraining_certificate" if retraining else "course_certificate"
    return Doc(kind, lang, tuple(blocks), page=rng.choice(("A4", "A4L")), framed=True)


def course_certificate(f: Facts, lang: Lang, rng: random.Random, holder: Person | None = None) -> Doc:
    return _course_doc(f, lang, rng, f.course, holder, retraining=False)


def retraining_certificate(f: Facts, lang: Lang, rng: random.Random, holder: Person | None = None) -> Doc:
    return _course_doc(f, lang, rng, f.retraining, holder, retraining=True)


def category_certificate(f: Facts, lang: Lang, rng: random.Random, holder: Person | None = None) -> Doc:
    """The certificate of the held category: order date and number, category, valid-until date."""
    if f.held is None:
        raise ValueError("a category certificate needs a held category")
    p, held = holder or f.person, f.held
    cat = category_name(held.category, lang)
    sign = f.signatory.name(lang).initials_first
    with_iin = rng.random() < 0.5
    if lang == "kk":
        blocks: list[Block] = [
            Text(f.provider("kk"), bold=True, align="center", scale=0.9),
            Text("КУӘЛІК", bold=True, align="center", scale=1.6, before=0.5),
            Text(f"№ {held.certificate_no}", align="center"),
            Text(f"Осы куәлік {dative(p.kk, p.female, 'kk')} берілді.", align="center", before=0.6),
            *([Text(f"ЖСН: {p.iin}", align="center")] if with_iin else []),
            Text(
                f"{date_words(held.issued, 'kk', 'loc')} № {held.order_no} бұйрықпен «{cat}» біліктілік санаты берілді.",
                align="center",
            ),
            Text(f"Жарамдылық мерзімі: {date_words(held.valid_until, 'kk', 'dat')} дейін", align="center", before=0.4),
            Signature("Басшы", sign, stamp=True),
        ]
    else:
        she = p.female
        blocks = [
            Text(f.provider("ru"), bold=True, align="center", scale=0.9),
            Text("УДОСТОВЕРЕНИЕ", bold=True, align="center", scale=1.6, before=0.5),
            Text(f"№ {held.certificate_no}", align="center"),
            Text(f"Выдано {dative(p.ru, she, 'ru')}", align="center", before=0.6),
            *([Text(f"ИИН: {p.iin}", align="center")] if with_iin else []),
            Text(
                f"в том, что приказом от {date_numeric(held.issued)} № {held.order_no} {'ей' if she else 'ему'} "
                f"присвоена квалификационная категория «{cat}».",
                align="center",
            ),
            Text(f"Действительно до {date_words(held.valid_until, 'ru')}", align="center", before=0.4),
            Signature("Руководитель", sign, stamp=True),
        ]
    return Doc("category_certificate", lang, tuple(blocks), page="A5L", framed=True)


def professional_achievement(f: Facts, lang: Lang, rng: random.Random, holder: Person | None = None) -> Doc:
    """A letter of merit, a letter of thanks or a certificate of sharing experience at a seminar."""
    p = holder or f.person
    name = p.name(lang).full
    variant = rng.randint(0, 2)
    sign = f.signatory.name(lang).initials_first
    when = date_words(f.award_date, lang)
    if lang == "kk":
        title = ("ҚҰРМЕТ ГРАМОТАСЫ", "АЛҒЫС ХАТ", "СЕРТИФИКАТ")[variant]
        reason = (
            "білім алушыларды оқыту мен тәрбиелеудегі жоғары жетістіктері және педагогикалық шеберлігі үшін "
            "марапатталады.",
            "мектеп өміріне белсене араласып, оқушыларды олимпиадаларға сапалы дайындағаны үшін алғыс білдіріледі.",
            f"облыстық әдістемелік семинарда «{f.course.programme.title_kk}» тақырыбында шеберлік сыныбын "
            "өткізіп, іс-тәжірибесін таратқаны үшін берілді.",
        )[variant]
        blocks: list[Block] = [
            Text(f.provider("kk"), bold=True, align="center", scale=0.95),
            Text(title, bold=True, align="center", scale=1.8, before=1.5),
            Text(f"{f.school.full('kk')}, {f.subject.position_kk}", align="center", before=1.2),
            Text(name, bold=True, align="center", scale=1.25, before=0.3),
            Text(reason, align="center", before=0.5),
            Signature("Басшы", sign, stamp=True, before=2),
            Text(f"{f.region.city_kk}, {when}", align="center", scale=0.9, before=1),
        ]
    else:
        title = ("ПОЧЕТНАЯ ГРАМОТА", "БЛАГОДАРСТВЕННОЕ ПИСЬМО", "СЕРТИФИКАТ")[variant]
        lead = ("награждается", "выражается благодарность", "выдан")[variant]
        person = name if variant == 0 else dative(p.ru, p.female, "ru")
        reason = (
            "за высокие достижения в обучении и воспитании обучающихся и педагогическое мастерство.",
            "за активное участие в жизни школы и качественную подготовку учащихся к олимпиадам.",
            f"за проведение мастер-класса на областном методическом семинаре по теме "
            f"«{f.course.programme.title_ru}» и распространение педагогического опыта.",
        )[variant]
        blocks = [
            Text(f.provider("ru"), bold=True, align="center", scale=0.95),
            Text(title, bold=True, align="center", scale=1.8, before=1.5),
            Text(lead, align="center", before=1.2),
            Text(person, bold=True, align="center", scale=1.25, before=0.3),
            Text(f"{f.subject.position_ru}, {f.school.full('ru')},", align="center"),
            Text(reason, align="center", before=0.5),
            Signature("Руководитель", sign, stamp=True, before=2),
            Text(f"{f.region.city_ru}, {when}", align="center", scale=0.9, before=1),
        ]
    return Doc("professional_achievements", lang, tuple(blocks), framed=True)


def olympiad_diploma(f: Facts, lang: Lang, rng: random.Random) -> Doc:
    """An olympiad diploma issued to a pupil; the teacher appears only as the supervisor."""
    place = _ROMAN[f.place - 1]
    student = f.student[0] if lang == "kk" else f.student[1]
    teacher = f.person.name(lang)
    supervisor = teacher.full if rng.random() < 0.5 else teacher.initials_first
    sign = f.signatory.name(lang).initials_first
    if lang == "kk":
        blocks: list[Block] = [
            Text(f.provider("kk"), bold=True, align="center", scale=0.95),
            Text("ДИПЛОМ", bold=True, align="center", scale=2.0, before=1.5),
            Text(f"{place} дәрежелі", bold=True, align="center", scale=1.2),
            Text(student, bold=True, align="center", scale=1.3, before=1),
            Text(f"{f.school.name('kk')}, {f.student_grade} сынып оқушысы", align="center"),
            Text(
                f"{_LEVEL_KK[f.level]} пән олимпиадасында {f.subject.olympiad_kk} {place} орын алғаны үшін "
                "марапатталады.",
                align="center",
                before=0.5,
            ),
            Text(f"Жетекшісі: {supervisor}", align="center", before=0.8),
            Signature("Басшы", sign, stamp=True, before=1.5),
            Text(f"{f.region.city_kk}, {date_words(f.olympiad_date, 'kk')}", align="center", scale=0.9, before=1),
        ]
    else:
        blocks = [
            Text(f.provider("ru"), bold=True, align="center", scale=0.95),
            Text("ДИПЛОМ", bold=True, align="center", scale=2.0, before=1.5),
            Text(f"{place} степени", bold=True, align="center", scale=1.2),
            Text("награждается", align="center", before=1),
            Text(student, bold=True, align="center", scale=1.3),
            Text(f"{f.student_grade} класс, {f.school.name('ru')},", align="center"),
            Text(
                f"за {place} место в {_LEVEL_RU[f.level]} предметной олимпиаде {f.subject.olympiad_ru}.",
                align="center",
                before=0.5,
            ),
            Text(f"Руководитель: {supervisor}", align="center", before=0.8),
            Signature("Руководитель", sign, stamp=True, before=1.5),
            Text(f"{f.region.city_ru}, {date_words(f.olympiad_date, 'ru')}", align="center", scale=0.9, before=1),
        ]
    return Doc("student_achievements", lang, tuple(blocks), framed=True)
