"""Fields read from realistic texts, and the reading `interpret` builds."""

from extractors import form_entries
from extractors.interpret import interpret
from tests.interpretation import samples as s
from tests.interpretation.helpers import extracted, reading

ANNEX2_BLANK = """Педагогтің аттестаттау рәсіміне қатысуға өтініші
      ____________________________________ ЖСН ___________________
      (Т.А.Ә. (бар болса)
      Лауазымы, жұмыс орны, электрондық пошта __________________________________
      біліктілік санатты беру/растау бойынша аттестаттау рәсіміне қатысуға рұқсат
      беруіңізді сұраймын.
      Біліктілік санатын беру (растау) тәртібімен таныстым.
      " " __________ 20 ___ жыл ____________ (қолы)"""


def values(text: str, kind: str) -> dict[str, str]:
    return {k: v.value for k, v in reading(kind, text).fields.items()}  # type: ignore[arg-type]


def test_category_certificate_fields_kk_and_ru() -> None:
    for text in (s.CATEGORY_CERT_KK, s.CATEGORY_CERT_RU):
        f = values(text, "category_certificate")
        assert f["iin"] == s.IIN
        assert f["category"] == "pedagog_expert"
        assert f["category_valid_until"] == "2026-12-25"
        assert f["issue_date"] == "2021-12-27"


def test_course_fields() -> None:
    for text in (s.COURSE_KK, s.COURSE_RU):
        f = values(text, "course_certificate")
        assert (f["course_start"], f["course_end"], f["course_hours"]) == ("2025-02-10", "2025-02-21", "80")
        assert f["issue_date"] == "2025-02-21"


def test_bin_is_not_an_iin() -> None:
    text = "СЕРТИФИКАТ\nБСН 123456789012\nБИН: 987654321098\nӘбілқасымова Гүлнар Серікқызы"
    assert "iin" not in values(text, "course_certificate")


def test_filled_forms() -> None:
    kk = values(s.APPLICATION_KK, "application")
    ru = values(s.APPLICATION_RU, "application")
    for f in (kk, ru):
        assert f[form_entries.IIN] == s.IIN
        assert f[form_entries.DATE] == "2026-09-14"
        assert f[form_entries.CATEGORY] == "pedagog_expert"
        assert f[form_entries.ACTION] == "confirm"
        assert f[form_entries.CURRENT_VALID_UNTIL] == "2026-12-25"
        assert f[form_entries.POSITION]
        assert f[form_entries.WORKPLACE]
    assert kk[form_entries.NAME] == s.APPLICANT
    assert kk[form_entries.EMAIL] == "g.abil@example.kz"
    assert ru[form_entries.NAME] == "Абилкасымова Гульнар Сериковна"
    assert ru[form_entries.POSITION] == "учитель математики"


def test_an_unread_address_in_the_combined_entry_is_no_position_or_workplace() -> None:
    """A photographed form whose address OCR did not read had its position and workplace taken for its
    e-mail; an address read with its "@" misread was taken into the workplace."""
    line = "пошта: математика пәнінің мұғалімі, № 12 ЖББМ, g.abil@example.kz"
    unread = values(s.APPLICATION_KK.replace(line, "пошта: математика пәнінің мұғалімі, № 12 ЖББМ,"), "application")
    assert form_entries.EMAIL not in unread
    assert unread[form_entries.POSITION] == "математика пәнінің мұғалімі"
    assert unread[form_entries.WORKPLACE] == "№ 12 ЖББМ"
    misread = values(s.APPLICATION_KK.replace(line, line.replace("@", "©")), "application")
    assert misread[form_entries.EMAIL] == "g.abil©example.kz"
    assert misread[form_entries.WORKPLACE] == "№ 12 ЖББМ"
    # a workplace with a comma of its own and no address is still the workplace, whole
    ru_line = "Электронная почта: g.abilkassymova@example.kz"
    ru = s.APPLICATION_RU.replace(
        "Должность: учитель математики\nМесто работы: КГУ «Общеобразовательная школа № 12», г. Павлодар\n" + ru_line,
        "Должность, место работы, электронная почта: учитель математики, КГУ «Школа № 12», г. Павлодар",
    )
    assert ru != s.APPLICATION_RU
    f = values(ru, "application")
    assert f[form_entries.WORKPLACE] == "КГУ «Школа № 12», г. Павлодар" and form_entries.EMAIL not in f


def test_blank_entries_are_distinguished_from_missing_ones() -> None:
    f = values(ANNEX2_BLANK, "application")
    for key in (form_entries.NAME, form_entries.IIN, form_entries.POSITION, form_entries.WORKPLACE, form_entries.DATE):
        assert f[key] == "", key
    ru = values(s.APPLICATION_RU_BLANK, "application")
    assert ru[form_entries.IIN] == "" and ru[form_entries.POSITION] == ""
    assert ru[form_entries.WORKPLACE].startswith("КГУ")
    # a text without the form has no entries at all
    assert form_entries.IIN not in values(s.GRATITUDE_KK, "application")


def test_evidence_confidence_combines_page_and_pattern() -> None:
    ocr = reading("category_certificate", s.CATEGORY_CERT_KK, confidence=80.0)
    assert ocr.fields["iin"].evidence.confidence == 80.0
    assert ocr.fields["iin"].evidence.page == 1
    assert "870412400412" in ocr.fields["iin"].evidence.text
    unlabelled = reading("professional_achievements", s.GRATITUDE_KK)
    assert unlabelled.fields["issue_date"].evidence.confidence < 70


def test_names_holder_and_order_list() -> None:
    cert = reading("course_certificate", s.COURSE_RU)
    assert [n.value for n in cert.names] == ["Абилкасымовой Гульнар Сериковне"]
    order = reading("category_order", s.CATEGORY_ORDER_KK)
    assert len(order.names) == 3
    assert order.names[0].value == s.APPLICANT
    diploma = reading("diploma", s.DIPLOMA_KK)
    assert all("Оспанов" not in n.value for n in diploma.names)  # the rector signs, he is not the holder


def test_interpret_reading() -> None:
    r = reading("diploma", s.DIPLOMA_RU)
    assert r.detected_kind == "diploma"
    assert r.kind_confidence > 0.5
    assert r.word_count is None


def test_essay_word_count() -> None:
    r = reading("essay", s.ESSAY_RU)
    assert r.word_count is not None and 150 < r.word_count.words < 300
    assert r.fields == {}


def test_an_essay_page_holding_only_the_authors_name_counts() -> None:
    """An essay whose second page held only "Жұмабеков Н.Қ." was counted two words short: that page had too
    few words to read fields from, and the count skipped it."""
    one_page = interpret(extracted("essay.pdf", s.ESSAY_RU), "essay")
    two_pages = interpret(extracted("essay.pdf", s.ESSAY_RU, "Жұмабеков Н.Қ."), "essay")
    assert one_page.word_count is not None and two_pages.word_count is not None
    assert two_pages.word_count.words == one_page.word_count.words + 2
    # a page with no word at all (a scanned blank back, a lone page number) adds nothing
    blank_back = interpret(extracted("essay.pdf", s.ESSAY_RU, " ~ \n 2 "), "essay")
    assert blank_back.word_count == one_page.word_count


def test_unreadable_or_textless_gives_no_fields() -> None:
    junk = interpret(extracted("x.pdf", "  \n ~~ \n"), "diploma")
    assert (junk.fields, junk.names, junk.detected_kind) == ({}, (), None)
    none = interpret(extracted("y.pdf"), "essay")
    assert none.fields == {} and none.word_count is None


def test_an_iin_label_with_its_s_read_as_ie_still_labels_the_iin() -> None:
    """Two scanned Kazakh forms read "ЖЕН: 890722366359" (С read as Е): the IIN was not found, and a
    clean teacher went to a person on an incomplete form. Only before a colon: "жен" is also a word."""
    form = (
        "Педагогтің аттестаттау рәсіміне қатысуға өтініші\n"
        "Т.А.Ә. (бар болса): Әбілқасымова Гүлнар Серікқызы\n"
        f"ЖЕН: {s.IIN}\n"
        "Лауазымы, жұмыс орны, электрондық пошта: математика пәнінің мұғалімі, № 12 ЖББМ, g.abil@example.kz\n"
        "«14» қыркүйек 2026 жыл"
    )
    assert values(form, "application")[form_entries.IIN] == s.IIN
    assert values(form.replace("ЖЕН", "ЖСН"), "application")[form_entries.IIN] == s.IIN
    cert = s.CATEGORY_CERT_KK.replace("ЖСН ", "ЖЕН: ")
    assert "ЖЕН: " in cert and values(cert, "category_certificate")["iin"] == s.IIN
    assert "iin" not in values(f"Әйелдер мен жен {s.IIN} туралы", "course_certificate")
    assert form_entries.IIN not in values(form.replace("ЖЕН:", "жен"), "application")
