"""One file read in a child process that is killed at the file's time limit.

A reading can spend its time where no limit of the readers applies: pdfium rendering a page whose
small compressed content stream draws a million lines, or walking its objects, is one C call that
the OCR time limit never sees. So the reading worker (or a Dask worker) reads each file in a child
process (`workers.reading_child`: one per worker thread, kept from file to file and replaced after a
failure); the worker waits at most `settings.file_timeout_s` for its answer, then kills the child's
process group (the child and its Tesseract) and answers `reader_failed` itself. The worker lives on
and takes the next file in a new child: one hostile document costs one worker one time limit, and
the submission's other documents are read. Each worker counts its own file's limit from the moment
it starts, so limits run side by side, never one after another.

Memory is held the same way: the child may take `settings.reading_memory_mb` beyond what its worker
holds (RLIMIT_DATA); an allocation past that fails, and the file goes to a person too.

The child is forked from a worker that has the readers loaded, so it shares their pages; the peak
of each file's reading (the child's, reset before each file, or its Tesseract's) is reported beside
the reading, so a run knows what its worst file cost.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
import tempfile
import time
from dataclasses import dataclass

from extractors.interpret import interpret, read_and_interpret
from models.base import Kind
from models.extraction import DocumentReading, ExtractedDocument, PageText
from models.settings import Settings
from workers.reading_child import (
    child_for,
    file_peak,
    file_peak_start,
    prepare_child,
    receive,
    retire,
    send,
    worn,
)

READER_FAILED = "reader_failed"


@dataclass(frozen=True)
class BoundedReading:
    """A reading and what it cost its child process (seconds, peak resident memory in bytes)."""

    reading: DocumentReading
    seconds: float
    peak_bytes: int


def reader_failed(file: str, kind: Kind, sha256: str | None, size: int) -> DocumentReading:
    """The reading of a file whose reader crashed or ran past its time limit: one blank page that
    says so, which the checks send to a person (extraction.low_confidence)."""
    failed = ExtractedDocument(
        file=file,
        sha256=sha256,
        size=size,
        media_type=None,
        pages=(PageText(number=1, text="", source="none", confidence=0, limit_hit=READER_FAILED),),
    )
    return interpret(failed, kind)


def _serve(requests_fd: int, answers_fd: int, cap_mb: int) -> None:
    """The child's whole life: file after file read and answered until the worker closes its requests,
    or until a reading raised; then exit without clean-up of the worker's state (atexit handlers, the
    worker's temporary directory are the worker's)."""
    status = 0
    try:
        prepare_child(cap_mb)
        with os.fdopen(answers_fd, "wb") as answers:
            while (raw := receive(requests_fd, None)) is not None:
                file, kind, data, settings, scratch = pickle.loads(raw)
                tempfile.tempdir = scratch  # its Tesseract's pages, in the folder the worker removes
                before = file_peak_start()
                try:
                    result: tuple[str, object] = ("reading", read_and_interpret(file, kind, data, settings))
                except BaseException as exc:  # handed to the worker, which raises it as the reading would have
                    result = ("error", exc)
                try:
                    send(answers, (*result, file_peak(before)))
                except (pickle.PicklingError, TypeError, AttributeError) as exc:
                    send(answers, ("error", RuntimeError(f"{type(exc).__name__}: {exc}"), file_peak(before)))
                if result[0] == "error":
                    break  # a reader that raised may have left any state behind: the next file gets a new child
    except BaseException:
        status = 1
    finally:
        os._exit(status)


@functools.cache
def warm_readers() -> None:
    """What the readers build on first use, built once in the worker: built in a child, it would be built
    again for every file. The essay tokenizer, the digits-only and orientation Tesseract engines,
    Pillow's file formats (it imports the less common ones, TIFF among them, on first meeting one) and
    the version of the `tesseract` command (pytesseract asks it, with a process, before its first reading)."""
    import pytesseract
    from PIL import Image

    from extractors.digit_reader import DIGITS
    from extractors.orientation import ORIENTATION
    from extractors.words import tokens

    tokens("")
    DIGITS.warm()
    ORIENTATION.warm()
    Image.init()
    pytesseract.get_tesseract_version()


def _decoded(payload: bytes) -> tuple[str, object, int]:
    """The child's answer: ("reading", reading, peak) or ("error", exception, peak); ("broken", None, 0)
    when it does not unpickle (the child died while writing)."""
    try:
        kind_of, value, peak = pickle.loads(payload)
    except Exception:
        return "broken", None, 0
    return str(kind_of), value, int(peak)


def _answer(kind_of: str, value: object) -> DocumentReading | None:
    """The child's reading; None when it ran out of memory or died while writing (reader_failed).
    Any other exception of the reading is raised here, as the reading itself would have raised it."""
    if kind_of == "reading" and isinstance(value, DocumentReading):
        return value
    if kind_of == "broken" or isinstance(value, MemoryError):
        return None
    raise value if isinstance(value, BaseException) else RuntimeError(str(value))


def read_bounded(file: str, kind: Kind, data: bytes | None, settings: Settings) -> BoundedReading:
    """`read_and_interpret` in the worker's reading child (`workers.reading_child`), killed after
    `settings.file_timeout_s`: the job each reading worker is given. A child that dies without an
    answer (killed, crashed in C) is `reader_failed`."""
    warm_readers()
    started = time.monotonic()
    scratch = tempfile.mkdtemp(prefix="file-")  # the child's Tesseract pages: removed even when it is killed
    child = child_for(settings.reading_memory_mb, _serve)
    payload: bytes | None = None
    try:
        with contextlib.suppress(OSError):  # a child already gone: no answer
            send(child.requests, (file, kind, data, settings, scratch))
            payload = receive(child.answers, started + settings.file_timeout_s)
    except BaseException:  # interrupted between a request and its answer: that child can serve no other
        retire(child, kill=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - started
    child.files += 1
    if payload is None:  # past the time limit, or the child died: it and its Tesseract are killed
        peak = retire(child, kill=True).ru_maxrss * 1024
        reading: DocumentReading | None = None
    else:
        kind_of, value, peak = _decoded(payload)
        if kind_of != "reading" or worn(child):
            retire(child, kill=kind_of == "broken")  # after an error the child ends by itself
        reading = _answer(kind_of, value)
    if reading is not None:
        return BoundedReading(reading, seconds, peak)
    sha256 = hashlib.sha256(data).hexdigest() if data else None
    return BoundedReading(reader_failed(file, kind, sha256, len(data or b"")), seconds, peak)
