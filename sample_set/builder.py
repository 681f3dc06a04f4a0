"""`build_sample_set`: write every case of a profile under `root/submissions/` and return the labels."""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from models.astana_time import ASTANA
from models.base import CATEGORIES
from sample_set.assemble import kinds_for, shift_course, write_document
from sample_set.cases import CasePlan, plans
from sample_set.facts import Facts, category_below, make_facts, make_held
from sample_set.labels import Profile, SampleCase, SampleDocument
from sample_set.people import Person, break_iin, make_person, typo_iin

_BAD_FOLDER = "bad id!"


def _astana(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(ASTANA).replace(microsecond=0)
    if now.tzinfo is None:
        return now.replace(tzinfo=ASTANA)
    return now.astimezone(ASTANA)


def _academic_year_start(t: datetime) -> datetime:
    year = t.year if t.month >= 9 else t.year - 1
    return datetime(year, 9, 1, tzinfo=ASTANA)


def repeat_times(now: datetime) -> tuple[datetime, datetime]:
    """Two moments before `now` in one academic year (1 September - 31 August), the first earlier."""
    start = _academic_year_start(now)
    span = now - start
    if span >= timedelta(days=4):
        return now - timedelta(days=3, hours=2), now - timedelta(days=1, hours=5)
    if span >= timedelta(hours=2):
        return start + span / 4, start + span / 2
    return now - timedelta(days=3), now - timedelta(days=2)  # both in the academic year just ended


def _submitted(rng: random.Random, now: datetime) -> datetime:
    return (now - timedelta(minutes=rng.randint(6 * 60, 6 * 24 * 60))).replace(second=0)


def _manifest_current(plan: CasePlan, f: Facts) -> dict[str, str] | None:
    if f.held is None:
        return None
    category, until = f.held.category, f.held.valid_until
    if plan.manifest_current == "other_category":
        below = category_below(category)
        category = below if below != category else CATEGORIES[CATEGORIES.index(category) + 1]
    elif plan.manifest_current == "other_date":
        until = until + timedelta(days=365)
    return {"category": category, "valid_until": until.isoformat()}


def _manifest(plan: CasePlan, sid: str, submitted: datetime, f: Facts, docs: list[SampleDocument]) -> dict[str, Any]:
    lang = plan.name_form or plan.lang
    manifest: dict[str, Any] = {
        "schema_version": 1,
        "submission_id": sid,
        "submitted_at": submitted.isoformat(timespec="seconds"),
        "channel": plan.channel,
        "applicant": {
            "iin": f.person.iin,
            "full_name": f.person.name(lang).full,
            "email": f.person.email,
            "position": f.subject.position(plan.lang),
            "organization": f.school.full(plan.lang),
        },
        "request": {"action": plan.action, "category": plan.category, "current_category": _manifest_current(plan, f)},
    }
    if plan.consent is not None:
        manifest["consent_personal_data"] = plan.consent
    manifest["state_records"] = {"diploma": plan.state_records[0], "employment": plan.state_records[1]}
    if plan.provider:
        manifest["provider"] = {"name": f.provider(plan.lang), "bin": f.provider_bin}
    manifest["documents"] = [{"file": d.file, "kind": d.declared_kind} for d in docs]
    return manifest


def _manifest_text(plan: CasePlan, manifest: dict[str, Any], year: int) -> str:
    """The manifest as the portal writes it, or broken as the plan asks."""
    docs = manifest["documents"]
    if plan.manifest_defect == "id_mismatch":
        manifest["submission_id"] = f"{year}-{plan.slot + 800:06d}"
    elif plan.manifest_defect == "duplicate":
        docs.insert(len(docs) // 2, dict(docs[len(docs) // 2]))
    elif plan.manifest_defect == "escape":
        entry = next(d for d in docs if d["kind"] == "professional_achievements")
        entry["file"] = "../escape.pdf"
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    if plan.manifest_defect == "bad_json":
        text = text[: len(text) * 2 // 3]  # cut off mid-way, as an interrupted write leaves it
    return text


def _person(rng: random.Random, plan: CasePlan, used: set[str]) -> Person:
    while True:
        person = make_person(rng, kazakh=plan.kazakh, female=plan.female)
        if person.iin not in used:
            used.add(person.iin)
            break
    if plan.invalid_iin:
        person = replace(person, iin=break_iin(rng, person.iin))
    return person


def _facts(plan: CasePlan, seed: int, submitted: date, used: set[str]) -> Facts:
    """The facts of a case, drawn from a seed of its own so other cases never shift them."""
    rng = random.Random(f"{seed}:facts:{plan.repeat_of or plan.slot}")
    person = _person(rng, plan, set() if plan.repeat_of else used)
    held = None
    if plan.held is not None:
        jitter = rng.randint(0, 30)  # away from `submitted`, so an expired category stays expired
        days = plan.held_days + jitter if plan.held_days >= 0 else plan.held_days - jitter
        held = make_held(rng, plan.held, submitted + timedelta(days=days))
    f = make_facts(
        rng, person, submitted, action=plan.action, category=plan.category, held=held,
        used_iins=set() if plan.repeat_of else used,
    )  # fmt: skip
    f = replace(
        f, blank_position=plan.blank_position, other_iin=typo_iin(rng, person.iin) if plan.iin_on_course else None
    )
    return shift_course(f, reversed_dates=plan.course_reversed, issued_future=plan.course_issued_future)


def _set_mtime(folder: Path, when: datetime) -> None:
    stamp = when.timestamp()
    for p in folder.iterdir():
        os.utime(p, (stamp, stamp))
    os.utime(folder, (stamp, stamp))


def build_case(
    plan: CasePlan, root: Path, *, profile: Profile, seed: int, now: datetime, times: dict[int, datetime],
    used: set[str], full_page_scans: bool,
) -> SampleCase:  # fmt: skip
    """Write one submission folder and return its label."""
    sid = f"{now.year}-{plan.slot:06d}"
    folder_name = _BAD_FOLDER if plan.folder == "bad_id" else sid
    if plan.folder == "bad_id":
        sid = _BAD_FOLDER
    rng = random.Random(f"{seed}:render:{plan.slot}")
    submitted = times.get(plan.slot) or _submitted(rng, now)
    base_day = (times.get(plan.repeat_of) or submitted) if plan.repeat_of else submitted
    f = _facts(plan, seed, base_day.date(), used)
    f = replace(f, submitted=submitted.date())
    folder = root / "submissions" / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_document(rng, plan, f, kind, full_page_scans=full_page_scans) for kind in kinds_for(plan)]
    for w in written:
        (folder / w.label.file).write_bytes(w.data)
    if plan.unlisted_file:
        (folder / "desktop.ini").write_text("[.ShellClassInfo]\nIconResource=C:\\Windows\\system32\\imageres.dll,-3\n")
    docs = [w.label for w in written]
    if plan.folder in ("normal", "bad_id"):
        manifest = _manifest(plan, sid, submitted, f, docs)
        (folder / "manifest.json").write_text(_manifest_text(plan, manifest, now.year), encoding="utf-8")
    real_now = datetime.now(ASTANA)
    if plan.folder == "missing_old":
        _set_mtime(folder, min(now, real_now) - timedelta(hours=48))
    elif plan.folder == "in_progress":
        _set_mtime(folder, max(now, real_now))
    else:  # uploaded when submitted: dates read from file times stay fixed for a fixed `now`
        _set_mtime(folder, min(submitted, real_now))
    essay = next((d.words for d in docs if d.content_kind == "essay" and d.declared_kind == "essay"), None)
    return SampleCase(
        submission_id=sid,
        folder=folder_name,
        title=plan.title,
        profile=profile,
        expected_decision=plan.expect.decision,
        expected_checks=plan.expect.checks,
        expected_grounds=plan.expect.grounds,
        languages=frozenset(d.language for d in docs if d.language),
        scanned=any(d.rendering not in ("pdf", "empty", "corrupt") for d in docs),
        tags=plan.tags | _tags(plan),
        applicant_iin=f.person.iin,
        submitted_at=submitted.isoformat(timespec="seconds"),
        essay_word_count=essay,
        documents=tuple(docs),
    )


def _tags(plan: CasePlan) -> frozenset[str]:
    tags = set()
    if plan.invalid_iin:
        tags.add("iin_invalid")
    if plan.manifest_defect or plan.folder == "missing_old":
        tags.add("malformed")
    if plan.folder in ("bad_id", "in_progress"):
        tags.add("skipped")
    if plan.folder != "normal":
        tags.add(f"folder_{plan.folder}")
    if plan.essay_tricky:
        tags.add("essay_tricky")
    return frozenset(tags)


def build_sample_set(
    root: Path,
    *,
    profile: Profile = "demo",
    seed: int = 2026,
    now: datetime | None = None,
    full_page_scans: bool = False,
) -> tuple[SampleCase, ...]:
    """Write the profile's submissions under `root/submissions/` and return what each should get.

    `now` (default: the current time) places `submitted_at` in the days before it, in Astana time.
    The same seed and `now` give byte-identical files. `full_page_scans` draws scans as A4 pages
    at 300 dpi (the benchmark) instead of small pages at 200-240 dpi (fast OCR in tests).
    """
    moment = _astana(now)
    case_plans = plans(profile)
    first, second = repeat_times(moment)
    times: dict[int, datetime] = {}
    for plan in case_plans:
        if plan.repeat_of is not None:
            times[plan.repeat_of], times[plan.slot] = first.replace(second=0), second.replace(second=0)
    used: set[str] = set()
    (root / "submissions").mkdir(parents=True, exist_ok=True)
    return tuple(
        build_case(p, root, profile=profile, seed=seed, now=moment, times=times, used=used,
                   full_page_scans=full_page_scans)
        for p in case_plans
    )  # fmt: skip


def write_labels(cases: tuple[SampleCase, ...], path: Path) -> None:
    """The labels as JSON, for an evaluation set kept on disk (not written under the storage root)."""
    rows = [c.model_dump(mode="json") for c in cases]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
