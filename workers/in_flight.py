"""How many bytes of files the flow holds for the workers at once.

A file's bytes are read by the flow, hashed, and handed to a worker, and the flow keeps them until
the worker has read the file. Read all at once, a submission of ten files just under
`max_file_bytes` held a gigabyte in the flow, more with several submissions read side by side. So
the submissions' reading threads share one budget: a file's bytes are read only when its listed
size fits in what the files still at the workers leave, and its share comes back when its reading
ends. A file larger than the whole budget waits until it has the budget to itself.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

IN_FLIGHT_BYTES = 256 * 2**20


class InFlight:
    """A budget of bytes shared by threads: `take` waits until the size fits, `give` returns it."""

    def __init__(self, limit: int = IN_FLIGHT_BYTES) -> None:
        self._limit = limit
        self._held = 0
        self._changed = threading.Condition()

    def take(self, size: int) -> int:
        """Wait until `size` bytes (at most the whole budget) fit, and hold them; returns what is held."""
        share = max(0, min(size, self._limit))
        with self._changed:
            self._changed.wait_for(lambda: self._held + share <= self._limit)
            self._held += share
        return share

    def give(self, share: int) -> None:
        with self._changed:
            self._held -= share
            self._changed.notify_all()

    def give_when_done(self, future: Future[Any], share: int) -> None:
        """`share` comes back when the future ends: read, failed or cancelled."""

        def done(_: Future[Any]) -> None:
            self.give(share)

        future.add_done_callback(done)
