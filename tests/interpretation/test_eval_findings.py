"""Readings the evaluation set (`benchmarks.evaluate`) showed wrong: each pinned by a small text."""

from extractors import form_entries
from extractors.holder_names import listed_names
from extractors.kinds import score_kinds
from extractors.name_matching import compare_names
from tests.interpretation.helpers import reading

FORM_KK = """Педагогтің аттестаттау рәсіміне қатысуға өтініші
Т.А.Ә. (бар болса): Жұмабаева Динара Асқарқызы
ЖСН: 841228448791
Лауазымы:{pos}
Жұмыс орны: № 73 жалпы білім беретін мектеп, Алматы қ.
2026 жылы лауазымы (мамандығы) {slot} бойынша «педагог-сарапшы»
біліктілік санатын беру бойынша аттестаттау рәсіміне қатысуға рұқсат беруіңізді сұраймын.
«24» қараша 2026 ж. Д.А. Жұмабаева (қолы)"""

FORM_RU = """Заявление педагога на участие в процедуре аттестации
Ф.И.О. (при его наличии): Бейсенова Карлыгаш Ермековна
ИИН: 770524413680
Должность:{pos}
Место работы: Общеобразовательная школа № 23, г. Павлодар
Прошу допустить меня к процедуре аттестации в 2026 году по
должности (специальности) {slot} на присвоение
квалификационной категории «педагог-эксперт».
«23» ноября 2026 г. К.Е. Бейсенова (подпись)"""


def _position(text: str) -> str | None:
    fv = reading("application", text).fields.get(form_entries.POSITION)
    return None if fv is None else fv.value


def test_a_blank_position_is_not_taken_from_the_request_sentence() -> None:
    blank = "____________________"
    assert _position(FORM_KK.format(pos="", slot=blank)) == ""
    assert _position(FORM_RU.format(pos="", slot=blank)) == ""


def test_a_position_written_in_either_place_is_filled() -> None:
    assert _position(FORM_KK.format(pos=" физика пәнінің мұғалімі", slot="____")) == "физика пәнінің мұғалімі"
    assert _position(FORM_RU.format(pos="", slot="учитель физики")) == "учитель физики"


def test_ocr_letter_confusions_are_the_same_name() -> None:
    applicant = "Шәкенова Сәуле Мұратқызы"
    assert compare_names(applicant, "Шэкенова Сәуле Мұратқызына") == "same"
    assert compare_names("Өмірова Дана Серікқызы", "Емірова Дана Серікқызы") == "same"
    assert compare_names(applicant, "Новикова Татьяна Ивановна") == "different"


def test_labelled_course_dates_are_the_period_not_the_issue_date() -> None:
    kk = """СЕРТИФИКАТ
Оқу басталған күні: 07.07.2025
Оқу аяқталған күні: 18.06.2025
Берілген күні: 2026 жылғы 2 желтоқсан"""
    f = {k: v.value for k, v in reading("course_certificate", kk).fields.items()}
    assert (f["course_start"], f["course_end"], f["issue_date"]) == ("2025-07-07", "2025-06-18", "2026-12-02")
    ru = (
        "СЕРТИФИКАТ\nДата начала обучения: 07.07.2025\nДата окончания обучения: 18.06.2025\nДата выдачи: 7 июля 2025 г."
    )
    f = {k: v.value for k, v in reading("course_certificate", ru).fields.items()}
    assert (f["course_start"], f["course_end"], f["issue_date"]) == ("2025-07-07", "2025-06-18", "2025-07-07")


def test_order_rows_read_by_ocr_with_a_column_bar_or_no_number() -> None:
    text = "1 |Әбілқасымова Ақмарал тарих пәнінің мұғалімі\nЕрмекқызы 49 мектеп-лицей\nШәкенова Ақмарал Серікқызы"
    hits = listed_names([(1, text)])
    assert [(h.name, h.certainty >= 0.9) for h in hits] == [
        ("Әбілқасымова Ақмарал", True),
        ("Шәкенова Ақмарал Серікқызы", False),
    ]


def test_an_essay_in_long_russian_words_is_still_prose() -> None:
    line = "Обновленное содержание образования требует освоения новых подходов."
    text = "Мой профессиональный путь\n" + "\n".join([line] * 30)
    assert score_kinds(text).best == "essay"


def test_a_loose_name_on_an_order_neither_blocks_nor_makes_a_refusal() -> None:
    from tests.interpretation import samples as s
    from tests.interpretation.helpers import context
    from validators.identity import check_name_mismatch

    def statuses(text: str) -> list[tuple[str, str]]:
        found = check_name_mismatch(context(reading("category_order", text)))
        return [(f.check, f.status) for f in found]

    # A signatory standing alone does not hide that the numbered list leaves the applicant out.
    signed = s.CATEGORY_ORDER_RU_OTHERS + "Нурланова Айгерим Болатовна\n"
    assert statuses(signed) == [("identity.name_mismatch", "fail")]
    # Rows OCR read without their numbers: other names, not certain enough to refuse.
    rows = "ПРИКАЗ\nО присвоении квалификационных категорий\nСерикова Айгуль Болатовна\nАхметова Жанара Болатовна\n"
    assert statuses(rows) == [("identity.name_mismatch", "review")]
    # ... and the applicant among them is listed.
    assert statuses(rows + s.APPLICANT + "\n") == []
