"""The desk's words in Kazakh and Russian, as data: the interface, and a human name for every code.

Codes (check codes, document kinds, categories, decisions) are named from the tables the notices
use (`validators.catalogue`, `validators.messages`), so the desk and the teacher's notice say the
same thing. A code without a name here is shown as it is, never dropped.
"""

from __future__ import annotations

from typing import Literal

from validators.catalogue import CATALOGUE
from validators.messages import CATEGORY_NAMES, KIND_NAMES, Bilingual

Lang = Literal["kk", "ru"]
LANGS: tuple[Lang, ...] = ("kk", "ru")
DEFAULT_LANG: Lang = "ru"

UI: dict[str, Bilingual] = {
    "desk": Bilingual("Тексеру үстелі", "Стол проверки"),
    "log_in": Bilingual("Кіру", "Войти"),
    "log_out": Bilingual("Шығу", "Выйти"),
    "user": Bilingual("Пайдаланушы", "Пользователь"),
    "password": Bilingual("Құпиясөз", "Пароль"),
    "form_expired": Bilingual("Форманың мерзімі өтті; қайталап көріңіз.", "Форма устарела; попробуйте ещё раз."),
    "wrong_login": Bilingual("Пайдаланушы аты немесе құпиясөз қате.", "Неверное имя пользователя или пароль."),
    "login_busy": Bilingual(
        "Бір уақытта кіру әрекеттері тым көп; сәлден соң қайталаңыз.",
        "Слишком много входов одновременно; повторите через минуту.",
    ),
    "needs_review": Bilingual("Тексеруді күтуде", "Ожидают проверки"),
    "submission": Bilingual("Өтініш", "Заявление"),
    "due_by": Bilingual("Мерзімі", "Срок"),
    "days_left": Bilingual("Қалған күн", "Осталось дней"),
    "checks_to_review": Bilingual("Тексерілетін тармақтар", "Что проверить"),
    "queue_empty": Bilingual("Тексеруді күтетін өтініш жоқ.", "Нет заявлений, ожидающих проверки."),
    "overdue": Bilingual("{days} күнге кешікті", "просрочено на {days} дн."),
    "due_today": Bilingual("бүгін", "сегодня"),
    "decided_flash": Bilingual(
        "{sid}: {revision}-нұсқа — {decision} ({name}).", "{sid}: редакция {revision} — {decision} ({name})."
    ),
    "revision": Bilingual("нұсқа", "редакция"),
    "by": Bilingual("шешім қабылдаған", "решение принял"),
    "applicant": Bilingual("Өтініш беруші", "Заявитель"),
    "name": Bilingual("Аты-жөні", "ФИО"),
    "iin": Bilingual("ЖСН", "ИИН"),
    "position": Bilingual("Лауазымы", "Должность"),
    "organization": Bilingual("Ұйым", "Организация"),
    "request": Bilingual("Өтініш мәні", "Запрос"),
    "current_category": Bilingual("Қазіргі санаты", "Текущая категория"),
    "valid_until": Bilingual("{date} дейін жарамды", "действует до {date}"),
    "none": Bilingual("жоқ", "нет"),
    "state_records": Bilingual("Мемлекеттік дерекқорлар", "Государственные базы"),
    "diploma_in_records": Bilingual("диплом", "диплом"),
    "employment_in_records": Bilingual("еңбек қызметі", "трудовая деятельность"),
    "yes": Bilingual("бар", "есть"),
    "no": Bilingual("жоқ", "нет"),
    "submitted": Bilingual("Берілген уақыты", "Подано"),
    "via": Bilingual("арқылы", "через"),
    "consent": Bilingual("Келісім", "Согласие"),
    "consent_given": Bilingual("берілген", "дано"),
    "consent_missing": Bilingual("БЕРІЛМЕГЕН", "НЕ ДАНО"),
    "manifest_unavailable": Bilingual("Өтініш деректері жоқ", "Данные заявления недоступны"),
    "documents": Bilingual("Құжаттар", "Документы"),
    "file": Bilingual("Файл", "Файл"),
    "declared": Bilingual("Көрсетілген түрі", "Заявлен как"),
    "read_as": Bilingual("Танылған түрі", "Распознан как"),
    "text": Bilingual("Мәтін", "Текст"),
    "pages": Bilingual("Беттер", "Страницы"),
    "absent": Bilingual("жоқ", "отсутствует"),
    "to_review": Bilingual("Тексеру керек", "На проверку"),
    "page": Bilingual("{n}-бет", "стр. {n}"),
    "page_of": Bilingual("{n}-бет, барлығы {total}", "стр. {n} из {total}"),
    "previous": Bilingual("← Алдыңғы", "← Назад"),
    "next": Bilingual("Келесі →", "Вперёд →"),
    "back_to_case": Bilingual("Өтінішке оралу", "К заявлению"),
    "confidence": Bilingual("сенімділік", "уверенность"),
    "read": Bilingual("оқылғаны", "прочитано"),
    "no_page": Bilingual(
        "Бұл тексеру құжат бетіне емес, өтініш деректеріне қатысты; құжаттар жоғарыда.",
        "Эта проверка касается данных заявления, а не страницы; документы — выше.",
    ),
    "not_in_submission": Bilingual("{file} өтініште жоқ.", "{file} нет в заявлении."),
    "open_full": Bilingual("Бетті толық өлшемде ашу", "Открыть страницу целиком"),
    "side_by_side": Bilingual("Қатар салыстыру: № {other}", "Сравнить рядом: № {other}"),
    "this_submission": Bilingual("Осы өтініш № {id}", "Это заявление № {id}"),
    "other_submission": Bilingual("Басқа өтініш № {id}", "Другое заявление № {id}"),
    "decision": Bilingual("Шешім", "Решение"),
    "tick_to_refuse": Bilingual(
        "Бас тарту үшін орындалмаған тармақтарды белгілеңіз:", "Чтобы отказать, отметьте невыполненные условия:"
    ),
    "other_check": Bilingual("Басқа орындалмаған тармақ:", "Другое невыполненное условие:"),
    "ground": Bilingual("{n}-негіз", "основание {n}"),
    "note": Bilingual("Ескертпе", "Примечание"),
    "note_placeholder": Bilingual("Не көргеніңіз, хаттама үшін", "Что вы увидели, для протокола"),
    "accept": Bilingual("Қабылдау", "Принять"),
    "refuse": Bilingual("Белгіленгендер бойынша бас тарту", "Отказать по отмеченным условиям"),
    "refuse_hint": Bilingual(
        "Бас тарту батырмасы тармақ белгіленгенде шығады.", "Кнопка отказа появляется, когда отмечено условие."
    ),
    "closed": Bilingual("Бұл өтініш бойынша шешім: {decision}.", "По этому заявлению решение: {decision}."),
    "change_decision": Bilingual("Шешімді өзгерту", "Изменить решение"),
    "replaces": Bilingual(
        "Бұл {name} маманының шешімін ({decision}, {when}) ауыстырады.",
        "Это заменит решение специалиста {name} ({decision}, {when}).",
    ),
    "confirm_replace": Bilingual(
        "Иә, {name} маманының шешімін ауыстырамын", "Да, я заменяю решение специалиста {name}"
    ),
    "must_confirm": Bilingual(
        "{name} маманының шешімі ауыстырылмады: растауды белгілеңіз.",
        "Решение специалиста {name} не заменено: отметьте подтверждение.",
    ),
    "not_found": Bilingual("Табылмады", "Не найдено"),
    "no_such_case": Bilingual("Мұндай өтініш жоқ.", "Такого заявления нет."),
    "back_to_queue": Bilingual("Кезекке оралу", "К очереди"),
    "choose_action": Bilingual("Қабылдауды немесе бас тартуды таңдаңыз.", "Выберите «Принять» или «Отказать»."),
    "untick_to_accept": Bilingual(
        "Орындалмаған тармақтар белгіленген: қабылдау үшін белгіні алыңыз немесе бас тартыңыз.",
        "Отмечены невыполненные условия: снимите отметки, чтобы принять, или откажите.",
    ),
    "tick_one": Bilingual(
        "Бас тарту үшін кемінде бір тармақты белгілеңіз.", "Чтобы отказать, отметьте хотя бы одно условие."
    ),
    "unknown_check": Bilingual("Бас тартуға негіз бола алмайды: {codes}.", "Не может быть основанием отказа: {codes}."),
    "note_too_long": Bilingual("Ескертпе {n} таңбадан ұзын.", "Примечание длиннее {n} знаков."),
    "stale": Bilingual(
        "Осы уақытта {revision}-нұсқа жазылды ({decision}); ештеңе жазылмады. Қайта қараңыз.",
        "Тем временем записана редакция {revision} ({decision}); ничего не записано. Посмотрите ещё раз.",
    ),
}

_DECISIONS: dict[str, Bilingual] = {
    "accepted": Bilingual("қабылданды", "принято"),
    "refused": Bilingual("бас тартылды", "отказано"),
    "needs_review": Bilingual("маман тексеруін күтуде", "ожидает проверки специалистом"),
}
_STATUSES: dict[str, Bilingual] = {
    "review": Bilingual("тексеру", "проверить"),
    "fail": Bilingual("орындалмаған", "не выполнено"),
    "pass": Bilingual("орындалған", "выполнено"),
}
_ACTIONS: dict[str, Bilingual] = {
    "assign": Bilingual("санат беру", "присвоение категории"),
    "confirm": Bilingual("санатты растау", "подтверждение категории"),
}
_SOURCES: dict[str, Bilingual] = {
    "text_layer": Bilingual("мәтін қабаты", "текстовый слой"),
    "ocr": Bilingual("тану (OCR)", "распознавание (OCR)"),
    "none": Bilingual("мәтін жоқ", "нет текста"),
}
_CHANNELS: dict[str, Bilingual] = {"egov": Bilingual("eGov", "eGov"), "ustaz": Bilingual("Ustaz", "Ustaz")}
_CHECKS: dict[str, Bilingual] = {entry.code: entry.name for entry in CATALOGUE}
_DETAILS: dict[str, Bilingual] = {
    "reason": Bilingual("себебі", "причина"),
    "expected": Bilingual("күтілгені", "ожидалось"),
    "found": Bilingual("табылғаны", "найдено"),
    "pages": Bilingual("беттер", "страницы"),
    "min_confidence": Bilingual("ең төменгі сенімділік", "минимальная уверенность"),
    "iin": Bilingual("ЖСН", "ИИН"),
    "declared_kind": Bilingual("көрсетілген түрі", "заявленный тип"),
    "detected_kind": Bilingual("танылған түрі", "распознанный тип"),
    "shared_passage": Bilingual("ортақ үзінді", "общий фрагмент"),
    "similarity": Bilingual("ұқсастық", "сходство"),
    "threshold": Bilingual("шегі", "порог"),
    "other_submission_ids": Bilingual("басқа өтініштер", "другие заявления"),
    "matches": Bilingual("сәйкестіктер", "совпадения"),
    "payload": Bilingual("QR-код мәтіні", "текст QR-кода"),
    "payload_number": Bilingual("QR-кодтағы нөмір", "номер в QR-коде"),
    "printed_number": Bilingual("басылған нөмір", "напечатанный номер"),
}

TABLES: dict[str, dict[str, Bilingual]] = {
    "decision": _DECISIONS,
    "status": _STATUSES,
    "action": _ACTIONS,
    "source": _SOURCES,
    "channel": _CHANNELS,
    "check": _CHECKS,
    "kind": {str(k): v for k, v in KIND_NAMES.items()},
    "category": {str(k): v for k, v in CATEGORY_NAMES.items()},
    "detail": _DETAILS,
}


def pick(text: Bilingual, lang: Lang) -> str:
    return text.kk if lang == "kk" else text.ru


def label(table: str, code: object, lang: Lang) -> str:
    """The human name of `code` in `lang`; the code itself when the table has no name for it."""
    if code is None:
        return "—"
    name = TABLES[table].get(str(code))
    return pick(name, lang) if name is not None else str(code)


def ui(key: str, lang: Lang, **values: object) -> str:
    return pick(UI[key], lang).format(**values) if values else pick(UI[key], lang)


def language(value: str | None) -> Lang:
    return "kk" if value == "kk" else "ru" if value == "ru" else DEFAULT_LANG
