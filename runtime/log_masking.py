"""Our loggers, wherever a run happens: the command line, or a deployment's flow run in Prefect.

Prefect ships the `attest` loggers' records to its API (`PREFECT_LOGGING_EXTRA_LOGGERS`), where
anyone with the UI reads them. The mask therefore sits on the loggers themselves, where every
record is made, not on one handler: each handler (our console line, Prefect's API and console
handlers) gets the masked record, tracebacks included.
"""

from __future__ import annotations

import logging
import traceback

from models.privacy import mask_iins

# Every logger of ours: a logger's filters see only the records made on it, not its children's.
LOGGERS = ("attest", "attest.storage", "attest.checks", "attest.readers")


class MaskingFilter(logging.Filter):
    """No full IIN in a log record: the message, and a traceback's text (a pydantic error quotes
    the manifest's values)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_iins(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask_iins("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = mask_iins(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_iins(record.stack_info)
        return True


def mask_our_logs() -> None:
    """Idempotent: the CLI calls it, and so does each flow run (a deployment's run has no CLI)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskingFilter) for f in logger.filters):
            logger.addFilter(MaskingFilter())


def flow_run_logging() -> None:
    """A flow run's per-submission lines reach the Prefect UI (at INFO), masked. A level the CLI set
    (quiet, or `--verbose`) stands."""
    mask_our_logs()
    logger = logging.getLogger("attest")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
