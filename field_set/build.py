"""`build_field_set`: write the field cases under `root/submissions/` and return their labels.

Ids are `<year>-9xxxxx`, so a field set and a sample set can share one storage root. Every
case draws from seeds of its own (`seed:slot:...`), so the same seed and `now` give the same
bytes, and changing one case leaves the others alone.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from field_set import papers, records
from field_set.capture import capture
from field_set.facts import Facts, Held, make_facts
from field_set.people import Person, make_person, other_surname
from field_set.scenarios import Plan, plans
from field_set.typeset import Face, text_faces
from models.astana_time import ASTANA
from models.base import Kind
from sample_set.labels import SampleCase, SampleDocument

DEFAULT_CASES = 32
_PAPER_KINDS = frozenset({"application", "diploma", "course_certificate", "category_certificate", "essay"})
_NAMES: dict[str, str] = {
    "application": "otinish", "diploma": "diplom", "employment_record": "egov-spravka",
    "course_certificate": "sertifikat-kurs", "category_certificate": "kuelik-sanat", "category_order": "buiryq",
    "professional_achievements": "alghys-hat", "student_achievements": "olimpiada", "essay": "esse",
}  # fmt: skip


def _astana(now: datetime) -> datetime:
    return now.replace(tzinfo=ASTANA) if now.tzinfo is None else now.astimezone(ASTANA)


def _stranger(rng: random.Random, p: Person, female: bool | None = None) -> Person:
    """Someone else: neither the surname nor the given name is the applicant's."""
    while True:
        other = make_person(rng, female=p.female if female is None else female, russian=p.russian)
        if other.ru.surname != p.ru.surname and other.ru.given != p.ru.given:
            return other


def _facts(plan: Plan, rng: random.Random, submitted: datetime) -> Facts:
    person = make_person(rng, female=plan.female, russian=plan.russian)
    f = make_facts(rng, person, plan.lang, submitted, plan.held, plan.action)
    name = plan.defect.name if plan.defect else ""
    if name == "expired" and f.held:
        until = submitted.date() - timedelta(days=rng.randint(20, 200))
        f = _with_held(f, Held(f.held.category, until.replace(year=until.year - 5), until, f.held.order_no))
    if name == "course_reversed":
        c = f.course
        f = _with(f, course=type(c)(c.provider, c.topic, c.hours, c.end, c.start, c.issued, c.reg_no))
    return f


def _with(f: Facts, **changes: Any) -> Facts:
    from dataclasses import replace

    return replace(f, **changes)


def _with_held(f: Facts, held: Held) -> Facts:
    return _with(f, held=held, category=held.category if f.action == "confirm" else f.category)


def _kinds(plan: Plan) -> list[Kind]:
    kinds: list[Kind] = ["application"]
    if not plan.state_diploma and not (plan.defect and plan.defect.name == "missing_diploma"):
        kinds.append("diploma")
    if not plan.state_employment:
        kinds.append("employment_record")
    kinds.append("course_certificate")
    if plan.held:
        kinds += ["category_certificate", "category_order"]
    kinds += ["professional_achievements", "student_achievements"]
    if not (plan.defect and plan.defect.name == "missing_essay"):
        kinds.append("essay")
    return kinds


def _draw(plan: Plan, kind: Kind, f: Facts, rng: random.Random, face: Face) -> tuple[records.Paper, int | None, Person]:
    """The born-digital PDF of one document, for the essay its word count, and the person it names
    as holder when it names one (the paper's `holder_text` says whether it does)."""
    defect = plan.defect.name if plan.defect else ""
    p = f.person
    holder = p
    if defect.endswith("other_person") and plan.defect is not None and kind == plan.defect.document:
        holder = _stranger(rng, p)
    if defect == "maiden_name" and kind == "diploma":
        holder = other_surname(rng, p)
    draw: dict[str, Callable[[], records.Paper]] = {
        "application": lambda: papers.application(rng, f, face, plan.lang, blank_position=defect == "blank_position"),
        "diploma": lambda: papers.diploma(rng, f, face, holder),
        "employment_record": lambda: records.employment(rng, f, face, holder),
        "course_certificate": lambda: papers.course_certificate(rng, f, face, holder),
        "category_certificate": lambda: papers.category_certificate(
            rng, f, face, holder, lang=rng.choice(("kk", "ru"))
        ),
        "category_order": lambda: papers.category_order(
            rng,
            f,
            face,
            [_stranger(rng, p, rng.random() < 0.6) for _ in range(rng.randint(4, 9))],
            lang=rng.choice(("kk", "ru")),
            listed=None if defect == "order_not_listed" else p,
        ),
        "professional_achievements": lambda: records.thanks(rng, f, face, holder, rng.choice(("kk", "ru"))),
        "student_achievements": lambda: records.olympiad(rng, f, face, rng.choice(("kk", "ru"))),
    }
    if kind == "essay":
        return (*records.essay(rng, face, plan.lang, plan.essay_words, p), p)
    return draw[kind](), None, holder


def _document(plan: Plan, kind: Kind, f: Facts, seed: int, folder: Path) -> SampleDocument:
    rng = random.Random(f"field:{seed}:{plan.slot}:{kind}")
    face = rng.choice(text_faces())
    paper, words, holder = _draw(plan, kind, f, rng, face)
    named = (holder.kk.full, holder.ru.full) if paper.holder_text is not None else ()
    how = plan.capture if kind in _PAPER_KINDS else "born_digital"
    poor = plan.poor and plan.defect is not None and plan.defect.document == kind
    got = capture(rng, paper.pdf, how, poor=poor)
    name = f"{_NAMES[kind]}.{got.extension}"
    (folder / name).write_bytes(got.data)
    return SampleDocument(
        file=name, declared_kind=kind, content_kind=kind, language=paper.language,
        rendering=got.rendering, scan_quality=got.quality, font=paper.font or face.name, holder_text=paper.holder_text,
        holder_surname=paper.holder_surname, holder_names=tuple(dict.fromkeys(named)), iin=paper.iin,
        dates=tuple(d.isoformat() for d in paper.dates), words=words, office_words=words,
    )  # fmt: skip


def _manifest(plan: Plan, sid: str, f: Facts, docs: list[SampleDocument]) -> dict[str, Any]:
    current = None
    if f.held:
        until = f.held.valid_until
        if plan.defect and plan.defect.name == "declared_mismatch":
            until = until + timedelta(days=365)
        current = {"category": f.held.category, "valid_until": until.isoformat()}
    m: dict[str, Any] = {
        "schema_version": 1,
        "submission_id": sid,
        "submitted_at": f.submitted.isoformat(timespec="seconds"),
        "channel": plan.channel,
        "applicant": {
            "iin": f.person.iin, "full_name": f.person.name(plan.manifest_lang).full, "email": f.person.email,
            "position": f.position(plan.lang), "organization": f.school(plan.lang),
        },
        "request": {"action": f.action, "category": f.category, "current_category": current},
        "consent_personal_data": not (plan.defect and plan.defect.name == "no_consent"),
        "state_records": {"diploma": plan.state_diploma, "employment": plan.state_employment},
        "documents": [{"file": d.file, "kind": d.declared_kind} for d in docs],
    }  # fmt: skip
    return m


def build_case(plan: Plan, root: Path, *, seed: int, now: datetime) -> SampleCase:
    """Write one submission folder (files, then the manifest last) and return its label."""
    sid = f"{now.year}-9{plan.slot:05d}"
    rng = random.Random(f"field:{seed}:{plan.slot}:facts")
    submitted = (now - timedelta(minutes=rng.randint(6 * 60, 5 * 24 * 60))).replace(second=0, microsecond=0)
    f = _facts(plan, rng, submitted)
    folder = root / "submissions" / sid
    folder.mkdir(parents=True, exist_ok=True)
    docs = [_document(plan, kind, f, seed, folder) for kind in _kinds(plan)]
    manifest = _manifest(plan, sid, f, docs)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    stamp = min(submitted, datetime.now(ASTANA)).timestamp()
    for p in (*folder.iterdir(), folder):
        os.utime(p, (stamp, stamp))
    essay = next((d.words for d in docs if d.declared_kind == "essay"), None)
    title = f"field: {plan.defect.title if plan.defect else 'clean'} ({plan.capture}, {plan.lang})"
    if plan.poor:
        title += ", defect on a poor photo"
    return SampleCase(
        submission_id=sid, folder=sid, title=title, profile="field", expected_decision=plan.decision,
        expected_checks=plan.checks, expected_grounds=plan.grounds, languages=frozenset({plan.lang}),
        scanned=plan.capture != "born_digital", tags=frozenset({plan.capture, "clean" if plan.defect is None else "defect"}),
        applicant_iin=f.person.iin, submitted_at=manifest["submitted_at"], essay_word_count=essay, documents=tuple(docs),
    )  # fmt: skip


def build_field_set(root: Path, *, seed: int, now: datetime, cases: int | None = None) -> tuple[SampleCase, ...]:
    """Write `cases` field submissions (default 32) under `root/submissions/` and return their labels.

    The same seed and `now` give byte-identical files; `submitted_at` falls 6 hours to 5 days before `now`.
    """
    moment = _astana(now).replace(microsecond=0)
    (root / "submissions").mkdir(parents=True, exist_ok=True)
    return tuple(build_case(p, root, seed=seed, now=moment) for p in plans(seed, cases or DEFAULT_CASES))
