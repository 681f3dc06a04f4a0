"""A command-line run with no Prefect server of its own takes the temporary one with it, however it ends."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from runtime.prefect_environment import PREFECT_SERVER_TUNING
from runtime.processes import children, cmdline
from runtime.temporary_server import GUARD_MARK, temporary_servers
from tests.flows.cli import ATTEST
from tests.flows.processes import all_gone, environment, gone
from tests.flows.tiny import write_submission
from tests.prefect_server import QUIET


@pytest.fixture
def storage(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    for i in range(5):
        write_submission(root, f"2026-{i:06d}")
    return root


@pytest.fixture
def leftovers() -> Iterator[list[int]]:
    """Pids a failing test would otherwise leave running (a temporary server is 200 MB)."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if not gone(pid):
            os.kill(pid, signal.SIGKILL)


def _run(storage: Path, tmp_path: Path, command: str = "run") -> subprocess.Popen[bytes]:
    env = {**os.environ, **QUIET, "PREFECT_API_URL": "", "PREFECT_HOME": str(tmp_path / "prefect-home")}
    for key in PREFECT_SERVER_TUNING:  # the command line's own settings, not the tests'
        env.pop(key, None)
    env["OMP_THREAD_LIMIT"] = "1"
    env["ATTEST_STORAGE"] = str(storage)
    return subprocess.Popen(
        [str(ATTEST), command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _server_and_guard(run: subprocess.Popen[bytes], leftovers: list[int]) -> tuple[int, int]:
    """The run's temporary server and its guard, as soon as both exist (the guard comes first thing
    in the flow, before any submission is read). Every server seen goes to `leftovers` at once."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        servers = temporary_servers(run.pid)
        leftovers += [pid for pid in servers if pid not in leftovers]
        guards = [pid for pid in children(run.pid) if GUARD_MARK.encode() in cmdline(pid)]
        if servers and guards:
            return servers[0], guards[0]
        if run.poll() is not None:
            err = run.stderr.read().decode(errors="replace")[-2000:] if run.stderr else ""
            pytest.fail(f"the run ended (exit {run.returncode}) before its server and guard were seen:\n{err}")
        time.sleep(0.02)
    pytest.fail("no temporary server with a guard within 120 s")


def test_a_killed_run_takes_its_temporary_server_with_it(storage: Path, tmp_path: Path, leftovers: list[int]) -> None:
    run = _run(storage, tmp_path)
    try:
        server, guard = _server_and_guard(run, leftovers)
        leftovers.append(guard)
        assert not gone(server)
    finally:
        run.kill()  # as an operator's kill -9 or the OOM killer would: no clean-up of its own
        run.wait()
    assert all_gone([server, guard], 15), "the temporary server outlived its killed run"


def test_a_killed_serve_takes_its_temporary_server_with_it(storage: Path, tmp_path: Path, leftovers: list[int]) -> None:
    serving = _run(storage, tmp_path, "serve")
    try:
        server, guard = _server_and_guard(serving, leftovers)
        leftovers.append(guard)
    finally:
        serving.kill()
        serving.wait()
    assert all_gone([server, guard], 15), "the temporary server outlived its killed `attest serve`"


def test_a_run_that_ends_leaves_neither_server_nor_guard(storage: Path, tmp_path: Path, leftovers: list[int]) -> None:
    run = _run(storage, tmp_path)
    server, guard = _server_and_guard(run, leftovers)
    leftovers.append(guard)
    server_env = environment(server)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err.decode()[-2000:]
    # Only progress lines: with PREFECT_API_URL="", as here, Prefect's events worker used to fail at the end.
    assert [line for line in err.decode().splitlines() if not re.match(r"\[\d+/\d+\] ", line)] == []
    assert all_gone([server, guard], 15)
    assert (storage / "verdicts").is_dir()  # the run did its work with the guard beside it
    # The server recorded task runs in batches, and the last batch was written as it shut down: every
    # submission's reading task is in its database, finished.
    assert {k: server_env.get(k) for k in PREFECT_SERVER_TUNING} == PREFECT_SERVER_TUNING
    with closing(sqlite3.connect(tmp_path / "prefect-home" / "prefect.db")) as db:
        recorded = db.execute("SELECT name, state_type FROM task_run").fetchall()
    assert len(recorded) == 5, recorded
    assert {state for _, state in recorded} == {"COMPLETED"}
