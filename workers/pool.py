"""Reading a submission's documents: the caches and the worker processes.

Extraction (text layer or OCR) is the expensive part and depends only on the file's bytes, the
reading settings and the reading code, so it is cached in storage by content hash. The
interpretation (kind, fields, names, word count) is cached the same way, keyed also by the
declared kind and the interpretation code: a reprocess of unchanged files does neither again,
and a change to the code makes new keys by itself. Workers are processes (pdfium is not
thread-safe and Tesseract wants one process per core).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.util
import os
import shutil
import tempfile
from collections.abc import Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from extractors.interpret import interpret
from extractors.reading import too_large
from models.base import Kind
from models.errors import NotFoundError
from models.extraction import DocumentReading, ExtractedDocument
from models.listing import file_cost
from models.manifest import DocumentRef
from models.settings import Settings
from storage.objects import Storage
from storage.submissions import load_document
from validators.assessment import Parsed
from workers.bounded import READER_FAILED, BoundedReading, read_bounded, reader_failed
from workers.in_flight import InFlight
from workers.worker_process import start_worker, stop_worker

log = logging.getLogger("attest")
_Cached = TypeVar("_Cached", DocumentReading, ExtractedDocument)


def _code_version(*modules: str) -> str:
    """A digest of the code itself: cached results of older code are never mistaken for new ones.
    Found without importing the modules: the flow's process never needs spaCy, say."""
    h = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        h.update(Path(spec.origin if spec and spec.origin else name).read_bytes())
    return h.hexdigest()[:16]


EXTRACTION_VERSION = _code_version(
    "extractors.reading",
    "extractors.pdf",
    "extractors.image",
    "extractors.ocr",
    "extractors.numbers",
    "extractors.held_engine",
    "extractors.digit_reader",
    "extractors.orientation",
    "extractors.columns",
    "extractors.text_layer_columns",
    "extractors.coverage",
    "extractors.text_size",
    "extractors.codes",
    "extractors.sheet",
    "extractors.preprocess",
    "extractors.normalise",
    "extractors.quality",
    "extractors.page_hash",
    "extractors.embedded_signatures",
)
INTERPRETATION_VERSION = _code_version(
    "extractors.interpret",
    "extractors.kinds",
    "extractors.fields",
    "extractors.form_entries",
    "extractors.text_folding",
    "extractors.name_matching",
    "extractors.holder_names",
    "extractors.dates",
    "extractors.words",
)


def _knobs(settings: Settings) -> str:
    knobs = f"{EXTRACTION_VERSION}|{settings.ocr_languages}|{settings.ocr_dpi}|{settings.max_page_pixels}"
    knobs += f"|{settings.max_pages}|{settings.ocr_page_timeout_s}"
    return hashlib.sha256(knobs.encode()).hexdigest()[:16]


def cache_key(sha256: str, settings: Settings) -> str:
    return f"cache/extraction/{_knobs(settings)}/{sha256}.json"


def reading_key(sha256: str, kind: Kind, settings: Settings) -> str:
    return f"cache/reading/{INTERPRETATION_VERSION}/{_knobs(settings)}/{sha256}-{kind}.json"


# Imported once, in the fork server the workers are forked from: each spawned worker used to import
# them itself (~1.1 s of CPU, the readers and spaCy; ~0.5 s more for settling: notices, signing and
# the cross-submission index), and their pages are now shared.
READER_MODULES = ["extractors.interpret", "extractors.words", "workers.bounded", "workers.settle", "workers.warm_up"]


def _fork_server() -> multiprocessing.context.ForkServerContext:
    """Workers forked from a server process that has the readers loaded: neither `fork` from the
    flow's process (Prefect's threads hold locks a child would inherit held) nor a fresh `spawn`
    each (every worker importing the readers again)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(READER_MODULES)
    return context


def start_readers_early(settings: Settings) -> None:
    """Start the fork server now, so that it loads the readers (about 1.2 s of CPU) while the caller does
    something else: the command line calls this before Prefect's flow starts (a temporary API server
    takes seconds to come up), and the night's first worker then forks at once. It returns at once."""
    if settings.dask_address:
        return  # the cluster's workers have their own
    _fork_server()
    multiprocessing.forkserver.ensure_running()


class ReadingPool(ProcessPoolExecutor):
    """The run's worker processes and the temporary directory they share (see workers.worker_process)."""

    def __init__(self, workers: int) -> None:
        self.scratch = tempfile.mkdtemp(prefix="attest-run-")
        self.in_flight = InFlight()  # shared by the submissions read side by side
        super().__init__(
            max_workers=workers,
            mp_context=_fork_server(),
            initializer=start_worker,
            initargs=(self.scratch, os.getpid(), multiprocessing.util.get_temp_dir()),
        )


def make_pool(settings: Settings) -> Executor:
    """One process per core for the whole run.

    No max_tasks_per_child: on Python 3.11-3.13 a worker that exits at that limit while tasks are
    queued is not replaced (CPython gh-115634), and the night hangs once every worker has done
    its quota (with 200 and 2 workers: after 400 documents). Workers hold no per-document state,
    and the benchmark's peak worker memory over 400 documents shows no growth that would call
    for recycling.
    """
    if settings.dask_address:
        from workers.dask_executor import DaskExecutor

        return DaskExecutor(settings.dask_address)
    return ReadingPool(settings.workers or os.cpu_count() or 1)


def close_pool(pool: Executor) -> None:
    """End the run's workers without waiting for one still at work: a run that ends early (a storage
    fault) does not wait out the files being read, whose children each worker stops at their time
    limit (`workers.bounded`) or with the worker when it is stopped here."""
    processes = list(getattr(pool, "_processes", {}).values()) if isinstance(pool, ProcessPoolExecutor) else []
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
        if process.is_alive() and process.pid is not None:
            stop_worker(process.pid)
            process.join(timeout=5)
    if isinstance(pool, ReadingPool):
        shutil.rmtree(pool.scratch, ignore_errors=True)


@dataclass(frozen=True)
class ReadStats:
    documents: int = 0
    cached: int = 0
    ocr_pages: int = 0
    text_pages: int = 0
    peak_bytes: int = 0  # the largest resident memory a file's reading process reached


NOTHING_READ = ReadStats()


@dataclass
class _Job:
    file: str
    kind: Kind
    sha256: str | None
    size: int = 0
    data: bytes | None = None  # the bytes to read, until they are handed to a worker
    over_limit: bool = False  # listed larger than max_file_bytes: never read
    reading: DocumentReading | None = None
    extracted: ExtractedDocument | None = None
    future: Future[BoundedReading] | None = None

    def take(self, data: bytes | None) -> None:
        self.data, self.size = data, len(data or b"")
        self.sha256 = hashlib.sha256(data).hexdigest() if data else None


def read_submission(
    storage: Storage,
    parsed: Parsed,
    settings: Settings,
    pool: Executor,
    known: Mapping[str, str] | None = None,
) -> tuple[tuple[DocumentReading, ...], ReadStats]:
    """Every listed document read (from the caches where possible) and interpreted, in manifest order.

    `known`: file -> sha256 of files known unchanged (`workers.settle.known_digests`); such a file
    is read from storage only when no cache holds its reading. The largest files go to the workers
    first, so a submission's long scan does not start last; the bytes held for the workers stay
    within the pool's budget (`workers.in_flight`).
    """
    manifest = parsed.manifest
    if manifest is None:
        return (), ReadStats()
    known = known or {}
    prefix = f"submissions/{parsed.submission_id}/"
    listed = {f.key.removeprefix(prefix): f.size for f in parsed.folder.files}
    in_flight: InFlight = getattr(pool, "in_flight", None) or InFlight()
    refs = manifest.documents
    started: dict[int, _Job] = {}
    for i in sorted(range(len(refs)), key=lambda n: -file_cost(refs[n].file, listed.get(refs[n].file, 0))):
        size = listed.get(refs[i].file, 0)
        share = in_flight.take(size if size <= settings.max_file_bytes else 0)  # before a byte of it is read
        try:
            job = _job(storage, parsed.submission_id, refs[i], known, listed.get(refs[i].file), settings)
            if job.reading is None and job.extracted is None:
                job.future = pool.submit(read_bounded, job.file, job.kind, job.data, settings)
                job.data = None
                in_flight.give_when_done(job.future, share)
                share = 0
        finally:
            in_flight.give(share)
        started[i] = job
    return _collect(storage, [started[i] for i in range(len(refs))], settings)


def _collect(storage: Storage, jobs: list[_Job], settings: Settings) -> tuple[tuple[DocumentReading, ...], ReadStats]:
    """The jobs' readings in their order: cached, interpreted from a cached extraction, or the
    workers' (waited for here); each new reading cached by content."""
    readings = []
    cached = ocr_pages = text_pages = peak = 0
    for job in jobs:
        if job.over_limit and job.reading is not None:
            readings.append(job.reading)
            continue
        if job.reading is not None:
            cached += 1
            readings.append(_as_listed(job.reading, job.file))
            continue
        if job.extracted is not None:  # the reading code is unchanged, the interpretation code is not
            cached += 1
            reading = interpret(job.extracted.model_copy(update={"file": job.file}), job.kind)
        else:
            reading, cost = _finish(storage, job, settings)
            peak = max(peak, cost)
            ocr_pages += sum(1 for p in reading.extracted.pages if p.source == "ocr")
            text_pages += sum(1 for p in reading.extracted.pages if p.source == "text_layer")
        if job.sha256 and reading.extracted.unreadable is None and not _reader_failed(reading.extracted):
            storage.write(reading_key(job.sha256, job.kind, settings), reading.model_dump_json().encode())
        readings.append(reading)
    return tuple(readings), ReadStats(len(readings), cached, ocr_pages, text_pages, peak)


def read_from_caches(
    storage: Storage, parsed: Parsed, settings: Settings, known: Mapping[str, str]
) -> tuple[tuple[DocumentReading, ...], ReadStats] | dict[str, str]:
    """Every listed document from the caches, its file hashed where `known` lacks its digest: what a
    worker assessing the submission does itself. When any file has no cached reading (it must be
    read, by a worker of its own), the digests found instead, for `read_submission` as `known`."""
    manifest = parsed.manifest
    if manifest is None:
        return (), ReadStats()
    prefix = f"submissions/{parsed.submission_id}/"
    listed = {f.key.removeprefix(prefix): f.size for f in parsed.folder.files}
    jobs = []
    for ref in manifest.documents:
        job = _job(storage, parsed.submission_id, ref, known, listed.get(ref.file), settings)
        job.data = None
        jobs.append(job)
    if any(job.reading is None and job.extracted is None for job in jobs):
        return {job.file: job.sha256 for job in jobs if job.sha256}
    return _collect(storage, jobs, settings)


def _job(
    storage: Storage,
    submission_id: str,
    ref: DocumentRef,
    known: Mapping[str, str],
    listed_size: int | None,
    settings: Settings,
) -> _Job:
    """One listed file's job: its reading straight away when it is over the size limit by the
    listing (no byte of it is read: a 600 MB file used to be loaded, hashed and handed to a worker
    before the limit applied) or cached, else its bytes, to be read by a worker."""
    job = _Job(ref.file, ref.kind, known.get(ref.file))
    if listed_size is not None and listed_size > settings.max_file_bytes:
        job.over_limit, job.size, job.sha256 = True, listed_size, None
        job.reading = interpret(too_large(ref.file, listed_size), ref.kind)
        return job
    if job.sha256 is None:
        job.take(load_document(storage, submission_id, ref.file))
    if job.sha256 is not None:
        job.reading = _load(storage, reading_key(job.sha256, ref.kind, settings), DocumentReading)
        if job.reading is None:
            job.extracted = _load(storage, cache_key(job.sha256, settings), ExtractedDocument)
    if job.reading is None and job.extracted is None and ref.file in known:
        job.take(load_document(storage, submission_id, ref.file))  # known, but not cached
    return job


def _as_listed(reading: DocumentReading, file: str) -> DocumentReading:
    """A cached reading (keyed by content) under the name this submission lists the file by."""
    extracted = reading.extracted.model_copy(update={"file": file})
    return reading.model_copy(update={"file": file, "extracted": extracted})


def _load(storage: Storage, key: str, model: type[_Cached]) -> _Cached | None:
    try:
        return model.model_validate_json(storage.read(key))
    except NotFoundError:
        return None
    except ValidationError:
        log.warning("cache entry %s unreadable; reading the file again", key)
        return None


def _reader_failed(extracted: ExtractedDocument) -> bool:
    return any(p.limit_hit == READER_FAILED for p in extracted.pages)


def _finish(storage: Storage, job: _Job, settings: Settings) -> tuple[DocumentReading, int]:
    """The job's reading and the peak memory of its reading process. No time limit is waited out
    here: the worker holds each file to `file_timeout_s` from the moment it starts it
    (`workers.bounded`), so the files' limits run side by side, and a file queued behind others is
    not failed for the time it waited."""
    if job.future is None:
        raise RuntimeError("no extraction scheduled")
    try:
        bounded = job.future.result()
    except Exception as exc:  # a reader crash on one file must not stop the night
        log.warning("reading %s failed (%s); it goes to a person", job.file, type(exc).__name__)
        return reader_failed(job.file, job.kind, job.sha256, job.size), 0
    reading, extracted = bounded.reading, bounded.reading.extracted
    if _reader_failed(extracted):
        log.warning("reading %s stopped after %.0f s (its time limit); it goes to a person", job.file, bounded.seconds)
    elif extracted.sha256 and extracted.unreadable is None:
        storage.write(cache_key(extracted.sha256, settings), extracted.model_dump_json().encode())
    return reading, bounded.peak_bytes
