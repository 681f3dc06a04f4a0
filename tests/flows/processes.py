"""Whether processes have ended, read from /proc: the tests that kill runs and workers share these."""

from __future__ import annotations

import time


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
