"""Which kind of document a text is, from its content, in Kazakh and Russian.

Weighted keyword scoring over the folded text (see `text_folding.fold_text`), with negative weights
for words that betray a look-alike kind (an olympiad "ДИПЛОМ" is not an education diploma), and a
structural score for the essay (prose without form structure). The scores are kept so a check can
tell "clearly another kind" from "not sure".
"""

import re
from dataclasses import dataclass

from extractors.text_folding import fold_pattern, fold_text, letter_words
from models.base import KINDS, Kind

_Rule = tuple[str, float]

_RULES: dict[Kind, tuple[_Rule, ...]] = {
    "application": (
        (r"өтініш", 2.5),
        (r"заявлени", 2.5),
        (r"аттестаттау комиссиясының төрағасына", 3.0),
        (r"председател\w* аттестационн\w* комисси", 3.0),
        (r"аттестаттау рәсіміне қатысуға", 3.0),
        (r"прошу допустить", 3.0),
        (r"рұқсат беруіңізді сұраймын", 2.5),
        (r"т\.\s?а\.\s?ә\.", 1.5),
        (r"ф\.\s?и\.\s?о\.", 1.5),
        (r"лауазымы", 1.0),
        (r"должность", 1.0),
        (r"жұмыс орны", 1.0),
        (r"место работы", 1.0),
        (r"электрондық пошта", 1.5),
        (r"электронн\w* почт", 1.5),
        (r"таныстым", 1.5),
        (r"ознакомлен", 1.5),
        (r"\(қолы\)", 1.0),
        (r"\(подпись\)", 1.0),
        (r"беру\s*/\s*растау", 2.0),
        (r"присвоени\w*\s*/\s*подтверждени", 2.0),
        (r"біліктілік санатым бар", 2.0),
        (r"имею квалификационн", 2.0),
    ),
    "diploma": (
        (r"диплом", 2.0),
        (r"жоғары білім", 2.0),
        (r"высшем образовании", 2.5),
        (r"университет", 1.5),
        (r"институт", 1.0),
        (r"колледж", 1.5),
        (r"біліктілігі? берілді", 3.0),
        (r"присвоена квалификация", 3.0),
        (r"присуждена (?:квалификация|степень)", 3.0),
        (r"дәрежесі (?:берілді|беріледі)", 3.0),
        (r"академическ\w* степен", 2.5),
        (r"академиялық дәреже", 2.5),
        (r"бакалавр", 2.5),
        (r"магистр", 2.0),
        (r"мамандығы бойынша", 1.5),
        (r"по специальности", 1.5),
        (r"мемлекеттік аттестаттау комиссиясы", 2.0),
        (r"государственной аттестационной комисси", 2.0),
        (r"окончил", 1.5),
        (r"бітірді", 1.5),
        (r"олимпиада", -4.0),
        (r"оқушы", -1.5),
        (r"ученик|ученица|учащ", -1.5),
        (r"дәрежелі", -2.5),
        (r"\b(?:i{1,3}|[123]|і{1,3})\s*степени", -2.0),
        (r"қайта даярлау", -3.0),
        (r"переподготовк", -3.0),
        (r"біліктілікті арттыру", -2.0),
        (r"повышени\w* квалификации", -2.0),
    ),
    "retraining_certificate": (
        (r"қайта даярла", 7.0),
        (r"переподготовк", 7.0),
        (r"жаңа біліктілік", 1.0),
        (r"нов\w* квалификац", 1.0),
        (r"\d+\s*(?:академиялық\s*)?сағат", 1.0),
        (r"\d+\s*(?:академическ\w*\s*)?час", 1.0),
    ),
    "employment_record": (
        (r"еңбек кітапшасы", 5.0),
        (r"трудов\w* книжк", 5.0),
        (r"еңбек қызметі", 3.0),
        (r"трудов\w* деятельност", 3.0),
        (r"жұмысқа қабылданды", 2.5),
        (r"принят\w* на (?:работу|должность)", 2.5),
        (r"босатылды", 2.0),
        (r"уволен", 2.0),
        (r"ауыстырылды", 1.5),
        (r"переведен", 1.5),
        (r"справка с места работы", 3.0),
        (r"жұмыс орнынан", 1.5),
        (r"жұмыс өтілі", 1.5),
        (r"стаж", 1.0),
        (r"өтініш", -2.0),
        (r"заявлени", -2.0),
    ),
    "course_certificate": (
        (r"сертификат", 2.0),
        (r"біліктілікті арттыру", 3.5),
        (r"повышени\w* квалификации", 3.5),
        (r"курс", 1.5),
        (r"\d+\s*(?:академиялық\s*)?сағат", 2.5),
        (r"\d+\s*(?:академическ\w*\s*)?час", 2.5),
        (r"өрлеу", 1.5),
        (r"педагогикалық шеберлік орталығы", 1.5),
        (r"центр\w* педагогического мастерства", 1.5),
        (r"білім беру бағдарламасы", 1.0),
        (r"образовательной программ", 1.0),
        (r"оқудан өтті|оқытудан өтті|курсынан өтті", 1.5),
        (r"прош\w* обучение|прош(?:ел|ла|ёл)\b", 1.5),
        (r"тыңдаушы", 1.0),
        (r"слушател", 1.0),
        (r"қайта даярла", -5.0),
        (r"переподготовк", -5.0),
        (r"олимпиада", -2.0),
        (r"оқушы", -1.0),
    ),
    "category_certificate": (
        (r"куәлік", 2.5),
        (r"удостоверени", 2.5),
        (r"біліктілік санаты", 2.5),
        (r"квалификационн\w* категори", 2.5),
        (r"санаты берілді", 2.0),
        (r"присвоена", 1.0),
        (r"жарамды", 1.5),
        (r"действительн\w* до", 1.5),
        (r"педагог\s*[-–—]?\s*(?:модератор|сарапшы|эксперт|зерттеуші|исследовател|шебер|мастер)", 2.0),
        (r"аттестаттау комиссиясының шешімі", 1.5),
        (r"решени\w* аттестационн\w* комисси", 1.5),
        (r"біліктілікті арттыру", -2.5),
        (r"повышени\w* квалификации", -2.5),
        (r"өтініш", -2.0),
        (r"заявлени", -2.0),
        (r"бұйырамын", -2.5),
        (r"приказываю", -2.5),
    ),
    "category_order": (
        (r"бұйрық", 2.5),
        (r"приказ", 2.5),
        (r"бұйырамын", 3.0),
        (r"приказываю", 3.0),
        (r"берілсін", 2.5),
        (r"присвоить", 2.5),
        (r"расталсын", 2.0),
        (r"подтвердить", 1.5),
        (r"біліктілік санаты", 1.5),
        (r"квалификационн\w* категори", 1.5),
        (r"үзінді", 1.5),
        (r"выписка", 1.5),
        (r"еңбек кітапшасы", -3.0),
        (r"трудов\w* книжк", -3.0),
        (r"өтініш", -2.0),
        (r"заявлени", -2.0),
    ),
    "professional_achievements": (
        (r"алғыс хат", 4.0),
        (r"благодарствен\w* письм", 4.0),
        (r"грамота", 3.5),
        (r"марапатталады", 2.0),
        (r"награждается", 2.0),
        (r"алғыс білдір|алғыс жариялан", 2.5),
        (r"дайындағаны үшін|за подготовку", 2.0),
        (r"выражает\w* благодарност", 2.5),
        (r"семинар", 1.5),
        (r"конференци", 1.5),
        (r"шеберлік сыны", 2.0),
        (r"тәжірибесін тарат|тәжірибе тарат|распространени\w* опыт|обобщени\w* опыт", 2.0),
        (r"әдістемелік|методическ", 1.0),
        (r"сертификат", 1.0),
        (r"мастер-класс", 2.0),
        (r"тәжірибе", 1.0),
        (r"опыт", 1.0),
        (r"публикаци|жарияланым", 1.5),
        (r"мақала", 1.5),
        (r"мұғалім", 1.0),
        (r"учител", 1.0),
        (r"үлес|вклад", 1.0),
        (r"үздік педагог|лучший педагог", 2.0),
        (r"қатысқаны үшін|за участие", 1.5),
        (r"олимпиада", -1.0),
    ),
    "student_achievements": (
        (r"олимпиада", 3.0),
        (r"оқушы", 2.0),
        (r"ученик|ученица|учащ", 2.0),
        (r"білім алушы", 2.0),
        (r"обучающ", 1.5),
        (r"(?:\b[123]|\bi{1,3}|\bі{1,3})\s*дәрежелі", 3.0),
        (r"(?:\b[123]|\bi{1,3}|\bі{1,3})\s*степени", 2.5),
        (r"жүлделі орын", 2.0),
        (r"призов\w* мест", 2.0),
        (r"(?:\b[123]|\bi{1,3}|\bі{1,3})\s*(?:орын|место)", 1.5),
        (r"жеңімпаз", 1.5),
        (r"победител", 1.5),
        (r"жүлдегер", 2.0),
        (r"призер|призёр", 2.0),
        (r"сынып", 1.0),
        (r"класс", 0.5),
        (r"ғылыми жоба", 2.0),
        (r"научн\w* проект", 2.0),
        (r"дайындаған", 1.5),
        (r"подготовил", 1.0),
        (r"жетекші", 1.0),
        (r"жарыс|соревновани", 1.0),
        # A letter of thanks to the teacher who prepared the pupils is the teacher's achievement.
        (r"алғыс хат|благодарствен\w* письм", -3.0),
        (r"дайындағаны үшін|за подготовку", -2.0),
    ),
    "essay": ((r"\bэссе\b", 3.0),),
}


def _fold_pattern(pattern: str) -> re.Pattern[str]:
    """Patterns are written in natural spelling and folded like the text they search."""
    return re.compile(fold_pattern(pattern))


_COMPILED: dict[Kind, tuple[tuple[re.Pattern[str], float], ...]] = {
    kind: tuple((_fold_pattern(p), w) for p, w in rules) for kind, rules in _RULES.items()
}
_LIST_LINE = re.compile(r"^\s*\d{1,3}\s*[.)]\s*\S+\s+\S+")
_FORM_LINE = re.compile(r"_{4,}|^[^:\n]{2,40}:\s*\S")


@dataclass(frozen=True)
class KindScores:
    """Every kind's score for one text, and the structure it rests on."""

    scores: dict[Kind, float]
    words: int
    best: Kind | None
    confidence: float

    def score(self, kind: Kind) -> float:
        return self.scores.get(kind, 0.0)


def _prose_ratio(lines: list[str]) -> float:
    """Share of words in paragraph lines: essays are paragraphs, forms are not.

    A paragraph line has eight words or more, or (long Russian words in a large type) five or
    more filling most of the widest line's length.
    """
    counts = [len(letter_words(line)) for line in lines]
    total = sum(counts)
    if not total:
        return 0.0
    widest = max(len(line.strip()) for line in lines)
    full = [c >= 8 or (c >= 5 and len(line.strip()) >= 0.8 * widest) for c, line in zip(counts, lines, strict=True)]
    return sum(c for c, f in zip(counts, full, strict=True) if f) / total


def score_kinds(text: str) -> KindScores:
    """Scores of every kind for a document's whole text; `best` is None when nothing stands out."""
    folded = fold_text(text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    words = len(letter_words(text))
    scores: dict[Kind, float] = {}
    for kind, rules in _COMPILED.items():
        scores[kind] = sum(w for pattern, w in rules if pattern.search(folded))
    list_lines = sum(1 for ln in lines if _LIST_LINE.match(ln))
    if list_lines >= 2:
        scores["category_order"] += 2.0
    form_lines = sum(1 for ln in lines if _FORM_LINE.search(ln))
    prose = _prose_ratio(lines)
    if 120 <= words <= 700 and prose >= 0.6 and form_lines <= 3:
        # A teacher's essay speaks of pupils, olympiads and courses: the prose shape outweighs them.
        scores = {k: (v * 0.5 if k != "essay" else v) for k, v in scores.items()}
        scores["essay"] += 5.0 + (1.5 if prose >= 0.75 and words >= 200 else 0.0)
    elif form_lines >= 3:
        scores["essay"] -= 3.0
    ranked = sorted(KINDS, key=lambda k: scores[k], reverse=True)
    top, second = scores[ranked[0]], scores[ranked[1]]
    if top < 2.5:
        return KindScores(scores, words, None, 0.0)
    confidence = min(1.0, top / 8.0) * (0.5 + 0.5 * (top - max(second, 0.0)) / top)
    return KindScores(scores, words, ranked[0], round(confidence, 3))


def detect_kind(text: str) -> tuple[Kind | None, float]:
    """The most likely kind and a 0-1 confidence (strength of the top score and its margin)."""
    result = score_kinds(text)
    return result.best, result.confidence


# Clear-mismatch thresholds: the declared kind must look weak and another kind strong.
MISMATCH_MIN_WORDS = 20
MISMATCH_STRONG = 5.0
MISMATCH_WEAK = 2.0
MISMATCH_MARGIN = 4.0


def clear_mismatch(scores: KindScores, declared: Kind) -> Kind | None:
    """The kind the content clearly is when it is not the declared one; None when unsure or same."""
    best = scores.best
    if best is None or best == declared or scores.words < MISMATCH_MIN_WORDS:
        return None
    top, mine = scores.score(best), scores.score(declared)
    if top >= MISMATCH_STRONG and mine <= MISMATCH_WEAK and top - mine >= MISMATCH_MARGIN:
        return best
    return None
