"""No full IIN in any log record of ours, whichever handler formats it (ours, or Prefect's)."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from runtime.log_masking import LOGGERS, MaskingFilter, flow_run_logging, mask_our_logs
from tests.paths import PACKAGES, ROOT

IIN = "870412400412"


class _Applicant(BaseModel):
    iin: int


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """A handler on `attest`, as Prefect's API handler is (PREFECT_LOGGING_EXTRA_LOGGERS): it knows
    nothing of masking, so whatever it prints was masked before it."""
    saved = {name: (logging.getLogger(name).filters[:], logging.getLogger(name).level) for name in LOGGERS}
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger("attest")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield out
    finally:
        root.removeHandler(handler)
        for name, (filters, level) in saved.items():
            logging.getLogger(name).filters[:] = filters
            logging.getLogger(name).setLevel(level)


def test_message_and_traceback_masked_on_every_logger(captured: io.StringIO) -> None:
    mask_our_logs()
    mask_our_logs()  # twice, as the CLI and then the flow run call it
    assert all(sum(isinstance(f, MaskingFilter) for f in logging.getLogger(n).filters) == 1 for n in LOGGERS)
    logging.getLogger("attest").info("2026-000900: r1 accepted applicant %s", IIN)
    try:
        _Applicant(iin=f"{IIN}x")  # type: ignore[arg-type]
    except ValueError:
        logging.getLogger("attest.checks").exception("check failed for %s", IIN)
    text = captured.getvalue()
    assert "applicant 870412******" in text
    assert "attest.checks check failed for 870412******" in text
    assert "ValidationError" in text and "870412******x" in text  # the traceback is there, masked
    assert IIN not in text


def test_unmasked_without_the_filter(captured: io.StringIO) -> None:
    """The fixture's handler does not mask by itself: the test above can fail."""
    for name in LOGGERS:
        logging.getLogger(name).filters[:] = []
    logging.getLogger("attest").info("applicant %s", IIN)
    assert IIN in captured.getvalue()


def test_flow_run_level(captured: io.StringIO) -> None:
    """A deployment's run logs each verdict at INFO; a level the CLI chose stands."""
    root = logging.getLogger("attest")
    root.setLevel(logging.NOTSET)
    flow_run_logging()
    assert root.level == logging.INFO
    root.setLevel(logging.WARNING)
    flow_run_logging()
    assert root.level == logging.WARNING


def test_every_logger_our_code_names_is_masked() -> None:
    """The mask sits on each logger by name (`LOGGERS`): a module that logs on a new name must be
    added there, or its records (tracebacks quoting a manifest among them) would go out unmasked."""
    named: set[str] = set()
    for package in (*PACKAGES, "benchmarks"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            found = re.findall(r"getLogger\(\s*['\"]([^'\"]+)['\"]\s*\)", text)
            if path.name != "log_masking.py":  # which walks LOGGERS itself
                assert len(found) == text.count("getLogger("), f"{path}: a logger named by a variable"
            named |= set(found)
    assert {"attest", "attest.readers", "attest.checks", "attest.storage"} <= named  # the scan finds them
    ours = {name for name in named if name.split(".")[0] == "attest"}  # the rest: libraries' we quiet
    assert ours <= set(LOGGERS), f"not masked: {sorted(ours - set(LOGGERS))}"
