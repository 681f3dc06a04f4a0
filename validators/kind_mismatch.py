"""`document.kind_mismatch` (review only) and the kind every reading check treats a document as.

A mismatch is reported only when the content is clearly another kind: a strong score for another
kind and a weak one for the declared kind, on a text long enough to judge. Little text, or a
close call, says nothing: the applicant's declaration stands.
"""

from functools import lru_cache

from extractors.kinds import KindScores, clear_mismatch, score_kinds
from extractors.text_folding import has_usable_text
from models.base import Kind
from models.context import CheckContext
from models.extraction import DocumentReading, PageText
from models.verdict import Finding
from validators.findings import finding
from validators.messages import KIND_NAMES, Bilingual, printable

CODE = "document.kind_mismatch"

# {name}: the file; {declared}, {found}: kind names.
MESSAGES: dict[str, Bilingual] = {
    "other_kind": Bilingual(
        "«{name}» файлы «{declared}» ретінде жүктелген, бірақ мазмұны бойынша «{found}» құжатына ұқсайды. "
        "Маман тексереді.",
        "Файл «{name}» загружен как «{declared}», но по содержанию похож на «{found}». Проверит специалист.",
    ),
}


def usable_pages(reading: DocumentReading) -> tuple[PageText, ...]:
    """The pages of a readable document that hold real words."""
    if reading.extracted.unreadable is not None:
        return ()
    return tuple(p for p in reading.extracted.pages if has_usable_text(p.text))


@lru_cache(maxsize=256)
def _scores(text: str) -> KindScores:
    return score_kinds(text)


def kind_scores(reading: DocumentReading) -> KindScores | None:
    """The kind scores of the document's usable text; None when it has none. The interpretation
    already scored that same text: its scores are taken when the reading carries them."""
    pages = usable_pages(reading)
    if not pages:
        return None
    if reading.kind_scores is not None and reading.kind_words is not None:
        return KindScores(dict(reading.kind_scores), reading.kind_words, reading.detected_kind, reading.kind_confidence)
    return _scores("\n".join(p.text for p in pages))


def effective_kind(reading: DocumentReading) -> Kind:
    """The declared kind, unless the content is clearly another kind (then that kind)."""
    scores = kind_scores(reading)
    if scores is None:
        return reading.declared_kind
    return clear_mismatch(scores, reading.declared_kind) or reading.declared_kind


def check_kind_mismatch(ctx: CheckContext) -> list[Finding]:
    """Review each document whose content is clearly another kind than the applicant declared."""
    out: list[Finding] = []
    for doc in ctx.documents:
        scores = kind_scores(doc)
        if scores is None:
            continue
        detected = clear_mismatch(scores, doc.declared_kind)
        if detected is None:
            continue
        message = MESSAGES["other_kind"].format(
            name=printable(doc.file), declared=KIND_NAMES[doc.declared_kind], found=KIND_NAMES[detected]
        )
        out.append(
            finding(
                CODE,
                "review",
                document=doc.file,
                message=message,
                evidence={
                    "declared_kind": doc.declared_kind,
                    "detected_kind": detected,
                    "declared_score": round(scores.score(doc.declared_kind), 2),
                    "detected_score": round(scores.score(detected), 2),
                    "words": scores.words,
                },
            )
        )
    return out
