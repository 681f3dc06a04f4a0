"""Prefect configured for a run of ours, before Prefect is imported: one table, applied at the edge."""

import os

# Prefect's task-run recorder writes each task-run event in a transaction of its own by default
# (batch size 1): 18 ms of the server's CPU per task (Prefect 3.9, SQLite), more than the rest of a
# task's cost, client and server, together, taken from the cores that read the night's scans. In
# batches of up to 100 (or every 5 s) it costs ~3 ms. Task runs then show in the UI up to 5 s late,
# and the batch still queued when a run ends is written as the server shuts down. The temporary
# server of a run with no PREFECT_API_URL inherits this; the real one has it in infra/'s compose file.
PREFECT_SERVER_TUNING = {"PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "100"}

# Set for Prefect, unless already set, before it is imported.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",  # our own one-line errors say what failed
    "PREFECT_LOGGING_LOGGERS_PREFECT_SERVER_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOGGERS_UVICORN_LEVEL": "CRITICAL",
    "PREFECT_CLI_COLORS": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "attest",
    "OMP_THREAD_LIMIT": "1",
    # A temporary server gets 20 s to start by default; on a busy machine (another run, a test suite
    # beside it) it took longer and the run ended with exit 1 before reading anything.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    **PREFECT_SERVER_TUNING,
}


def prefect_environment() -> None:
    """Prefect configured for a run of ours, before Prefect is imported: the command line's, and the
    benchmarks' (whose figures are the command line's)."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if "PREFECT_API_URL" in os.environ and not os.environ["PREFECT_API_URL"].strip():
        # An empty PREFECT_API_URL (an env file's `PREFECT_API_URL=`) means no server, as unset does.
        # Prefect 3.9 starts its temporary server for such a run but sends the run's events to "",
        # so no task run is recorded and 'EventsWorker failed' errors end the run's output.
        del os.environ["PREFECT_API_URL"]
