"""Documents written by the teacher or an employer: the Annex 2 application, the employment
record extract, the category order, the essay."""

from __future__ import annotations

import random

from sample_set.essays import Essay
from sample_set.facts import Facts
from sample_set.page import Block, Doc, Field, Signature, Table, Text
from sample_set.people import Lang, Person
from sample_set.phrasing import category_name, date_numeric, date_quoted, date_words

_BLANK = "____________________"


def application(f: Facts, lang: Lang, rng: random.Random, *, variant: int | None = None) -> Doc:
    """The Annex 2 form, filled in; `blank_position` leaves the position entry empty."""
    v = rng.randint(0, 1) if variant is None else variant
    if f.blank_position:
        v = 0
    name = f.person.name(lang)
    pos = "" if f.blank_position else f.subject.position(lang)
    school = f.school.full(lang)
    cat = category_name(f.category, lang)
    year = f.submitted.year
    blocks: list[Block] = []
    if lang == "kk":
        blocks += [
            Text("Аттестаттау комиссиясының төрағасына", align="right"),
            Text(f.provider("kk"), align="right", scale=0.9),
            Text("Педагогтің аттестаттау рәсіміне қатысуға өтініші", bold=True, align="center", before=1.5),
            Field("Т.А.Ә. (бар болса):", name.full, before=0.8),
            Field("ЖСН:", f.person.iin),
        ]
        if v == 0:
            blocks += [
                Field("Лауазымы:", pos),
                Field("Жұмыс орны:", school),
                Field("Электрондық пошта:", f.person.email),
            ]
        else:
            joined = ", ".join(x for x in (pos, school, f.person.email) if x)
            blocks.append(Field("Лауазымы, жұмыс орны, электрондық пошта:", joined))
        verb = "беру" if f.action == "assign" else "растау"
        blocks.append(
            Text(
                f"{year} жылы лауазымы (мамандығы) {pos or _BLANK} бойынша «{cat}» біліктілік санатын "
                f"{verb} бойынша аттестаттау рәсіміне қатысуға рұқсат беруіңізді сұраймын.",
                indent=True,
                before=0.6,
            )
        )
        if f.held is not None:
            held = category_name(f.held.category, "kk")
            until = date_words(f.held.valid_until, "kk", "dat")
            blocks.append(
                Text(f"Қазіргі уақытта менің {until} дейін жарамды «{held}» біліктілік санатым бар.", indent=True)
            )
        else:
            blocks.append(Text("Қазіргі уақытта біліктілік санатым жоқ.", indent=True))
        blocks += [
            Field("Білім беру ұйымының атауы:", f.school.full("kk")),
            Text("Біліктілік санатын беру (растау) тәртібімен таныстым.", indent=True, before=0.6),
            Signature(date_quoted(f.submitted, "kk"), f"{name.initials_first} (қолы)", before=1.2),
        ]
    else:
        blocks += [
            Text("Председателю аттестационной комиссии", align="right"),
            Text(f.provider("ru"), align="right", scale=0.9),
            Text("Заявление педагога на участие в процедуре аттестации", bold=True, align="center", before=1.5),
            Field("Ф.И.О. (при его наличии):", name.full, before=0.8),
            Field("ИИН:", f.person.iin),
        ]
        if v == 0:
            blocks += [
                Field("Должность:", pos),
                Field("Место работы:", school),
                Field("Электронная почта:", f.person.email),
            ]
        else:
            joined = ", ".join(x for x in (pos, school, f.person.email) if x)
            blocks.append(Field("Должность, место работы, электронная почта:", joined))
        verb = "присвоение" if f.action == "assign" else "подтверждение"
        blocks.append(
            Text(
                f"Прошу допустить меня к процедуре аттестации в {year} году по должности (специальности) "
                f"{pos or _BLANK} на {verb} квалификационной категории «{cat}».",
                indent=True,
                before=0.6,
            )
        )
        if f.held is not None:
            held = category_name(f.held.category, "ru")
            until = date_words(f.held.valid_until, "ru")
            blocks.append(
                Text(
                    f"В настоящее время имею квалификационную категорию «{held}», действительную до {until}",
                    indent=True,
                )
            )
        else:
            blocks.append(Text("В настоящее время квалификационной категории не имею.", indent=True))
        blocks += [
            Field("Наименование организации образования:", f.school.full("ru")),
            Text(
                "С порядком присвоения (подтверждения) квалификационной категории ознакомлен(а).",
                indent=True,
                before=0.6,
            ),
            Signature(date_quoted(f.submitted, "ru"), f"{name.initials_first} (подпись)", before=1.2),
        ]
    return Doc("application", lang, tuple(blocks))


def employment_record(f: Facts, lang: Lang, rng: random.Random, holder: Person | None = None) -> Doc:
    """An extract from the labour book: the holder, then hiring and dismissal records with their orders."""
    p = holder or f.person
    name = p.name(lang)
    pos = f.subject.position(lang)
    moved = f.first_school != f.school and f.hired.year + 3 < f.submitted.year
    if moved:
        left = f.hired.replace(year=f.hired.year + rng.randint(2, max(2, f.submitted.year - f.hired.year - 1)))
    else:
        left = f.hired
    n1, n2, n3 = (rng.randint(10, 250) for _ in range(3))
    if lang == "kk":
        rows: list[tuple[str, ...]] = [
            ("№", "Күні", "Жұмысқа қабылдау, басқа жұмысқа ауыстыру және жұмыстан босату туралы мәліметтер",
             "Негіздеме"),
        ]  # fmt: skip
        first = f.first_school if moved else f.school
        rows.append(("1", date_numeric(f.hired), f"«{first.name('kk')}» КММ-ге {pos} лауазымына қабылданды",
                     f"Бұйрық № {n1}-ж, {date_numeric(f.hired)}"))  # fmt: skip
        if moved:
            rows.append(("2", date_numeric(left), "Өз еркімен жұмыстан босатылды (ҚР Еңбек кодексінің 56-бабы)",
                         f"Бұйрық № {n2}-ж, {date_numeric(left)}"))  # fmt: skip
            rows.append(("3", date_numeric(left), f"«{f.school.name('kk')}» КММ-ге {pos} лауазымына қабылданды",
                         f"Бұйрық № {n3}-ж, {date_numeric(left)}"))  # fmt: skip
        blocks: list[Block] = [
            Text(f"«{f.school.name('kk')}» КММ", align="center", scale=0.9),
            Text("ЕҢБЕК КІТАПШАСЫНАН ҮЗІНДІ", bold=True, align="center", scale=1.15, before=1),
            Field("Тегі, аты, әкесінің аты:", name.full, before=0.8),
            Field("ЖСН:", p.iin),
            Field("Туған күні:", date_numeric(p.birth)),
            Field("Білімі:", f"жоғары, {f.region.university_kk}, {f.grad_year} ж."),
            Table(tuple(rows), (0.06, 0.15, 0.55, 0.24)),
            Text("Қазіргі уақытта осы ұйымда жұмыс істейді.", before=0.6),
            Text(f"Берілген күні: {date_numeric(f.extract_date)}"),
            Signature("Директор", f.signatory.name("kk").initials_first, stamp=True),
        ]
    else:
        she = p.female
        rows = [("№", "Дата", "Сведения о приеме на работу, переводе на другую работу и увольнении", "Основание")]
        first = f.first_school if moved else f.school
        hired_word = "Принята" if she else "Принят"
        rows.append(("1", date_numeric(f.hired), f"{hired_word} на должность {pos} в КГУ «{first.name('ru')}»",
                     f"Приказ № {n1}-л от {date_numeric(f.hired)}"))  # fmt: skip
        if moved:
            rows.append(("2", date_numeric(left),
                         f"{'Уволена' if she else 'Уволен'} по собственному желанию (ст. 56 Трудового кодекса РК)",
                         f"Приказ № {n2}-л от {date_numeric(left)}"))  # fmt: skip
            rows.append(("3", date_numeric(left), f"{hired_word} на должность {pos} в КГУ «{f.school.name('ru')}»",
                         f"Приказ № {n3}-л от {date_numeric(left)}"))  # fmt: skip
        blocks = [
            Text(f"КГУ «{f.school.name('ru')}»", align="center", scale=0.9),
            Text("ВЫПИСКА ИЗ ТРУДОВОЙ КНИЖКИ", bold=True, align="center", scale=1.15, before=1),
            Field("Фамилия, имя, отчество:", name.full, before=0.8),
            Field("ИИН:", p.iin),
            Field("Дата рождения:", date_numeric(p.birth)),
            Field("Образование:", f"высшее, {f.region.university_ru}, {f.grad_year} г."),
            Table(tuple(rows), (0.06, 0.15, 0.55, 0.24)),
            Text("Работает по настоящее время.", before=0.6),
            Text(f"Дата выдачи: {date_numeric(f.extract_date)}"),
            Signature("Директор", f.signatory.name("ru").initials_first, stamp=True),
        ]
    return Doc("employment_record", lang, tuple(blocks))


def category_order(f: Facts, lang: Lang, rng: random.Random, *, list_applicant: bool = True) -> Doc:
    """The order that gave the current category: several teachers, the applicant among them."""
    if f.held is None:
        raise ValueError("a category order needs a held category")
    held = f.held
    people = [(c.person, c.subject, c.school, c.category) for c in f.order_colleagues]
    if list_applicant:
        people.insert(rng.randint(0, len(people)), (f.person, f.subject, f.school, held.category))
    rows: list[tuple[str, ...]] = []
    for i, (p, subj, school, cat) in enumerate(people, 1):
        rows.append(
            (str(i), p.name(lang).full, f"{subj.position(lang)}, {school.full(lang)}", category_name(cat, lang))
        )
    sign = f.signatory.name(lang).initials_first
    if lang == "kk":
        blocks: list[Block] = [
            Text(f.provider("kk"), bold=True, align="center"),
            Text("БҰЙРЫҚ", bold=True, align="center", scale=1.3, before=0.8),
            Text(f"{date_words(held.issued, 'kk')}   № {held.order_no}", align="center"),
            Text(f.region.city_kk, align="center", scale=0.9),
            Text("Педагогтерді аттестаттау қорытындылары туралы", bold=True, before=1),
            Text(
                "Қазақстан Республикасы Білім және ғылым министрінің 2016 жылғы 27 қаңтардағы № 83 бұйрығымен "
                "бекітілген Педагогтерді аттестаттаудан өткізу қағидалары мен шарттарына сәйкес, аттестаттау "
                "комиссиясының шешімі негізінде БҰЙЫРАМЫН:",
                align="justify",
                indent=True,
                before=0.5,
            ),
            Text("1. Төмендегі педагогтерге біліктілік санаттары берілсін (расталсын):", indent=True),
            Table((("№", "Т.А.Ә.", "Лауазымы, жұмыс орны", "Біліктілік санаты"), *rows), (0.06, 0.38, 0.36, 0.20)),
            Text("2. Біліктілік санаты 5 (бес) жыл мерзімге беріледі.", indent=True, before=0.5),
            Text("3. Осы бұйрықтың орындалуын бақылауды өзіме қалдырамын.", indent=True),
            Signature("Басшы", sign, stamp=True),
        ]
    else:
        blocks = [
            Text(f.provider("ru"), bold=True, align="center"),
            Text("ПРИКАЗ", bold=True, align="center", scale=1.3, before=0.8),
            Text(f"{date_words(held.issued, 'ru')}   № {held.order_no}", align="center"),
            Text(f.region.city_ru, align="center", scale=0.9),
            Text("Об итогах аттестации педагогов", bold=True, before=1),
            Text(
                "В соответствии с Правилами и условиями проведения аттестации педагогов, утвержденными "
                "приказом Министра образования и науки Республики Казахстан от 27 января 2016 года № 83, "
                "на основании решения аттестационной комиссии ПРИКАЗЫВАЮ:",
                align="justify",
                indent=True,
                before=0.5,
            ),
            Text("1. Присвоить (подтвердить) квалификационные категории следующим педагогам:", indent=True),
            Table((("№", "Ф.И.О.", "Должность, место работы", "Категория"), *rows), (0.06, 0.38, 0.36, 0.20)),
            Text("2. Квалификационная категория присваивается сроком на 5 (пять) лет.", indent=True, before=0.5),
            Text("3. Контроль за исполнением настоящего приказа оставляю за собой.", indent=True),
            Signature("Руководитель", sign, stamp=True),
        ]
    return Doc("category_order", lang, tuple(blocks))


def essay_doc(f: Facts, lang: Lang, essay: Essay, *, author: bool, page_numbers: bool = False) -> Doc:
    """The essay page: title, optionally the author's line, justified paragraphs."""
    blocks: list[Block] = [Text(essay.title, bold=True, align="center", scale=1.15)]
    if author:
        blocks.append(
            Text(f"{f.person.name(lang).initials}, {f.subject.position(lang)}", align="right", scale=0.9, before=0.3)
        )
    blocks += [
        Text(p, align="justify", indent=True, before=0.5 if i == 0 else 0.15) for i, p in enumerate(essay.paragraphs)
    ]
    return Doc("essay", lang, tuple(blocks), page_numbers=page_numbers)
