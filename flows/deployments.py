"""The Prefect deployments in one place: the nightly schedule and the operators' reprocess."""

from __future__ import annotations

from typing import Any

from prefect.schedules import Cron

from flows.nightly import nightly_flow, reprocess_flow
from runtime.temporary_server import guard_temporary_server

# Astana time is UTC+5 all year (since 1 March 2024); a fixed-offset zone avoids stale tzdata.
SCHEDULE_TZ = "Etc/GMT-5"
NIGHTLY_CRON = "0 1 * * *"


def deployments(storage: str | None = None) -> list[Any]:
    params = {"storage": storage} if storage else {}
    return [
        nightly_flow.to_deployment(
            name="nightly",
            schedule=Cron(NIGHTLY_CRON, timezone=SCHEDULE_TZ),
            parameters=params,
            description="Every new or changed submission, each night at 01:00 Astana time.",
            tags=["attest"],
        ),
        reprocess_flow.to_deployment(
            name="reprocess",
            parameters=params,
            description="Operators: a new verdict for chosen submissions (ids, decision, since, all).",
            tags=["attest"],
        ),
    ]


def serve_all(storage: str | None = None) -> None:
    """Serve until stopped. Without `PREFECT_API_URL` Prefect starts a temporary server for it; it is
    started here, before `serve` blocks, so that it gets its guard (`runtime.temporary_server`)."""
    from prefect import serve
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        with get_client(sync_client=True) as client:
            client.hello()
        guard_temporary_server()
    serve(*deployments(storage))
