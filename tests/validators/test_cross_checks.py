"""The cross-submission and QR checks, pure: what they report for what the index found or the reader read."""

from __future__ import annotations

import random

import pytest

from models.cross_submission import CrossMatches, DocumentMatch, EssayMatch
from models.extraction import DocumentReading, ExtractedDocument, PageText
from sample_set.same_prompt import QUOTES, distinct_essay, reworded
from tests.submissions import make_manifest
from tests.validators.builders import make_ctx, readings_for, verdict_schema_errors
from validators.decision import decide
from validators.duplicate_essays import THRESHOLD, check_essay_duplicate
from validators.findings import finding
from validators.identifying_numbers import document_number, payload_number
from validators.messages import Bilingual
from validators.qr_mismatch import check_qr_mismatch
from validators.reused_documents import check_document_reused
from validators.shingles import essay_shingles, jaccard, shared_passage


def _similarity(a: str, b: str) -> float:
    return jaccard(essay_shingles(a), essay_shingles(b))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_reflowed_retyped_copy_is_the_same_essay(lang: str) -> None:
    title, body = distinct_essay(random.Random(1), lang)  # type: ignore[arg-type]
    words = body.split()
    reflowed = "\n".join(" ".join(words[i : i + 7]) for i in range(0, len(words), 7)).upper()
    hyphenated = reflowed.replace(words[10].upper() + " ", words[10].upper()[:3] + "-\n" + words[10].upper()[3:] + " ")
    assert _similarity(f"{title}\n{body}", f"{title}\n{hyphenated}") > 0.97


@pytest.mark.parametrize("share", [0.1, 0.2, 0.3])
def test_a_copy_with_words_changed_stays_above_the_threshold(share: float) -> None:
    rng = random.Random(2)
    for lang in ("kk", "ru"):
        _, body = distinct_essay(rng, lang)  # type: ignore[arg-type]
        assert _similarity(body, reworded(rng, lang, body, share)) >= THRESHOLD  # type: ignore[arg-type]


def test_distinct_essays_on_one_prompt_stay_below_the_threshold() -> None:
    rng = random.Random(3)
    essays = [distinct_essay(rng, "ru", quote=True) for _ in range(12)]
    worst = max(_similarity(a[1], b[1]) for i, a in enumerate(essays) for b in essays[i + 1 :])
    assert worst < THRESHOLD / 2


def test_quoting_the_rules_and_the_standard_does_not_make_a_duplicate() -> None:
    """Two short essays of their own words around the same long quotations: the quotations are dropped."""
    rng = random.Random(4)
    quoted = " ".join(QUOTES["ru"] * 3)
    a = quoted + " " + distinct_essay(rng, "ru", 60)[1]
    b = quoted + " " + distinct_essay(rng, "ru", 60)[1]
    assert _similarity(a, b) < THRESHOLD
    raw = set(a.lower().split()) & set(b.lower().split())
    assert len(raw) > 10  # without the boilerplate list they would share all the quotation's words


def test_the_shared_passage_is_the_longest_common_run() -> None:
    rng = random.Random(5)
    _, body = distinct_essay(rng, "kk")
    other = "бөтен сөз " + " ".join(body.split()[20:45]) + " тағы бөтен"
    passage = shared_passage(body, essay_shingles(other))
    assert passage.split() == [w.lower().strip(".,") for w in body.split()[20:45]]


def test_a_duplicate_essay_is_review_with_its_evidence() -> None:
    manifest = make_manifest()
    match = EssayMatch(submission_id="2026-000777", similarity=0.61, shared_passage="мен үшін мұғалім")
    ctx = make_ctx(manifest, readings_for(manifest)).model_copy(update={"cross": CrossMatches(essays=(match,))})
    (found,) = check_essay_duplicate(ctx)
    assert found.status == "review" and found.ground is None
    assert found.evidence["other_submission_ids"] == ["2026-000777"]
    assert found.evidence["shared_passage"] == "мен үшін мұғалім" and found.evidence["similarity"] == 0.61
    assert "2026-000777" in found.message.kk and "2026-000777" in found.message.ru
    assert decide([found]) == ("needs_review", ())
    assert verdict_schema_errors([found]) == []
    assert check_essay_duplicate(make_ctx(manifest, readings_for(manifest))) == []


def test_a_reused_document_is_review_per_file() -> None:
    manifest = make_manifest()
    matches = (
        DocumentMatch(file="kurs.pdf", other_submission_id="2026-000001", other_file="c.pdf", reason="same_number",
                      number="962624"),
        DocumentMatch(file="kurs.pdf", other_submission_id="2026-000002", other_file="c.jpg", reason="same_image",
                      number="962624", distance=3),
        DocumentMatch(file="diplom.pdf", other_submission_id="2026-000003", other_file="d.pdf", reason="same_file"),
    )  # fmt: skip
    ctx = make_ctx(manifest, readings_for(manifest)).model_copy(update={"cross": CrossMatches(documents=matches)})
    found = check_document_reused(ctx)
    assert [f.document for f in found] == ["kurs.pdf", "diplom.pdf"]
    assert found[0].evidence["other_submission_ids"] == ["2026-000001", "2026-000002"]
    assert "962624" in found[0].message.ru and all(f.status == "review" for f in found)
    assert decide(found) == ("needs_review", ())
    assert verdict_schema_errors(found) == []


def _scanned(file: str, text: str, codes: tuple[str, ...]) -> DocumentReading:
    page = PageText(number=1, text=text, source="ocr", confidence=90.0, codes=codes)
    extracted = ExtractedDocument(file=file, sha256="1" * 64, size=10, media_type="image/jpeg", pages=(page,))
    return DocumentReading(file=file, declared_kind="diploma", extracted=extracted)


@pytest.mark.parametrize(
    ("text", "payload", "flagged"),
    [
        ("ДИПЛОМ\nЖБ-Б № 0123456\nТіркеу нөмірі: 1234", "https://edu.example.kz/verify?doc=ZhBB7654321", True),
        ("ДИПЛОМ\nЖБ-Б № 0123456", "https://edu.example.kz/verify?doc=ZhBB0123456&lang=kk", False),
        ("ДИПЛОМ\nЖБ-Б № 0123456", "ЖББ0123456", False),
        ("ДИПЛОМ\nЖБ-Б № 0123456", "https://edu.example.kz/about", False),  # a link without a number
        ("ДИПЛОМ без номера", "https://edu.example.kz/verify?doc=7654321", False),  # nothing printed to contradict
    ],
)
def test_a_qr_number_that_contradicts_the_page_is_review(text: str, payload: str, flagged: bool) -> None:
    manifest = make_manifest()
    readings = tuple(
        r if r.declared_kind != "diploma" else _scanned(r.file, text, (payload,)) for r in readings_for(manifest)
    )
    found = check_qr_mismatch(make_ctx(manifest, readings))
    assert bool(found) == flagged
    if flagged:
        assert found[0].status == "review" and found[0].evidence["payload"] == payload
        assert found[0].evidence["printed_number"] == "ЖББ0123456"
        assert verdict_schema_errors(found) == []


def test_numbers_read_from_pages_and_payloads() -> None:
    assert document_number("СЕРТИФИКАТ\n№ 748497\nвыдан") == "748497"
    assert document_number("Регистрационный номер: 45 678") == "45678"
    assert document_number("Приказ № 12 от 2024 года") is None  # too short to identify anything
    assert payload_number("https://x.kz/c/KZ-0012345") == "KZ0012345"
    assert payload_number("кез келген мәтін") is None


@pytest.mark.parametrize(
    "code", ["essay.duplicate", "document.reused", "document.qr_mismatch", "document.signature_broken"]
)
def test_the_cross_checks_can_never_refuse_by_themselves(code: str) -> None:
    with pytest.raises(ValueError, match="only an operator"):
        finding(code, "fail", message=Bilingual("x", "y"))


def test_the_verdict_schema_asks_each_cross_check_for_its_evidence() -> None:
    bare = finding("essay.duplicate", "review", message=Bilingual("x", "y"), evidence={"similarity": 0.5})
    assert any("other_submission_ids" in e for e in verdict_schema_errors([bare]))
    broken = finding("document.signature_broken", "review", message=Bilingual("x", "y"), evidence={"reason": "x"})
    assert verdict_schema_errors([broken])
