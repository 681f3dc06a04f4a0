"""Our loggers' messages in a test, whatever Prefect's logging set-up did to them.

Once Prefect has set up logging in a process (PREFECT_LOGGING_EXTRA_LOGGERS names `attest`), the
`attest` logger no longer propagates to the root, so pytest's caplog sees none of its records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Kept(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def attest_messages(level: int = logging.WARNING) -> Iterator[list[str]]:
    """The messages of `attest` and its child loggers at `level` or above while the block runs."""
    handler = _Kept(level)
    logger = logging.getLogger("attest")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
