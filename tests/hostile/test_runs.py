"""Whole runs on hostile submissions, each within its stated time and memory bound.

Bounds (README, *Hostile input*): the flow's process under 1 GB and every reading worker (and each
file's reading process) under 600 MB in every case; the time of each case is stated beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.flows.tiny import write_submission
from tests.hostile.inputs import huge_rgba_png, million_lines_pdf
from tests.hostile.measure import FLOW_BOUND_MB, MB, WORKER_BOUND_MB, Measured, run_measured

pytestmark = pytest.mark.slow


def _add(folder: Path, name: str, data: bytes, kind: str = "professional_achievements") -> None:
    (folder / name).write_bytes(data)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["documents"].append({"file": name, "kind": kind})
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False))


def _sparse(path: Path, head: bytes, size: int) -> None:
    """A file of `size` bytes that takes no disk: `head`, then a hole."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)


def _verdict(root: Path, sid: str) -> dict[str, Any]:
    return dict(json.loads((root / "verdicts" / f"{sid}.json").read_text()))


def _within_memory(run: Measured) -> None:
    print(f"{run.seconds:.1f} s, flow {run.flow_peak_mb:.0f} MB, worker {run.worker_peak_mb:.0f} MB")
    assert run.flow_peak_mb < FLOW_BOUND_MB, run.flow_peak_mb
    assert run.worker_peak_mb < WORKER_BOUND_MB, run.worker_peak_mb


def test_a_page_that_renders_for_minutes_costs_one_time_limit_and_the_rest_is_read(
    tmp_path: Path, prefect_api: str
) -> None:
    """Item 1. Two 63 KB one-page PDFs that draw one line a million times (pdfium renders each for
    minutes, outside any OCR limit) beside a clean application and essay, on two workers with a 10 s
    file limit: both stop at their limit side by side, the clean documents are read. Bound: 90 s."""
    root = tmp_path / "data"
    write_submission(root, "2026-000901")
    folder = root / "submissions" / "2026-000901"
    hostile = million_lines_pdf()
    for name in ("lines-1.pdf", "lines-2.pdf"):
        _add(folder, name, hostile)
    run = run_measured(root, {"ATTEST_FILE_TIMEOUT_S": "10", "ATTEST_WORKERS": "2"})
    assert run.code == 0, run.err
    assert run.seconds < 90, run.seconds
    _within_memory(run)
    verdict = _verdict(root, "2026-000901")
    assert verdict["decision"] == "needs_review"
    findings = json.dumps(verdict["findings"], ensure_ascii=False)
    stopped = [f for f in verdict["findings"] if "reader_failed" in json.dumps(f["evidence"])]
    assert {f["document"] for f in stopped} == {"lines-1.pdf", "lines-2.pdf"}, findings
    assert int(verdict["essay_word_count"] or 0) > 200  # the clean essay was read


def test_a_transparent_png_of_110_megapixels_stays_in_its_memory_bound(tmp_path: Path, prefect_api: str) -> None:
    """Item 2. A 460 KB 10000 x 11000 RGBA PNG (inside max_page_pixels) took a worker to 2.27 GB.
    Bound: 600 MB a worker, 60 s."""
    root = tmp_path / "data"
    write_submission(root, "2026-000902")
    _add(root / "submissions" / "2026-000902", "poster.png", huge_rgba_png())
    run = run_measured(root)
    assert run.code == 0, run.err
    assert run.seconds < 60, run.seconds
    _within_memory(run)
    assert _verdict(root, "2026-000902")["decision"] == "needs_review"


def test_files_and_manifests_over_their_limits_are_never_read(tmp_path: Path, prefect_api: str) -> None:
    """Item 2. A 600 MB file over max_file_bytes was read whole, hashed and pickled to a worker (flow
    1.42 GB); ten 200 MB manifests, each refused, were all read and kept (2.28 GB). Both are files with
    holes here: no disk, full size. Bound: the flow under 1 GB, 60 s."""
    root = tmp_path / "data"
    write_submission(root, "2026-000903")
    _sparse(root / "submissions" / "2026-000903" / "scan.pdf", b"%PDF-1.4\n", 600 * MB)
    manifest = json.loads((root / "submissions" / "2026-000903" / "manifest.json").read_text())
    manifest["documents"].append({"file": "scan.pdf", "kind": "professional_achievements"})
    (root / "submissions" / "2026-000903" / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    big = [f"2026-00091{i}" for i in range(10)]
    for sid in big:
        write_submission(root, sid)
        _sparse(root / "submissions" / sid / "manifest.json", b'{"submission_id": "', 200 * MB)
    run = run_measured(root)
    assert run.code == 0, run.err
    assert run.seconds < 60, run.seconds
    _within_memory(run)
    scan = [f for f in _verdict(root, "2026-000903")["findings"] if f.get("document") == "scan.pdf"]
    assert scan and "file_too_large" in json.dumps(scan), scan
    for sid in big:
        verdict = _verdict(root, sid)
        assert verdict["decision"] == "refused"
        assert verdict["findings"][0]["evidence"]["rule"] == "too_large"
        assert verdict["findings"][0]["evidence"]["size"] == 200 * MB


def test_files_just_under_the_size_limit_are_held_a_few_at_a_time(tmp_path: Path, prefect_api: str) -> None:
    """Item 2. Ten 95 MB files (holes on disk), each under max_file_bytes: the flow read them all
    before handing any to a worker and held every byte until each was read. Now the bytes held for
    the workers stay within a shared budget (256 MB). Bound: the flow under 1 GB (was 1.2 GB), 120 s."""
    root = tmp_path / "data"
    write_submission(root, "2026-000904")
    folder = root / "submissions" / "2026-000904"
    manifest = json.loads((folder / "manifest.json").read_text())
    for n in range(10):
        _sparse(folder / f"scan-{n}.png", b"\x89PNG\r\n\x1a\n", 95 * MB)
        manifest["documents"].append({"file": f"scan-{n}.png", "kind": "professional_achievements"})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    run = run_measured(root)
    assert run.code == 0, run.err
    assert run.seconds < 120, run.seconds
    _within_memory(run)
    documents = {d["file"]: d for d in _verdict(root, "2026-000904")["documents"]}
    assert all(documents[f"scan-{n}.png"]["sha256"] for n in range(10))  # each was read and hashed
