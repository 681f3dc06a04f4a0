"""Mistakes an operator makes get a one-line error and a non-zero exit at once, never a green run that did
nothing: a mistyped storage root, an unknown submission id, a reprocess with nothing chosen."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from models.errors import InputError
from tests.flows.cli import attest
from tests.flows.tiny import write_submission


def test_a_mistyped_storage_root_stops_the_run_before_anything_starts(tmp_path: Path) -> None:
    typo = tmp_path / "demo-dta"
    started = time.monotonic()
    result = attest("run", "--storage", str(typo))
    assert result.code == 3, result
    assert result.err.startswith("attest: error: storage root") and str(typo) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not typo.exists()  # no folder made, no run report in it
    assert time.monotonic() - started < 8  # said before Prefect's server starts
    shown = attest("show", "--storage", str(typo), "2026-000001")
    assert shown.code == 3 and "is not a folder" in shown.err
    users = tmp_path / "users.json"
    users.write_text('{"users": {}}')
    desk = attest("review", "serve", "--storage", str(typo), "--users", str(users), "--port", "1")
    assert desk.code == 3 and "is not a folder" in desk.err


def test_an_unknown_submission_id_is_an_error_and_nothing_is_reprocessed(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_submission(root, "2026-000117")
    result = attest("reprocess", "--storage", str(root), "--submission", "2026-00117")
    assert result.code == 2, result
    assert "no such submission: 2026-00117" in result.err
    assert not (root / "runs").exists() and not (root / "verdicts").exists()


@pytest.mark.slow
def test_the_reprocess_deployment_fails_on_unknown_ids_and_on_no_selection(tmp_path: Path, prefect_api: str) -> None:
    """Through Prefect (the operators' deployment): the known id is reprocessed, the flow run still fails,
    naming the unknown one; a run with nothing chosen fails before it reads anything."""
    from flows.nightly import reprocess_flow

    root = tmp_path / "data"
    write_submission(root, "2026-000118")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with pytest.raises(InputError, match="no such submission: 2026-000999"):
        reprocess_flow(storage=str(root), submission_ids=["2026-000118", "2026-000999"])
    assert json.loads((root / "verdicts" / "2026-000118.json").read_text())["revision"] == 1
    with pytest.raises(InputError, match="needs a selection"):
        reprocess_flow(storage=str(root))
