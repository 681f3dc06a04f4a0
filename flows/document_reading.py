"""Reading a submission's documents: the extraction cache and the worker processes.

Extraction (text layer or OCR) is the expensive part and depends only on the file's bytes and
the reading settings, so it is cached in storage by content hash; interpretation is cheap and
rule-dependent, so it always runs. Workers are processes (pdfium is not thread-safe and
Tesseract wants one process per core).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass

from pydantic import ValidationError

from extractors.interpret import interpret
from extractors.reading import read_document
from flows.intake import Parsed, load_document
from flows.object_store import Storage
from models.base import Kind
from models.errors import NotFoundError
from models.extraction import DocumentReading, ExtractedDocument, PageText
from models.settings import Settings

log = logging.getLogger("attest")
EXTRACTION_VERSION = "1"


def cache_key(sha256: str, settings: Settings) -> str:
    knobs = f"{EXTRACTION_VERSION}|{settings.ocr_languages}|{settings.ocr_dpi}|{settings.max_page_pixels}"
    knobs += f"|{settings.max_pages}|{settings.ocr_page_timeout_s}"
    return f"cache/extraction/{hashlib.sha256(knobs.encode()).hexdigest()[:16]}/{sha256}.json"


def _worker_init() -> None:
    # The worker is an edge process of ours: Tesseract must not spawn threads per core.
    os.environ["OMP_THREAD_LIMIT"] = "1"


def make_pool(settings: Settings) -> Executor:
    """One process per core for the whole run.

    No max_tasks_per_child: on Python 3.11-3.13 a worker that exits at that limit while tasks are
    queued is not replaced (CPython gh-115634), and the night hangs once every worker has done
    its quota (with 200 and 2 workers: after 400 documents). Workers hold no per-document state,
    and the benchmark's peak worker memory over 400 documents shows no growth that would call
    for recycling.
    """
    if settings.dask_address:
        from flows.dask_pool import DaskExecutor

        return DaskExecutor(settings.dask_address)
    workers = settings.workers or os.cpu_count() or 1
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
    )


def extract(file: str, data: bytes | None, settings: Settings) -> ExtractedDocument:
    """Runs in a worker process."""
    return read_document(file, data, settings)


@dataclass(frozen=True)
class ReadStats:
    documents: int = 0
    cached: int = 0
    ocr_pages: int = 0
    text_pages: int = 0


def read_submission(
    storage: Storage, parsed: Parsed, settings: Settings, pool: Executor
) -> tuple[tuple[DocumentReading, ...], ReadStats]:
    """Every listed document read (from cache where possible) and interpreted, in manifest order."""
    manifest = parsed.manifest
    if manifest is None:
        return (), ReadStats()
    pending: list[tuple[str, Kind, ExtractedDocument | None, Future[ExtractedDocument] | None]] = []
    cached = 0
    for ref in manifest.documents:
        data = load_document(storage, parsed.submission_id, ref.file)
        hit = None
        if data:
            hit = _cached(storage, cache_key(hashlib.sha256(data).hexdigest(), settings), ref.file)
        if hit is not None:
            cached += 1
            pending.append((ref.file, ref.kind, hit, None))
        else:
            pending.append((ref.file, ref.kind, None, pool.submit(extract, ref.file, data, settings)))
    readings = []
    ocr_pages = text_pages = 0
    for file, kind, hit, future in pending:
        extracted = hit if hit is not None else _finish(storage, future, settings)
        if hit is None:
            ocr_pages += sum(1 for p in extracted.pages if p.source == "ocr")
            text_pages += sum(1 for p in extracted.pages if p.source == "text_layer")
        readings.append(interpret(extracted.model_copy(update={"file": file}), kind))
    return tuple(readings), ReadStats(len(readings), cached, ocr_pages, text_pages)


def _cached(storage: Storage, key: str, file: str) -> ExtractedDocument | None:
    try:
        return ExtractedDocument.model_validate_json(storage.read(key)).model_copy(update={"file": file})
    except NotFoundError:
        return None
    except ValidationError:
        log.warning("extraction cache entry %s unreadable; reading the file again", key)
        return None


def _finish(storage: Storage, future: Future[ExtractedDocument] | None, settings: Settings) -> ExtractedDocument:
    if future is None:
        raise RuntimeError("no extraction scheduled")
    try:
        extracted = future.result(timeout=settings.file_timeout_s)
    except Exception as exc:  # a reader crash or hang on one file must not stop the night
        log.warning("reading failed on one file (%s); it goes to a person", type(exc).__name__)
        return ExtractedDocument(
            file="?",
            sha256=None,
            size=0,
            media_type=None,
            pages=(PageText(number=1, text="", source="none", confidence=0, limit_hit="reader_failed"),),
        )
    if extracted.sha256 and extracted.unreadable is None:
        storage.write(cache_key(extracted.sha256, settings), extracted.model_dump_json().encode())
    return extracted
