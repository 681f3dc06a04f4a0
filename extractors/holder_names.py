"""Where the people named on a document stand: the holder, or every teacher an order lists.

Signatories (director, rector, head) and lecturers are not holders and are left out, or the name
check would see "another person" on every certificate. Without a dictionary of first names a span
counts as a person's name only when a token has a surname or patronymic shape; a name that is
missed leads to "not found" (review), never to a refusal.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.name_matching import name_key, nominative_candidates, patronymic_root
from extractors.text_folding import fold_pattern, fold_text

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "a-zа-яёәғқңөұүһі"
_CAP_WORD = rf"[{_UP}][{_UP}{_LOW}]+(?:-[{_UP}][{_UP}{_LOW}]+)?"
_INITIALS = rf"(?:[{_UP}]\.\s?){{1,2}}"
_SPAN = re.compile(
    rf"(?:{_INITIALS}\s?{_CAP_WORD})|(?:{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|{_INITIALS}))+)"
    rf"(?:\s+(?:қызы|ұлы|кызы|улы)[{_LOW}]*)?"
)
_SURNAME_ENDINGS = ("ова", "ева", "ина", "ов", "ев", "ин", "ская", "скии")
# Lines that name someone who is not the holder: who signs, who teaches, whose name an
# institution bears.
_NOT_HOLDER = re.compile(
    fold_pattern(
        r"директор|ректор|басшы|руководител|төраға|төрағасы|председател|хатшы|секретар|декан|"
        r"меңгеруш|заведующ|лектор|тренер|оқытушы|преподавател|куратор|жетекші|м\.о\.|м\.п\.|"
        r"\(қолы\)|\(подпись\)|атындағы|имени|дайындаған|подготовил|министр|әкім|аким"
    )
)
_HOLDER_CUE = re.compile(
    fold_pattern(
        r"берілді|выдан|выдано|\bдан[аоы]?\b|награжда|марапатта|алғыс|благодар|т\.\s?а\.\s?ә|ф\.\s?и\.\s?о|"
        r"аты-жөні|тегі|фамилия|тыңдаушы|слушател|сертификат|диплом|куәлік|удостоверени"
    )
)
# Keyed as name tokens are (name_key folds я to а besides the Kazakh letters), so that a word such
# as "Зияткерлік" is recognised in a name-shaped span.
_STOP_WORDS = frozenset(
    name_key(w)
    for w in (
        "қазақстан",
        "республикасы",
        "республика",
        "казахстан",
        "облысы",
        "области",
        "білім",
        "басқармасы",
        "управление",
        "мектеп",
        "школа",
        "университет",
        "институт",
        "колледж",
        "педагог",
        "министрлігі",
        "министерство",
        "интеллектуальные",
        "зияткерлік",
        "мектептері",
        "мектебі",
        "школы",
        "университеті",
        "университета",
        "орталығы",
        "центр",
        "академиясы",
        "академия",
        "гимназия",
        "лицей",
        # a form's labels and an employment record's title: "ЕҢБЕК КІТАПШАСЫНАН ҮЗІНДІ" above "Тегі, аты,
        # әкесінің аты: …" once read as the holder "ЕҢБЕК КІТАПШАСЫНАН ҮЗІНДІ Тегі", and a teacher was refused
        "тегі",
        "аты",
        "әкесінің",
        "фамилия",
        "имя",
        "отчество",
        "үзінді",
        "кітапшасынан",
        "кітапшасы",
        "выписка",
        "книжки",
    )
)


@dataclass(frozen=True)
class NameHit:
    """A person's name read on a page: the line it stands on and how sure the reading is (0-1)."""

    name: str
    page: int
    line: str
    certainty: float


def _looks_like_person(span: str) -> bool:
    """Some token has a surname or patronymic shape, and no token is an institution word."""
    words = [w for w in re.split(r"\s+", span) if w]
    keys = [name_key(w) for w in words if not re.fullmatch(rf"{_INITIALS}", w)]
    if not keys or any(k in _STOP_WORDS for k in keys):
        return False
    has_initials = len(keys) < len(words) or bool(re.search(_INITIALS, span))
    for key in keys:
        for cand in nominative_candidates(key):
            if patronymic_root(cand):
                return True
            if cand.endswith(_SURNAME_ENDINGS) and (len(keys) >= 2 or has_initials):
                return True
    return False


_EDGE_WORDS = frozenset(
    fold_text(w)
    for w in (
        "жсн",
        "иин",
        "бсн",
        "бин",
        "фио",
        "выдано",
        "выдан",
        "выдана",
        "настоящий",
        "настоящее",
        "осы",
        "берілді",
        "награждается",
        "марапатталады",
        "құрметті",
        "уважаемая",
        "уважаемый",
        "мұғалім",
        "учитель",
        # the document's own title, set above the holder's sentence
        "диплом",
        "сертификат",
        "куәлік",
        "удостоверение",
        "анықтама",
        "справка",
        "бұйрық",
        "приказ",
        "грамота",
        # legal forms of organisations, written before or after their names
        "ақ",
        "ао",
        "тоо",
        "жшс",
        "кгу",
        "кмм",
        "кмқк",
        "гкп",
        "гккп",
        "ркп",
        "рмқк",
        "ргп",
        "ддбұ",
        "дббұ",
        "баұо",
        "нао",
        "кеақ",
        "уо",
        "ұо",
    )
)


def _is_edge_word(word: str) -> bool:
    """A label or cue word, or an OCR misreading of one by a letter ("Настояший")."""
    folded = fold_text(word).strip(".:,")
    if folded in _EDGE_WORDS:
        return True
    return len(folded) >= 6 and any(
        len(edge) >= 6 and abs(len(edge) - len(folded)) <= 1 and _within_one(folded, edge) for edge in _EDGE_WORDS
    )


def _within_one(a: str, b: str) -> bool:
    """At most one letter replaced, added or dropped."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# "Дана … в том, что" opens a certificate's sentence; Дана is also a first name, so the word is dropped only
# where it opens a span, never where it stands inside a name ("Серикова Дана Маратовна").
_OPENING_WORDS = frozenset({"дана", "дано", "дан"})


def _split_at_cues(span: str) -> list[str]:
    """The names in a span, cut at label and cue words wherever they stand: at its edges ("Выдано …",
    "… ЖСН") and between two names that columns set side by side ("Ковалева Наталья Выдано Ковалевой
    Наталье": the Kazakh column's name, then the Russian column's sentence)."""
    pieces: list[list[str]] = [[]]
    words = span.split()
    if len(words) > 2 and fold_text(words[0]).strip(".:,") in _OPENING_WORDS:
        words = words[1:]
    for word in words:
        if _is_edge_word(word):
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [" ".join(words) for words in pieces if words]


# «…» and "…" hold the names of organisations and programmes («Назарбаев Зияткерлік мектептері»),
# never the person a document is issued to.
_QUOTED = re.compile(r"«[^»]*»?|\"[^\"]*\"?|“[^”]*”?|„[^“”]*[“”]?")


# OCR splits a word after its capital ("Бейсенова Г ауһар Сапарқызы"); a capital alone before a small
# letter is no initial (initials carry a dot) and, but for the one-letter words, no word.
_SPLIT_CAPITAL = re.compile(rf"(?<![{_UP}{_LOW}.])([{_UP}]) (?=[{_LOW}]{{2,}})")
_ONE_LETTER_WORDS = frozenset("АВИКОСУЯ")


def _rejoined(line: str) -> str:
    """The line with each capital OCR split from its word joined to it again: the text `name_spans` finds
    names in, and so the text to compare its names with."""
    return _SPLIT_CAPITAL.sub(lambda m: m.group(0) if m.group(1) in _ONE_LETTER_WORDS else m.group(1), line)


def name_spans(line: str) -> list[str]:
    """Name-shaped spans in one line, outside quotes. An all-capitals span needs a patronymic: titles are
    capitals."""
    out: list[str] = []
    line = _rejoined(line)
    quoted = [m.span() for m in _QUOTED.finditer(line)]
    for m in _SPAN.finditer(line):
        if any(start <= m.start() < end for start, end in quoted):
            continue
        for span in (part for piece in _split_at_cues(m.group(0).strip()) for part in _at_patronymics(piece)):
            if not span or not _looks_like_person(span):
                continue
            if span.upper() == span and not any(patronymic_root(name_key(w)) for w in span.split()):
                continue
            out.append(span)
    return out


def _is_patronymic(word: str) -> bool:
    return any(patronymic_root(c) for c in nominative_candidates(name_key(word)))


def _at_patronymics(span: str) -> list[str]:
    """A span cut after each patronymic that closes a surname-first name and that more words follow: two
    columns set side by side ("Өтегенов Ерлан Мұратұлына Утегенову Ерлану Муратовичу") are two names,
    not one of six words. A name written surname last ("Гүлнар Серікқызы Әбілқасымова") stays whole."""
    out: list[str] = []
    words: list[str] = []
    for word in span.split():
        words.append(word)
        if len(words) >= 3 and _is_patronymic(word):  # surname, name, patronymic: a whole name
            out.append(" ".join(words))
            words = []
    if words:
        out.append(" ".join(words))
    return out


_LABELS = (
    (re.compile(fold_pattern(r"^\s*(?:тегі|фамилия)\s*[:\-]?\s*")), "surname"),
    (re.compile(fold_pattern(r"^\s*(?:әкесінің аты|отчество)\s*[:\-]?\s*")), "patronymic"),
    (re.compile(fold_pattern(r"^\s*(?:аты|имя)\s*[:\-]?\s*")), "first"),
)


def _labelled_parts(lines: Sequence[str]) -> str | None:
    """ "Тегі: …", "Аты: …", "Әкесінің аты: …" on separate lines (employment records, diplomas)."""
    parts: dict[str, str] = {}
    for line in lines:
        folded = fold_text(line)
        for pattern, role in _LABELS:
            m = pattern.match(folded)
            if m and role not in parts:
                # fold_text can shorten a line (soft signs dropped): cut the original by its label.
                original = re.sub(r"^\s*\S+(?:\s+аты)?\s*[:\-]?\s*", "", line)
                if role == "patronymic":
                    original = re.sub(r"^\s*(?:аты|отчество)?\s*[:\-]?\s*", "", original)
                value = original.strip()
                if value and re.match(rf"[{_UP}]", value):
                    parts[role] = value
                break
    if "surname" in parts and "first" in parts:
        return " ".join(parts[r] for r in ("surname", "first", "patronymic") if r in parts)
    return None


def _ends_in_cue(line: str) -> bool:
    """A line whose sentence goes on into the next with the holder's name: "… Дана" / "Соколову Андрею …"."""
    words = line.split()
    return bool(words) and (_is_edge_word(words[-1]) or fold_text(words[-1]).strip(".:,") in _OPENING_WORDS)


_TAIL = re.compile(rf"(?:{_CAP_WORD}\s+)*{_CAP_WORD}\s*$")
_HEAD = re.compile(rf"^\s*{_CAP_WORD}(?:\s+{_CAP_WORD})*")


@dataclass(frozen=True)
class _Wrapped:
    """A name the line break cuts: the whole name, and its parts that end one line and open the next."""

    name: str
    tail: str
    head: str


def _across_lines(line: str, following: str) -> _Wrapped | None:
    """The name that runs from the end of `line` into `following`, as a narrow column wraps it ("Осы диплом
    Құрманғалиева / Жанар Болатқызына 6B01501 ..."); None when no name crosses the break."""
    tail, head = _TAIL.search(line), _HEAD.match(following)
    if tail is None or head is None:
        return None
    tail_words, head_words = tail.group(0).split(), head.group(0).split()
    words = tail_words + head_words
    for span in name_spans(" ".join(words)):
        parts = span.split()
        for start in range(len(words) - len(parts) + 1):
            if words[start : start + len(parts)] == parts and start < len(tail_words) < start + len(parts):
                return _Wrapped(
                    span, " ".join(parts[: len(tail_words) - start]), " ".join(parts[len(tail_words) - start :])
                )
    return None


def holder_names(pages: Sequence[tuple[int, str]]) -> list[NameHit]:
    """Names of the holder(s) of a certificate, diploma, letter or record; most certain first."""
    hits: list[NameHit] = []
    for number, text in pages:
        all_lines = text.splitlines()
        lines = [ln for ln in all_lines if ln.strip()]
        # Whether the next line follows on: a blank line ends a paragraph or a column, and no name runs
        # on across it.
        follows = [
            k + 1 < len(all_lines) and bool(all_lines[k + 1].strip()) for k, ln in enumerate(all_lines) if ln.strip()
        ]
        labelled = _labelled_parts(lines)
        if labelled:
            hits.append(NameHit(labelled, number, labelled, 0.95))
        wrapped: list[_Wrapped | None] = [
            _across_lines(line, lines[i + 1])
            if follows[i]
            and not _NOT_HOLDER.search(fold_text(line))
            and not _NOT_HOLDER.search(fold_text(lines[i + 1]))
            else None
            for i, line in enumerate(lines)
        ]
        for i, line in enumerate(lines):
            folded = fold_text(line)
            if _NOT_HOLDER.search(folded):
                continue
            cut = wrapped[i]
            if cut is not None:
                certainty = 0.95 if _HOLDER_CUE.search(folded) or (i > 0 and _ends_in_cue(lines[i - 1])) else 0.7
                hits.append(NameHit(cut.name, number, f"{line.strip()} {lines[i + 1].strip()}", certainty))
            for span in name_spans(line):
                earlier = wrapped[i - 1] if i > 0 else None
                if (cut is not None and span in cut.tail) or (earlier is not None and span in earlier.head):
                    continue  # a part of a name the line break cuts, counted whole above
                letters = len(re.findall(r"\w", line))
                standalone = len(re.findall(r"\w", span)) >= 0.8 * letters
                cue = (
                    _HOLDER_CUE.search(folded)
                    or (i > 0 and _HOLDER_CUE.search(fold_text(lines[i - 1])) and standalone)
                    or (i > 0 and _ends_in_cue(lines[i - 1]) and _rejoined(line).strip().startswith(span))
                )
                certainty = 0.95 if (cue or standalone) else 0.7
                hits.append(NameHit(span, number, line.strip(), certainty))
    hits.sort(key=lambda h: -h.certainty)
    return hits


# "1. Name", "1) Name", "1 Name", and OCR's "1 |Name" (a table's column rule read as a bar).
_LIST_ENTRY = re.compile(r"^\s*\d{1,3}\s*(?:[.)]\s*|\|\s*|\s+)(.*)$")


LOOSE_CERTAINTY = 0.7
# A table row's number OCR misread as a letter or two ("Е" for 3) before the name cell.
_LOST_NUMBER = re.compile(r"^\s*\S{1,2}\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")


def _loose_name(line: str) -> list[str]:
    """The name a line holds alone (at least 80 % of its letters), or, on a table row read with its cell
    borders ("Е Смағұлова Жанар Нұрланқызы | қазақ тілі … | педагог-модератор"), the name its first
    cell holds alone, past a row number misread as a letter."""
    if not line.strip() or _NOT_HOLDER.search(fold_text(line)):
        return []
    cell = line if "|" not in line else _LOST_NUMBER.sub("", line.split("|")[0])
    letters = len(re.findall(r"\w", cell))
    return [s for s in name_spans(cell) if len(re.findall(r"\w", s)) >= 0.8 * letters]


def listed_names(pages: Sequence[tuple[int, str]]) -> list[NameHit]:
    """Every teacher an order lists: the name at the head of each numbered entry.

    A name standing alone on a line is added with a lower certainty: OCR reads a table column by
    column and loses the row numbers. Such a name can show the applicant is listed, but it is not
    certain enough to show that the applicant is not.
    """
    hits: list[NameHit] = []
    loose: list[NameHit] = []
    for number, text in pages:
        for line in text.splitlines():
            m = _LIST_ENTRY.match(line)
            if not m:
                loose += [NameHit(s, number, line.strip(), LOOSE_CERTAINTY) for s in _loose_name(line)[:1]]
                continue
            spans = name_spans(m.group(1))  # found in the entry with its split capitals joined, and compared so
            if spans and _rejoined(m.group(1)).strip().startswith(spans[0]):
                hits.append(NameHit(spans[0], number, line.strip(), 0.95))
    return hits + loose
