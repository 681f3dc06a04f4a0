"""Is the person named on a document the applicant? Kazakh and Russian spellings, cases, initials.

The comparison works on a transliteration key (Kazakh letters folded to their Russian look-alikes,
soft and hard signs dropped), generates the nominative forms a declined token may come from, and
compares surname, first name and patronymic separately. It answers "unsure" whenever the tokens
are close but not equal: a misread letter must lead to a person looking, never to a refusal.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from extractors.text_folding import KAZAKH_FOLD

NameVerdict = Literal["same", "maiden", "different", "unsure"]
Gender = Literal["f", "m", "?"]
_Level = Literal["exact", "near", "none"]

_FOLD = str.maketrans(
    KAZAKH_FOLD
    | {
        "э": "е",
        # Kazakh "ә" after a consonant is written "я" in Russian: Ләззат / Ляззат.
        "я": "а",
        # Kazakh "үй" is written "ю" in Russian: Дүйсенбаева / Дюсенбаева.
        "ю": "уи",
        # Kazakh "ө" is written "о" or "у" in Russian (Өтегенов: Отегенов, Утегенов): the key keeps it,
        # and a comparison lets it stand for either (`_SAME_LETTER`).
        "ө": "ө",
    }
)
# Kazakh spellings that Russian documents shorten: "й" before "і" (Сейітова / Сеитова, folded "ии")
# and "ы" after "у" before a consonant (Бауыржан / Бауржан).
# Not at a token's end, where "ии" is a Russian case ending (Алии, genitive of Алия).
_SPELLING = ((re.compile(r"и{2,}(?=[а-яө])"), "и"), (re.compile(r"уы(?=[бвгджзклмнпрстфхцчшщ])"), "у"))
# Latin letters OCR puts into Cyrillic words ("Aбилкасымова" with a Latin A).
_LATIN_LOOKALIKE = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т"}
    | {"b": "в", "h": "н", "i": "і"}
)
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LATIN = re.compile(r"[A-Za-z]")
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_INITIALS = re.compile(rf"^(?:[{_UPPER}]\.?){{1,2}}$")


def name_key(token: str) -> str:
    """The comparison key of one name token: lower case, Kazakh folded, signs dropped."""
    low = token.lower()
    if _CYRILLIC.search(low):
        low = low.translate(_LATIN_LOOKALIKE)
    key = re.sub(r"[^a-zа-яө]", "", low.translate(_FOLD))
    for pattern, repl in _SPELLING:
        key = pattern.sub(repl, key)
    return key


_PATRONYMIC_SUFFIXES: tuple[tuple[str, Gender], ...] = (
    ("кызы", "f"),
    ("улы", "m"),
    ("овна", "f"),
    ("евна", "f"),
    ("ична", "f"),
    ("ович", "m"),
    ("евич", "m"),
    ("ич", "m"),
)

# (ending, nominative replacement): Russian declension of surnames, first names, patronymics.
_RU_FEMININE = (
    ("овои", "ова"),
    ("евои", "ева"),
    ("инои", "ина"),
    ("скои", "ская"),
    ("е", "а"),
    ("ы", "а"),
    ("и", "а"),
    ("ии", "иа"),
    ("у", "а"),
    ("уи", "а"),
    ("ои", "а"),
    ("еи", "а"),
)
_RU_MASCULINE = (
    ("ову", "ов"),
    ("еву", "ев"),
    ("ину", "ин"),
    ("овым", "ов"),
    ("евым", "ев"),
    ("иным", "ин"),
    ("ове", "ов"),
    ("ова", "ов"),
    ("ева", "ев"),
    ("ина", "ин"),
    ("е", ""),
    ("у", ""),
    ("уи", ""),
    ("уи", "и"),
    ("а", ""),
    ("а", "и"),
    ("ом", ""),
    ("ем", ""),
    ("ем", "и"),
)
# Kazakh case endings (folded): dative, genitive, accusative, locative, ablative, instrumental.
_KK_ENDINGS = (
    "га",
    "ге",
    "ка",
    "ке",
    "на",
    "не",
    "нын",
    "нин",
    "дын",
    "дин",
    "тын",
    "тин",
    "ны",
    "ни",
    "ды",
    "ди",
    "ты",
    "ти",
    "да",
    "де",
    "та",
    "те",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "мен",
    "бен",
    "пен",
    "н",
)


@lru_cache(maxsize=16384)
def nominative_candidates(key: str, gender: Gender = "?") -> frozenset[str]:
    """The nominative keys a (possibly declined) token key may come from, the key itself included.

    Cached: the checks ask for the same tokens' candidates many times per submission."""
    out = {key}
    rules: list[tuple[str, str]] = [(e, "") for e in _KK_ENDINGS]
    if gender in ("f", "?"):
        rules += list(_RU_FEMININE)
    if gender in ("m", "?"):
        rules += list(_RU_MASCULINE)
    for ending, repl in rules:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            out.add(key[: len(key) - len(ending)] + repl)
    return frozenset(out)


def patronymic_root(key: str) -> str | None:
    """The father's name inside a patronymic key (серик from сериккызы or сериковна), or None."""
    for suffix, _gender in _PATRONYMIC_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            root = key[: len(key) - len(suffix)]
            # Жұмабайқызы / Жумабаевна: the folded "й" of the Kazakh root has no Russian counterpart.
            if root.endswith("и") and len(root) > 2 and root[-2] in "аеоуыэюя":
                root = root[:-1]
            return root
    return None


# A patronymic's mark after a father's name of three letters or more, and at most three letters of a case
# ending after it: "Толеаткызыма". Not a mark at a word's start ("Улыбин"), nor one deep inside a surname.
_PATRONYMIC_MARK = re.compile(r"^[а-яө]{3,}(?:кызы|улы|овна|евна|ична|ович|евич)[а-яө]{0,3}$")


def misread_name(text: str) -> bool:
    """A name as read that the language's rules do not parse: a word twice ("Акмарал Ақмарал"), or a word
    with a patronymic's mark that is no patronymic in any case form ("Толеаткызыма" for "Тәлғатқызы").
    A phone photo's poor reading gave both in one name; that the name is another person's may be true,
    but a refusal cannot quote a name we misread."""
    keys = [key for key in (name_key(word) for word in text.split()) if len(key) > 1]
    if len(set(keys)) < len(keys):
        return True
    return any(
        _PATRONYMIC_MARK.match(key) and not any(patronymic_root(c) for c in nominative_candidates(key)) for key in keys
    )


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance; names are short, so the quadratic table is cheap."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# Vowels OCR confuses that the key does not fold together: ә/э read for each other (а/е once
# folded) and ө read as е (о/е once folded). The other confusions (қ/к, ұ/ү/у, ғ/г, ң/н, і/и/i,
# ә/а, ө/о) are folded by the key itself.
_OCR_SAME = frozenset({("а", "е"), ("е", "а"), ("о", "е"), ("е", "о")})
# A Kazakh "ө" (kept by the key) is the "о" or "у" of the same name spelt in Russian, or an "о"
# where a document spells the name in Kazakh too; a Kazakh "қ" (folded to "к") is often a Russian "х"
# (Бақытжан / Бахытжан, Ақмарал / Ахмарал); a Kazakh "ы" is often a Russian "у" (Жақыпова /
# Жакупова, Тұрсынов / Турсунов).
_SAME_LETTER = _OCR_SAME | {
    (x, y) for a, b in (("ө", "о"), ("ө", "у"), ("ө", "е"), ("к", "х"), ("ы", "у")) for x, y in ((a, b), (b, a))
}


def _ocr_same(a: str, b: str) -> bool:
    """Equal but for letters OCR commonly confuses: a misread of the same name, so the same token.

    It only turns "close" into "equal" for Kazakh letter variants, never the reverse.
    """
    return len(a) == len(b) and all(x == y or (x, y) in _SAME_LETTER for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=65536)
def _near(a: str, b: str) -> bool:
    """Within 1 edit (2 for names of 8 letters or more). The distance is at least the difference in
    length, so most pairs are settled without the table; the checks compare the same pairs often."""
    shorter = min(len(a), len(b))
    limit = 2 if shorter >= 8 else 1
    if shorter < 4 or abs(len(a) - len(b)) > limit:
        return False
    return edit_distance(a, b) <= limit


@dataclass
class ParsedName:
    """A name split into full tokens (keys) and initials; order is not assumed."""

    tokens: list[str] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)
    latin: bool = False


def _merge_particles(words: list[str]) -> list[str]:
    """ "Серік қызы" written apart is one patronymic."""
    out: list[str] = []
    for w in words:
        k = name_key(w)
        if out and any(k.startswith(p) for p in ("кызы", "улы")) and len(k) <= 7:
            out[-1] = out[-1] + w
        else:
            out.append(w)
    return out


def parse_name(text: str) -> ParsedName:
    """Tokens and initials of a name as written on a document."""
    parsed = ParsedName()
    spaced = re.sub(rf"((?:[{_UPPER}]\.){{1,2}})(?=[{_UPPER}][a-zа-яәғқңөұүһіё])", r"\1 ", text)
    words = [w.strip("«»\"'()[],;:") for w in re.split(r"[\s,]+", spaced)]
    words = [w for w in words if re.search(r"\w", w)]
    latin = 0
    for w in _merge_particles(words):
        if _INITIALS.match(w):
            parsed.initials.extend(name_key(c) for c in w if c != ".")
            continue
        if _LATIN.search(w) and not _CYRILLIC.search(w):
            latin += 1
        # A double surname "Әбілқасымова-Нұрланова" is compared part by part.
        parsed.tokens.extend(k for k in (name_key(part) for part in w.split("-")) if k)
    parsed.latin = latin > 0 and latin * 2 >= len(parsed.tokens)
    return parsed


@dataclass(frozen=True)
class ApplicantName:
    """The applicant's name from the manifest: surname first, as eGov writes it."""

    surname: str
    first: str | None
    patronymic: str | None
    gender: Gender


def parse_applicant(full_name: str) -> ApplicantName:
    """Surname, first name and patronymic of the manifest's full name (nominative, surname first)."""
    p = parse_name(full_name)
    toks = p.tokens
    surname = toks[0] if toks else ""
    first = toks[1] if len(toks) > 1 else None
    patronymic = toks[2] if len(toks) > 2 else None
    # A name written "Гүлнар Серікқызы Әбілқасымова" (patronymic second) is put right.
    if first and patronymic and patronymic_root(first) and not patronymic_root(patronymic):
        surname, first, patronymic = patronymic, surname, first
    gender: Gender = "?"
    for suffix, g in _PATRONYMIC_SUFFIXES:
        if patronymic and patronymic.endswith(suffix):
            gender = g
            break
    else:
        if surname.endswith(("ова", "ева", "ина", "ая", "кызы")):
            gender = "f"
        elif surname.endswith(("ов", "ев", "ин", "ии", "улы")):
            gender = "m"
    return ApplicantName(surname, first, patronymic, gender)


def _match(part: str, token: str, gender: Gender, patronymic: bool) -> _Level:
    cands = nominative_candidates(token, gender)
    if part in cands or any(_ocr_same(part, c) for c in cands):
        return "exact"
    if patronymic:
        root = patronymic_root(part)
        roots = {patronymic_root(c) for c in cands} - {None}
        if root is not None and (root in roots or any(r is not None and _ocr_same(root, r) for r in roots)):
            return "exact"
        if root is not None and any(r is not None and _near(root, r) for r in roots):
            return "near"
    if any(_near(part, c) for c in cands):
        return "near"
    return "none"


_RANK = {"exact": 2, "near": 1, "none": 0}


def compare_names(applicant: str, found: str) -> NameVerdict:
    """Whether `found` (as read on a document) names the applicant (the manifest's full name)."""
    a = parse_applicant(applicant)
    f = parse_name(found)
    if not a.surname or f.latin or not (f.tokens or f.initials):
        return "unsure"
    parts: dict[str, str | None] = {"s": a.surname, "n": a.first, "p": a.patronymic}
    best: dict[str, _Level] = {"s": "none", "n": "none", "p": "none"}
    unmatched: list[str] = []
    for tok in f.tokens:
        tok_best: _Level = "none"
        for role, part in parts.items():
            if part is None:
                continue
            level = _match(part, tok, a.gender, patronymic=role == "p")
            if _RANK[level] > _RANK[best[role]]:
                best[role] = level
            if _RANK[level] > _RANK[tok_best]:
                tok_best = level
        if tok_best == "none":
            unmatched.append(tok)
    s, n, p = best["s"], best["n"], best["p"]
    first_initial_ok = _initial_ok(f.initials, 0, a.first)
    patr_initial_ok = _initial_ok(f.initials, 1, a.patronymic)
    found_has_patronymic = any(patronymic_root(c) for tok in f.tokens for c in nominative_candidates(tok, a.gender))

    if s == "exact" and n == "exact":
        if a.patronymic is None or p == "exact":
            return "same"
        if not found_has_patronymic and not unmatched and patr_initial_ok is not False:
            return "same"
        return "unsure"
    if s == "exact" and n == "none" and first_initial_ok and patr_initial_ok is not False:
        return "same" if not unmatched else "unsure"
    if n == "exact" and p == "exact" and s == "none" and unmatched:
        return "maiden"
    # The same surname, or its other gender's form (a wife, a brother; Ғабдуллина / Ғабдуллин), with a first name and a patronymic that share nothing with the
    # applicant's: another person. A misreading makes near spellings, never another first name.
    kin = s == "exact" or any(
        c in _other_gender_surnames(a.surname) for tok in f.tokens for c in nominative_candidates(tok)
    )
    if kin and n == "none" and p == "none" and a.first and a.patronymic and len(unmatched) >= 2:
        return "different"
    # A surname a letter off (Есенова for Үсенова) with another first name and another patronymic: two
    # words wholly other are no misreading, whatever the surname.
    if s == "near" and n == "none" and p == "none" and a.patronymic and found_has_patronymic and len(unmatched) >= 2:
        return "different"
    # The surname in its other sex's form with both initials another's (Е.Б. Дәулетов on an order for
    # Дәулетова Ләззат Серікқызы): a relative, or a namesake, signing.
    if kin and s != "exact" and first_initial_ok is False and patr_initial_ok is False:
        return "different"
    # Only the first name in common, with another surname and another patronymic (Жақыпова Нұргүл
    # Ермекқызы for Шәкенова Нұргүл Болатқызы): another woman of a common name. A maiden name keeps the
    # patronymic, and a misreading makes near spellings, not two other words at once.
    if s == "none" and n == "exact" and p == "none" and a.patronymic and found_has_patronymic and len(unmatched) >= 2:
        return "different"
    # Another surname and another first name, the patronymic a letter or two off (Жұмабаева Қарлығаш
    # Ерланқызы for Төлеуова Әсел Нұрланқызы): two words wholly other are no misreading.
    if s == "none" and n == "none" and p == "near" and found_has_patronymic and len(unmatched) >= 2:
        return "different"
    if s == "none" and n == "none" and "near" not in (p,):
        if len(f.tokens) >= 2 and len(unmatched) >= 2:
            return "different"
        # Another surname and another initial (С.С. Құрманғалиева signing for Жақыпова Сәуле
        # Болатқызы): a maiden name keeps both initials, so this is someone else.
        if len(unmatched) >= 1 and False in (first_initial_ok, patr_initial_ok):
            return "different"
    return "unsure"


_GENDER_ENDINGS = (("ова", "ов"), ("ева", "ев"), ("ина", "ин"))


def _other_gender_surnames(surname: str) -> frozenset[str]:
    """The surname as a relative of the other sex carries it: Ғабдуллина's husband or brother is Ғабдуллин."""
    for female, male in _GENDER_ENDINGS:
        if surname.endswith(female):
            return frozenset({surname[: -len(female)] + male})
        if surname.endswith(male):
            return frozenset({surname[: -len(male)] + female})
    return frozenset()


def _initial_ok(initials: list[str], index: int, part: str | None) -> bool | None:
    """Whether the initial at `index` fits `part`; None when there is no such initial to compare."""
    if part is None or len(initials) <= index:
        return None
    return initials[index][:1] == part[:1]
