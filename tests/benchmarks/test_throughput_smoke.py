"""The benchmark's machinery on a tiny corpus: every output written and well-formed (no timings judged)."""

import json
import os
from pathlib import Path

import pytest

from benchmarks.throughput import TARGETS, paired_ratios, run_benchmark


def test_paired_ratios_are_held_to_the_target_by_their_median() -> None:
    """A disturbed pair (the pipeline's run caught in a slow spell) moves the median no more than one place."""
    raw = [{"wall_s": 10.0}, {"wall_s": 10.0}, {"wall_s": 20.0}]
    pipeline = [{"wall_s": 10.5}, {"wall_s": 14.0}, {"wall_s": 21.4}]
    found = paired_ratios(pipeline, raw)
    assert found["ratios_by_round"] == [1.05, 1.4, 1.07]
    assert found["ratio_paired_median"] == 1.07
    with pytest.raises(ValueError):  # a pipeline run without its raw run is no pair
        paired_ratios(pipeline, raw[:2])


def test_benchmark_outputs_on_a_tiny_corpus(tmp_path: Path, prefect_api: str) -> None:
    out = tmp_path / "results"
    results = run_benchmark(
        out,
        submissions=2,
        full_page_scans=False,
        long_pages=2,
        worker_counts=(1,),
        work=tmp_path / "work",
        rounds=2,
        log=lambda _msg: None,
    )
    assert results["corpus"]["scanned"] == 1
    stored = json.loads((out / "throughput.json").read_text(encoding="utf-8"))
    assert stored["machine"]["nproc"] >= 1 and stored["machine"]["cpu_model"]
    # how busy the machine was before the start, since stray processes bias the 2-against-1 ratio
    assert 0 <= stored["machine"]["busy_before_start"] <= stored["machine"]["nproc"]
    assert "of a core busy before the start" in (out / "throughput.md").read_text(encoding="utf-8")
    assert stored["raw_tesseract"]["pages"] >= 1 and stored["raw_tesseract"]["wall_s"] > 0
    run = stored["pipeline"]["1"]
    assert run["wall_s"] > 0 and run["verdicts"] == 2 and not run["failures"]
    assert run["ocr_pages"] >= 1 and run["text_pages"] > 0
    assert {"discover_plan", "reading"} <= set(run["stages"])
    # the CPU of the run's wall, by role: the workers read (with Tesseract), assessed and wrote
    assert run["cpu_s"]["workers"] > 0 and run["cpu_s"]["flow_process"] > 0
    assert run["cpu_s"]["prefect_server"] >= 0
    # taken apart while the worker lived: the files' reading children (with Tesseract), the workers' own
    # settling, the fork server's loading
    split = run["worker_cpu_s"]
    assert split["file_children"] > 0 and split["worker_own"] > 0 and split["fork_server"] > 0
    # the fork server's figure is its whole life: it starts loading before the wall (start_readers_early)
    assert split["worker_own"] + split["file_children"] <= run["cpu_s"]["workers"] + 0.05
    assert "of which files' reading children" in (out / "throughput.md").read_text(encoding="utf-8")
    # the whole machine over the same wall: the run's own CPU is part of its busy time
    machine = run["machine_cpu_s"]
    assert machine["idle"] >= 0 and machine["busy"] >= sum(run["cpu_s"].values()) - 0.1
    assert machine["idle"] + machine["busy"] + machine["steal"] <= run["wall_s"] * (os.cpu_count() or 1) + 0.2
    assert run["peak_mb"]["main"] > 0 and run["peak_mb"]["worker"] > 0
    assert stored["reprocess"]["cached_documents"] > 0 and stored["reprocess"]["speedup"] > 0
    assert stored["born_digital"]["pages_per_s_per_core"] > 0
    assert stored["same_pages"]["ocr_pages"] == stored["raw_tesseract"]["pages"]
    # the scanned pages against raw Tesseract: one ratio per back-to-back pair, and their median held to the target
    pairs = stored["same_pages"]["ratios_by_round"]
    assert len(pairs) == 2 and min(pairs) <= stored["same_pages"]["ratio_paired_median"] <= max(pairs)
    assert "median of back-to-back pairs" in stored["targets"][0]["figure"]
    # every timed measurement is repeated and the fastest kept, both sides of a ratio alike
    if stored["machine"]["nproc"] > 1:  # the machine's own scaling, measured in the same rounds
        assert stored["raw_tesseract_one"]["cores"] == 1 and len(stored["raw_tesseract_one"]["walls_s"]) == 2
        # and one worker with its whole run held on one core: the flow and Prefect's server share it
        held = stored["pipeline_one_core"]
        assert len(held["cpus"]) == 1 and len(run["cpus"]) == len(os.sched_getaffinity(0))
        assert held["verdicts"] == 2 and len(held["walls_s"]) == 2 and held["cpu_s"]["prefect_server"] >= 0
        assert "whole run on 1 core" in (out / "throughput.md").read_text(encoding="utf-8")
    for name in ("raw_tesseract", "same_pages", "born_digital", "reprocess"):
        walls = stored[name]["walls_s"]
        assert len(walls) == 2 and stored[name]["wall_s"] == min(walls)
    assert len(run["walls_s"]) == 2 and run["wall_s"] == min(run["walls_s"])
    assert stored["born_digital"]["text_pages"] > 0 and stored["same_pages"]["verdicts"] == 1
    assert stored["long_pdf"]["pages"] == 2 and stored["long_pdf"]["peak_mb"]["main"] > 0
    assert stored["guards"]["huge_page"]["limit_hit"] == "page_too_large"
    assert stored["notices"]["notices"] == 2 and stored["notices"]["sign_ms_each"] > 0
    assert {row["status"] for row in stored["targets"]} <= {"met", "not met"}
    assert len(stored["targets"]) >= len(TARGETS) - 2  # the 2-vs-1 worker row needs two runs
    table = (out / "throughput.md").read_text(encoding="utf-8")
    assert "| figure | value | target | status |" in table
    assert (out / "throughput.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
