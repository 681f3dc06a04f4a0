import random

import pytest

from extractors.words import count_essay_words, strip_page_numbers, tokens

KAZAKH_VOCAB = (
    "ғылым",
    "қоғам",
    "ұстаз",
    "үміт",
    "әдіс",
    "білім",
    "оңай",
    "өмір",
    "һәм",
    "оқушы",
    "мектеп",
    "сабақ",
    "тәрбие",
    "ұлағат",
    "жауапкершілік",
    "Қазақстан",
)


@pytest.mark.parametrize(
    ("text", "words", "office"),
    [
        ("оқу-ағарту", 1, 1),
        ("2024-2025", 1, 1),
        ("250–300", 2, 2),  # en dash separates
        ("ұстаз—тәрбиеші", 2, 2),  # em dash separates
        ("ұстаз — тәрбиеші", 2, 2),
        ("сөз , сөз ! ?", 2, 5),  # standing punctuation is not a word
        ("№ 12 мектеп", 2, 3),
        ("ұстаз - тәрбиеші", 2, 3),  # a spaced hyphen: the office count sees it
        ("аты-жөні: ____", 1, 2),
        ("ғ қ ұ ү ә і ң ө һ", 9, 9),  # each Kazakh letter is a word
        ("«Ұстаз» (ұлағат) ,әдіс.", 3, 3),
        ("оқы-\nту", 1, 1),  # re-joined across the line break
        ("оқы-\n ту", 1, 1),
        ("5%", 1, 1),
        ("", 0, 0),
    ],
)
def test_word_rule(text: str, words: int, office: int) -> None:
    count = count_essay_words([text])
    assert (count.words, count.office_words) == (words, office)


def test_kazakh_words_are_never_split() -> None:
    assert tokens("Жауапкершілікті ұғынған ұстаздың өңірдегі қағидалары һәм") == [
        "Жауапкершілікті",
        "ұғынған",
        "ұстаздың",
        "өңірдегі",
        "қағидалары",
        "һәм",
    ]


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ("3\nМәтін бар", "Мәтін бар"),
        ("Мәтін бар\n\n  12  \n", "Мәтін бар"),
        ("- 2 -\nМәтін\n— 3 —", "Мәтін"),
        ("Мәтін\n3/10", "Мәтін"),
        ("Мәтін\n2025", "Мәтін\n2025"),  # a year is not a page number
        ("Мәтін\n5 сынып\nсоңы", "Мәтін\n5 сынып\nсоңы"),  # a number inside the page counts
    ],
)
def test_page_numbers(page: str, kept: str) -> None:
    assert strip_page_numbers(page).strip() == kept


def test_page_numbers_only_at_top_or_bottom() -> None:
    assert count_essay_words(["1\nБір екі\n7\nүш\n2"]).words == 4


def test_title_counts() -> None:
    assert count_essay_words(["Менің ұстазым\n\nБір екі үш."]).words == 5


def test_hyphenation_across_a_page_break() -> None:
    assert count_essay_words(["бірінші оқы-\n1", "2\nту соңы"]).words == 3


def _essay(n_words: int, seed: int = 2025) -> tuple[list[str], int]:
    """A generated Kazakh essay of exactly `n_words` rule words over two numbered pages, with traps."""
    rnd = random.Random(seed)
    words = [rnd.choice(KAZAKH_VOCAB) for _ in range(n_words - 4)]
    words += ["оқу-ағарту", "2024-2025", "250", "300"]
    rnd.shuffle(words)
    lines: list[str] = []
    for i in range(0, len(words), 10):
        lines.append(" ".join(words[i : i + 10]) + " —")  # a standing em dash per line
    lines[3] = lines[3] + " № ____"  # office-only tokens
    lines[5] = lines[5].replace(" —", "") + " тәр-"
    lines[6] = "бие " + lines[6]  # "тәр-\nбие" re-joins into one extra word
    half = len(lines) // 2
    pages = ["\n".join(lines[:half]) + "\n1", "2\n" + "\n".join(lines[half:])]
    return pages, n_words + 1  # the hyphenated "тәрбие" is one extra word


def test_generated_250_word_kazakh_essay() -> None:
    pages, expected = _essay(250)
    count = count_essay_words(pages)
    assert count.words == expected
    assert count.office_words == expected + 2  # № and ____
