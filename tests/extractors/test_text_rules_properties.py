"""The quick forms of three text rules against their plain statements (a character loop each).

The regular expressions in `extractors.quality`, `extractors.normalise` and
`extractors.text_folding` stand for these loops only to save time; here they must agree on any text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import normalise, quality, text_folding

ALPHABET = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАӘҒҚҢӨҰҮҺІЁ"
    "aAbBcCeEhHiIkKmMoOpPtTxXyYzZéÉğşçÆŋ"
    "-'’\"«».,;:!?()0123456789_ \n\t\u00a0\u00ad\u0482\u0483\u04c0中"
)
texts = st.text(alphabet=ALPHABET, max_size=60)


def _plain_looks_like_word(token: str) -> bool:
    """The rule as the module docstring states it."""
    core = token.strip(quality._EDGE_PUNCT)
    letters = [ch for ch in core if ch not in "-'’"]
    if len(letters) < 2:
        return False
    if not all(ch.isalpha() and ("\u0400" <= ch <= "\u04ff" or ch.isascii()) for ch in letters):
        return False
    return any(ch in quality._VOWELS for ch in letters)


def _plain_mixed_words(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u052f")
        lat = sum(1 for ch in word if ch.isascii() or "\u00c0" <= ch <= "\u024f")
        return word if cyr == 0 or lat == 0 or lat > cyr else word.translate(normalise._LATIN_TO_CYRILLIC)

    return re.sub(r"[^\W\d_]+", fix, text)


def _plain_fold(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return word.translate(text_folding._LOOKALIKE) if text_folding._CYR.search(word) else word

    return re.sub(r"\S+", fix, text.lower()).translate(text_folding._FOLD)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET.replace(" ", "").replace("\n", "").replace("\t", ""), max_size=8)))
def test_word_test_matches_the_plain_rule(tokens: list[str]) -> None:
    for token in tokens:
        assert quality._looks_like_word(token) == _plain_looks_like_word(token), token


@settings(max_examples=300, deadline=None)
@given(texts)
def test_mixed_word_fixing_matches_the_plain_rule(text: str) -> None:
    assert normalise._LATIN_LETTER_RUN.sub(normalise._fix_mixed_word, text) == _plain_mixed_words(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_folding_matches_the_plain_rule(text: str) -> None:
    assert text_folding.fold_text(text) == _plain_fold(text)
