"""The contract's essay word rule (§3), with spaCy doing the tokenising.

The rule: a word is a token between white space, en dashes or em dashes that contains at least
one letter or digit, after re-joining words hyphenated across a line break; standing punctuation
is not a word; a page number standing alone on the first or last non-empty line of a page does
not count; everything else (title included) does. `office_words` counts every token between
white space, en dashes and em dashes, as a word processor does (`№`, `-`, `____` included).

spaCy has no Kazakh language and its letter classes miss ғ қ ұ ү ә і ң ө һ, so its default
prefix/suffix/infix rules would split Kazakh words. The tokenizer here is built on
`spacy.blank("xx")` with no exceptions and no affix rules except one: en and em dashes are split
off wherever they occur. spaCy itself splits on white space. Nothing else ever splits a token.

Page numbers: a line of one to three digits, optionally framed by hyphens/dashes ("- 3 -", "— 3 —")
or written "3/10", standing alone as the first or last non-empty line of a page. Both counts
exclude them (a word processor does not count footer page numbers either). Pages are then joined
with a line break, so a word hyphenated across a page break is re-joined too.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from extractors.normalise import rejoin_hyphenated
from models.extraction import WordCount

_DASHES = "\u2013\u2014"  # en dash, em dash: word separators by the rule; the hyphen is not
_DASH_CLASS = f"[{_DASHES}]"
_PAGE_NUMBER = re.compile(rf"^[-{_DASHES}\s]*\d{{1,3}}(\s*/\s*\d{{1,3}})?[-{_DASHES}\s]*$")


@lru_cache(maxsize=1)
def _nlp() -> Language:
    """The tokenizer-only pipeline, built once per process."""
    nlp = spacy.blank("xx")
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=re.compile(f"^{_DASH_CLASS}").search,
        suffix_search=re.compile(f"{_DASH_CLASS}$").search,
        infix_finditer=re.compile(_DASH_CLASS).finditer,
        token_match=None,
        url_match=None,
    )
    return nlp


def _is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def strip_page_numbers(page: str) -> str:
    """Drop a page number standing alone on the first or last non-empty line of the page."""
    lines = page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    drop = {i for i in (filled[:1] + filled[-1:]) if _is_page_number(lines[i].strip())}
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def tokens(text: str) -> list[str]:
    """The tokens between white space, en dashes and em dashes (the dashes themselves dropped)."""
    return [t.text for t in _nlp()(text) if not t.is_space and t.text not in _DASHES]


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def count_essay_words(pages: Sequence[str]) -> WordCount:
    """Words of an essay by the contract's rule, and the word processor's count, over all pages."""
    body = rejoin_hyphenated("\n".join(strip_page_numbers(p) for p in pages))
    found = tokens(body)
    return WordCount(words=sum(1 for t in found if _is_word(t)), office_words=len(found))
