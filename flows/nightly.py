"""The Prefect flows: the nightly batch and the operators' reprocess. They only orchestrate.

One task per submission reads its documents (OCR fans out to worker processes), the most
expensive submissions first; each is assessed and published as soon as its reading is done and
the same applicant's earlier submissions have their verdicts (`flows.run_order`), so that repeat
detection sees them.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.run_order import assessment_order, known_digests, reading_order
from flows.run_plan import Plan, Planned, Selection, plan_run, start_report
from flows.run_report import RunReport, notices_line, readable, summary_line, write_report
from models.errors import InputError, StorageError
from models.extraction import DocumentReading
from models.settings import Settings, load_settings
from models.verdict import Decision, Verdict
from models.working_days import WorkCalendar
from notices.maker import NoticeMaker, notice_maker
from runtime.log_masking import flow_run_logging
from runtime.temporary_server import guard_temporary_server
from storage.objects import Storage, open_storage
from storage.verdicts import publish
from validators.assessment import Parsed, assess, others_of
from workers.cross_checks import check_across
from workers.pool import ReadStats, close_pool, make_pool, read_cached, read_submission

log = logging.getLogger("attest")


def _runner() -> Any:
    """Threads only wait here: the CPU work happens in the reading processes."""
    return ThreadPoolTaskRunner(max_workers=4)


Progress = Callable[[int, int, Verdict], None]


@task(name="read-documents", cache_policy=NO_CACHE, retries=0)
def read_documents_task(
    storage: Storage, parsed: Parsed, settings: Settings, pool: object, known: dict[str, str]
) -> tuple[tuple[DocumentReading, ...], ReadStats]:
    return read_submission(storage, parsed, settings, pool, known)  # type: ignore[arg-type]


def _plain(*arguments: object) -> list[Any]:
    """The reading task's arguments, marked for Prefect not to walk them looking for futures: there
    are none, and the walk through each submission's listing, manifest and settings cost the flow
    2-4 ms of CPU a task, a quarter of what Prefect costs the flow per task (40 tasks: 0.40 -> 0.30 s)."""
    return [quote(a) for a in arguments]


def assess_and_publish(
    storage: Storage,
    parsed: Parsed,
    readings: tuple[DocumentReading, ...],
    plan: Plan,
    settings: Settings,
    calendar: WorkCalendar,
    make_notice: NoticeMaker | None,
    always: bool,
) -> Verdict | None:
    now = datetime.now(UTC)
    cross = check_across(storage, settings, parsed, readings, now)  # the year's other submissions (issue 21)
    verdict = assess(parsed, readings, others_of(parsed, plan.by_iin, plan.decisions), settings, calendar, now, cross)
    current = plan.current.get(parsed.submission_id)
    if (
        not always
        and current is not None
        and current.input_sha256 == verdict.input_sha256
        and _same_outcome(current, verdict)
    ):
        return None  # files touched but not changed, and nothing new to say
    published = publish(storage, verdict, parsed.manifest, make_notice)
    checks = ",".join(sorted({f.check for f in published.findings if f.status != "pass"})) or "-"
    applicant = parsed.manifest.applicant.iin if parsed.manifest else "-"
    log.info(
        "%s: r%d %s [%s] applicant %s",
        published.submission_id,
        published.revision,
        published.decision,
        checks,
        applicant,
    )
    return published


def _same_outcome(a: Verdict, b: Verdict) -> bool:
    return a.decided_by.kind == "pipeline" and a.model_dump(
        include={"decision", "grounds", "findings", "documents"}
    ) == b.model_dump(include={"decision", "grounds", "findings", "documents"})


def execute(
    settings: Settings, selection: Selection, progress: Progress | None = None, planned: Planned | None = None
) -> RunReport:
    """The body of both flows: plan (unless the command line has), read in parallel, assess in order, report."""
    started = time.monotonic()
    storage = open_storage(settings)
    make_notice = notice_maker(settings)  # no key with notices on: stop here, before any verdict
    now = datetime.now(UTC)
    planned = planned or plan_run(storage, settings, selection, now)
    plan = planned[0]
    order = {p.submission_id: i for i, p in enumerate(plan.todo)}
    report = start_report(storage, settings, selection, now, planned)
    calendar = WorkCalendar(
        settings.work_start, settings.work_end, settings.extra_days_off, settings.extra_working_days
    )
    pool = make_pool(settings) if plan.todo else None
    try:
        known = {p.submission_id: known_digests(p, plan.current.get(p.submission_id)) for p in plan.todo}
        ready = {p.submission_id: read_cached(storage, p, settings, known[p.submission_id]) for p in plan.todo}
        futures = {
            p.submission_id: read_documents_task.submit(*_plain(storage, p, settings, pool, known[p.submission_id]))
            for p in reading_order(plan.todo)
            if ready[p.submission_id] is None
        }
        ready_ids = [sid for sid, result in ready.items() if result is not None]
        for i, parsed in enumerate(assessment_order(plan.todo, futures, as_completed, ready_ids), start=1):
            t0 = time.monotonic()
            try:
                readings, stats = ready.pop(parsed.submission_id) or futures[parsed.submission_id].result()
                verdict = assess_and_publish(
                    storage, parsed, readings, plan, settings, calendar, make_notice, selection.mode == "reprocess"
                )
            except Exception as exc:
                if _is_storage_failure(exc):
                    raise
                log.exception("%s: internal error, no verdict this run", parsed.submission_id)
                report.failures.append(f"{parsed.submission_id}: {type(exc).__name__}")
                continue
            report.add(parsed.submission_id, verdict, stats, time.monotonic() - t0)
            if verdict is not None:
                plan.decisions[parsed.submission_id] = verdict.decision
                if progress:
                    progress(i, len(plan.todo), verdict)
    finally:
        if pool is not None:
            close_pool(pool)
        report.seconds = round(time.monotonic() - started, 3)
    report.verdicts.sort(key=lambda row: order.get(str(row["submission_id"]), 0))
    write_report(storage, report)
    return report


def publish_artifacts(report: RunReport) -> RunReport:
    """The night at a glance in the Prefect UI: a table of verdicts and a markdown summary. Called by
    the flows around `execute`: Prefect's own bookkeeping, like the flow run's start and end."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact
    from prefect.context import FlowRunContext

    if FlowRunContext.get() is None:
        return report
    rows = [{k: readable(v) for k, v in row.items()} for row in report.verdicts]
    if rows:
        create_table_artifact(key="attest-verdicts", table=rows, description=f"Verdicts of run {report.run_id}")
    decided = "\n".join(f"| {k} | {v} |" for k, v in sorted(report.by_decision.items())) or "| none | 0 |"
    checks = "\n".join(f"| {k} | {v} |" for k, v in sorted(report.by_check.items())) or "| none | 0 |"
    failures = "\n".join(f"- {f}" for f in report.failures) or "none"
    operators = "".join(f"- kept {line} (force replaces it)\n" for line in report.operator_kept) + "".join(
        f"- replaced {line}\n" for line in report.operator_replaced
    )
    create_markdown_artifact(
        key="attest-run-summary",
        markdown=(
            f"# attest {report.mode} run {report.run_id}\n\n"
            f"{report.seconds:.1f} s; {report.ocr_pages} OCR pages, {report.text_pages} text-layer pages, "
            f"{report.cached_documents} documents from cache; unchanged {report.unchanged}\n\n"
            f"{notices_line(report).capitalize()}\n\n"
            f"| decision | count |\n|---|---|\n{decided}\n\n| check:status | count |\n|---|---|\n{checks}\n\n"
            f"Failures: {failures}\n" + (f"\nOperators' decisions:\n{operators}" if operators else "")
        ),
        description="attest run summary",
    )
    return report


def _served(report: RunReport) -> RunReport:
    """A deployment's run says what it did on the output of `attest serve` (which streams it), one line."""
    print(f"attest {summary_line(report)}", flush=True)
    return report


def _is_storage_failure(exc: BaseException) -> bool:
    return isinstance(exc, StorageError)


def _settings(storage: str | None) -> Settings:
    """The deployments' edge: the worker's environment (and $ATTEST_CONFIG) is read here."""
    config = os.environ.get("ATTEST_CONFIG")
    base = load_settings(Path(config) if config else None)
    return base.model_copy(update={"storage": storage}) if storage else base


@flow(name="attest-nightly", task_runner=_runner(), log_prints=False)
def nightly_flow(storage: str | None = None) -> dict[str, object]:
    """Every submission with no verdict, or whose files changed since its verdict."""
    flow_run_logging()
    guard_temporary_server()
    return _served(publish_artifacts(execute(_settings(storage), Selection()))).summary()


@flow(name="attest-reprocess", task_runner=_runner(), log_prints=False)
def reprocess_flow(
    storage: str | None = None,
    submission_ids: list[str] | None = None,
    all: bool = False,
    decision: Decision | None = None,
    since: date | None = None,
    force: bool = False,
) -> dict[str, object]:
    """A new verdict for the chosen submissions, whatever their state (operators' decisions stand unless forced)."""
    flow_run_logging()
    guard_temporary_server()
    selection = Selection(
        mode="reprocess",
        submission_ids=tuple(submission_ids or ()),
        all=all,
        decision=decision,
        since=since,
        force=force,
    )
    if not (selection.submission_ids or all or decision or since):
        raise InputError("reprocess needs a selection: submission_ids, all, decision or since")
    report = _served(publish_artifacts(execute(_settings(storage), selection)))
    if report.unknown_ids:
        # The others are reprocessed; the run still fails, so that the operator sees the ids.
        raise InputError(f"no such submission: {', '.join(report.unknown_ids)}")
    return report.summary()


def run_in_flow(
    settings: Settings, selection: Selection, progress: Progress | None = None, planned: Planned | None = None
) -> RunReport:
    """The CLI's way in: the same flow, with the CLI's settings object, its plan and a progress callback."""

    @flow(name=f"attest-{selection.mode}", task_runner=_runner(), log_prints=False)
    def cli_flow() -> RunReport:
        flow_run_logging()
        guard_temporary_server()
        return publish_artifacts(execute(settings, selection, progress, planned))

    return cli_flow()
