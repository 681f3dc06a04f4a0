"""Text normalisation shared by the interpreters: folding, lines, the look of a usable text."""

import re

# Kazakh letters folded onto their Russian look-alikes: keyword, date and name matching share it.
KAZAKH_FOLD: dict[str, str] = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
    "ё": "е",
    "й": "и",
    "ь": "",
    "ъ": "",
}
_FOLD = str.maketrans(KAZAKH_FOLD)
# Latin letters that OCR (and careless typing) put into Cyrillic words: "CEPTИФИКАТ".
_LOOKALIKE = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т"}
    | {"b": "в", "h": "н", "i": "і"}
)
_CYR = re.compile(r"[а-яёәғқңөұүһі]")
# A token with a Latin look-alike in it, matched from the token's start: only such a token can change.
_WORDISH = re.compile(r"(?<!\S)\S*[aeopcxykmtbhi]\S*")
_LETTER_WORD = re.compile(r"[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{2,}")


def _fix_word(m: re.Match[str]) -> str:
    word = m.group(0)
    return word.translate(_LOOKALIKE) if _CYR.search(word) else word


def fold_text(text: str) -> str:
    """Lower case; Latin look-alikes inside Cyrillic words made Cyrillic; Kazakh letters folded.

    Keyword patterns are folded the same way, so "ӨТІНІШ", "Өтiнiш" (Latin i) and an OCR "Отиниш"
    all match one pattern.
    """
    low = _WORDISH.sub(_fix_word, text.lower())
    return low.translate(_FOLD)


def fold_pattern(pattern: str) -> str:
    """A regex written in natural lower-case spelling, folded like `fold_text` folds the text.

    Only the Kazakh letters are folded: regex escapes such as \\b must keep their Latin letters.
    """
    return pattern.translate(_FOLD)


def letter_words(text: str) -> list[str]:
    """Tokens of two or more letters: what counts as real text (a text layer of junk has none)."""
    return _LETTER_WORD.findall(text)


def has_usable_text(text: str) -> bool:
    """At least a few real words: enough to look for anything in."""
    return len(letter_words(text)) >= 3


_BLANK = re.compile(r"^[\s_.…\-–—:;,|/\\()\[\]«»\"'*]*$")


def is_blank(value: str) -> bool:
    """An entry of underscores, dots, dashes or nothing: the form line was left empty."""
    return bool(_BLANK.match(value))
