"""Each reading check: fail on clear evidence, review on uncertain evidence, nothing when fine."""

from extractors.interpret import interpret
from models.verdict import Finding
from tests.interpretation import samples as s
from tests.interpretation.helpers import context, extracted, reading
from validators.application_form import check_application_incomplete
from validators.catalogue import CATALOGUE
from validators.category import check_category_declared_mismatch, check_category_expired
from validators.confidence import check_low_confidence
from validators.identity import check_iin_mismatch, check_name_mismatch
from validators.iin import iin_is_valid
from validators.inconsistent_dates import check_dates_inconsistent


def statuses(findings: list[Finding]) -> list[tuple[str, str]]:
    for f in findings:
        assert f.message.kk and f.message.ru
        assert (f.ground is not None) == (f.status == "fail")
    return [(f.check, f.status) for f in findings]


# --- application.incomplete --------------------------------------------------------------------


def test_application_complete_passes() -> None:
    for text in (s.APPLICATION_KK, s.APPLICATION_RU):
        assert check_application_incomplete(context(reading("application", text))) == []


def test_application_blank_entries_fail_on_a_clear_form() -> None:
    found = check_application_incomplete(context(reading("application", s.APPLICATION_RU_BLANK)))
    assert statuses(found) == [("application.incomplete", "fail")]
    assert found[0].ground == 2
    assert set(found[0].evidence["blank"]) == {"form.iin", "form.position"}


def test_a_blank_part_of_the_combined_entry_is_a_blank_entry() -> None:
    """Annex 2's "position, workplace, e-mail" entry with the position left out (", school, mail") was read
    with the school as the position, and a form missing a required entry was accepted."""
    kk = s.APPLICATION_KK.replace(
        "пошта: математика пәнінің мұғалімі, № 12 ЖББМ, g.abil@example.kz", "пошта: , № 12 ЖББМ, g.abil@example.kz"
    )
    ru = s.APPLICATION_RU.replace(
        "Должность: учитель математики\nМесто работы: КГУ «Общеобразовательная школа № 12», г. Павлодар\n"
        "Электронная почта: g.abilkassymova@example.kz",
        "Должность, место работы, электронная почта: , КГУ «Общеобразовательная школа № 12», г. Павлодар, "
        "g.abilkassymova@example.kz",
    )
    for text in (kk, ru):
        assert text not in (s.APPLICATION_KK, s.APPLICATION_RU)
        found = check_application_incomplete(context(reading("application", text)))
        assert statuses(found) == [("application.incomplete", "fail")], text
        assert found[0].evidence["blank"] == ["form.position"]
    # the workplace left out, the position given: the workplace is the blank one
    no_workplace = ru.replace(": , КГУ «Общеобразовательная школа № 12», г. Павлодар,", ": учитель математики, ,")
    assert no_workplace != ru
    found = check_application_incomplete(context(reading("application", no_workplace)))
    assert statuses(found) == [("application.incomplete", "fail")]
    assert found[0].evidence["blank"] == ["form.workplace"]


def test_a_blank_part_set_off_by_a_comma_ocr_read_as_a_low_quote_is_a_blank_entry() -> None:
    """A turned scan's ": , Общеобразовательная школа …" was read ": ‚ Общеобразовательная школа …" (U+201A),
    the school taken for the position, and a form missing its position accepted."""
    ru = s.APPLICATION_RU.replace(
        "Должность: учитель математики\nМесто работы: КГУ «Общеобразовательная школа № 12», г. Павлодар\n"
        "Электронная почта: g.abilkassymova@example.kz",
        "Должность, место работы, электронная почта: ‚ КГУ «Общеобразовательная школа № 12», г. Павлодар‚ "
        "g.abilkassymova@example.kz",
    )
    assert ru != s.APPLICATION_RU
    found = check_application_incomplete(context(reading("application", ru)))
    assert statuses(found) == [("application.incomplete", "fail")]
    assert found[0].evidence["blank"] == ["form.position"]


def test_a_combined_entry_wrapped_after_its_commas_is_whole() -> None:
    """A scanned form's "position, workplace, e-mail" entry ran over three lines, each ending in a comma; read
    line by line, the part after the first comma was a blank workplace, and a clear form without another
    workplace line would have been refused as incomplete."""
    ru = s.APPLICATION_RU.replace(
        "Должность: учитель математики\nМесто работы: КГУ «Общеобразовательная школа № 12», г. Павлодар\n"
        "Электронная почта: g.abilkassymova@example.kz",
        "Должность, место работы, электронная почта: учитель математики,\n"
        "Общеобразовательная школа № 12 города Павлодар,\nд. КигтапдаМуеуа50@6111т. К2",
    )
    assert ru != s.APPLICATION_RU
    read = reading("application", ru)
    assert check_application_incomplete(context(read)) == []
    assert read.fields["form.workplace"].value == "Общеобразовательная школа № 12 города Павлодар"
    assert read.fields["form.email"].value == "д. КигтапдаМуеуа50@6111т. К2"  # misread, and no workplace
    # a blank workplace is still blank when the next line is the request
    blank = ru.replace("Общеобразовательная школа № 12 города Павлодар,\nд. КигтапдаМуеуа50@6111т. К2\n", "")
    assert statuses(check_application_incomplete(context(reading("application", blank)))) == [
        ("application.incomplete", "fail")
    ]


def test_the_name_entry_is_known_by_its_hint_when_ocr_garbles_its_label() -> None:
    """ "Т.А.Ә. (бар болса)" read "Т.А. (бар болса)" and "Ф.И.О. (при наличии)" read "0.И.0. (при наличии)": the
    name entry was not found, and two clean forms went to a person."""
    kk = s.APPLICATION_RU.replace("Ф.И.О.: Абилкасымова", "Т.А. (бар болса): Абилкасымова")
    ru = s.APPLICATION_RU.replace("Ф.И.О.: Абилкасымова", "0.И.0. (при наличии): Абилкасымова")
    for text in (kk, ru):
        assert text != s.APPLICATION_RU
        read = reading("application", text)
        assert read.fields["form.name"].value == "Абилкасымова Гульнар Сериковна", text
        assert check_application_incomplete(context(read)) == []


def test_application_blank_on_low_confidence_scan_is_review() -> None:
    found = check_application_incomplete(context(reading("application", s.APPLICATION_RU_BLANK, confidence=55)))
    assert statuses(found) == [("application.incomplete", "review")]


def test_a_blank_on_a_page_ocr_read_only_fairly_is_review_and_on_a_well_read_scan_a_refusal() -> None:
    """A blurred, dark phone photo of a form was read at 80 (clean scans and photos read at 91-96) and its
    blank entry refused: the text around a blank may be lost on such a page, so a person looks."""
    fair = check_application_incomplete(context(reading("application", s.APPLICATION_RU_BLANK, confidence=80)))
    assert statuses(fair) == [("application.incomplete", "review")]
    good = check_application_incomplete(context(reading("application", s.APPLICATION_RU_BLANK, confidence=93)))
    assert statuses(good) == [("application.incomplete", "fail")]
    # read well, but its words cover 0.77 of the page's ink: the blank may be an entry that went unread
    doc = reading("application", s.APPLICATION_RU_BLANK, confidence=93)
    partly = doc.model_copy(
        update={
            "extracted": doc.extracted.model_copy(
                update={"pages": tuple(p.model_copy(update={"coverage": 0.77}) for p in doc.extracted.pages)}
            )
        }
    )
    assert statuses(check_application_incomplete(context(partly))) == [("application.incomplete", "review")]


def test_the_forms_date_below_its_last_sentence_needs_no_caption() -> None:
    """Forms dated «03» желтоқсан 2026 жыл (or 3 декабря 2026 г.) without a printed "(қолы)"/"(подпись)"
    went to a person on 60 of 64 independent submissions: the date was never found."""
    kk = s.APPLICATION_KK.replace(
        "«14» қыркүйек 2026 жыл ____________ (қолы)", "«14» қыркүйек 2026 жыл\nГ. Әбілқасымова"
    )
    ru = s.APPLICATION_RU.replace("Дата: 14.09.2026 ____________ (подпись)", "14 сентября 2026 г.\nГ. Абилкасымова")
    for text in (kk, ru):
        assert text not in (s.APPLICATION_KK, s.APPLICATION_RU)
        assert check_application_incomplete(context(reading("application", text))) == []
    # with no date at all below the last sentence, the date is still "not found": a person looks
    undated = s.APPLICATION_RU.replace("Дата: 14.09.2026 ____________ (подпись)", "Г. Абилкасымова")
    found = check_application_incomplete(context(reading("application", undated)))
    assert statuses(found) == [("application.incomplete", "review")]


def test_a_forms_date_whose_day_ocr_misread_is_still_a_date_entered() -> None:
    """«03» декабря 2026 года read as «ӨЗ» or «50»: the form is dated all the same (clean scans went to a
    person); only the month and year are kept, so no day nobody could read is compared."""
    for day in ("«ӨЗ»", "«50»"):
        ru = s.APPLICATION_RU.replace("Дата: 14.09.2026 ____________ (подпись)", f"{day} сентября 2026 года ти ен")
        doc = reading("application", ru, confidence=93)
        assert doc.fields["form.date"].value == "2026-09"
        assert check_application_incomplete(context(doc)) == []
        assert check_dates_inconsistent(context(doc)) == []


def test_the_name_label_as_ocr_misreads_it_is_still_the_label() -> None:
    """Clean scans and photos of forms whose "Т.А.Ә." lost a dot ("Т.АӘ.") or whose "Ф.И.О." came out with a
    zero ("Ф.И.0.") went to a person: the name entry was "not found"."""
    for label in ("Т.АӘ. (бар болса):", "Ф.И.0. (при наличии):", "Ф.И.О.:"):
        text = f"{label} Өтегенов Серік Болатұлы\nЖСН: 901016393870"
        assert reading("application", text, confidence=93).fields["form.name"].value == "Өтегенов Серік Болатұлы"


def test_application_entry_not_found_is_review() -> None:
    text = "\n".join(ln for ln in s.APPLICATION_RU.splitlines() if not ln.startswith("Должность"))
    found = check_application_incomplete(context(reading("application", text)))
    assert statuses(found) == [("application.incomplete", "review")]
    assert found[0].evidence["unsure"] == ["form.position"]


# --- identity.iin_mismatch ---------------------------------------------------------------------


def test_iin_matches() -> None:
    assert check_iin_mismatch(context(reading("category_certificate", s.CATEGORY_CERT_KK))) == []


def test_other_valid_iin_fails() -> None:
    doc = reading("category_certificate", s.CATEGORY_CERT_RU.replace(s.IIN, s.OTHER_IIN))
    found = check_iin_mismatch(context(doc))
    assert statuses(found) == [("identity.iin_mismatch", "fail")]
    assert found[0].ground == 1 and found[0].evidence["found"] == s.OTHER_IIN


def test_iin_failing_checksum_or_low_confidence_is_review() -> None:
    misread = reading("category_certificate", s.CATEGORY_CERT_RU.replace(s.IIN, "870412400413"))
    assert statuses(check_iin_mismatch(context(misread))) == [("identity.iin_mismatch", "review")]
    blurred = reading("category_certificate", s.CATEGORY_CERT_RU.replace(s.IIN, s.OTHER_IIN), confidence=60)
    assert statuses(check_iin_mismatch(context(blurred))) == [("identity.iin_mismatch", "review")]


def test_an_ocr_reading_that_is_no_iin_and_close_to_the_applicants_is_a_misread() -> None:
    """A clean scan's "8303523483434" for 830323483434 went to a person. A number OCR read that is no IIN
    (wrong length or checksum), unconfirmed by the second reading and within two digits of the applicant's
    IIN is that IIN misread; another person's valid IIN, or a confirmed reading, still goes to a person."""
    for misread in ("8704124004122", "870412400413", "87041240041"):
        doc = reading("category_certificate", s.CATEGORY_CERT_RU.replace(s.IIN, misread), confidence=93)
        assert check_iin_mismatch(context(doc)) == [], misread
    other = reading("category_certificate", s.CATEGORY_CERT_RU.replace(s.IIN, s.OTHER_IIN), confidence=93)
    assert statuses(check_iin_mismatch(context(other))) == [("identity.iin_mismatch", "review")]
    far = reading("category_certificate", s.CATEGORY_CERT_RU.replace(s.IIN, "870412411111"), confidence=93)
    assert statuses(check_iin_mismatch(context(far))) == [("identity.iin_mismatch", "review")]
    page = extracted("c.pdf", s.CATEGORY_CERT_RU.replace(s.IIN, "870412400413"), confidence=93).pages[0]
    confirmed = extracted("c.pdf", "", confidence=93).model_copy(
        update={"pages": (page.model_copy(update={"checked_numbers": ("870412400413",)}),)}
    )
    doc = interpret(confirmed, "category_certificate")
    assert statuses(check_iin_mismatch(context(doc))) == [("identity.iin_mismatch", "review")]


def test_iin_on_order_or_student_document_is_not_checked() -> None:
    text = s.OLYMPIAD_KK + "\nЖСН " + s.OTHER_IIN
    assert check_iin_mismatch(context(reading("student_achievements", text))) == []


def test_another_iin_against_an_invalid_applicant_iin_is_review() -> None:
    """A manifest IIN failing its checksum and documents carrying a valid IIN one digit away were refused on
    ground 1: the reference itself is wrong, so the difference proves nothing."""
    wrong_reference = s.IIN[:-1] + str((int(s.IIN[-1]) + 1) % 10)
    assert not iin_is_valid(wrong_reference) and iin_is_valid(s.IIN)
    ctx = context(reading("category_certificate", s.CATEGORY_CERT_RU))
    ctx = ctx.model_copy(
        update={
            "manifest": ctx.manifest.model_copy(
                update={"applicant": ctx.manifest.applicant.model_copy(update={"iin": wrong_reference})}
            )
        }
    )
    found = check_iin_mismatch(ctx)
    assert statuses(found) == [("identity.iin_mismatch", "review")]
    assert found[0].evidence["expected_checksum_ok"] is False and found[0].evidence["checksum_ok"] is True


# --- identity.name_mismatch --------------------------------------------------------------------


def test_names_of_the_applicant_pass_in_both_languages() -> None:
    docs = [
        reading("diploma", s.DIPLOMA_KK, file="d1.pdf"),
        reading("diploma", s.DIPLOMA_RU, file="d2.pdf"),
        reading("course_certificate", s.COURSE_RU),
        reading("employment_record", s.EMPLOYMENT_KK),
        reading("category_certificate", s.CATEGORY_CERT_RU),
        reading("category_order", s.CATEGORY_ORDER_KK),
        reading("professional_achievements", s.GRATITUDE_KK),
        reading("student_achievements", s.OLYMPIAD_KK),  # names a pupil: not checked
    ]
    assert check_name_mismatch(context(*docs)) == []


def test_certificate_of_another_person_fails() -> None:
    text = s.COURSE_KK.replace(s.APPLICANT, "Иванова Мария Петровна")
    found = check_name_mismatch(context(reading("course_certificate", text)))
    assert statuses(found) == [("identity.name_mismatch", "fail")]
    assert found[0].ground == 1


def test_an_organisations_name_is_not_a_holder() -> None:
    """«Назарбаев Зияткерлік мектептері» ДББҰ was read as a person "Назарбаев Зияткерлік", and a certificate
    clearly issued to another teacher went to review instead of refusal."""
    issuer = "«Назарбаев Зияткерлік мектептері» ДББҰ"
    for text in (
        s.COURSE_KK.replace(s.APPLICANT, "Иванова Мария Петровна").replace(
            "«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ филиалы", issuer
        ),
        f"{issuer}\nНазарбаев Зияткерлік мектептері ДББҰ\n"
        + s.COURSE_KK.replace(s.APPLICANT, "Иванова Мария Петровна"),
    ):
        assert issuer in text and "Иванова" in text
        found = check_name_mismatch(context(reading("course_certificate", text)))
        assert statuses(found) == [("identity.name_mismatch", "fail")], found
    # the applicant's own certificate from that issuer passes
    own = f"{issuer}\n" + s.COURSE_KK
    assert check_name_mismatch(context(reading("course_certificate", own))) == []


def test_the_holder_is_found_in_a_sentence_and_in_another_languages_cases() -> None:
    """ "Осы диплом Өтегенов Ерлан Мұратұлына берілді" and "выдан Утегенову Ерлану Муратовичу" name the
    applicant Өтегенов Ерлан Мұратұлы: no finding, the submission goes straight through."""
    kk = s.DIPLOMA_KK.replace(
        "Осы диплом Әбілқасымова Гүлнар Серікқызына\n2009", "Осы диплом Өтегенов Ерлан Мұратұлына берілді\n2009"
    )
    ru = s.DIPLOMA_RU.replace("Абилкасымовой Гульнар Сериковне", "Утегенову Ерлану Муратовичу")
    for text in (kk, ru):
        assert "Өтегенов" in text or "Утегенову" in text
        ctx = context(reading("diploma", text))
        applicant = ctx.manifest.applicant.model_copy(update={"full_name": "Өтегенов Ерлан Мұратұлы"})
        ctx = ctx.model_copy(update={"manifest": ctx.manifest.model_copy(update={"applicant": applicant})})
        assert check_name_mismatch(ctx) == []


def test_order_not_listing_the_applicant_fails() -> None:
    found = check_name_mismatch(context(reading("category_order", s.CATEGORY_ORDER_RU_OTHERS)))
    assert statuses(found) == [("identity.name_mismatch", "fail")]
    # by OCR, whole: a refusal; with a fifth of its ink unread, the applicant's row may be what was missed
    scanned = reading("category_order", s.CATEGORY_ORDER_RU_OTHERS, confidence=93)
    assert statuses(check_name_mismatch(context(scanned))) == [("identity.name_mismatch", "fail")]
    pages = tuple(p.model_copy(update={"coverage": 0.8}) for p in scanned.extracted.pages)
    partly = scanned.model_copy(update={"extracted": scanned.extracted.model_copy(update={"pages": pages})})
    assert statuses(check_name_mismatch(context(partly))) == [("identity.name_mismatch", "review")]


def test_maiden_name_is_review() -> None:
    text = s.GRATITUDE_KK.replace("Әбілқасымова Гүлнар Серікқызына", "Нұрланова Гүлнар Серікқызына")
    found = check_name_mismatch(context(reading("professional_achievements", text)))
    assert statuses(found) == [("identity.name_mismatch", "review")]
    assert found[0].evidence["reason"] == "maiden"


def test_other_name_on_low_confidence_scan_is_review() -> None:
    text = s.COURSE_KK.replace(s.APPLICANT, "Иванова Мария Петровна")
    found = check_name_mismatch(context(reading("course_certificate", text, confidence=50)))
    assert statuses(found) == [("identity.name_mismatch", "review")]


def test_another_persons_name_misread_is_review() -> None:
    """A phone photo of a course certificate issued to another teacher, "Сәрсенбаева Ақмарал Тәлғатқызы", read
    with the name at 71 (just above the bar) as "Сарсенбаевой Акмарал Ақмарал Толеаткызыма": refused, quoting a name we
    misread (field seed 9130). A word twice, or a patronymic in no case form, is a misreading: review."""
    for misread in ("Сарсенбаевой Акмарал Ақмарал Толеаткызыма", "Сарсенбаевой Акмарал Толеаткызыма"):
        text = s.COURSE_RU.replace("Абилкасымовой Гульнар Сериковне", misread)
        assert misread in text
        found = check_name_mismatch(context(reading("course_certificate", text, confidence=75)))
        assert statuses(found) == [("identity.name_mismatch", "review")], misread
    # read well, at the same confidence, the other teacher's name still refuses
    text = s.COURSE_RU.replace("Абилкасымовой Гульнар Сериковне", "Сарсенбаевой Акмарал Талгатовне")
    found = check_name_mismatch(context(reading("course_certificate", text, confidence=75)))
    assert statuses(found) == [("identity.name_mismatch", "fail")]


def test_name_not_found_is_review() -> None:
    found = check_name_mismatch(
        context(reading("course_certificate", "СЕРТИФИКАТ\nбіліктілікті арттыру курсы 72 сағат"))
    )
    assert statuses(found) == [("identity.name_mismatch", "review")]
    assert found[0].evidence["reason"] == "not_found"


# --- dates.inconsistent ------------------------------------------------------------------------


def test_dates_before_submission_pass() -> None:
    docs = [reading("course_certificate", s.COURSE_KK), reading("category_certificate", s.CATEGORY_CERT_KK)]
    assert check_dates_inconsistent(context(*docs)) == []


def test_issued_after_submission_fails() -> None:
    text = s.COURSE_RU.replace("Дата выдачи: 21.02.2025", "Дата выдачи: 15.09.2026")
    found = check_dates_inconsistent(context(reading("course_certificate", text)))
    assert statuses(found) == [("dates.inconsistent", "fail")]
    assert found[0].evidence["field"] == "issue_date"


def test_astana_date_decides_the_day() -> None:
    same_day = s.COURSE_RU.replace("Дата выдачи: 21.02.2025", "Дата выдачи: 14.09.2026")
    assert check_dates_inconsistent(context(reading("course_certificate", same_day))) == []
    # 20:30 UTC on the 13th is already the 14th in Astana: a certificate of the 14th is fine.
    after_midnight = context(reading("course_certificate", same_day), submitted_at="2026-09-13T20:30:00+00:00")
    assert check_dates_inconsistent(after_midnight) == []
    # 18:30 UTC on the 13th is 23:30 in Astana, still the 13th: the 14th is after the submission.
    before_midnight = context(reading("course_certificate", same_day), submitted_at="2026-09-13T18:30:00+00:00")
    assert statuses(check_dates_inconsistent(before_midnight)) == [("dates.inconsistent", "fail")]


def test_course_ending_before_start_fails_and_low_confidence_reviews() -> None:
    text = s.COURSE_RU.replace("с 10.02.2025 по 21.02.2025", "с 21.02.2025 по 10.02.2025")
    assert statuses(check_dates_inconsistent(context(reading("course_certificate", text)))) == [
        ("dates.inconsistent", "fail")
    ]
    assert statuses(check_dates_inconsistent(context(reading("course_certificate", text, confidence=60)))) == [
        ("dates.inconsistent", "review")
    ]


def test_valid_until_before_issue_fails() -> None:
    text = s.CATEGORY_CERT_RU.replace("Действительно до 25.12.2026", "Действительно до 25.12.2020")
    found = check_dates_inconsistent(context(reading("category_certificate", text)))
    assert statuses(found) == [("dates.inconsistent", "fail")]


def test_unlabelled_future_date_is_review() -> None:
    text = s.GRATITUDE_KK.replace("2024 жылғы 15 мамыр", "2027 жылғы 15 мамыр")
    found = check_dates_inconsistent(context(reading("professional_achievements", text)))
    assert statuses(found) == [("dates.inconsistent", "review")]


def test_a_course_that_ends_before_it_starts_fails_wherever_the_period_wraps() -> None:
    """ "с 18.02.2025 по 04.02.2025" was accepted: the period, wrapped onto two lines, was not read at all."""
    for period in ("с 18.02.2025 по 04.02.2025", "с 18.02.2025\nпо 04.02.2025", "с 18.02.2025 по\n04.02.2025"):
        text = s.COURSE_RU.replace("с 10.02.2025 по 21.02.2025", period)
        assert text != s.COURSE_RU
        found = check_dates_inconsistent(context(reading("course_certificate", text)))
        assert statuses(found) == [("dates.inconsistent", "fail")], period


def test_a_reversed_period_wrapped_away_from_its_course_words_still_fails() -> None:
    """A bilingual certificate scanned turned (field seed 9136), its period reversed. The Kazakh column wrapped
    the period away from the course's name ("… 05.09.2026 бастап" / "01.09.2026 дейін «…»"), and only that
    pair was looked at, as a bare pair of dates: review where a refusal was due. A period joined by its range
    words is as sure as a one-line period, and the Russian column's pair names the course ("курсы")."""
    text = """СЕРТИФИКАТ
Осы сертификат Ермекова Сәуле
Әлібекқызына 05.09.2026 бастап
01.09.2026 дейін «Оқушылардың
функционалдық сауаттылығын дамыту»
тақырыбы бойынша 80 академиялық
сағат көлемінде біліктілікті
арттыру курсынан өткені туралы
берілді.
Тіркеу нөмірі: 78731
Берілген күні: 07.09.2026
СЕРТИФИКАТ
Выдано Ермековой Сауле Алибековне в
том, что она с 05.09.2026 по
01.09.2026 прошел(ла) курсы
повышения квалификации по теме
«Развитие функциональной
грамотности обучающихся» в объёме
80 академических часов.
Дата выдачи: 07.09.2026"""
    found = check_dates_inconsistent(context(reading("course_certificate", text)))
    assert statuses(found) == [("dates.inconsistent", "fail")]
    kazakh_only = text.split("Выдано")[0]
    found = check_dates_inconsistent(context(reading("course_certificate", kazakh_only)))
    assert statuses(found) == [("dates.inconsistent", "fail")]


def test_two_dates_on_neighbouring_lines_without_a_range_word_are_only_review() -> None:
    text = s.COURSE_RU.replace("с 10.02.2025 по 21.02.2025", "18.02.2025\n04.02.2025")
    found = check_dates_inconsistent(context(reading("course_certificate", text)))
    assert statuses(found) == [("dates.inconsistent", "review")]


def test_a_course_certificate_whose_period_cannot_be_read_goes_to_a_person() -> None:
    """A reversed period on a poorly photographed certificate was not read at all, and the submission was
    accepted: with nothing to compare, no date could be found inconsistent."""
    for unread in ("с 18.О2.2О25 по О4.О2.2О25", ""):  # letters O for zeros, as OCR gives; or lost entirely
        text = s.COURSE_RU.replace("с 10.02.2025 по 21.02.2025", unread)
        found = check_dates_inconsistent(context(reading("course_certificate", text, confidence=60)))
        assert statuses(found) == [("dates.inconsistent", "review")]
        assert found[0].evidence["reason"] == "period_not_found"
    no_period = [reading("diploma", s.DIPLOMA_RU), reading("category_certificate", s.CATEGORY_CERT_RU)]
    assert check_dates_inconsistent(context(*no_period)) == []  # kinds without a period to read


# --- category.declared_mismatch / category.expired --------------------------------------------


def test_category_certificate_agrees() -> None:
    for text in (s.CATEGORY_CERT_KK, s.CATEGORY_CERT_RU):
        assert check_category_declared_mismatch(context(reading("category_certificate", text))) == []


def test_declared_category_differs_fails() -> None:
    doc = reading("category_certificate", s.CATEGORY_CERT_KK)
    ctx = context(
        doc,
        category="pedagog_moderator",
        current_category={"category": "pedagog_moderator", "valid_until": "2026-12-25"},
    )
    found = check_category_declared_mismatch(ctx)
    assert statuses(found) == [("category.declared_mismatch", "fail")]
    ctx2 = context(doc, current_category={"category": "pedagog_expert", "valid_until": "2027-05-31"})
    assert statuses(check_category_declared_mismatch(ctx2)) == [("category.declared_mismatch", "fail")]


def test_category_unreadable_or_blurred_is_review() -> None:
    blurred = reading("category_certificate", s.CATEGORY_CERT_RU, confidence=50)
    ctx = context(blurred, current_category={"category": "pedagog_master", "valid_until": "2026-12-25"})
    assert statuses(check_category_declared_mismatch(ctx)) == [("category.declared_mismatch", "review")]
    old = s.CATEGORY_CERT_RU.replace("«педагог-эксперт»", "высшая квалификационная категория")
    found = check_category_declared_mismatch(context(reading("category_certificate", old)))
    assert statuses(found) == [("category.declared_mismatch", "review")]


def test_category_expired() -> None:
    expired = context(current_category={"category": "pedagog_expert", "valid_until": "2026-09-13"})
    found = check_category_expired(expired)
    assert statuses(found) == [("category.expired", "fail")] and found[0].ground == 2
    assert (
        check_category_expired(context(current_category={"category": "pedagog_expert", "valid_until": "2026-09-14"}))
        == []
    )
    assign = context(
        action="assign",
        category="pedagog_master",
        current_category={"category": "pedagog_expert", "valid_until": "2020-01-01"},
    )
    assert check_category_expired(assign) == []


# --- extraction.low_confidence ----------------------------------------------------------------


def test_low_confidence_limits_and_textless() -> None:
    clear = reading("diploma", s.DIPLOMA_KK)
    blurred = reading("course_certificate", s.COURSE_KK, confidence=45, file="blurred.pdf")
    limited = interpret(extracted("big.pdf", s.GRAMOTA_RU, limit_hit="ocr_timeout"), "professional_achievements")
    textless = interpret(extracted("blank.pdf", ""), "essay")
    assert check_low_confidence(context(clear)) == []
    found = check_low_confidence(context(blurred, limited, textless))
    assert statuses(found) == [("extraction.low_confidence", "review")] * 3
    assert [f.document for f in found] == ["blurred.pdf", "big.pdf", "blank.pdf"]
    assert found[1].evidence["limit"] == ["ocr_timeout"]


def test_table_lists_every_reading_check() -> None:
    assert [entry.code for entry in CATALOGUE if entry.reads_documents] == [
        "document.kind_mismatch",
        "application.incomplete",
        "identity.iin_mismatch",
        "identity.name_mismatch",
        "dates.inconsistent",
        "category.declared_mismatch",
        "category.expired",
        "extraction.low_confidence",
        "essay.duplicate",
        "document.reused",
        "document.qr_mismatch",
        "document.signature_broken",
    ]


# --- numbers read by OCR ------------------------------------------------------------------------


def test_a_number_read_by_ocr_asks_for_a_person_and_never_refuses() -> None:
    """OCR misreads digits while sure of itself (2030 as 2050, 27.03 as 27.05, an IIN's digit): clean
    teachers were refused on such misreadings. The same documents from a text layer still refuse."""
    course = s.COURSE_RU.replace("с 10.02.2025 по 21.02.2025", "с 18.02.2025 по 04.02.2025")
    other_iin = s.CATEGORY_CERT_RU.replace(s.IIN, s.OTHER_IIN)
    for check, kind, text in (
        (check_dates_inconsistent, "course_certificate", course),
        (check_iin_mismatch, "category_certificate", other_iin),
    ):
        assert text not in (s.COURSE_RU, s.CATEGORY_CERT_RU)
        typed = check(context(reading(kind, text)))
        scanned = check(context(reading(kind, text, confidence=96)))
        assert [f.status for f in typed] == ["fail"], typed
        assert [f.status for f in scanned] == ["review"], scanned
