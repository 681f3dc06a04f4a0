"""The Prefect flows: the nightly batch and the operators' reprocess. They only orchestrate.

The workers settle each submission (readings from the caches, assessment, notice, publication:
`workers.settle`) as soon as the same applicant's earlier submissions have their verdicts
(`flows.run_order`), so that repeat detection sees them, the most expensive first. A submission
with a file to read (OCR fans out to the same workers) has one task that reads its documents first.
"""

from __future__ import annotations

import logging
import os
import queue
import time
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.run_order import ApplicantOrder
from flows.run_plan import Pending, Plan, Planned, Selection, plan_run, save_index, start_report
from flows.run_report import RunReport, notices_line, readable, summary_line, write_report
from models.errors import InputError, StorageError
from models.extraction import DocumentReading
from models.settings import Settings, load_settings
from models.verdict import Decision, Verdict
from notices.maker import require_notice_key
from runtime.log_masking import flow_run_logging
from runtime.temporary_server import guard_temporary_server
from storage.objects import Storage, open_storage
from storage.submissions import load_folder
from validators.assessment import Parsed, parse
from workers.pool import NOTHING_READ, ReadStats, close_pool, make_pool, read_submission, start_readers_early
from workers.settle import NeedsReading, Settled, SettleJob, settle

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


def execute(
    settings: Settings, selection: Selection, progress: Progress | None = None, planned: Planned | None = None
) -> RunReport:
    """The body of both flows: plan (unless the command line has), settle in the workers, report."""
    started = time.monotonic()
    storage = open_storage(settings)
    require_notice_key(settings)  # no key with notices on: stop here, before any verdict
    now = datetime.now(UTC)
    planned = planned or plan_run(storage, settings, selection, now)
    plan = planned[0]
    order = {p.submission_id: i for i, p in enumerate(plan.todo)}
    report = start_report(storage, settings, selection, now, planned)
    pool = make_pool(settings) if plan.todo else None
    try:
        if pool is not None:
            _settle_all(storage, settings, selection, plan, pool, report, progress)
    finally:
        if pool is not None:
            close_pool(pool)
        report.seconds = round(time.monotonic() - started, 3)
    save_index(storage, plan)
    report.verdicts.sort(key=lambda row: order.get(row.submission_id, 0))
    write_report(storage, report)
    return report


def _settle_all(
    storage: Storage,
    settings: Settings,
    selection: Selection,
    plan: Plan,
    pool: Executor,
    report: RunReport,
    progress: Progress | None,
) -> None:
    """Every submission of the plan settled by the workers (`workers.settle`), each once the same
    applicant's earlier ones are, a bounded number at a time (the flow holds no more than those);
    those with a file no cache has read are read first, as before, by the reading workers."""
    events: queue.Queue[tuple[Pending, str, Any]] = queue.Queue()
    ready = ApplicantOrder(plan.todo)
    window = 4 * _workers(settings, pool) + 4
    busy = settled = 0

    def start(
        item: Pending, readings: tuple[DocumentReading, ...] | None = None, stats: ReadStats = NOTHING_READ
    ) -> None:
        job = SettleJob(
            item.submission_id, plan.others(item.submission_id), selection.mode == "reprocess", readings, stats
        )
        pool.submit(settle, settings, job).add_done_callback(lambda f: events.put((item, "settle", f)))

    while settled < len(plan.todo):
        while ready and busy < window:
            start(ready.next())
            busy += 1
        item, kind, future = events.get()
        sid = item.submission_id
        try:
            result = future.result()
        except Exception as exc:
            if _is_storage_failure(exc):
                raise
            log.exception("%s: internal error, no verdict this run", sid)
            report.failures.append(f"{sid}: {type(exc).__name__}")
            result = None
        if kind == "read" and result is not None:
            start(item, *result)
            continue
        if isinstance(result, NeedsReading):
            parsed = parse(load_folder(storage, sid))
            task = read_documents_task.submit(*_plain(storage, parsed, settings, pool, result.known))
            task.add_done_callback(lambda f, item=item: events.put((item, "read", f)))  # type: ignore[misc]
            continue
        busy, settled = busy - 1, settled + 1
        ready.settled(item)
        if isinstance(result, Settled):
            report.add(sid, result.verdict, result.stats, result.seconds)
            if result.verdict is not None and result.entry is not None:
                plan.published(sid, result.entry)
                _log_verdict(result.verdict, plan.entries[sid].iin)
                if progress:
                    progress(settled, len(plan.todo), result.verdict)


def _workers(settings: Settings, pool: Executor) -> int:
    return getattr(pool, "_max_workers", 0) or settings.workers or os.cpu_count() or 1


def _log_verdict(verdict: Verdict, iin: str | None) -> None:
    checks = ",".join(sorted({f.check for f in verdict.findings if f.status != "pass"})) or "-"
    log.info(
        "%s: r%d %s [%s] applicant %s", verdict.submission_id, verdict.revision, verdict.decision, checks, iin or "-"
    )


TABLE_ROWS = 1000  # a first night of a year's submissions is not one table in the UI (nor in the flow's memory)


def publish_artifacts(report: RunReport) -> RunReport:
    """The night at a glance in the Prefect UI: a table of verdicts and a markdown summary. Called by
    the flows around `execute`: Prefect's own bookkeeping, like the flow run's start and end."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact
    from prefect.context import FlowRunContext

    if FlowRunContext.get() is None:
        return report
    rows = [{k: readable(v) for k, v in row._asdict().items()} for row in report.verdicts[:TABLE_ROWS]]
    if rows:
        more = len(report.verdicts) - len(rows)
        shown = f" (the first {len(rows)}; all {len(report.verdicts)} in runs/{report.run_id}.json)" if more else ""
        create_table_artifact(key="attest-verdicts", table=rows, description=f"Verdicts of run {report.run_id}{shown}")
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
    """The CLI's way in: the same flow, with the CLI's settings object, its plan and a progress callback.
    The readers start loading first, while Prefect starts the flow (`start_readers_early`)."""
    if planned is None or planned[0].todo:
        start_readers_early(settings)

    @flow(name=f"attest-{selection.mode}", task_runner=_runner(), log_prints=False)
    def cli_flow() -> RunReport:
        flow_run_logging()
        guard_temporary_server()
        return publish_artifacts(execute(settings, selection, progress, planned))

    return cli_flow()
