"""From the text of one file to a reading: its kind, its fields, the people it names.

`interpret` is pure: the same extracted text gives the same reading. A file that could not be
read, or that yields no real words, gets a reading with no fields, so every check that needs a
field reports "not found" (review) rather than guessing.
"""

import logging
from collections.abc import Sequence

from extractors import form_entries
from extractors.fields import common_fields
from extractors.holder_names import NameHit, holder_names, listed_names
from extractors.kinds import clear_mismatch, score_kinds
from extractors.reading import read_document
from extractors.text_folding import has_usable_text, letter_words
from models.base import Kind
from models.extraction import (
    DocumentReading,
    Evidence,
    ExtractedDocument,
    FieldValue,
    PageText,
    WordCount,
)
from models.settings import Settings

log = logging.getLogger("attest.readers")


def usable_pages(extracted: ExtractedDocument) -> tuple[PageText, ...]:
    """Pages that hold real words; a text layer of junk characters holds none."""
    return tuple(p for p in extracted.pages if has_usable_text(p.text))


def _name_values(hits: Sequence[NameHit], pages: Sequence[PageText]) -> tuple[FieldValue, ...]:
    conf = {p.number: p.confidence for p in pages}
    seen: set[str] = set()
    out: list[FieldValue] = []
    for hit in hits:
        if hit.name in seen:
            continue
        seen.add(hit.name)
        c = round(conf.get(hit.page, 0.0) * hit.certainty, 1)
        out.append(FieldValue(value=hit.name, evidence=Evidence(page=hit.page, text=hit.line[:300], confidence=c)))
    return tuple(out)


def _word_count(pages: Sequence[PageText]) -> WordCount | None:
    """The essay's words by the contract's rule; None while the counter is not available."""
    try:
        from extractors.words import count_essay_words
    except ImportError:
        log.warning("extractors.words is not available: essay words not counted")
        return None
    return count_essay_words([p.text for p in pages])


def interpret(extracted: ExtractedDocument, declared_kind: Kind) -> DocumentReading:
    """The reading of one document: detected kind, fields with evidence, names, essay words."""
    base = DocumentReading(file=extracted.file, declared_kind=declared_kind, extracted=extracted)
    if extracted.unreadable is not None:
        return base
    pages = usable_pages(extracted)
    if not pages:
        return base
    text = "\n".join(p.text for p in pages)
    scores = score_kinds(text)
    # Fields are read as the declared kind unless the content is clearly another kind.
    kind = clear_mismatch(scores, declared_kind) or declared_kind
    numbered = [(p.number, p.text) for p in pages]

    fields = common_fields(pages, kind)
    names: tuple[FieldValue, ...]
    if kind == "application":
        form = form_entries.form_fields(pages)
        fields.update(form)
        name = form.get(form_entries.NAME)
        names = (name,) if name is not None and name.value else ()
    elif kind == "category_order":
        names = _name_values(listed_names(numbered), pages)
    elif kind == "essay":
        names = ()
    else:
        names = _name_values(holder_names(numbered), pages)

    # Every page with a word counts, not only those with enough words to read fields from: an essay's
    # last page may hold nothing but the author's name ("Жұмабеков Н.Қ."), and near a limit its two
    # words decide the case.
    worded = [p for p in extracted.pages if letter_words(p.text)]
    word_count = _word_count(worded) if declared_kind == "essay" else None
    return base.model_copy(
        update={
            "detected_kind": scores.best,
            "kind_confidence": scores.confidence,
            "kind_scores": scores.scores,
            "kind_words": scores.words,
            "fields": fields,
            "names": names,
            "word_count": word_count,
        }
    )


def read_and_interpret(file: str, kind: Kind, data: bytes | None, settings: Settings) -> DocumentReading:
    """One listed file read and interpreted: the whole of a reading worker's job. It lives here, with
    the extractors, so a worker process imports only what reading needs (spaCy when an essay comes)."""
    return interpret(read_document(file, data, settings), kind)
