"""Does a text layer say anything? Fonts without a Unicode map give text layers of garbage.

A text layer counts only when it has real words: at least one token that looks like a Kazakh,
Russian or English word (letters of the Cyrillic or Latin script only, two or more of them, at
least one vowel), making up at least half of the tokens that are not pure numbers/punctuation.
Garbage such as `"7+%-`, `(cid:25)`, control characters or CJK produced by a wrong byte mapping
fails this, and the page is OCR'd instead.
"""

import re

_VOWELS = frozenset("аәеёиіоөуұүыэюяaeiouyАӘЕЁИІОӨУҰҮЫЭЮЯAEIOUY")
_EDGE_PUNCT = "\"'«»“”„()[]{}.,;:!?…*/\\|<>"
_NUMERIC = re.compile(r"^[\d\W_]+$")
MIN_REAL_SHARE = 0.5


def _is_word_letter(ch: str) -> bool:
    return ch.isalpha() and ("\u0400" <= ch <= "\u04ff" or ch.isascii())


def _looks_like_word(token: str) -> bool:
    core = token.strip(_EDGE_PUNCT)
    letters = [ch for ch in core if ch not in "-'’"]
    if len(letters) < 2 or not all(_is_word_letter(ch) for ch in letters):
        return False
    return any(ch in _VOWELS for ch in letters)


def real_word_stats(text: str) -> tuple[int, int]:
    """(word-like tokens, tokens that are not pure numbers or punctuation)."""
    tokens = [t for t in text.split() if not _NUMERIC.match(t)]
    return sum(1 for t in tokens if _looks_like_word(t)), len(tokens)


def has_real_words(text: str) -> bool:
    """True when `text` reads as language, not as a glyph-id dump."""
    real, considered = real_word_stats(text)
    return real >= 1 and real >= MIN_REAL_SHARE * considered
