"""Accuracy on the labelled evaluation set (`benchmarks.evaluate`): the legal errors must be zero.

A false refusal wrongs a teacher and a false acceptance lets through what the standard forbids
(contract §3), so both are asserted absent; the rest is held to the benchmark's targets.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.evaluate import Metrics, SeedRun, combine, report, run_seed

pytestmark = pytest.mark.slow
SEED = 2026


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory: pytest.TempPathFactory, prefect_api: str) -> Iterator[tuple[SeedRun, Metrics]]:
    root = Path(tmp_path_factory.mktemp("evaluation")) / "data"
    run = run_seed(root, seed=SEED, profile="eval", now=datetime.now(UTC))
    yield run, combine([run])


def _table(evaluated: tuple[SeedRun, Metrics]) -> str:
    run, metrics = evaluated
    return report([run], metrics)


def test_the_run_itself_completes(evaluated: tuple[SeedRun, Metrics]) -> None:
    _run, metrics = evaluated
    assert metrics.cases > 20
    assert not metrics.failures, _table(evaluated)


def test_no_false_acceptance(evaluated: tuple[SeedRun, Metrics]) -> None:
    assert evaluated[1].false_acceptances == [], _table(evaluated)


def test_no_false_refusal(evaluated: tuple[SeedRun, Metrics]) -> None:
    assert evaluated[1].false_refusals == [], _table(evaluated)


def test_decisions_are_at_least_90_percent_exact(evaluated: tuple[SeedRun, Metrics]) -> None:
    assert evaluated[1].accuracy >= 0.9, _table(evaluated)


def test_every_refusal_names_the_expected_grounds(evaluated: tuple[SeedRun, Metrics]) -> None:
    assert evaluated[1].wrong_grounds == [], _table(evaluated)


def test_born_digital_essays_are_counted_exactly(evaluated: tuple[SeedRun, Metrics]) -> None:
    right, total = evaluated[1].essays["digital"]
    assert total > 0
    assert right == total, _table(evaluated)
