"""The checks take the kind scores the interpretation stored, which are the scores of the same text."""

from extractors.interpret import interpret
from extractors.kinds import score_kinds
from models.extraction import ExtractedDocument, PageText
from tests.interpretation import samples
from validators.kind_mismatch import effective_kind, kind_scores


def _extracted(text: str) -> ExtractedDocument:
    pages = tuple(
        PageText(number=i, text=part, source="text_layer", confidence=100.0)
        for i, part in enumerate(text.split("\f"), start=1)
    )
    return ExtractedDocument(file="a.pdf", sha256="0" * 64, size=1, media_type="application/pdf", pages=pages)


def test_stored_scores_are_the_scores_of_the_usable_text() -> None:
    texts = [v for k, v in vars(samples).items() if k.isupper() and isinstance(v, str) and len(v) > 40]
    assert len(texts) >= 5
    for text in texts:
        reading = interpret(_extracted(text), "diploma")
        stored = kind_scores(reading)
        recomputed = kind_scores(reading.model_copy(update={"kind_scores": None, "kind_words": None}))
        assert stored is not None and recomputed is not None
        assert stored == recomputed == score_kinds("\n".join(p.text for p in reading.extracted.pages if p.text))
        assert effective_kind(reading) == effective_kind(reading.model_copy(update={"kind_scores": None}))
