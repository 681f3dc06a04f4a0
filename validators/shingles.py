"""Essays as sets of word shingles, for `essay.duplicate`: what two essays share, and how much.

Why word shingles after normalisation: a reflowed, re-typed or scanned copy differs in line breaks,
hyphenation, case and punctuation, none of which survive `essay_words`; a copy with some words
changed keeps most of its two-word runs. The shingles are hashed to 32 bits, so the index stores
a few hundred integers per essay, not its text.

Passages every essay may quote (the Rules, the standard prompts, the genre's heading) are
`BOILERPLATE`: their shingles are dropped before anything is compared, so quoting them cannot
make two essays duplicates. Phrases every teacher writes are not listed: they are a few pairs of an
essay's ~270, far below the threshold (the most similar distinct essays on one prompt share 5 %,
`benchmarks/results/cross_checks.md`). Dropping pairs by how many essays of the year hold them was
left out: it would also hide the essay eleven teachers copied.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from extractors.normalise import rejoin_hyphenated

if TYPE_CHECKING:
    from datasketch import LeanMinHash

SHINGLE_WORDS = 2
NUM_PERM = 128  # MinHash permutations: the similarity estimate's error is about 1/sqrt(128) = 0.09
SEED = 21  # the permutations must be the same for every essay ever indexed: never change it
SCHEME = "affine32"  # datasketch's permutation scheme (2.0): 32-bit values, collision-free permutations
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

# Text any teacher may quote without copying anyone: the standard's requirement for the essay,
# the Rules' wording, and the prompts the platform suggests. Kazakh and Russian.
BOILERPLATE: tuple[str, ...] = (
    "Эссе көлемі 250-300 сөз болуы тиіс",
    "Объем эссе должен составлять 250-300 слов",
    "Педагогтерді аттестаттаудан өткізу қағидалары мен шарттары",
    "Правила и условия проведения аттестации педагогов",
    "В соответствии с Правилами и условиями проведения аттестации педагогов",
    "Педагогтерді аттестаттаудан өткізу қағидаларына және шарттарына сәйкес",
    "Менің педагогикалық ұстанымым",
    "Моя педагогическая философия",
    "Моя педагогическая позиция",
    "Заманауи мұғалім қандай болуы керек",
    "Каким должен быть современный учитель",
    "Оқушының табысы мұғалімнің табысы",
    "Успех ученика как успех учителя",
    "Менің кәсіби жолым",
    "Мой профессиональный путь",
    "Эссе на тему",
    "тақырыбына эссе",
)


def essay_words(text: str) -> list[str]:
    """The essay's words, case-folded, without punctuation, line breaks or hyphenation: what survives
    re-typing and reflowing. `ё` is `е`: typists and OCR use either."""
    text = unicodedata.normalize("NFC", rejoin_hyphenated(text)).casefold().replace("ё", "е")
    return _WORD.findall(text)


def _hash(words: Sequence[str]) -> int:
    return zlib.crc32(" ".join(words).encode())


def shingle_runs(words: Sequence[str]) -> list[int]:
    """The hash of each run of `SHINGLE_WORDS` words, in order (one per start position)."""
    if len(words) < SHINGLE_WORDS:
        return [_hash(words)] if words else []
    return [_hash(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


BOILERPLATE_SHINGLES: frozenset[int] = frozenset(
    s for passage in BOILERPLATE for s in shingle_runs(essay_words(passage))
)


def essay_shingles(text: str) -> np.ndarray:
    """The essay's distinct shingles, boilerplate dropped, sorted (uint32): what the index keeps."""
    kept = {s for s in shingle_runs(essay_words(text)) if s not in BOILERPLATE_SHINGLES}
    return np.array(sorted(kept), dtype=np.uint32)


def signature(shingles: Iterable[int]) -> LeanMinHash:
    """The MinHash of a shingle set; shingles are already 32-bit hashes, so they are hashed no more.
    datasketch (with scipy, 0.35 s) is imported on first use: cross-checks are off unless switched on,
    and every night's workers would load it for nothing."""
    from datasketch import LeanMinHash, MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME)
    m.update_batch([int(s) for s in shingles])
    return LeanMinHash(m)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The exact similarity of two sorted shingle sets: shared / either."""
    if a.size == 0 or b.size == 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


def shared_passage(text: str, other: np.ndarray, limit: int = 60) -> str:
    """The longest run of this essay's words whose shingles the other essay also holds, as written
    here (case-folded): a person sees at once what was copied. At most `limit` words."""
    words = essay_words(text)
    runs = shingle_runs(words)
    held = set(other.tolist())
    best_start, best_len, start = 0, 0, None
    for i, s in enumerate([*runs, None]):
        if s is not None and s in held and s not in BOILERPLATE_SHINGLES:
            start = i if start is None else start
            continue
        if start is not None and i - start > best_len:
            best_start, best_len = start, i - start
        start = None
    if best_len == 0:
        return ""
    return " ".join(words[best_start : best_start + min(best_len + SHINGLE_WORDS - 1, limit)])
