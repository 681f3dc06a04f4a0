"""Does a text layer say anything? Fonts without a Unicode map give text layers of garbage.

A text layer counts only when it has real words: at least one token that looks like a Kazakh,
Russian or English word (letters of the Cyrillic or Latin script only, two or more of them, at
least one vowel), making up at least half of the tokens that are not pure numbers/punctuation.
Garbage such as `"7+%-`, `(cid:25)`, control characters or CJK produced by a wrong byte mapping
fails this, and the page is OCR'd instead.

The test runs on every text page, several times while a page is decided, so it is one regular
expression per token (a character loop in Python cost ~10 ms a page) and the last texts' results
are remembered.
"""

import re
from functools import lru_cache

_VOWELS = "аәеёиіоөуұүыэюяaeiouyАӘЕЁИІОӨУҰҮЫЭЮЯAEIOUY"
_EDGE_PUNCT = "\"'«»“”„()[]{}.,;:!?…*/\\|<>"
_NUMERIC = re.compile(r"^[\d\W_]+$")
MIN_REAL_SHARE = 0.5

# A word letter: a letter of the Cyrillic block (U+0400-U+04FF) or of ASCII. The class is built
# from str.isalpha, so it is the same set of letters Python calls letters.
_LETTER = "".join(ch for ch in map(chr, [*range(0x41, 0x7B), *range(0x400, 0x500)]) if ch.isalpha())
_JOINERS = "-'’"
# Two or more letters (joiners anywhere in between), at least one of them a vowel.
_WORD = re.compile(f"[{_JOINERS}]*(?=[{_JOINERS}{_LETTER}]*[{_VOWELS}])(?:[{_LETTER}][{_JOINERS}]*){{2,}}")


def _looks_like_word(token: str) -> bool:
    return _WORD.fullmatch(token.strip(_EDGE_PUNCT)) is not None


@lru_cache(maxsize=16)
def real_word_stats(text: str) -> tuple[int, int]:
    """(word-like tokens, tokens that are not pure numbers or punctuation)."""
    tokens = [t for t in text.split() if not _NUMERIC.match(t)]
    return sum(1 for t in tokens if _looks_like_word(t)), len(tokens)


def has_real_words(text: str) -> bool:
    """True when `text` reads as language, not as a glyph-id dump."""
    real, considered = real_word_stats(text)
    return real >= 1 and real >= MIN_REAL_SHARE * considered
