"""The Prefect deployments against a real Prefect server: they register, and an operator's
reprocess run triggered through the API completes and lands its verdict in storage."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.flows.cli import ATTEST, attest
from tests.flows.tiny import IIN, write_submission
from tests.waiting import wait_until

pytestmark = pytest.mark.slow


async def _deployment(name: str, timeout: float) -> object:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + timeout
    async with get_client() as client:
        while True:
            try:
                return await client.read_deployment_by_name(name)
            except ObjectNotFound:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(1)


async def _artifacts(flow_run_id: object) -> dict[str, object]:
    """The run's artifacts by key: what an operator sees in the Prefect UI."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    async with get_client() as client:
        found = await client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))  # type: ignore[list-item]
        )
    return {a.key: a for a in found if a.key}


async def _log_lines(flow_run_id: object) -> list[str]:
    """The run's log as the Prefect UI shows it."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    async with get_client() as client:
        found = await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))  # type: ignore[list-item]
    return [f"{entry.name} {entry.message}" for entry in found]


def test_serve_registers_and_runs_reprocess(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    write_submission(root, "2026-000900")
    first = attest("run", "--storage", str(root))
    assert first.code == 0, first.err
    assert json.loads((root / "verdicts" / "2026-000900.json").read_text())["revision"] == 1

    env = {**os.environ, "ATTEST_STORAGE": str(root), "OMP_THREAD_LIMIT": "1"}
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([str(ATTEST), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        nightly = asyncio.run(_deployment("attest-nightly/nightly", 90))
        schedules = nightly.schedules  # type: ignore[attr-defined]
        assert schedules and schedules[0].schedule.cron == "0 1 * * *"
        assert schedules[0].schedule.timezone == "Etc/GMT-5"
        asyncio.run(_deployment("attest-reprocess/reprocess", 30))

        from prefect.deployments import run_deployment

        run = run_deployment("attest-reprocess/reprocess", parameters={"submission_ids": ["2026-000900"]}, timeout=240)
        assert run.state is not None and run.state.is_completed(), run.state  # type: ignore[union-attr]
        artifacts = asyncio.run(_artifacts(run.id))  # type: ignore[union-attr]
        assert {"attest-verdicts", "attest-run-summary"} <= set(artifacts)
        assert "reprocess" in str(artifacts["attest-run-summary"].data)
        table = str(artifacts["attest-verdicts"].data)
        assert "2026-000900" in table
        assert "[]" not in table and "['" not in table, table  # lists as "a, b" or "-", not Python reprs
        assert "Notices: " in str(artifacts["attest-run-summary"].data)
        # Logs reach the API in batches after the run's state does: wait for them, bounded.
        lines = wait_until(
            lambda: asyncio.run(_log_lines(run.id)),  # type: ignore[union-attr]
            lambda found: (
                any(line.startswith("attest 2026-000900: r2 ") for line in found)
                and any(f"applicant {IIN[:6]}******" in line for line in found)
            ),
            timeout=60,
            what="the reprocess run's progress line and masked applicant line in the Prefect API's logs",
        )
        assert not any(IIN in line for line in lines)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    served = (tmp_path / "serve.log").read_text(errors="replace")
    assert IIN not in served
    assert "attest reprocess: 1 verdicts (" in served, served  # a line per run on serve's output
    verdict = json.loads((root / "verdicts" / "2026-000900.json").read_text())
    assert verdict["revision"] == 2
    assert (root / "verdict-history" / "2026-000900" / "0001.json").exists()
    reports = sorted((root / "runs").glob("*.json"))
    assert any(json.loads(p.read_text())["mode"] == "reprocess" for p in reports)
