"""The start of a reading worker process, in a module that imports next to nothing.

A spawned worker imports the module of every function it is handed; the pool's initializer lives
here, and the reading itself in `extractors.interpret`, so a worker loads the readers and nothing
of the flow (Prefect, storage, validators).

Each worker keeps its temporary files (the page handed to Tesseract, pytesseract's output) in a
directory of its own, removed when it ends, also when the run stops it on a file past its time
limit (`flows.document_reading.close_pool` sends SIGTERM): its Tesseract child is killed first, so
that it does not write into the directory after it is gone. Without this, every stopped worker
left an A4 page (8.7 MB) in /tmp. A worker also ends itself the same way when the run's process is
gone (killed, say, by an operator or the OOM killer): it holds both ends of the pool's queue, so it
would never see an end of input, and every killed run left its idle workers behind (140 MB each).
"""

import atexit
import os
import shutil
import signal
import tempfile
import threading
import time
from types import FrameType


def start_worker() -> None:
    """The worker is an edge process of ours: Tesseract must not spawn threads per core."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    own = tempfile.mkdtemp(prefix="attest-worker-")
    tempfile.tempdir = own
    atexit.register(shutil.rmtree, own, ignore_errors=True)
    signal.signal(signal.SIGTERM, _stopped)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), name="attest-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)  # handled in the main thread, by `_stopped`


def _children() -> list[int]:
    pid = os.getpid()
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                found += [int(p) for p in fh.read().split()]
    except OSError:  # not Linux, or a kernel without the children list: nothing to stop
        return found
    return found


def _stopped(signum: int, _frame: FrameType | None) -> None:
    for child in _children():
        try:
            os.kill(child, signal.SIGKILL)
        except OSError:
            continue
    if tempfile.tempdir:
        shutil.rmtree(tempfile.tempdir, ignore_errors=True)
    os._exit(128 + signum)
