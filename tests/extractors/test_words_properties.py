"""Property-based tests of the essay word rule (contract §3)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.words import count_essay_words

LETTERS = "абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһі"
word = st.text(alphabet=LETTERS, min_size=2, max_size=12)
words = st.lists(word, min_size=1, max_size=60)
punct = st.sampled_from(["-", "–", "—", "№", "____", ",", "…", "!"])


@settings(max_examples=60, deadline=None)
@given(words)
def test_words_between_spaces_count_one_each(ws: list[str]) -> None:
    counted = count_essay_words([" ".join(ws)])
    assert counted.words == len(ws)
    assert counted.office_words == len(ws)


@settings(max_examples=60, deadline=None)
@given(words, st.lists(punct, min_size=1, max_size=5))
def test_standalone_symbols_are_not_words_but_office_counts_them(ws: list[str], symbols: list[str]) -> None:
    tokens = ws + [s for s in symbols if s not in "–—"]
    counted = count_essay_words([" ".join(tokens)])
    assert counted.words == len(ws)
    assert counted.office_words >= counted.words


@settings(max_examples=60, deadline=None)
@given(words, st.integers(min_value=0, max_value=59))
def test_a_word_hyphenated_across_a_line_break_is_one_word(ws: list[str], at: int) -> None:
    i = at % len(ws)
    if len(ws[i]) < 4:
        return
    split = ws[i][:2] + "-\n" + ws[i][2:]
    text = " ".join([*ws[:i], split, *ws[i + 1 :]])
    assert count_essay_words([text]).words == len(ws)


@settings(max_examples=60, deadline=None)
@given(word, word, st.sampled_from(["–", "—"]))
def test_dashes_split_hyphens_join(a: str, b: str, dash: str) -> None:
    assert count_essay_words([f"{a}{dash}{b}"]).words == 2
    assert count_essay_words([f"{a}-{b}"]).words == 1
