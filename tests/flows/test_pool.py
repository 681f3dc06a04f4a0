"""The reading pool never makes the night wait for a worker stuck past its time limit."""

from __future__ import annotations

import io
import json
import multiprocessing.util
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import pytest

from models.settings import Settings
from runtime.processes import children
from tests.flows.processes import all_gone, gone
from tests.flows.tiny import FONT
from workers.pool import close_pool, make_pool
from workers.worker_process import stop_worker


def test_close_pool_stops_a_stuck_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the pool makes its directory
    pool = make_pool(Settings(workers=1))
    future = pool.submit(time.sleep, 120)
    with pytest.raises(FutureTimeout):
        future.result(timeout=2)
    processes = list(pool._processes.values())  # type: ignore[attr-defined]
    assert processes and all(p.is_alive() for p in processes)
    started = time.monotonic()
    close_pool(pool)
    assert time.monotonic() - started < 15
    for process in processes:
        assert process.pid is not None and gone(process.pid), _signals(process.pid or 0)
    assert _left_in(tmp_path) == []  # the pool's temporary directory, the stopped worker's in it, is gone


# What a worker never needs: Prefect, the flows, the desk, the sample generator. The checks, storage and
# the notices it does need, since it settles submissions too (`workers.settle`): they are loaded once, in
# the fork server, like the readers.
FLOW_SIDE = ("prefect", "minio", "flows", "review_desk", "sample_set")
WORKER_MODULES = [
    "workers.bounded",
    "workers.cross_checks",
    "workers.in_flight",
    "workers.pool",
    "workers.reading_child",
    "workers.settle",
    "workers.warm_up",
    "workers.worker_process",
]


def test_a_reading_worker_loads_the_readers_and_nothing_of_the_flow() -> None:
    """Each worker pays for what it imports: Prefect or the flows there would be waste."""
    from extractors.interpret import read_and_interpret

    pool = make_pool(Settings(workers=1))
    try:
        # forked with the readers and spaCy already loaded: the first task finds them there
        preloaded = pool.submit(
            eval, "[m in __import__('sys').modules for m in ('extractors.pdf', 'spacy', 'validators.assessment')]"
        )
        assert preloaded.result(60) == [True, True, True]
        reading = pool.submit(read_and_interpret, "a.pdf", "essay", b"%PDF-1.4 not really", Settings()).result(60)
        assert reading.extracted.unreadable is not None
        loaded = pool.submit(eval, "sorted(__import__('sys').modules)").result(60)
        assert "extractors.pdf" in loaded and "extractors.interpret" in loaded
        assert not [m for m in loaded if m.split(".")[0] in FLOW_SIDE]
        assert [m for m in loaded if m.startswith("workers.")] == WORKER_MODULES
    finally:
        close_pool(pool)


# A run started the way the `attest` console script starts one. Multiprocessing makes each worker import
# the run's main module (the script, as `__mp_main__`), so what the CLI's module loads at its top
# every worker loads too.
_AS_THE_CLI = """
import json, sys
from command_line.main import main
if __name__ == "__main__":
    from workers.pool import close_pool, make_pool
    from models.settings import Settings
    pool = make_pool(Settings(workers=1))
    try:
        print(json.dumps(pool.submit(eval, "sorted(__import__('sys').modules)").result(60)))
    finally:
        close_pool(pool)
"""


def _run_script(path: Path, text: str) -> tuple[object, str]:
    """Run `text` as a script at `path` (its main module, as a run's is); its last stdout line as
    JSON, and its stderr."""
    path.write_text(text, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1]), out.stderr


def test_a_worker_of_a_cli_run_loads_nothing_of_the_flow_either(tmp_path: Path) -> None:
    loaded, _ = _run_script(tmp_path / "attest", _AS_THE_CLI)
    assert isinstance(loaded, list)
    assert "__mp_main__" in loaded and "command_line.main" in loaded  # the rule this test is about
    assert not [m for m in loaded if m.split(".")[0] in FLOW_SIDE]
    assert [m for m in loaded if m.startswith(("workers.", "command_line."))] == ["command_line.main", *WORKER_MODULES]


# A worker reads a damaged image (Pillow warns "Corrupt EXIF data" before it gives up) and a library
# logs a warning about a content stream, as pdfminer does: the run's stderr is the operator's terminal.
_DAMAGED = """
import json
from workers.pool import close_pool, make_pool
from models.settings import Settings
from extractors.interpret import read_and_interpret
if __name__ == "__main__":
    pool = make_pool(Settings(workers=1))
    try:
        reading = pool.submit(read_and_interpret, "scan.tif", "diploma", b"II*\\x00" + b"\\xff" * 64, Settings())
        pool.submit(eval, "__import__('logging').getLogger('pdfminer.pdfinterp').warning('Cannot set gray')").result(60)
        print(json.dumps(reading.result(60).extracted.unreadable.reason))
    finally:
        close_pool(pool)
"""


def test_a_workers_libraries_say_nothing_on_the_operators_terminal(tmp_path: Path) -> None:
    reason, stderr = _run_script(tmp_path / "run.py", _DAMAGED)
    assert reason == "broken"  # the finding says what came of it
    assert stderr == ""


_ORPHAN = """
import sys, time
from workers.pool import make_pool
from models.settings import Settings
pool = make_pool(Settings(workers=1))
print(pool.submit(__import__("os").getpid).result(60), flush=True)
time.sleep(120)
"""


def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    """A killed run (kill -9 by an operator, the OOM killer) must not leave its workers idling for
    ever, nor their temporary files."""
    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        worker = int(line)
        assert not gone(worker)
        server = _parent(worker)  # the fork server, which lives as long as a worker does
    finally:
        proc.kill()
        proc.wait()
    assert all_gone([worker, server], 15), _signals(worker)
    assert list(tmp_path.iterdir()) == []  # the pool's directory and the run's multiprocessing one


def _dense_page() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (2480, 3508), 255)  # seconds of OCR
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 34)
    for row in range(80):
        draw.text((60, 40 + row * 42), "Мұғалімнің кәсіби жетістіктері туралы анықтама " * 3, font=font, fill=0)
    out = io.BytesIO()
    page.save(out, format="PNG")
    return out.getvalue()


def _left_in(folder: Path) -> list[Path]:
    """What a pool left in `folder`: everything but this test process's own multiprocessing directory,
    made there if the fork server was first started in this test; it holds the fork server's socket
    and lives as long as the process does (a killed run's is removed by its workers, tested below)."""
    return [p for p in folder.iterdir() if str(p) != multiprocessing.util.get_temp_dir()]


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return int(fh.read().rsplit(")", 1)[1].split()[1])


def test_a_worker_stopped_mid_page_leaves_no_file_and_no_tesseract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`close_pool` stops a worker stuck on a hostile file with `stop_worker`: its page file and its
    Tesseract child must not outlive it (each stop left an 8.7 MB file in /tmp before)."""
    from extractors.interpret import read_and_interpret

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the pool makes its directory
    pool = make_pool(Settings(workers=1))
    try:
        pool.submit(read_and_interpret, "dense.png", "professional_achievements", _dense_page(), Settings())
        worker = next(iter(pool._processes.values()))  # type: ignore[attr-defined]
        deadline = time.monotonic() + 60
        while not _tesseract_of(worker.pid):
            assert time.monotonic() < deadline, "tesseract never started"
            time.sleep(0.02)
        tesseract = _tesseract_of(worker.pid)
        assert [p.name for p in tmp_path.glob("attest-run-*/worker-*/attest-page-*")], "no page file while OCR runs"
        stop_worker(worker.pid)
        assert all_gone([worker.pid], 10), _signals(worker.pid)
    finally:
        close_pool(pool)
    assert _left_in(tmp_path) == []
    assert all_gone(tesseract, 10)


def _tesseract_of(pid: int) -> list[int]:
    return [p for p in children(pid) if Path(f"/proc/{p}/comm").read_text().strip() == "tesseract"]


def _signals(pid: int) -> str:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except FileNotFoundError:
        return "gone"
    return " ".join(line for line in lines if line.startswith(("State", "Sig", "Shd")))


def test_the_pid_poll_that_stands_in_for_a_pidfd_tells_a_live_run_from_a_gone_one() -> None:
    """Where the kernel has no pidfd, a worker polls its run's pid instead."""
    from workers.worker_process import _alive

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid no longer exists
    assert _alive(os.getpid()) and _alive(1)  # pid 1 (init) always exists, whoever owns it
    assert not _alive(child.pid)


def test_the_readers_load_before_the_first_pool_and_its_workers_start_warm() -> None:
    """`start_readers_early` starts the fork server at once (the command line calls it before Prefect's
    flow starts); a pool made afterwards forks its workers from that server, with the readers' first-use
    state (tokenizer, digits engine) already built there."""
    import multiprocessing.forkserver

    from workers.pool import start_readers_early

    started = time.monotonic()
    start_readers_early(Settings())
    assert time.monotonic() - started < 1.0  # it does not wait for the loading
    server = multiprocessing.forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert server is not None and not gone(server)
    pool = make_pool(Settings(workers=1))
    try:
        parent, warmed = pool.submit(
            eval,
            "(__import__('os').getppid(), __import__('workers.bounded').bounded.warm_readers.cache_info().currsize)",
        ).result(60)
        assert parent == server
        assert warmed == 1  # built in the fork server: the worker has not read anything
    finally:
        close_pool(pool)
