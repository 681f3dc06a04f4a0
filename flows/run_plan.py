"""A run's plan: which submissions it takes and why, and the report it starts. Prefect-free, so that
the command line can plan before Prefect starts and end an idle night without it (`command_line`)."""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from flows.run_order import reading_cost
from flows.run_report import RunReport
from models.astana_time import ASTANA
from models.context import PriorSubmission
from models.settings import Settings
from models.verdict import Decision, Verdict
from notices.maker import notices_state
from storage.fingerprint_index import (
    NO_VERDICT,
    Entry,
    entry_of,
    load_snapshot,
    prune_journal,
    save_snapshot,
    to_recheck,
)
from storage.objects import Storage
from storage.submissions import Skipped, listed, needs_verdict, with_manifest
from storage.verdicts import operator_decision_of, read_current, repair_current
from validators.assessment import Parsed, parse

log = logging.getLogger("attest")


@dataclass(frozen=True)
class Selection:
    """What a run takes: the nightly rule, or an operator's choice."""

    mode: str = "nightly"  # "nightly" | "reprocess"
    submission_ids: tuple[str, ...] = ()
    all: bool = False
    decision: Decision | None = None
    since: date | None = None
    force: bool = False


@dataclass(frozen=True, slots=True)
class Pending:
    """A submission the run takes, as little of it as the night needs until its turn: its folder
    and manifest are read again by the worker that assesses it."""

    submission_id: str
    submitted: float  # `submitted_at` as a POSIX time (the folder's newest file without a manifest)
    applicant: str  # the IIN, or the id without a manifest: the same applicant's go in order (a clash orders only)
    cost: float  # estimated reading cost (`flows.run_order.reading_cost`)

    @property
    def sort_key(self) -> tuple[float, str]:
        return (self.submitted, self.submission_id)


@dataclass
class Plan:
    todo: list[Pending] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)  # every present submission's current verdict
    by_iin: dict[str, list[str]] = field(default_factory=dict)  # the applicants of `todo`: all their submissions
    unchanged: int = 0
    unknown_ids: list[str] = field(default_factory=list)
    operator_kept: list[str] = field(default_factory=list)  # "ID: operator X's decision (...)", no --force
    operator_replaced: list[str] = field(default_factory=list)  # the same, replaced with --force
    index_stale: bool = True  # the snapshot differs from `entries`: write it at the end of the run
    started: datetime | None = None  # when planning began: what the index written at the end is true as of
    index_mark: datetime | None = None  # the mark of the snapshot the run found (None: none usable)

    def others(self, submission_id: str) -> tuple[PriorSubmission, ...]:
        """The applicant's other submissions with their current decisions (repeat detection)."""
        iin = self.entries[submission_id].iin
        return tuple(
            PriorSubmission(submission_id=o, submitted_at=datetime.fromisoformat(e.submitted_at), decision=e.decision)
            for o in self.by_iin.get(iin or "", [])
            if o != submission_id and (e := self.entries[o]).submitted_at is not None
        )

    def published(self, submission_id: str, entry: Entry) -> None:
        self.entries[submission_id] = entry
        self.index_stale = True


def plan_run(storage: Storage, settings: Settings, selection: Selection, now: datetime) -> Planned:
    """One pass over the listing. A submission whose listing is the one its current verdict was made
    from (by the verdict index) and that the selection does not name costs its listing entry; the
    others have their manifest parsed and their current verdict read (an interrupted publication
    completed first)."""
    snapshot = load_snapshot(storage)
    recheck = to_recheck(storage, snapshot)
    plan, skipped = Plan(index_stale=snapshot.mark is None, started=now, index_mark=snapshot.mark), []
    for item in listed(storage, settings, now):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        sid, hint = item.submission_id, snapshot.entries.get(item.submission_id)
        unchanged = hint is not None and sid not in recheck and hint.fingerprint == item.fingerprint
        if unchanged and hint and not (selection.mode == "reprocess" and _chosen(sid, hint, selection)):
            plan.entries[sid] = hint
            plan.unchanged += 1
            continue
        _plan_one(storage, plan, parse(with_manifest(storage, item)), selection, hint)
    plan.unknown_ids = [s for s in selection.submission_ids if s not in plan.entries]
    plan.index_stale |= len(plan.entries) != len(snapshot.entries)
    plan.todo.sort(key=lambda p: p.sort_key)
    plan.by_iin = _by_iin(plan)
    return plan, skipped


def _by_iin(plan: Plan) -> dict[str, list[str]]:
    """The submissions of each applicant of the run who has more than one (repeat detection)."""
    todo = Counter(plan.entries[p.submission_id].iin for p in plan.todo)
    counts = Counter(e.iin for e in plan.entries.values() if e.iin in todo)
    many = {iin for iin, n in counts.items() if n > 1 and iin is not None}
    del todo, counts
    by_iin: dict[str, list[str]] = {}
    for sid, entry in plan.entries.items():
        if entry.iin in many:
            by_iin.setdefault(entry.iin, []).append(sid)
    return by_iin


def _plan_one(storage: Storage, plan: Plan, parsed: Parsed, selection: Selection, hint: Entry | None) -> None:
    """The slow way: the submission's current verdict read, and whether the run takes it."""
    sid = parsed.submission_id
    current = repair_current(storage, sid, read_current(storage, sid))
    manifest = parsed.manifest
    entry = _entry(parsed, current)
    plan.entries[sid] = entry
    plan.index_stale |= entry != hint
    selected = _selected(parsed, current, selection)
    if selected:
        applicant = manifest.applicant.iin if manifest else sid
        plan.todo.append(Pending(sid, parsed.sort_key[0].timestamp(), applicant, reading_cost(parsed)))
    else:
        plan.unchanged += 1
    earlier = operator_decision_of(current) if current is not None and selection.mode == "reprocess" else None
    if earlier is not None and _chosen(sid, entry, selection):
        (plan.operator_replaced if selected else plan.operator_kept).append(f"{sid}: {earlier}")


Planned = tuple[Plan, list]  # the plan, and the folders skipped (with their reasons)


def save_index(storage: Storage, plan: Plan) -> None:
    """The verdict index as this run leaves it (`storage.fingerprint_index`), when it changed, then its
    journal pruned before the mark of the snapshot in storage (a failure to prune is a warning)."""
    mark = plan.index_mark
    if plan.index_stale and plan.started is not None:
        mark = save_snapshot(storage, plan.entries.items(), plan.started)
    if mark is not None:
        prune_journal(storage, mark)


def _chosen(submission_id: str, current: Entry, selection: Selection) -> bool:
    """An operator's reprocess selection, before operators' decisions are set apart."""
    return bool(
        selection.all
        or submission_id in selection.submission_ids
        or (selection.decision is not None and current.decision == selection.decision)
        or (
            selection.since is not None
            and current.submitted_at is not None
            and datetime.fromisoformat(current.submitted_at).astimezone(ASTANA).date() >= selection.since
        )
    )


def _entry(parsed: Parsed, current: Verdict | None) -> Entry:
    """The index entry of the current verdict, with the applicant and time of the manifest as it is now."""
    manifest = parsed.manifest
    return (entry_of(current) if current else NO_VERDICT)._replace(
        iin=manifest.applicant.iin if manifest else None,
        submitted_at=manifest.submitted_at.isoformat() if manifest else None,
    )


def _selected(parsed: Parsed, current: Verdict | None, selection: Selection) -> bool:
    if selection.mode == "nightly":
        return needs_verdict(parsed.folder, current)
    if not _chosen(parsed.submission_id, _entry(parsed, current), selection):
        return False
    operator = current is not None and current.decided_by.kind == "operator"
    return selection.force or not operator or needs_verdict(parsed.folder, current)


def start_report(
    storage: Storage, settings: Settings, selection: Selection, now: datetime, planned: Planned
) -> RunReport:
    """The report of a run about to work through `planned`: what it found before reading anything."""
    plan, skipped = planned
    run_id = now.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    report = RunReport(
        run_id=run_id, mode=selection.mode, started_at=now, storage=storage.describe(), notices=notices_state(settings)
    )
    report.skipped = [f"{s.name}: {s.reason}" for s in skipped]
    report.unchanged = plan.unchanged
    report.unknown_ids = plan.unknown_ids
    report.operator_kept = plan.operator_kept
    report.operator_replaced = plan.operator_replaced
    for s in skipped:
        log.info("skipped %s: %s", s.name, s.reason)
    return report
