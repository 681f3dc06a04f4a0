"""Scaling out: the night's reading spread over a (local, multi-process) Dask cluster."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.flows.cli import attest
from tests.flows.tiny import FONT, write_submission

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, env={"OMP_THREAD_LIMIT": "1"}
    ) as local:
        yield local


def _scan(path: Path) -> None:
    image = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 40)
    draw.text((40, 60), "Құрмет грамотасы", font=font, fill=0)
    draw.text((40, 150), "Әбілқасымова Гүлнар Серікқызы", font=font, fill=0)
    image.save(path)


def test_night_on_a_dask_cluster(tmp_path: Path, cluster: object, prefect_api: str) -> None:
    root = tmp_path / "data"
    for sid in ("2026-000501", "2026-000502"):
        write_submission(root, sid)
    folder = root / "submissions" / "2026-000502"
    _scan(folder / "merit.png")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["documents"].append({"file": "merit.png", "kind": "professional_achievements"})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))

    address = cluster.scheduler_address  # type: ignore[attr-defined]
    result = attest("run", "--storage", str(root), env={"ATTEST_DASK_ADDRESS": address})
    assert result.code == 0, result.err
    assert "nightly: 2 verdicts" in result.out
    report = json.loads(next((root / "runs").glob("*.json")).read_text())
    assert report["ocr_pages"] == 1 and report["text_layer_pages"] == 4
    prefixes = set(cluster.scheduler.task_prefixes)  # type: ignore[attr-defined]
    assert "read_bounded" in prefixes  # the documents were read by the cluster's workers
    verdict = json.loads((root / "verdicts" / "2026-000502.json").read_text())
    merit = next(d for d in verdict["documents"] if d["file"] == "merit.png")
    assert merit["text_source"] == "ocr"
