"""Verdicts and manifests for the notice tests, built in code with Kazakh names."""

from datetime import date, datetime, timedelta, timezone

from models.base import Kind
from models.manifest import Manifest
from models.verdict import Decision, Finding, Message, Verdict, VerdictDocument
from tests.submissions import (
    CONFIRM_EXPERT,
    FULL_DOCUMENTS,
    ORGANIZATION,
    POSITION,
    applicant,
    documents,
    make_manifest,
)
from tests.submissions import IIN as IIN  # the samples' applicant, as the tests read it from here
from tests.submissions import NAME as NAME

ASTANA = timezone(timedelta(hours=5))
MASKED_IIN = "870412******"
PROVIDER = "Павлодар облысы білім басқармасы"
PROVIDER_BIN = "990140000123"
ALL_LETTERS = "әғқңөұүһі ӘҒҚҢӨҰҮҺІ"
ISSUED_AT = datetime(2026, 9, 15, 2, 14, tzinfo=ASTANA)

# The full list less the employment record, which state records supply for this applicant.
DOCUMENTS: tuple[tuple[str, Kind], ...] = tuple((f, k) for f, k in FULL_DOCUMENTS if k != "employment_record")


def manifest() -> Manifest:
    return make_manifest(
        applicant=applicant(position=POSITION, organization=ORGANIZATION),
        request=CONFIRM_EXPERT,
        state_records={"diploma": False, "employment": True},
        provider={"name": PROVIDER, "bin": PROVIDER_BIN},
        documents=documents(*DOCUMENTS),
    )


def fail(n: int, ground: int = 2, document: str | None = "essay.pdf") -> Finding:
    return Finding.model_validate(
        {
            "check": f"sample.check_{n}",
            "status": "fail",
            "ground": ground,
            "document": document,
            "message": Message(kk=f"Себеп нөмірі {n} қағаз", ru=f"Причина номер {n} бумага"),
        }
    )


def verdict(decision: Decision, findings: tuple[Finding, ...] = ()) -> Verdict:
    grounds = sorted({f.ground for f in findings if f.status == "fail" and f.ground is not None})
    return Verdict(
        submission_id="2026-000123",
        revision=2,
        decision=decision,
        grounds=tuple(grounds),
        findings=findings,
        documents=tuple(
            VerdictDocument.model_validate({"file": f, "declared_kind": k, "text_source": "text_layer"})
            for f, k in DOCUMENTS
        ),
        submitted_at="2026-09-14T21:05:00+05:00",
        registered_on=date(2026, 9, 15),
        due_by=date(2026, 9, 16),
        decided_at=datetime(2026, 9, 15, 2, 13, 9, tzinfo=ASTANA),
        applicant_iin=IIN,
    )


def refused() -> Verdict:
    """Three reasons, one per ground, the first carrying every Kazakh letter and a leaked IIN."""
    findings = (
        Finding(
            check="identity.iin_mismatch",
            status="fail",
            ground=1,
            document="diploma.jpg",
            message=Message(
                kk=f"Әріптер: {ALL_LETTERS}. Дипломдағы ЖСН {IIN[:-1]}9 өтініш берушінікі емес",
                ru=f"ИИН в дипломе {IIN[:-1]}9 не совпадает с ИИН {IIN}",
            ),
        ),
        Finding(
            check="essay.word_count",
            status="fail",
            ground=2,
            document="essay.pdf",
            message=Message(kk="Эсседе 231 сөз бар, 250–300 сөз болуы керек", ru="В эссе 231 слово, нужно 250–300"),
            evidence={"word_count": 231, "min": 250, "max": 300},
        ),
        Finding(
            check="identity.iin_invalid",
            status="review",
            message=Message(kk="Тексеруге", ru="На проверку"),
        ),
        Finding(
            check="consent.missing",
            status="fail",
            ground=3,
            message=Message(kk="Дербес деректерге келісім берілмеген", ru="Согласие на персональные данные не дано"),
        ),
    )
    return verdict("refused", findings)
