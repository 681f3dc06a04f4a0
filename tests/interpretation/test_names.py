"""Name comparison: Kazakh/Russian spellings, cases, patronymics, initials, order; others and maiden."""

import pytest

from extractors.holder_names import holder_names, listed_names, name_spans
from extractors.name_matching import compare_names, name_key, patronymic_root

APPLICANT = "Әбілқасымова Гүлнар Серікқызы"

TABLE = [
    # the same person, written in many ways
    ("Әбілқасымова Гүлнар Серікқызы", "same"),
    ("ӘБІЛҚАСЫМОВА ГҮЛНАР СЕРІКҚЫЗЫ", "same"),
    ("Абилкасымова Гульнар Сериковна", "same"),
    ("Абилкасымовой Гульнар Сериковне", "same"),  # Russian dative
    ("Абилкасымовой Гульнар Сериковны", "same"),  # Russian genitive
    ("Әбілқасымова Гүлнар Серікқызына", "same"),  # Kazakh dative
    ("Әбілқасымованың Гүлнар Серікқызының", "same"),  # Kazakh genitive
    ("Әбілқасымова Гүлнар Серік қызы", "same"),  # patronymic written apart
    ("Гүлнар Серікқызы Әбілқасымова", "same"),  # surname last
    ("Гульнар Абилкасымова", "same"),
    ("Әбілқасымова Г.С.", "same"),
    ("Г.С. Әбілқасымова", "same"),
    ("Абилкасымова Г. С.", "same"),
    ("Aбилкасымова Гульнар Сериковна", "same"),  # Latin A from OCR
    # a maiden name: same first name and patronymic, another surname
    ("Нұрланова Гүлнар Серікқызы", "maiden"),
    ("Нурлановой Гульнар Сериковне", "maiden"),
    # another person
    ("Иванова Мария Петровна", "different"),
    ("Серікова Айгүл Болатқызы", "different"),
    ("Жумабаеву Ерлану Нурлановичу", "different"),
    ("Иванова М.П.", "different"),
    # not sure: a person must look
    ("Абилкасымова Гульнара Сериковна", "unsure"),  # Гүлнар / Гульнара
    ("Абилкасьмова Гульнар Сериковна", "unsure"),  # OCR misread letter
    ("Абилкасымова Гульнар Ерлановна", "unsure"),  # another patronymic
    ("Гульнар Сериковна", "unsure"),  # no surname
    ("Абилкасымова А.Б.", "unsure"),  # same surname, other initials
    ("Гүлнарға", "unsure"),
    ("Abilkassymova Gulnar", "unsure"),  # Latin transliteration
    ("Әбілқасымов Ерлан Серікұлы", "unsure"),  # a brother: surname differs by one letter
    ("", "unsure"),
]


@pytest.mark.parametrize(("found", "expected"), TABLE)
def test_compare_with_applicant(found: str, expected: str) -> None:
    assert compare_names(APPLICANT, found) == expected


@pytest.mark.parametrize(
    ("applicant", "found", "expected"),
    [
        ("Сейтқали Нұрлан Жұмабайұлы", "Сейткали Нурлан Жумабаевич", "same"),
        ("Сейтқали Нұрлан Жұмабайұлы", "Сейткали Нурлану Жумабаевичу", "same"),  # masculine dative
        ("Сейтқали Нұрлан Жұмабайұлы", "Сейтқали Н.Ж.", "same"),
        ("Сейтқали Нұрлан Жұмабайұлы", "Нурлан Сейткали", "same"),
        ("Ахметова Жанар Болатовна", "Ахметова Жанара Болатовна", "unsure"),  # Жанар / Жанара
        ("Ахметова Жанара Болатовна", "Ахметовой Жанаре Болатовне", "same"),
        ("Ахметова Жанар Болатовна", "Ахметовой Жанаре Болатовне", "unsure"),
        ("Абилкасымова Гульнар", "Абилкасымовой Гульнар Сериковне", "same"),  # no patronymic declared
        ("Иванов Петр Сергеевич", "Иванову Петру Сергеевичу", "same"),
        ("Иванов Петр Сергеевич", "Ивановым Петром Сергеевичем", "same"),
    ],
)
def test_compare_pairs(applicant: str, found: str, expected: str) -> None:
    assert compare_names(applicant, found) == expected


def test_keys_fold_kazakh_letters() -> None:
    assert name_key("Әбілқасымова") == name_key("Абилкасымова")
    assert name_key("Гүлнар") == name_key("Гульнар")
    assert name_key("Нұрлан") == name_key("Нурлан")
    assert name_key("Жанар") != name_key("Жанара")


def test_patronymic_roots_agree_across_languages() -> None:
    assert patronymic_root(name_key("Серікқызы")) == patronymic_root(name_key("Сериковна")) == "серик"
    assert patronymic_root(name_key("Жұмабайұлы")) == patronymic_root(name_key("Жумабаевич"))
    assert patronymic_root(name_key("Гүлнар")) is None


# The independent sets' names that were "unsure" (a clean submission sent to a person): Russian cases of
# Kazakh names, Kazakh spellings of Russian-spelt manifests. Ө is О or У in Russian; "йі" is "и"; the
# "ы" of "уы" is dropped.
ACROSS_SPELLINGS = [
    ("Өтегенов Ерлан Мұратұлы", "Өтегенов Ерлан Мұратұлына", "same"),
    ("Өтегенов Ерлан Мұратұлы", "Утегенову Ерлану Муратовичу", "same"),
    ("Өтегенов Ерлан Мұратұлы", "Отегенов Ерлан Муратович", "same"),
    ("Сейітова Айгүл Бекболатқызы", "Сеитовой Айгуль Бекболатовне", "same"),
    ("Каржаубаев Бауржан Сакенович", "Қаржаубаев Бауыржан Сәкенұлы", "same"),
    ("Төлегенова Әсел Жөргенқызы", "Тулегеновой Асель Жургеновне", "same"),
    ("Дүйсенбаева Гүлмира Әлібекқызы", "Дюсенбаевой Гульмиры Алибековны", "same"),  # үй / ю
    ("Сейітова Алия Бекболатқызы", "Сеитовой Алии Бекболатовны", "same"),  # genitive Алии stays a case ending
    ("Абилкасымов Бахытжан Талгатович", "Әбілқасымов Бақытжан", "same"),  # қ / х
    ("Ахметова Айгуль Каримовна", "Ақметова Айгүл", "same"),
    # О and У are different letters where no Ө stands behind them: another surname is no match
    ("Омаров Ерлан Муратович", "Умаров Ерлан Муратович", "unsure"),
    ("Өтегенов Ерлан Мұратұлы", "Иванов Петр Сергеевич", "different"),
    # Kazakh ы is often a Russian у
    ("Жакупова Динара Ермековна", "Жақыпова Динара Ермекқызына", "same"),
    ("Турсунов Ерлан Маратович", "Тұрсынов Ерлан Маратұлы", "same"),
    # the same family's surname, another first name and patronymic: an order listing a relative
    ("Дюсенбаев Бахытжан Муратович", "Дюсенбаева Гульнар Сериковна", "different"),
    ("Дюсенбаев Бахытжан Муратович", "Дюсенбаев Бахытжан", "same"),
    # ... also when the relative is of the other sex: her husband or brother, listed on an order
    ("Ғабдуллина Гүлмира Болатқызы", "Габдуллин Бахытжан Жаксылыкович", "different"),
    ("Ғабдуллина Гүлмира Болатқызы", "Габдуллин Гүлмира Болатқызы", "unsure"),  # her name, a letter lost
]


@pytest.mark.parametrize(("applicant", "found", "verdict"), ACROSS_SPELLINGS)
def test_names_across_kazakh_and_russian_spellings(applicant: str, found: str, verdict: str) -> None:
    assert compare_names(applicant, found) == verdict


# A two-column certificate read by OCR across its gutter: the Kazakh column's name, then the Russian column's
# sentence. One span of five words was "unsure"; they are two names, cut at the cue word between them, and a
# cue word OCR misread by a letter ("Настояший") is still a cue word, not a part of the name.
@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Ковалева Наталья Выдано Ковалевой Наталье", ["Ковалева Наталья", "Ковалевой Наталье"]),
        ("Телеуова Гулнар Выдано Толеуовой Гульнар", ["Телеуова Гулнар", "Толеуовой Гульнар"]),
        ("Әбілқасымов Бақытжан Настояший", ["Әбілқасымов Бақытжан"]),
        ("Выдана Ковалевой Наталье Александровне", ["Ковалевой Наталье Александровне"]),
        ("Дана Ковалевой Елене Викторовне в", ["Ковалевой Елене Викторовне"]),
        ("Серикова Дана Маратовна", ["Серикова Дана Маратовна"]),  # Дана, a first name
    ],
)
def test_names_are_cut_at_cue_words_inside_a_line(line: str, names: list[str]) -> None:
    assert name_spans(line) == names


def test_a_name_that_opens_the_line_after_a_cue_word_is_the_holder() -> None:
    """ "Дана" / "Соколову Андрею Александровичу в" / "том, что …": the name was taken as a loose one (0.7),
    and a certificate of another teacher went to a person instead of being refused."""
    hits = holder_names([(1, "СЕРТИФИКАТ\nДана\nСоколову Андрею Александровичу в\nтом, что он прошёл курсы")])
    assert [(h.name, h.certainty) for h in hits] == [("Соколову Андрею Александровичу", 0.95)]


@pytest.mark.parametrize(
    ("found", "verdict"),
    [
        ("Жақыпова Нұргүл Ермекқызы", "different"),  # only the first name shared: another woman
        ("Жакуповой Нургуль Ермековне", "different"),  # the same, in a Russian order's dative
        ("Жақыпова Нұргүл Болатқызы", "maiden"),  # the patronymic kept: a maiden (or married) name
        ("Шәкенова Нұргүл Ермекқызы", "unsure"),  # the surname kept: for a person to look at
        ("Жақыпова Нұргүл", "unsure"),  # no patronymic to tell them apart
        ("Шакенава Нургуль Болатовна", "unsure"),  # a misread letter is a near spelling: a person looks
    ],
)
def test_a_shared_first_name_alone_is_another_person(found: str, verdict: str) -> None:
    assert compare_names("Шәкенова Нұргүл Болатқызы", found) == verdict


@pytest.mark.parametrize(
    ("found", "verdict"),
    [
        ("С.С. Құрманғалиева", "different"),  # another surname, the patronymic's initial another: a signatory
        ("Құрманғалиева Б.С.", "different"),  # the first name's initial another
        ("С.Б. Құрманғалиева", "unsure"),  # both initials hers: a maiden name is possible
        ("С.С. Жақыпова", "unsure"),  # her surname: a misread initial is for a person to judge
    ],
)
def test_another_surname_with_another_initial_is_another_person(found: str, verdict: str) -> None:
    assert compare_names("Жақыпова Сәуле Болатқызы", found) == verdict


@pytest.mark.parametrize(
    ("applicant", "found", "verdict"),
    [
        ("Үсенова Әсел Ерланқызы", "Есенова Қарлығаш Ермекқызы", "different"),  # a near surname, the rest another's
        ("Үсенова Әсел Ерланқызы", "Есенова Әсел Ерланқызы", "unsure"),  # a near surname alone: a misreading
        ("Дәулетова Ләззат Серікқызы", "Е.Б. Дәулетов", "different"),  # her surname's male form, other initials
        ("Дәулетова Ләззат Серікқызы", "Л.С. Дәулетов", "unsure"),  # her initials: a letter lost
        ("Дәулетова Ләззат Серікқызы", "Е.Б. Дәулетова", "unsure"),  # her own surname: a person judges
        # another surname and first name with a patronymic a letter or two off (eval seed 2092, an order)
        ("Төлеуова Әсел Нұрланқызы", "Жұмабаева Қарлығаш Ерланқызы", "different"),
        ("Төлеуова Әсел Нұрланқызы", "Төлеуова Әсел Ерланқызы", "unsure"),  # her name, the patronymic misread
        ("Төлеуова Әсел Нұрланқызы", "Жұмабаева Әсел Ерланқызы", "unsure"),  # her first name kept
    ],
)
def test_a_near_or_male_surname_with_everything_else_another(applicant: str, found: str, verdict: str) -> None:
    assert compare_names(applicant, found) == verdict


def test_an_orders_entry_with_a_capital_split_from_its_word_still_lists_the_teacher() -> None:
    """The names of a numbered entry are found with OCR's split capitals joined ("Г ауһар" -> "Гауһар"), but
    were compared with the entry as read: the applicant's own entry counted for nothing, while the other
    teachers' entries were certain, and a wholly read order could then show the applicant "not listed"."""
    text = (
        "БҰЙРЫҚ\n"
        "1. Ахметова Динара Сериковна – математика пәнінің мұғалімі\n"
        "2. Бейсенова Г ауһар Сапарқызы – физика пәнінің мұғалімі\n"
        "3. Жұмабеков Нұрлан Қайратұлы – тарих пәнінің мұғалімі\n"
    )
    listed = {h.name: h.certainty for h in listed_names([(1, text)])}
    assert listed.get("Бейсенова Гауһар Сапарқызы") == 0.95, listed
    assert listed.get("Ахметова Динара Сериковна") == 0.95
    # likewise a holder's name opening the line after "выдан", with its first capital split off
    text = "СЕРТИФИКАТ\nНастоящий сертификат выдан\nБ ейсеновой Гаухар Сапаровне, учителю физики,\nв том, что она"
    assert [(h.name, h.certainty) for h in holder_names([(1, text)])] == [("Бейсеновой Гаухар Сапаровне", 0.95)]


def test_a_table_row_whose_number_ocr_misread_still_lists_the_teacher() -> None:
    """A scanned order set as a table (eval seed 2092): the applicant's row was read "Е Смағұлова Жанар
    Нұрланқызы | қазақ тілі мен әдебиеті педагог-модератор", its number 3 read as "Е", and a clean teacher
    went to a person. The first cell of a row read with its borders holds the name, past a misread number;
    it shows the teacher listed (never that another is not)."""
    text = (
        "1 Смирнова Юлия Владимировна | биология пәнінің мұғалімі, № 16 | педагог-модератор\n"
        "Е Смағұлова Жанар Нұрланқызы | қазақ тілі мен әдебиеті педагог-модератор\n"
        "қазақ тілі мен әдебиеті | педагог-сарапшы\n"
    )
    listed = {h.name: h.certainty for h in listed_names([(1, text)])}
    assert listed == {"Смирнова Юлия Владимировна": 0.95, "Смағұлова Жанар Нұрланқызы": 0.7}, listed


def test_an_employment_records_title_and_label_are_no_holder() -> None:
    """A scanned Kazakh employment record (eval seed 2056): its title above the combined label line was read
    as the holder "ЕҢБЕК КІТАПШАСЫНАН ҮЗІНДІ Тегі", and a clean teacher was refused on another person's
    document; OCR had split the holder's name after a capital ("Г ауһар")."""
    text = (
        "«№ 65 жалпы білім беретін мектеп» КММ\n"
        "ЕҢБЕК КІТАПШАСЫНАН ҮЗІНДІ\n"
        "Тегі, аты, әкесінің аты: Бейсенова Г ауһар Сапарқызы\n"
        "ЖСН: 851218457679\n"
        "Туған күні: 18.12.1985\n"
    )
    names = [h.name for h in holder_names([(1, text)])]
    assert names == ["Бейсенова Гауһар Сапарқызы"]
    assert holder_names([(1, "ВЫПИСКА ИЗ ТРУДОВОЙ КНИЖКИ\nФамилия, имя, отчество: Иванова Анна Петровна")])[0].name == (
        "Иванова Анна Петровна"
    )
    # One-letter words keep their space: "В мае" is no "Вмае".
    assert [h.name for h in holder_names([(1, "В мае Сидорову Ивану Петровичу выдана справка")])] == [
        "Сидорову Ивану Петровичу"
    ]


def test_a_name_the_language_does_not_parse_is_misread() -> None:
    """A word twice, or a patronymic's mark in no case form, is OCR's; every case form of a real name is not."""
    from extractors.name_matching import misread_name

    assert misread_name("Сарсенбаевой Акмарал Ақмарал Толеаткызыма")
    assert misread_name("Сарсенбаева Ақмарал Толеаткызыма")
    for name in (
        "Сәрсенбаева Ақмарал Тәлғатқызы",
        "Өтегенов Ерлан Мұратұлына",
        "Утегенову Ерлану Муратовичу",
        "Сеитовой Айгуль Бекболатовне",
        "Жумабаевой Айгерим Муратовны",
        "Улыбина Анна Петровна",  # a mark at a word's start is none
        "Кызыров Ерлан Ерланұлы",
    ):
        assert not misread_name(name), name
