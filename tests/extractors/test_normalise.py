import pytest

from extractors.normalise import normalise_text, rejoin_hyphenated
from extractors.quality import has_real_words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u0259ке \u018fлем", "әке Әлем"),  # Latin schwa
        ("\u04a1ала \u04a0азақ", "қала Қазақ"),  # Bashkir qa
        ("мұғaлiм", "мұғалім"),  # Latin a and i inside a Cyrillic word
        ("iPhone Kazakhstan", "iPhone Kazakhstan"),  # Latin words are left alone
        ("білім", "білім"),  # Kazakh і (U+0456) stays
        ("оқы-\nту", "оқыту"),
        ("Алматы-\nАстана", "Алматы-Астана"),
        ("2024-\n2025", "2024-2025"),
        ("тізім -\nжалғасы", "тізім -\nжалғасы"),  # a spaced dash at a line end is not a break
        ("а\u00a0б\u2009в  г\u200bд", "а б в гд"),
        ("(cid:25)(cid:18)мәтін", "мәтін"),
        ("e\u0301", "é"),  # NFC
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_soft_hyphen_at_line_end_joins_even_before_capital() -> None:
    assert rejoin_hyphenated("Қазақ\u00ad\nСТАН") == "ҚазақСТАН"


@pytest.mark.parametrize(
    ("text", "real"),
    [
        ("Педагогтердің біліктілігін арттыру", True),
        ("test example", True),
        ('"7+%-', False),
        ("\x19\x12", False),
        ("䴀甀氀琀椀挀漀氀漀爀䈀氀愀挀欀 倀甀爀攀", False),
        ("12 34 56", False),
        ("", False),
    ],
)
def test_real_words(text: str, real: bool) -> None:
    assert has_real_words(normalise_text(text)) is real
