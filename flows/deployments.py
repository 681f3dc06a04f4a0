"""The Prefect deployments in one place: the nightly schedule and the operators' reprocess."""

from __future__ import annotations

from typing import Any

from prefect.schedules import Cron

from flows.nightly import nightly_flow, reprocess_flow

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
    from prefect import serve

    serve(*deployments(storage))
