"""Bounded polling for what a server delivers asynchronously (Prefect's logs and events, a process's exit)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(read: Callable[[], T], done: Callable[[T], bool], timeout: float, what: str, every: float = 0.5) -> T:
    """Reads until `done` holds of what was read, or fails after `timeout` seconds naming what never came."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not there after {timeout:.0f} s; last read: {value!r}")
        time.sleep(every)
