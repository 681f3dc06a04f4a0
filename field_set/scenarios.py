"""Which cases a field set holds and what a correct pipeline decides for each.

About half the cases are clean (expected accepted); the rest carry one defect each, drawn from
`DEFECTS` with the decision and the checks the contract (§3) prescribes. Every capture kind gets
clean and defective cases alike. A defect whose document arrives as a poor photo (too blurred and
dark to read with confidence) is labelled needs_review: refusing on an unreadable photo is wrong.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from field_set.capture import CAPTURES, Capture


@dataclass(frozen=True)
class Defect:
    name: str
    title: str
    decision: str
    checks: frozenset[tuple[str, str]]
    grounds: tuple[int, ...]
    needs_held: bool = False
    digital_or_scan: bool = False  # only where the count or date is read reliably (no turn, no photo)
    document: str | None = None  # the kind of document the defect sits in, when one does


def _d(
    name: str, title: str, decision: str, check: str | None, status: str, grounds: tuple[int, ...], **kw: object
) -> Defect:
    checks = frozenset({(check, status)}) if check else frozenset()
    return Defect(name, title, decision, checks, grounds, **kw)  # type: ignore[arg-type]


DEFECTS: tuple[Defect, ...] = (
    _d("course_other_person", "course certificate issued to another teacher", "refused", "identity.name_mismatch", "fail", (1,), document="course_certificate"),
    _d("diploma_other_person", "diploma issued to another person", "refused", "identity.name_mismatch", "fail", (1,), document="diploma"),
    _d("course_reversed", "course ends before it starts", "refused", "dates.inconsistent", "fail", (1,), document="course_certificate"),
    _d("blank_position", "position left blank in the combined Annex 2 entry", "refused", "application.incomplete", "fail", (2,), document="application"),
    _d("essay_short", "essay of 200 words", "refused", "essay.word_count", "fail", (2,), digital_or_scan=True, document="essay"),
    _d("essay_long", "essay of 340 words", "refused", "essay.word_count", "fail", (2,), digital_or_scan=True, document="essay"),
    _d("maiden_name", "diploma under the maiden name", "needs_review", "identity.name_mismatch", "review", (), document="diploma"),
    _d("missing_essay", "no essay uploaded", "refused", "documents.missing", "fail", (2,)),
    _d("missing_diploma", "no diploma and none in the state records", "refused", "documents.missing", "fail", (2,)),
    _d("order_not_listed", "category order does not list the applicant", "refused", "identity.name_mismatch", "fail", (1,), needs_held=True, document="category_order"),
    _d("no_consent", "consent to personal data not given", "refused", "consent.missing", "fail", (3,)),
    _d("expired", "confirming a category that has expired", "refused", "category.expired", "fail", (2,), needs_held=True),
    _d("declared_mismatch", "declared valid-until differs from the certificate", "refused", "category.declared_mismatch", "fail", (1,), needs_held=True),
)  # fmt: skip
BY_NAME = {d.name: d for d in DEFECTS}


@dataclass(frozen=True)
class Plan:
    slot: int
    capture: Capture
    lang: str  # the teacher's language: the application and the essay
    manifest_lang: str  # the alphabet of the manifest's name (Kazakh or Russian spelling)
    female: bool
    russian: bool
    held: str | None
    action: str
    state_diploma: bool
    state_employment: bool
    channel: str
    defect: Defect | None
    poor: bool  # the defect's document arrives as a poor photo
    essay_words: int

    @property
    def decision(self) -> str:
        if self.defect is None:
            return "accepted"
        if self.poor:
            return "needs_review"
        return self.defect.decision

    @property
    def checks(self) -> frozenset[tuple[str, str]]:
        if self.defect is None or self.poor:
            return frozenset()
        return self.defect.checks

    @property
    def grounds(self) -> tuple[int, ...]:
        return self.defect.grounds if self.defect and not self.poor else ()


def plans(seed: int, cases: int) -> list[Plan]:
    """`cases` plans: clean and defective alternately over the capture kinds, then shuffled."""
    rng = random.Random(f"field:{seed}:plans")
    pool = list(DEFECTS)
    rng.shuffle(pool)
    out = []
    for slot in range(cases):
        capture = CAPTURES[(slot // 2) % len(CAPTURES)]
        clean = slot % 2 == 0
        defect = None
        if not clean:
            for _ in range(len(DEFECTS)):
                candidate = pool.pop(0)
                pool.append(candidate)
                if not (candidate.digital_or_scan and capture not in ("born_digital", "scan")):
                    defect = candidate
                    break
        held = rng.choice((None, "pedagog_moderator", "pedagog_expert", "pedagog_researcher"))
        if defect and defect.needs_held and held is None:
            held = "pedagog_moderator"
        action = "confirm" if held and (rng.random() < 0.5 or (defect and defect.name == "expired")) else "assign"
        words = rng.randint(256, 294)
        if defect and defect.name == "essay_short":
            words = 200
        elif defect and defect.name == "essay_long":
            words = 340
        out.append(Plan(
            slot=slot, capture=capture, lang=rng.choice(("kk", "ru")), manifest_lang=rng.choice(("kk", "ru")),
            female=rng.random() < 0.7 or bool(defect and defect.name == "maiden_name"), russian=rng.random() < 0.15,
            held=held, action=action,
            state_diploma=rng.random() < 0.3 and not (defect and (defect.document == "diploma" or defect.name == "missing_diploma")),
            state_employment=rng.random() < 0.5, channel=rng.choice(("egov", "ustaz")), defect=defect,
            poor=bool(defect and capture == "photo" and defect.document and rng.random() < 0.5
                      and defect.document not in ("category_order",)),
            essay_words=words,
        ))  # fmt: skip
    rng.shuffle(out)
    return out
