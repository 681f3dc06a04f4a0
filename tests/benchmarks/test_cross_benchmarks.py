"""The cross-check benchmarks run end to end on a small set and say what they measured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import cross_checks, cross_index_cost

pytestmark = pytest.mark.slow


def test_the_planted_set_is_found_and_nothing_else(tmp_path: Path) -> None:
    assert cross_checks.main(["--out", str(tmp_path), "--originals", "1", "--scans", "0"]) == 0
    result = json.loads((tmp_path / "cross_checks.json").read_text())
    assert result["essay_detection_rate"] == 1.0 and result["certificate_detection_rate"] == 1.0
    assert result["false_flags"] == [] and result["highest_distinct_essay_similarity"] < result["threshold"]
    assert "| essay:changed_30 | 2/2 |" in (tmp_path / "cross_checks.md").read_text()


def test_the_index_cost_is_measured_per_size(tmp_path: Path) -> None:
    assert cross_index_cost.main(["--out", str(tmp_path), "--sizes", "200,400", "--night", "20"]) == 0
    rows = json.loads((tmp_path / "cross_index_cost.json").read_text())
    assert [r["index_essays"] for r in rows] == [200, 420]  # the second holds the first night's 20 too
    assert all(r["copies_flagged"] == 2 and r["per_submission_ms_mean"] > 0 for r in rows)
