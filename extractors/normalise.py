"""Make extracted text comparable: one Unicode form, Kazakh letters where OCR or typists used look-alikes.

Two levels. `normalise_text` (safe for text layers too) only removes things that cannot be meant:
odd spaces, zero-width marks, control characters, unmapped-glyph markers, ligatures, letters of
other Cyrillic alphabets that a Kazakh/Russian document never contains, Latin look-alikes inside
words that are otherwise Cyrillic, and hyphens that split a word at a line end. OCR output gets the
same treatment; the Kazakh Tesseract model's specific confusions are covered by the same tables,
since every mapping here is safe for any Kazakh or Russian document.

Line-end hyphen rule (also the contract's "re-join words hyphenated across a line break"): a
hyphen directly after a letter or digit, at the end of a line, followed on the next line by a
word, is a break. When the next part starts with a lowercase letter the hyphen is dropped and the
parts joined (`оқы-\\nту` -> `оқыту`); when it starts with a capital or a digit, or the first part
ends in a digit, the hyphen is a real one and is kept (`Алматы-\\nАстана` -> `Алматы-Астана`,
`2024-\\n2025` -> `2024-2025`). A genuine compound split exactly at its own hyphen
(`оқу-\\nағарту`) loses that hyphen: it stays one word, so word counts do not change.
"""

import re
import unicodedata

# Letters of other Cyrillic alphabets (Bashkir, Khanty, Tajik, Abkhaz...) and Latin letters that the
# Kazakh model or Kazakh typists emit instead of the Kazakh letter they look like.
_FOREIGN_LOOKALIKES = str.maketrans(
    {
        "\u0259": "ә",  # Latin small schwa
        "\u018f": "Ә",  # Latin capital schwa
        "\u01dd": "ә",  # Latin turned e
        "\u04a1": "қ",  # Bashkir qa
        "\u04a0": "Қ",
        "\u049f": "қ",  # ka with stroke
        "\u049e": "Қ",
        "\u04c4": "қ",  # ka with hook
        "\u04c3": "Қ",
        "\u04a5": "ң",  # ligature en-ghe
        "\u04a4": "Ң",
        "\u04c8": "ң",  # en with hook
        "\u04c7": "Ң",
        "\u04ca": "ң",  # en with tail
        "\u04c9": "Ң",
        "\u04c0": "І",  # palochka
        "\u04cf": "і",
        "\u0457": "і",  # Ukrainian yi: Kazakh has і, never ї
        "\u0407": "І",
        "\u04ef": "ұ",  # u with macron (Tajik), OCR for ұ
        "\u04ee": "Ұ",
        "\u0495": "ғ",  # ghe with middle hook
        "\u0494": "Ғ",
        "\u04fb": "ғ",  # ghe with stroke and hook
        "\u04fa": "Ғ",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
    }
)

# Latin letters that look like Cyrillic ones; applied only inside a word that is mostly Cyrillic.
_LATIN_TO_CYRILLIC = str.maketrans(
    {
        "a": "а",
        "A": "А",
        "B": "В",
        "c": "с",
        "C": "С",
        "e": "е",
        "E": "Е",
        "H": "Н",
        "h": "һ",
        "i": "і",
        "I": "І",
        "k": "к",
        "K": "К",
        "M": "М",
        "o": "о",
        "O": "О",
        "p": "р",
        "P": "Р",
        "T": "Т",
        "x": "х",
        "X": "Х",
        "y": "у",
    }
)

_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_CID = re.compile(r"\(cid:\d+\)")
# A run of letters with a Latin letter in it, matched from the run's start (only such a run can be
# a mixed word; matching every run cost a Python call per word).
_LATIN_LETTER_RUN = re.compile(r"(?<![^\W\d_])[^\W\d_]*[A-Za-z\u00c0-\u024f][^\W\d_]*")
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W_])[-\u2010\u2011\u00ad][ ]*\n[ ]*(?=[^\W_])")
_SOFT_HYPHEN = "\u00ad"
_MULTI_SPACE = re.compile(r" {2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f"


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def _fix_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    cyr = sum(1 for ch in word if _is_cyrillic(ch))
    lat = sum(1 for ch in word if _is_latin(ch))
    if cyr == 0 or lat == 0 or lat > cyr:
        return word
    return word.translate(_LATIN_TO_CYRILLIC)


def _rejoin(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1]
    after = text[match.end()]
    hyphen = text[match.start()]
    if hyphen == _SOFT_HYPHEN or (before.isalpha() and after.islower()):
        return ""
    return "-"


def rejoin_hyphenated(text: str) -> str:
    """Join words split by a hyphen at a line end (module docstring has the rule)."""
    return _LINE_END_HYPHEN.sub(_rejoin, text)


def normalise_text(text: str) -> str:
    """NFC, clean spaces, map look-alikes to Kazakh letters, re-join line-break hyphenation."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _CID.sub("", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = text.translate(_FOREIGN_LOOKALIKES)
    text = _LATIN_LETTER_RUN.sub(_fix_mixed_word, text)
    text = rejoin_hyphenated(text)
    text = text.replace(_SOFT_HYPHEN, "")
    text = _MULTI_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()
