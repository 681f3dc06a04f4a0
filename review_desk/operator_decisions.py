"""Operators' decisions on `needs_review` verdicts: the queue, and a decision as a new revision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from pydantic import ValidationError

from models.astana_time import ASTANA
from models.errors import InputError
from models.manifest import Manifest
from models.settings import Settings
from models.verdict import DecidedBy, Finding, Message, Verdict
from notices.maker import notice_maker
from storage.objects import open_storage
from storage.verdicts import operator_decision_of, publish, read_current
from validators.catalogue import CATALOGUE, GROUNDS
from validators.decision import decide
from validators.manifest import parse_manifest

# An operator's refusal in the operator's own words: the pipeline's review text ("Проверит специалист")
# said a person would look; this says what the person found. The check's name comes from the catalogue.
OPERATOR_FOUND = Message(
    kk="Маманның тексеруі бойынша анықталды: {name}.",
    ru="По результатам проверки специалистом установлено: {name}.",
)
OPERATOR_NOTE = Message(kk="Маманның ескертпесі: {note}", ru="Примечание специалиста: {note}")
_NAMES = {entry.code: entry.name for entry in CATALOGUE}


def _in_sentence(name: str) -> str:
    """A catalogue name inside a sentence: a lower-case first letter, unless it is an abbreviation (ИИН)."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def operator_refusal(check: str, note: str | None) -> Message:
    """What a refusal an operator made says to the teacher, in both languages."""
    name = _NAMES[check]
    extra = {"kk": "", "ru": ""}
    if note and note.strip():
        extra = {lang: " " + getattr(OPERATOR_NOTE, lang).format(note=note.strip()) for lang in ("kk", "ru")}
    return Message(
        kk=OPERATOR_FOUND.kk.format(name=_in_sentence(name.kk)) + extra["kk"],
        ru=OPERATOR_FOUND.ru.format(name=_in_sentence(name.ru)) + extra["ru"],
    )


@dataclass(frozen=True)
class QueueItem:
    submission_id: str
    due_by: date | None
    days_left: int | None
    checks: tuple[str, ...]


def review_queue(settings: Settings, today: date) -> list[QueueItem]:
    storage = open_storage(settings)
    items = []
    for obj in storage.iter_objects("verdicts/"):
        try:
            verdict = Verdict.model_validate_json(storage.read(obj.key))
        except ValidationError:
            continue
        if verdict.decision != "needs_review":
            continue
        checks = tuple(sorted({f.check for f in verdict.findings if f.status == "review"}))
        left = (verdict.due_by - today).days if verdict.due_by else None
        items.append(QueueItem(verdict.submission_id, verdict.due_by, left, checks))
    return sorted(items, key=lambda i: (i.due_by or date.max, i.submission_id))


def operator_verdict(
    current: Verdict, *, accept: bool, refuse: tuple[str, ...], operator: str, note: str | None, now: datetime
) -> Verdict:
    """The operator's reading replaces the pipeline's doubts: reviews become passes or failures."""
    unknown = [c for c in refuse if c not in GROUNDS]
    if unknown:
        raise InputError(f"cannot refuse on {', '.join(unknown)}: not a check with a ground for refusal")
    if not operator.strip():
        raise InputError("an operator's name is required")
    findings: list[Finding] = []
    for f in current.findings:
        if f.check in refuse:
            # A doubt the operator confirmed gets the operator's wording; a failure the pipeline found keeps its own.
            message = f.message if f.status == "fail" else operator_refusal(f.check, note)
            findings.append(f.model_copy(update={"status": "fail", "ground": GROUNDS[f.check], "message": message}))
        elif f.status in ("review", "fail"):
            evidence = {**f.evidence, "operator_resolved": f.status}
            findings.append(f.model_copy(update={"status": "pass", "ground": None, "evidence": evidence}))
        else:
            findings.append(f)
    for check in refuse:
        if not any(f.check == check for f in current.findings):
            findings.append(
                Finding(
                    check=check,
                    status="fail",
                    ground=GROUNDS[check],
                    message=operator_refusal(check, note),
                    evidence={"operator": operator},
                )
            )
    decision, grounds = decide(findings)
    if accept and decision != "accepted":
        raise InputError("internal: acceptance left failing findings")
    return current.model_copy(
        update={
            "decision": decision,
            "grounds": grounds,
            "findings": tuple(findings),
            "decided_at": now.astimezone(ASTANA).replace(microsecond=0),
            "decided_by": DecidedBy(kind="operator", name=operator.strip(), note=note),
            "notice": None,
        }
    )


def record_decision(
    settings: Settings,
    submission_id: str,
    *,
    accept: bool,
    refuse: tuple[str, ...],
    operator: str,
    note: str | None,
    force: bool = False,
) -> Verdict:
    """A decision as a new revision. Another decision by an operator is replaced only with `force`:
    one operator never silently overturns another's."""
    storage = open_storage(settings)
    current = read_current(storage, submission_id)
    if current is None:
        raise InputError(f"no verdict for {submission_id}")
    earlier = operator_decision_of(current)
    if earlier is not None and not force:
        raise InputError(f"{submission_id} already has {earlier}; add --force to replace it")
    verdict = operator_verdict(
        current, accept=accept, refuse=refuse, operator=operator, note=note, now=datetime.now(UTC)
    )
    manifest = (
        parse_manifest(storage.read(f"submissions/{submission_id}/manifest.json"), submission_id)
        if storage.exists(f"submissions/{submission_id}/manifest.json")
        else None
    )
    return publish(storage, verdict, manifest if isinstance(manifest, Manifest) else None, notice_maker(settings))
