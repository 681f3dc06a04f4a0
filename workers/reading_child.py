"""The child process a reading worker reads its files in, kept for file after file.

A child forked for every file cost each file about 17 ms of CPU beyond its reading: the fork of a worker
holding the readers (~200 MB), and above all the copies of every memory page the reading then touches
(Python writes reference counts into pages it only reads). On born-digital files, read in ~12 ms each,
that more than doubled the cost. So a worker keeps one child per thread and sends it file after file
through a pipe; the child is replaced by a fresh fork from the worker, which still holds the readers
untouched, whenever the file it read

- ran past its time limit or killed it (the worker kills its process group, as before),
- raised (a reader that raised may have left any state behind), or
- left it holding more memory than when it was forked by more than `_GROWTH_SHARE` of its cap,

and after `_MAX_FILES` files in any case. Each file is still read under the whole cap: the cap is set
when the child starts, and a child that grew by a part of it is replaced before the next file.

Messages are pickles preceded by their length (8 bytes, big-endian). A request carries the file, its
kind, its bytes, the settings and the folder for its temporary files; an answer carries ("reading",
reading) or ("error", exception), and the peak resident memory of the file's reading (the child's own,
its peak reset before each file, or its Tesseract's).
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

_MAX_FILES = 200
_GROWTH_SHARE = 8  # a child grown by more than 1/8 of its memory cap is replaced
_LENGTH = 8

_local = threading.local()
# Every thread's child, by pid: their pipe ends are closed in each new child, and they end with the worker.
_living: dict[int, ReadingChild] = {}
Serve = Callable[[int, int, int], None]  # the child's life: (requests fd, answers fd, memory cap in MB)


@dataclass
class ReadingChild:
    """One child and the worker's ends of its two pipes."""

    pid: int
    requests: BinaryIO
    answers: int
    cap_mb: int
    data_at_fork_kb: int
    files: int = 0


def status_kb(pid: int | str = "self", field_name: str = "VmData") -> int:
    """A field of a process's /proc status in kB (by default its data: heap and private mappings); 0 when
    unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith(f"{field_name}:"))
    except (OSError, StopIteration, ValueError):
        return 0


def child_for(cap_mb: int, serve: Serve) -> ReadingChild:
    """This thread's child, forked now if it has none or one with another memory cap."""
    child: ReadingChild | None = getattr(_local, "child", None)
    if child is not None and child.cap_mb != cap_mb:
        retire(child, kill=False)
        child = None
    if child is None:
        child = _start(cap_mb, serve)
        _local.child = child
    return child


def current_pid() -> int | None:
    """The pid of this thread's reading child, None when it has none (for tests and diagnostics)."""
    child: ReadingChild | None = getattr(_local, "child", None)
    return child.pid if child is not None else None


def _start(cap_mb: int, serve: Serve) -> ReadingChild:
    request_r, request_w = os.pipe()
    answer_r, answer_w = os.pipe()
    data_kb = status_kb()
    pid = os.fork()
    if pid == 0:
        others = [fd for other in _living.values() for fd in (other.requests.fileno(), other.answers)]
        for fd in (*others, request_w, answer_r):
            with contextlib.suppress(OSError):
                os.close(fd)
        serve(request_r, answer_w, cap_mb)
        os._exit(0)  # serve never returns; this is for the type checker's and the reader's sake
    os.close(request_r)
    os.close(answer_w)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also from this side: a kill before the child ran still reaches its group
    child = ReadingChild(pid, os.fdopen(request_w, "wb"), answer_r, cap_mb, data_kb)
    _living[pid] = child
    return child


def retire(child: ReadingChild, *, kill: bool) -> resource.struct_rusage:
    """The child ended (killed with its Tesseract, or told to stop by the end of its requests) and
    waited for; its resource usage."""
    if getattr(_local, "child", None) is child:
        _local.child = None
    if kill:
        for kill_one in (os.killpg, os.kill):
            with contextlib.suppress(OSError):
                kill_one(child.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        child.requests.close()
    with contextlib.suppress(OSError):
        os.close(child.answers)
    _living.pop(child.pid, None)
    _, _, usage = os.wait4(child.pid, 0)
    return usage


def retire_all() -> None:
    """Every child of this worker told to end, and waited for, as the worker ends: their time is then
    the worker's children's, as the run accounts it, and none outlives its worker."""
    for child in list(_living.values()):
        with contextlib.suppress(OSError):
            retire(child, kill=False)


def worn(child: ReadingChild) -> bool:
    """The child has served its files, or holds too much more than it was forked with."""
    grown_kb = status_kb(child.pid) - child.data_at_fork_kb
    return child.files >= _MAX_FILES or grown_kb * _GROWTH_SHARE > child.cap_mb * 1024


def send(out: BinaryIO, message: object) -> None:
    payload = pickle.dumps(message)
    out.write(len(payload).to_bytes(_LENGTH, "big"))
    out.write(payload)
    out.flush()


def receive(fd: int, deadline: float | None) -> bytes | None:
    """One whole message from a pipe, or None at its end (the other side died) or past the deadline."""
    header = _exactly(fd, _LENGTH, deadline)
    if header is None:
        return None
    return _exactly(fd, int.from_bytes(header, "big"), deadline)


def _exactly(fd: int, size: int, deadline: float | None) -> bytes | None:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                continue
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def prepare_child(cap_mb: int) -> None:
    """The child's own process group (a kill reaches its Tesseract too), no crash reports (a C
    library's abort at the memory cap is an answer), no stderr for the operator's terminal, and its
    memory cap: what the worker held at the fork plus `cap_mb` (RLIMIT_DATA), inherited by its
    Tesseract for a process of its own."""
    os.setpgid(0, 0)
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    limit = status_kb() * 1024 + cap_mb * 2**20
    if limit > cap_mb * 2**20:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def file_peak_start() -> int:
    """Before a file: the child's peak memory reset (Linux's clear_refs), and its Tesseract's so far."""
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def file_peak(children_before_kb: int) -> int:
    """After a file: the peak resident memory of its reading, in bytes: the child's, or its Tesseract's
    when one of them went higher during this file."""
    own = status_kb("self", "VmHWM")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children if children > children_before_kb else 0) * 1024
