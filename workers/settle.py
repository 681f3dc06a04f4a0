"""One submission settled in a worker: its readings from the caches, assessment, notice and publication.

The flow's own work used to run here one submission after another in the flow's process (70-80 ms
each, most of it the notice's rendering and signing), whatever the number of workers. Now the flow
only orders the night (`flows.nightly`): it hands each submission to a worker once the same
applicant's earlier submissions are settled, with their decisions (repeat detection), and the
worker does the rest. Revisions stay unique with several workers, and several runs, publishing at
once: history revisions are conditional creates (`storage.verdicts.publish`).

The worker reads the submission's folder and manifest again (the flow keeps neither: a year of them
would not fit) and its current verdict. A submission with a file that no cache has read goes back to
the flow (`NeedsReading`), which has it read by the reading workers as before and hands the
readings back here.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from models.context import PriorSubmission
from models.extraction import DocumentReading
from models.settings import Settings
from models.verdict import Verdict
from models.working_days import WorkCalendar
from notices.maker import NoticeMaker, notice_maker
from storage.fingerprint_index import Entry, entry_of
from storage.objects import Storage, open_storage
from storage.submissions import load_folder
from storage.verdicts import publish, read_current
from validators.assessment import Parsed, assess, parse
from workers.cross_checks import check_across
from workers.pool import NOTHING_READ, ReadStats, read_from_caches


@dataclass(frozen=True)
class SettleJob:
    submission_id: str
    others: tuple[PriorSubmission, ...]  # the applicant's other submissions, decisions as of now
    always: bool  # a reprocess: a new revision even when nothing changed
    readings: tuple[DocumentReading, ...] | None = None  # read by the flow's reading path; None: the caches
    stats: ReadStats = NOTHING_READ


@dataclass(frozen=True)
class NeedsReading:
    submission_id: str
    known: dict[str, str]  # file -> sha256 found on the way, for `workers.pool.read_submission`


@dataclass(frozen=True)
class Settled:
    submission_id: str
    verdict: Verdict | None  # None: files touched but not changed, nothing new to say
    entry: Entry | None  # the verdict index's entry of what was published
    stats: ReadStats
    seconds: float


@dataclass
class _Tools:
    settings: Settings
    storage: Storage
    make_notice: NoticeMaker | None
    calendar: WorkCalendar


_tools: _Tools | None = None  # one per worker process: the keys load once, not once a submission


def _tools_for(settings: Settings) -> _Tools:
    global _tools
    if _tools is None or _tools.settings != settings:
        calendar = WorkCalendar(
            settings.work_start, settings.work_end, settings.extra_days_off, settings.extra_working_days
        )
        _tools = _Tools(settings, open_storage(settings), notice_maker(settings), calendar)
    return _tools


def settle(settings: Settings, job: SettleJob) -> Settled | NeedsReading:
    """Assess and publish one submission (in a worker), or say that a file of it must be read first."""
    started = time.monotonic()
    tools = _tools_for(settings)
    storage = tools.storage
    parsed = parse(load_folder(storage, job.submission_id))
    current = read_current(storage, job.submission_id)
    if job.readings is None:
        found = read_from_caches(storage, parsed, settings, known_digests(parsed, current))
        if isinstance(found, dict):
            return NeedsReading(job.submission_id, found)
        readings, stats = found
    else:
        readings, stats = job.readings, job.stats
    now = datetime.now(UTC)
    cross = check_across(storage, settings, parsed, readings, now)  # the year's other submissions
    verdict = assess(parsed, readings, job.others, settings, tools.calendar, now, cross)
    if (
        not job.always
        and current is not None
        and current.input_sha256 == verdict.input_sha256
        and _same_outcome(current, verdict)
    ):
        return Settled(job.submission_id, None, None, stats, time.monotonic() - started)
    published = publish(storage, verdict, parsed.manifest, tools.make_notice)
    return Settled(job.submission_id, published, entry_of(published), stats, time.monotonic() - started)


def _same_outcome(a: Verdict, b: Verdict) -> bool:
    return a.decided_by.kind == "pipeline" and a.model_dump(
        include={"decision", "grounds", "findings", "documents"}
    ) == b.model_dump(include={"decision", "grounds", "findings", "documents"})


def known_digests(parsed: Parsed, current: Verdict | None) -> Mapping[str, str]:
    """The files' sha256 as the current verdict recorded them, when the listing (names, sizes, times)
    is the one that verdict was made from: a reprocess of unchanged files then reads no file to
    hash it, only the cached readings. Any change in the listing gives nothing: every file is read."""
    if current is None or current.input_fingerprint != parsed.folder.fingerprint:
        return {}
    return {d.file: d.sha256 for d in current.documents if d.sha256}
