"""The start and the end of a reading worker process, in a module that imports next to nothing.

Workers are forked from a fork server that has imported the readers and spaCy once
(`workers.pool`); a worker gets the pool's initializer from here and the reading itself
from `extractors.interpret`, and loads nothing of the flow (Prefect, storage, validators). Beside
them it imports the run's main module, as multiprocessing does in every child: for the `attest`
command that is `command_line.main`, which imports Prefect and the flows inside its functions, so
they stay out of the workers (tests/flows/test_pool.py). A run whose main module loads Prefect
(`python -m prefect.engine`, as a work-pool deployment starts one; ours are served from the `attest`
process) puts Prefect in each worker: with a main module importing `flows.nightly`, each worker
spent 1.2 s more CPU on the benchmark's corpus (2026-12-02).

Each worker keeps its temporary files (the page handed to Tesseract, pytesseract's output) in a
directory of its own inside the pool's, removed when it ends; the pool's goes when the pool is
closed. Files are read in a child of the worker (`workers.reading_child`), leading its own process
group with its Tesseract (`workers.bounded`). When the run stops a worker still at work
(`workers.pool.close_pool`), `stop_worker` kills that group and the
worker: without this every stop left an A4 page (8.7 MB) in /tmp. A worker whose run is gone
(killed by an operator or the OOM killer) kills that group, removes its directory, the
pool's and the run's multiprocessing directory, and exits: it holds both ends of the pool's queue,
so it would never see an end of input, and every killed run left its idle workers behind (140 MB
each). The run is watched by its pid, not as the worker's parent: a forked worker's parent is the
fork server, which lives as long as any worker does. No signal handler is involved: a Python
handler runs only when the main thread wakes, and a worker's main thread may sleep in a wait that
another thread's signal does not interrupt.
"""

import atexit
import contextlib
import logging
import multiprocessing.util
import os
import select
import shutil
import signal
import tempfile
import threading
import time
import warnings

from runtime.processes import children
from workers.reading_child import retire_all


def start_worker(folder: str, run: int, run_temp: str) -> None:
    """The worker is an edge process of ours: Tesseract must not spawn threads per core.
    `folder`: the pool's temporary directory; `run`: the pid of the process running the pool;
    `run_temp`: that process's multiprocessing directory (the fork server's socket)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    quiet_libraries()
    own = tempfile.mkdtemp(prefix=f"worker-{os.getpid()}-", dir=folder)
    tempfile.tempdir = own
    atexit.register(shutil.rmtree, own, ignore_errors=True)
    multiprocessing.util.Finalize(None, retire_all, exitpriority=10)  # multiprocessing's own exit hook
    try:
        handle: int | None = os.pidfd_open(run)  # opened while the run lives: no pid reuse can fool it
    except (AttributeError, OSError):  # no pidfd (Linux before 5.3), or the run already gone: poll
        handle = None
    args = (run, handle, own, run_temp)
    threading.Thread(target=_watch_run, args=args, name="attest-run-watch", daemon=True).start()


def quiet_libraries() -> None:
    """What the readers' libraries say about damaged input (Pillow's "Corrupt EXIF data" warning,
    pdfminer's log warnings about content streams it reads past) is not for the operator's terminal,
    where a worker's stderr goes: each file's findings say what came of it."""
    warnings.simplefilter("ignore")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("pdfplumber").setLevel(logging.ERROR)
    logging.getLogger("PIL").setLevel(logging.ERROR)
    logging.getLogger("pypdfium2").setLevel(logging.ERROR)


def _watch_run(run: int, handle: int | None, own: str, run_temp: str) -> None:
    if handle is None:
        while _alive(run):
            time.sleep(1.0)
    else:
        select.select([handle], [], [])  # readable once the run has exited
    _kill_children(os.getpid())
    shutil.rmtree(own, ignore_errors=True)
    with contextlib.suppress(OSError):  # the pool's directory, once its last worker is gone
        os.rmdir(os.path.dirname(own))
    shutil.rmtree(run_temp, ignore_errors=True)  # its owner is dead: nobody else removes it
    os._exit(1)  # from this thread: atexit handlers are skipped, hence the clean-up above


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal sent: only whether the pid exists (PermissionError: it does)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _kill_children(pid: int) -> None:
    """Each child and its process group: a file's reading child (`workers.bounded`) leads its own,
    with its Tesseract in it."""
    for child in children(pid):
        for kill in (os.killpg, os.kill):
            with contextlib.suppress(OSError):
                kill(child, signal.SIGKILL)


def stop_worker(pid: int) -> None:
    """Kill a worker and its Tesseract child. The worker is frozen first, so that it cannot start
    another Tesseract when it sees its child die."""
    try:
        os.kill(pid, signal.SIGSTOP)
    except OSError:
        return
    _kill_children(pid)
    os.kill(pid, signal.SIGKILL)
