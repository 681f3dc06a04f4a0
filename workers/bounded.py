"""One file read in a child process that is killed at the file's time limit.

A reading can spend its time where no limit of the readers applies: pdfium rendering a page whose
small compressed content stream draws a million lines, or walking its objects, is one C call that
the OCR time limit never sees. So the reading worker (or a Dask worker) forks a child for each file,
and the child does the whole reading; the worker waits at most `settings.file_timeout_s` for its
answer, then kills the child's process group (the child and its Tesseract) and answers
`reader_failed` itself. The worker lives on and takes the next file: one hostile document costs one
worker one time limit, and the submission's other documents are read. Each worker counts its own
file's limit from the moment it starts, so limits run side by side, never one after another.

Memory is held the same way: the child may take `settings.reading_memory_mb` beyond what its worker
holds (RLIMIT_DATA); an allocation past that fails, and the file goes to a person too.

The child is forked from a worker that has the readers loaded, so it starts in about a millisecond
and shares their pages; its memory goes back when it exits, and the kernel's account of its peak
(`ru_maxrss`) is reported beside the reading, so a run knows what its worst file cost.
"""

from __future__ import annotations

import contextlib
import faulthandler
import functools
import hashlib
import os
import pickle
import resource
import select
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass

from extractors.interpret import interpret, read_and_interpret
from models.base import Kind
from models.extraction import DocumentReading, ExtractedDocument, PageText
from models.settings import Settings

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


def _child(write_fd: int, file: str, kind: Kind, data: bytes | None, settings: Settings) -> None:
    """The child's whole life: read, hand the result (or the exception) over, exit without clean-up
    of the worker's state (atexit handlers, the worker's temporary directory are the worker's)."""
    status = 0
    try:
        os.setpgid(0, 0)  # its own group: a kill reaches its Tesseract too
        faulthandler.disable()  # a C library's abort at the memory cap is an answer, not a crash report
        _quiet_stderr()
        _cap_memory(settings.reading_memory_mb)
        try:
            result: tuple[str, object] = ("reading", read_and_interpret(file, kind, data, settings))
        except BaseException as exc:  # handed to the worker, which raises it as the reading would have
            result = ("error", exc)
        try:
            payload = pickle.dumps(result)
        except Exception as exc:
            payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _quiet_stderr() -> None:
    """What a C library prints as it gives up (pdfium at the memory cap) is not for the operator's
    terminal: the file's finding says what came of it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _cap_memory(megabytes: int) -> None:
    """The child's data (heap and private mappings, RLIMIT_DATA) held to what the worker had at the
    fork plus `megabytes`: past it an allocation fails (MemoryError, or pdfium's own abort), and the
    file goes to a person. Its Tesseract inherits the cap, for a process of its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            held = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmData:"))
    except (OSError, StopIteration, ValueError):
        return
    limit = held + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGKILL)


def _collect(read_fd: int, deadline: float) -> bytes | None:
    """The child's whole answer, or None when the deadline passed first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([read_fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


@functools.cache
def _warm_readers() -> None:
    """What the readers build on first use, built once in the worker: built in a child, it would be built
    again for every file. The essay tokenizer, the digits-only Tesseract engine, Pillow's file formats
    (it imports the less common ones, TIFF among them, on first meeting one) and the version of the
    `tesseract` command (pytesseract asks it, with a process, before its first reading)."""
    import pytesseract
    from PIL import Image

    from extractors.digit_reader import DIGITS
    from extractors.words import tokens

    tokens("")
    DIGITS.warm()
    Image.init()
    pytesseract.get_tesseract_version()


def _answer(payload: bytes) -> DocumentReading | None:
    """The child's reading; None when it ran out of memory or died while writing (reader_failed).
    Any other exception of the reading is raised here, as the reading itself would have raised it."""
    try:
        kind_of, value = pickle.loads(payload)
    except Exception:
        return None
    if kind_of == "reading" and isinstance(value, DocumentReading):
        return value
    if isinstance(value, MemoryError):
        return None
    raise value if isinstance(value, BaseException) else RuntimeError(str(value))


def read_bounded(file: str, kind: Kind, data: bytes | None, settings: Settings) -> BoundedReading:
    """`read_and_interpret` in a child killed after `settings.file_timeout_s`: the job each reading
    worker is given. A child that dies without an answer (killed, crashed in C) is `reader_failed`."""
    _warm_readers()
    started = time.monotonic()
    scratch = tempfile.mkdtemp(prefix="file-")  # the child's Tesseract pages: removed even when it is killed
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        tempfile.tempdir = scratch
        _child(write_fd, file, kind, data, settings)
    os.close(write_fd)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also from this side: a kill before the child ran still reaches its group
    payload: bytes | None = None
    try:
        payload = _collect(read_fd, started + settings.file_timeout_s)
    finally:
        os.close(read_fd)
        if payload is None:
            _kill_group(pid)
        _, _, usage = os.wait4(pid, 0)
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - started
    peak = usage.ru_maxrss * 1024
    reading = _answer(payload) if payload else None
    if reading is not None:
        return BoundedReading(reading, seconds, peak)
    sha256 = hashlib.sha256(data).hexdigest() if data else None
    return BoundedReading(reader_failed(file, kind, sha256, len(data or b"")), seconds, peak)
