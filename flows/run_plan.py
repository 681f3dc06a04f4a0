"""A run's plan: which submissions it takes and why, and the report it starts. Prefect-free, so that
the command line can plan before Prefect starts and end an idle night without it (`command_line`)."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from flows.run_report import RunReport
from models.astana_time import ASTANA
from models.settings import Settings
from models.verdict import Decision, Verdict
from notices.maker import notices_state
from storage.objects import Storage
from storage.submissions import discover, needs_verdict
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


@dataclass
class Plan:
    todo: list[Parsed] = field(default_factory=list)
    by_iin: dict[str, list[Parsed]] = field(default_factory=dict)
    decisions: dict[str, Decision | None] = field(default_factory=dict)
    current: dict[str, Verdict | None] = field(default_factory=dict)  # as read when planning
    unchanged: int = 0
    unknown_ids: list[str] = field(default_factory=list)
    operator_kept: list[str] = field(default_factory=list)  # "ID: operator X's decision (...)", no --force
    operator_replaced: list[str] = field(default_factory=list)  # the same, replaced with --force


def plan_run(storage: Storage, settings: Settings, selection: Selection, now: datetime) -> Planned:
    found = discover(storage, settings, now)
    plan = Plan()
    present = set()
    for folder in found.folders:
        parsed = parse(folder)
        present.add(parsed.submission_id)
        current = repair_current(storage, parsed.submission_id, read_current(storage, parsed.submission_id))
        plan.current[parsed.submission_id] = current
        plan.decisions[parsed.submission_id] = current.decision if current else None
        if parsed.manifest is not None:
            plan.by_iin.setdefault(parsed.manifest.applicant.iin, []).append(parsed)
        selected = _selected(parsed, current, selection)
        if selected:
            plan.todo.append(parsed)
        else:
            plan.unchanged += 1
        earlier = operator_decision_of(current) if current is not None and selection.mode == "reprocess" else None
        if earlier is not None and _chosen(parsed, current, selection):
            (plan.operator_replaced if selected else plan.operator_kept).append(f"{parsed.submission_id}: {earlier}")
    plan.unknown_ids = [s for s in selection.submission_ids if s not in present]
    plan.todo.sort(key=lambda p: p.sort_key)
    return plan, found.skipped


Planned = tuple[Plan, list]  # the plan, and the folders skipped (with their reasons)


def _chosen(parsed: Parsed, current: Verdict | None, selection: Selection) -> bool:
    """An operator's reprocess selection, before operators' decisions are set apart."""
    return bool(
        selection.all
        or parsed.submission_id in selection.submission_ids
        or (selection.decision is not None and current is not None and current.decision == selection.decision)
        or (
            selection.since is not None
            and parsed.manifest is not None
            and parsed.manifest.submitted_at.astimezone(ASTANA).date() >= selection.since
        )
    )


def _selected(parsed: Parsed, current: Verdict | None, selection: Selection) -> bool:
    if selection.mode == "nightly":
        return needs_verdict(parsed.folder, current)
    if not _chosen(parsed, current, selection):
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
