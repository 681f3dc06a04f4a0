"""Other processes as Linux shows them in /proc: a worker's Tesseract child, a run's temporary server."""

import os


def children(pid: int) -> list[int]:
    """The pids of a process's children (Linux /proc); empty where that cannot be read."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                found += [int(p) for p in fh.read().split()]
    except OSError:
        return found
    return found


def cmdline(pid: int) -> bytes:
    """A process's command line, NUL-separated (Linux /proc); empty once it is gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""
