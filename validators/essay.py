"""`essay.word_count`: the essay is 250-300 words (item 8.9), counted by the contract's word rule.

The counts themselves are computed elsewhere (`DocumentReading.word_count`); this module only
judges them. Uncertain evidence is `review`, never `fail`: a count just under the limit that a
word processor shows as enough, an OCR count within 3 words of a limit, a readable essay whose
count is missing.

Several essay files: a teacher who scanned a handwritten essay page by page uploads several
images, so the files are counted together as one essay. If that combined count is out of range it
may as well be two versions of one essay, so the result is `review`, never `fail`.
"""

from typing import Any

from models.context import CheckContext
from models.extraction import DocumentReading
from models.verdict import Finding, TextSource
from validators.evidence import MIN_COVERAGE, smallest_illegible
from validators.findings import finding
from validators.messages import Bilingual, printable

CODE = "essay.word_count"
MIN_WORDS = 250
MAX_WORDS = 300
OCR_MARGIN = 3  # an OCR count this close to a limit is uncertain on either side

# {files}: the essay files, each in «», comma-separated; {words}: the contract's count; {office}: a word
# processor's count; {direction}: "fewer" or "more".
MESSAGES: dict[str, Bilingual] = {
    "count_unknown": Bilingual(
        "Эссе ({files}) сөздерінің санын анықтау мүмкін болмады. Маман тексереді.",
        "Не удалось определить количество слов в эссе ({files}). Проверит специалист.",
    ),
    "ocr_near_limit": Bilingual(
        "Эссе ({files}) мәтіні сканерленген беттен танылды (OCR); саны {words} сөз, бұл 250 немесе "
        "300 шегіне тым жақын, сенімді қорытынды жасауға болмайды. Маман тексереді.",
        "Текст эссе ({files}) распознан со скана (OCR); количество слов — {words}, это слишком "
        "близко к границе 250 или 300 для уверенного вывода. Проверит специалист.",
    ),
    "partial_reading": Bilingual(
        "Эссе ({files}) мәтіні сканерленген беттен толық танылмады: беттегі мәтіннің бір бөлігі "
        "оқылмады, сондықтан сөз санына ({words}) сүйенуге болмайды. Маман тексереді.",
        "Текст эссе ({files}) распознан со скана не полностью: часть текста на странице не прочитана, "
        "поэтому на количество слов ({words}) опереться нельзя. Проверит специалист.",
    ),
    "small_text": Bilingual(
        "Эссе ({files}) мәтіні тым ұсақ түсірілген (кіші әріптердің биіктігі {height} пиксель): одан оқылған "
        "сөз санына ({words}) сүйеніп бас тартуға болмайды. Маман тексереді.",
        "Текст эссе ({files}) снят слишком мелко (высота строчных букв {height} пикс.): отказывать по "
        "прочитанному с него количеству слов ({words}) нельзя. Проверит специалист.",
    ),
    "office_count": Bilingual(
        "Эссе ({files}) санау ережесі бойынша {words} сөзден тұрады (250-ден аз), бірақ мәтін "
        "өңдегіштің санауы бойынша {office} сөз. Айырмашылық жеке тұрған таңбалардан туындайды. "
        "Маман тексереді.",
        "Количество слов в эссе ({files}) по правилу подсчёта — {words} (меньше 250), а по "
        "подсчёту текстового редактора — {office}. Расхождение дают отдельно стоящие знаки. "
        "Проверит специалист.",
    ),
    "several_files": Bilingual(
        "Эссе ретінде бірнеше файл жүктелген ({files}), жалпы саны {words} сөз (250–300 болуы "
        "тиіс). Бұл бір эссенің беттері ме, әлде бірнеше нұсқасы ма — маман тексереді.",
        "В качестве эссе загружено несколько файлов ({files}), всего слов — {words} (требуется "
        "250–300). Страницы ли это одного эссе или несколько его вариантов, проверит специалист.",
    ),
    "out_of_range": Bilingual(
        "Эссе ({files}) көлемі талапқа сәйкес келмейді: {words} сөз, бұл 250–300 сөзден "
        "{direction} (стандарттың 8-тармағының 9) тармақшасы). Эссені түзетіп, өтінішті қайта "
        "беріңіз.",
        "Объём эссе ({files}) не соответствует требованию: количество слов — {words}, это "
        "{direction} требуемых 250–300 (подпункт 9) пункта 8 стандарта). Исправьте эссе и "
        "подайте заявление повторно.",
    ),
    "fewer": Bilingual("аз", "меньше"),
    "more": Bilingual("көп", "больше"),
}


def _has_text(reading: DocumentReading) -> bool:
    return reading.extracted.unreadable is None and reading.extracted.text_source != "none"


def counted_essays(ctx: CheckContext) -> list[DocumentReading]:
    """The essay files with text to count; unreadable or textless ones are other checks' business."""
    return [r for r in ctx.documents if r.declared_kind == "essay" and _has_text(r)]


def essay_word_count(ctx: CheckContext) -> int | None:
    """The essay's word count for the verdict (several files summed), None when there is none."""
    essays = counted_essays(ctx)
    if not essays or any(r.word_count is None for r in essays):
        return None
    return sum(r.word_count.words for r in essays if r.word_count is not None)


def _near_limit(words: int) -> bool:
    return any(abs(words - limit) <= OCR_MARGIN for limit in (MIN_WORDS, MAX_WORDS))


def _within_range_whatever_was_missed(words: int, coverage: float) -> bool:
    """A count in range that stays in range with the unread ink's share of words added: what was missed
    can only add words, as many as the ink the words read leave uncovered (a clean photo read 285 words
    at coverage 0.949 went to a person; 285 / 0.949 = 300.3 still does, 270 / 0.94 = 287 does not)."""
    return coverage > 0 and words >= MIN_WORDS and words / coverage <= MAX_WORDS


def _least_coverage(essays: list[DocumentReading]) -> float | None:
    """The lowest share of ink read on the essays' OCR pages; None when no OCR page measured one."""
    measured = [p.coverage for r in essays for p in r.extracted.pages if p.source == "ocr" and p.coverage is not None]
    return min(measured) if measured else None


def check_essay_word_count(ctx: CheckContext) -> list[Finding]:
    """Fail outside 250-300 words, with the review exceptions of the contract's word rule."""
    essays = counted_essays(ctx)
    if not essays:
        return []
    files = [r.file for r in essays]
    document = files[0] if len(files) == 1 else None
    shown = ", ".join(f"«{printable(f)}»" for f in files)
    if any(r.word_count is None for r in essays):
        return [
            finding(
                CODE,
                "review",
                document=document,
                message=MESSAGES["count_unknown"].format(files=shown),
                evidence={"files": files, "min": MIN_WORDS, "max": MAX_WORDS},
            )
        ]
    words = sum(r.word_count.words for r in essays if r.word_count is not None)
    office = sum(r.word_count.office_words for r in essays if r.word_count is not None)
    source: TextSource = "ocr" if any(r.extracted.text_source == "ocr" for r in essays) else "text_layer"
    evidence: dict[str, Any] = {
        "word_count": words,
        "office_word_count": office,
        "min": MIN_WORDS,
        "max": MAX_WORDS,
        "text_source": source,
    }
    if len(files) > 1:
        evidence["files"] = files

    def review(reason: str, text: Bilingual) -> list[Finding]:
        evidence["reason"] = reason
        return [finding(CODE, "review", document=document, message=text, evidence=evidence)]

    in_range = MIN_WORDS <= words <= MAX_WORDS
    coverage = _least_coverage(essays)
    if coverage is not None:
        evidence["coverage"] = coverage
    if coverage is not None and coverage < MIN_COVERAGE and not _within_range_whatever_was_missed(words, coverage):
        # A count from a photo or scan is evidence only when the reading covers the whole text,
        # however far from a limit it is: 212 words read of a legible 278 were refused once.
        return review("partial_reading", MESSAGES["partial_reading"].format(files=shown, words=words))
    if source == "ocr" and _near_limit(words):
        return review("ocr_near_limit", MESSAGES["ocr_near_limit"].format(files=shown, words=words))
    if in_range:
        return []
    if words < MIN_WORDS and office >= MIN_WORDS:
        return review("office_count", MESSAGES["office_count"].format(files=shown, words=words, office=office))
    if len(files) > 1:
        return review("several_files", MESSAGES["several_files"].format(files=shown, words=words))
    small = smallest_illegible(p for r in essays for p in r.extracted.pages)
    if small is not None:
        evidence["x_height"] = small
        return review("small_text", MESSAGES["small_text"].format(files=shown, height=f"{small:g}", words=words))
    direction = MESSAGES["fewer"] if words < MIN_WORDS else MESSAGES["more"]
    return [
        finding(
            CODE,
            "fail",
            document=document,
            message=MESSAGES["out_of_range"].format(files=shown, words=words, direction=direction),
            evidence=evidence,
        )
    ]
