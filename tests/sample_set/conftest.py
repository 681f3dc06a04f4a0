"""One build of each profile per test session: building is the slow part, reading it is cheap."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sample_set import SampleCase, build_sample_set

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone(timedelta(hours=5)))


@pytest.fixture(scope="session")
def test_set(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[SampleCase, ...]]:
    root = tmp_path_factory.mktemp("sample-test")
    return root, build_sample_set(root, profile="test", seed=2026, now=NOW)


@pytest.fixture(scope="session")
def eval_set(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[SampleCase, ...]]:
    root = tmp_path_factory.mktemp("sample-eval")
    return root, build_sample_set(root, profile="eval", seed=2026, now=NOW)
