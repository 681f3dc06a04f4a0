"""A run of `attest` measured from outside: wall time, the flow's peak memory, every worker's."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from runtime.processes import children, cmdline
from tests.flows.cli import ATTEST

MB = 2**20
FLOW_BOUND_MB = 1024  # the run's own process, whatever the input
WORKER_BOUND_MB = 600  # each reading worker and each file's reading process


@dataclass(frozen=True)
class Measured:
    code: int
    out: str
    err: str
    seconds: float
    flow_peak_mb: float  # the `attest` process: the kernel's account when reaped, or a sampled fork of it
    worker_peak_mb: float  # the largest of the reading workers, their Tesseracts (sampled) and files' readings
    report: dict[str, object]


@contextlib.contextmanager
def within(seconds: float, more_mb: float) -> Iterator[None]:
    """A step done in this process: its time, and how far it raised this process's peak memory."""
    before, started = _peak_kb(os.getpid()), time.monotonic()
    yield
    elapsed, grown = time.monotonic() - started, (_peak_kb(os.getpid()) - before) / 1024
    assert elapsed < seconds, f"{elapsed:.1f} s"
    assert grown < more_mb, f"peak memory up {grown:.0f} MB"


def _peak_kb(pid: int) -> int:
    """A live process's peak resident memory (VmHWM): it only grows, so any sample before the end
    holds the peak so far."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def run_measured(root: Path, env: dict[str, str] | None = None, timeout: float = 600) -> Measured:
    """`attest run` on `root`. Every process of the run is sampled every 5 ms for its own peak (VmHWM
    only grows, so a sample before a process ends holds its peak so far): those running `attest` are
    the flow, the others (the fork server, the reading workers, Tesseract) are workers. The flow's
    figure is at least the kernel's account of the `attest` process when reaped (`wait4`: its own
    peak, or a reaped descendant's if larger); each file's reading process reports its exact peak
    into the run report, which counts for the workers."""
    logs = root.parent / "run-logs"
    logs.mkdir(exist_ok=True)
    started = time.monotonic()
    with open(logs / "out", "w+") as out, open(logs / "err", "w+") as err:
        proc = subprocess.Popen(
            [str(ATTEST), "run", "--storage", str(root)],
            env={**os.environ, "OMP_THREAD_LIMIT": "1", **(env or {})},
            stdout=out,
            stderr=err,
        )
        peaks: dict[int, int] = {}
        names: dict[int, bytes] = {}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for pid in [proc.pid, *_descendants(proc.pid)]:
                    peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
                    names[pid] = cmdline(pid)[:200] or names.get(pid, b"")
                time.sleep(0.005)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = _wait(proc.pid, started + timeout)
        finally:
            done.set()
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        texts = out.read(), err.read()
    reports = sorted((root / "runs").glob("*.json")) if (root / "runs").is_dir() else []
    report = json.loads(reports[-1].read_text()) if reports else {}
    reading = float(report.get("reading_peak_mb", 0.0) or 0.0)
    flow_kb = max([kb for pid, kb in peaks.items() if b"/attest" in names.get(pid, b"")] + [0])
    worker_kb = max([kb for pid, kb in peaks.items() if b"/attest" not in names.get(pid, b"")] + [0])
    flow_mb = max(flow_kb, usage.ru_maxrss) / 1024  # the kernel's figure bounds what sampling may miss
    return Measured(proc.returncode, *texts, seconds, flow_mb, max(worker_kb / 1024, reading), report)


def _wait(pid: int, deadline: float) -> tuple[int, int, resource.struct_rusage]:
    while True:
        got = os.wait4(pid, os.WNOHANG)
        if got[0] == pid:
            return got
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            return os.wait4(pid, 0)
        time.sleep(0.05)
