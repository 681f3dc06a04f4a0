"""Essays many teachers write to one prompt, and planted copies of them, for the cross-submission checks.

The sample set's own essays are drawn from one bank of sentences, so any two share a third of their
sentences word for word: by any measure they are near-duplicates of each other. Here each teacher
writes their own sentences from the topic's vocabulary (the banks' words, the frequent ones more
often, as in real prose), so two distinct essays share the topic's words and the odd common phrase
but not runs of them. Some quote the standard's requirement or the Rules, as teachers do, which must
not make them duplicates.

A planted copy is one essay again: `reworded` changes a share of its words (and may retitle it);
the reflowed, re-typed and scanned copies are renderings of the same text (`benchmarks.cross_checks`).
"""

from __future__ import annotations

import random
import re
from functools import cache

from sample_set.essays import KK_BODY, KK_END, KK_INTRO, KK_TITLES, RU_BODY, RU_END, RU_INTRO, RU_TITLES
from sample_set.people import Lang

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")

QUOTES: dict[Lang, tuple[str, ...]] = {
    "kk": (
        "Эссе көлемі 250-300 сөз болуы тиіс.",
        "Педагогтерді аттестаттаудан өткізу қағидаларына және шарттарына сәйкес",
    ),
    "ru": (
        "Объем эссе должен составлять 250-300 слов.",
        "В соответствии с Правилами и условиями проведения аттестации педагогов",
    ),
}


@cache
def vocabulary(lang: Lang) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The topic's words with Zipf weights by how often the banks use them."""
    bank = (KK_INTRO + KK_BODY + KK_END) if lang == "kk" else (RU_INTRO + RU_BODY + RU_END)
    counts: dict[str, int] = {}
    for sentence in bank:
        for word in _WORD.findall(sentence.lower()):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return tuple(ranked), tuple(1.0 / (rank + 1) ** 0.8 for rank in range(len(ranked)))


def _sentence(rng: random.Random, lang: Lang, length: int) -> str:
    words, weights = vocabulary(lang)
    chosen = rng.choices(words, weights=weights, k=length)
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def distinct_essay(rng: random.Random, lang: Lang, words: int = 280, *, quote: bool = False) -> tuple[str, str]:
    """A title (one of the standard prompts) and a body of about `words` words of the teacher's own."""
    title = rng.choice(KK_TITLES if lang == "kk" else RU_TITLES)
    sentences = [rng.choice(QUOTES[lang])] if quote else []
    total = sum(len(s.split()) for s in sentences) + len(title.split())
    while total < words:
        length = min(rng.randint(7, 15), words - total)
        sentences.append(_sentence(rng, lang, max(length, 1)))
        total += length
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(3, 5)
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    return title, "\n".join(paragraphs)


def reworded(rng: random.Random, lang: Lang, body: str, share: float) -> str:
    """The body with `share` of its words replaced by other words of the topic (kept in place)."""
    words, weights = vocabulary(lang)
    tokens = body.split(" ")
    for i in rng.sample(range(len(tokens)), round(len(tokens) * share)):
        token = tokens[i]
        tail = token[len(token.rstrip(".,;:!?\n")) :]
        replacement = rng.choices(words, weights=weights, k=1)[0]
        tokens[i] = (replacement.capitalize() if token[:1].isupper() else replacement) + tail
    return " ".join(tokens)
