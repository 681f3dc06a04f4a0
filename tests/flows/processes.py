"""Processes read from /proc (whether they have ended, their environment): the tests that kill runs
and workers share these."""

from __future__ import annotations

import time
from pathlib import Path


def gone(pid: int) -> bool:
    """Ended, or a zombie waiting for its parent."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def all_gone(pids: list[int], seconds: float) -> bool:
    """Whether every process of `pids` has ended (or is a zombie) within `seconds`."""
    deadline = time.monotonic() + seconds
    while not all(gone(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def environment(pid: int) -> dict[str, str]:
    """The environment a live process was started with."""
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    pairs = (item.decode(errors="replace").partition("=") for item in raw.split(b"\0") if item)
    return {key: value for key, _, value in pairs}
