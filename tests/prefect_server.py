"""A real Prefect server for the tests, started once per session on loopback.

Flows run against it as they would in production (no temporary server per call), and the
deployment tests register with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from runtime.prefect_environment import PREFECT_SERVER_TUNING
from tests.s3_server import free_port

QUIET = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "DO_NOT_TRACK": "1",
}


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API URL of a Prefect server of our own; its address is exported for child processes."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    # Tuned as a production server is (infra/docker-compose.yml), quiet as a test's should be.
    env = {**os.environ, **QUIET, **PREFECT_SERVER_TUNING, "PREFECT_HOME": str(home), "PREFECT_API_URL": ""}
    log = (Path(home) / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while not _healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"prefect server did not start; see {home}/server.log")
        time.sleep(0.5)
    saved = {k: os.environ.get(k) for k in (*QUIET, "PREFECT_API_URL", "PREFECT_HOME")}
    os.environ.update({**QUIET, "PREFECT_API_URL": url, "PREFECT_HOME": str(home)})
    try:
        yield url
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
