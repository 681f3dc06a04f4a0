"""Papers issued by systems and by others: the egov e-certificate of employment, letters of thanks,
a student's olympiad diploma, and the teacher's essay of a known word count.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta

from field_set.facts import CITIES, Facts, dmy, kk_long, ru_long
from field_set.papers import Paper
from field_set.people import Person, kk_dative, make_person, ru_case
from field_set.typeset import Face, Sheet, mono_face


def employment(rng: random.Random, f: Facts, face: Face, holder: Person) -> Paper:
    """An egov e-certificate: unique number top right, a table of workplaces, a bilingual footer."""
    s = Sheet(mono_face() if rng.random() < 0.5 else face, margin=48)
    number = f"{rng.randint(10**9, 10**10 - 1)}{rng.randint(10**5, 10**6 - 1)}"
    issued = f.submitted.date() - timedelta(days=rng.randint(1, 20))
    s.para(f"№ {number}", 9, align="right", gap=2)
    s.para(f"{dmy(issued)}", 9, align="right", gap=12)
    s.para("ЭЛЕКТРОНДЫҚ АНЫҚТАМА / ЭЛЕКТРОННАЯ СПРАВКА", 12, bold=True, align="center", gap=4)
    s.para("Еңбек қызметін растайтын / подтверждающая трудовую деятельность", 10, align="center", gap=12)
    s.para(f"ЖСН / ИИН: {holder.iin}", 10)
    s.para(f"Т.А.Ә. / ФИО: {holder.ru.full}", 10, gap=10)
    earlier = f.hired - timedelta(days=rng.randint(400, 1500))
    rows = [
        [
            dmy(earlier),
            dmy(f.hired - timedelta(days=3)),
            f"№ {rng.randint(2, 60)} мектеп-гимназия / школа-гимназия",
            "мұғалім / учитель",
        ],
        [dmy(f.hired), "—", f.school("ru"), f.position("ru")],
    ]
    s.table(
        [
            "Қабылданған күні / Дата приема",
            "Босатылған күні / Дата увольнения",
            "Жұмыс орны / Место работы",
            "Лауазымы / Должность",
        ],
        rows,
        (1.3, 1.3, 3.2, 2.2),
        size=8.5,
    )
    s.y -= 30
    s.rule(0.4)
    s.para(
        "* Осы құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» Қазақстан Республикасы Заңының "
        "7-бабының 1-тармағына сәйкес қағаз тасығыштағы құжатпен бірдей. / Данный документ согласно пункту 1 статьи 7 "
        "ЗРК «Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе.",
        7.5,
    )  # fmt: skip
    s.para("Электрондық үкімет порталы / Портал электронного правительства egov.kz", 7.5)
    return Paper(s.finish(), "ru", holder.ru.full, holder.ru.surname, font=s.face.name, iin=holder.iin)


def thanks(rng: random.Random, f: Facts, face: Face, holder: Person, lang: str) -> Paper:
    """A letter of thanks from the district department: the teacher's professional achievement."""
    s = Sheet(face, margin=70)
    when = f.submitted.date() - timedelta(days=rng.randint(90, 600))
    if lang == "kk":
        s.para(f"{CITIES[f.city][0]} қаласының білім бөлімі", 11, align="center", gap=30)
        s.para("АЛҒЫС ХАТ", 26, bold=True, align="center", gap=24)
        s.para(f"{kk_dative(holder.kk)}", 14, bold=True, align="center", gap=14)
        s.para("Оқушыларға білім беру мен тәрбиелеудегі табысты еңбегіңіз үшін, қалалық педагогикалық "
               "шеберлік байқауында жүлделі орын алғаныңыз үшін алғыс білдіреміз.", 12, align="center", gap=40)  # fmt: skip
        s.para(f"Бөлім басшысы                {kk_long(when)}", 11)
        text, surname = kk_dative(holder.kk), holder.kk.surname
    else:
        s.para(f"Отдел образования города {CITIES[f.city][1]}", 11, align="center", gap=30)
        if rng.random() < 0.5:
            s.para("БЛАГОДАРСТВЕННОЕ ПИСЬМО", 22, bold=True, align="center", gap=24)
            text = ru_case(holder.ru, holder.female, "dat")
            s.para(text, 14, bold=True, align="center", gap=14)
            s.para("за добросовестный труд, высокий профессионализм и призовое место в городском конкурсе "
                   "педагогического мастерства.", 12, align="center", gap=40)  # fmt: skip
        else:
            s.para("СЕРТИФИКАТ УЧАСТНИКА", 22, bold=True, align="center", gap=24)
            text = ru_case(holder.ru, holder.female, "gen")
            s.para(f"Настоящим подтверждается участие {text} в областном семинаре-практикуме "
                   "«Эффективные практики обучения» с докладом из опыта работы.", 12, align="center", gap=40)  # fmt: skip
        s.para(f"Руководитель отдела                {ru_long(when)}", 11)
        surname = holder.ru.surname
    s.signature(rng, s.margin + 150, s.y + 16)
    return Paper(s.finish(), lang, text, surname, dates=(when,))


def olympiad(rng: random.Random, f: Facts, face: Face, lang: str) -> Paper:
    """A student's olympiad diploma naming the teacher as supervisor (issued to the student)."""
    student = make_person(rng, female=rng.random() < 0.5)
    s = Sheet(face, wide=True, margin=60)
    place = rng.choice(("I", "II", "III"))
    teacher = f.person.name(lang)
    if lang == "kk":
        s.para("ДИПЛОМ", 30, bold=True, align="center", gap=14)
        s.para(f"{place} дәрежелі", 16, align="center", gap=14)
        s.para(f"Пән олимпиадасының қалалық кезеңінде жүлделі орын алғаны үшін {rng.randint(7, 11)}-сынып оқушысы "
               f"{kk_dative(student.kk)} берілді.", 13, align="center", gap=12)  # fmt: skip
        s.para(f"Жетекшісі: {teacher.full}", 12, align="center")
    else:
        s.para("ДИПЛОМ", 30, bold=True, align="center", gap=14)
        s.para(f"{place} степени", 16, align="center", gap=14)
        s.para(f"награждается {'ученица' if student.female else 'ученик'} {rng.randint(7, 11)} класса "
               f"{student.ru.full} за призовое место в городском этапе предметной олимпиады.",
               13, align="center", gap=12)  # fmt: skip
        s.para(f"Руководитель: {teacher.full}", 12, align="center")
    return Paper(s.finish(), lang, None, None)


# ---- the essay --------------------------------------------------------------------------------

# Sentences are put together from three slots, so two teachers' essays rarely share a sentence.
_KK = (
    ("Менің ойымша", "Тәжірибем көрсеткендей", "Соңғы жылдары", "Сабақ барысында", "Әр тоқсан сайын",
     "Ата-аналармен бірлесе отырып", "Жаңартылған бағдарлама бойынша", "Шағын топтарда жұмыс істегенде",
     "Қашықтан оқыту кезінде", "Сынып жетекшісі ретінде"),
    ("оқушылардың өз бетінше ойлау қабілетін дамытуға көп көңіл бөлемін", "сабақтың мақсатын балалармен бірге анықтаймын",
     "әр баланың жеке ерекшелігін ескеремін", "зерттеу жұмыстарына оқушыларды тартамын",
     "цифрлық құралдарды жүйелі түрде қолданамын", "бағалау критерийлерін алдын ала түсіндіремін",
     "оқушылардың сұрақтарына ерекше мән беремін", "кері байланыс арқылы сабақты жетілдіремін",
     "пәнаралық байланыстарды кеңінен пайдаланамын", "өмірлік мысалдармен тақырыпты түсіндіремін",
     "білім сапасын арттыру жолдарын іздеймін", "оқушылардың қызығушылығын оятуға тырысамын"),
    ("", "және бұл нәтиже береді", "себебі бұл сенім қалыптастырады", "өйткені әр оқушы ерекше",
     "сол арқылы үлгерім жақсарады", "бұл маған үлкен қуаныш сыйлайды", "мұны әріптестеріммен талқылаймын",
     "ал нәтижесін тоқсан соңында көремін"),
)  # fmt: skip
_RU = (
    ("По моему мнению", "Как показывает мой опыт", "В последние годы", "На каждом уроке", "В конце каждой четверти",
     "Вместе с родителями", "Следуя обновлённой программе", "Работая в малых группах",
     "Во время дистанционного обучения", "Как классный руководитель"),
    ("я развиваю у учеников самостоятельное мышление", "мы вместе с детьми определяем цель урока",
     "я учитываю особенности каждого ребёнка", "я привлекаю учащихся к исследовательской работе",
     "я системно использую цифровые инструменты", "я заранее объясняю критерии оценивания",
     "я уделяю особое внимание вопросам учеников", "я совершенствую урок через обратную связь",
     "я широко использую межпредметные связи", "я объясняю тему на жизненных примерах",
     "я ищу пути повышения качества знаний", "я стараюсь пробудить интерес к предмету"),
    ("", "и это приносит результат", "потому что это формирует доверие", "ведь каждый ученик особенный",
     "и успеваемость постепенно растёт", "и это приносит мне радость", "и обсуждаю это с коллегами",
     "а результат виден в конце четверти"),
)  # fmt: skip


def _sentence(rng: random.Random, lang: str) -> str:
    opener, core, tail = (rng.choice(slot) for slot in (_KK if lang == "kk" else _RU))
    return f"{opener}, {core}" + (f", {tail}" if tail else "")


_WORD = re.compile(r"[^\W_]", re.UNICODE)


def count_words(text: str) -> int:
    """The contract's rule on plain text: tokens between spaces and en/em dashes with a letter or digit."""
    return sum(1 for t in re.split(r"[\s–—]+", text) if _WORD.search(t))


def essay_text(rng: random.Random, lang: str, words: int, author: str) -> tuple[str, str]:
    """A title and body whose words, author line included, number exactly `words`."""
    title = "Менің педагогикалық ұстанымым" if lang == "kk" else "Моя педагогическая позиция"
    need = words - count_words(title) - count_words(author)
    sentences: list[str] = []
    while need > 0:
        take = _sentence(rng, lang).split()[:need]
        sentences.append(" ".join(take).rstrip(",") + ".")
        need -= len(take)
    body = " ".join(sentences)
    assert count_words(title) + count_words(author) + count_words(body) == words
    return title, body


def essay(rng: random.Random, face: Face, lang: str, words: int, author: Person) -> tuple[Paper, int]:
    name = author.name(lang).full
    title, body = essay_text(rng, lang, words, name)
    s = Sheet(face, margin=62)
    s.para(title, 14, bold=True, align="center", gap=6)
    s.para(name, 11, align="right", gap=10)
    paras = body.split(". ")
    chunk = max(len(paras) // 4, 1)
    for i in range(0, len(paras), chunk):
        text = ". ".join(paras[i : i + chunk])
        s.para(text if text.endswith(".") else text + ".", 11.5 if words <= 300 else 10.5, lead=1.4, gap=6)
    return Paper(s.finish(), lang, None, None), words
