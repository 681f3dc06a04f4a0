"""Nothing lost, nothing crashes: odd files, hostile input, a killed run, a storage outage."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import jsonschema
import pytest

from tests.flows.cli import ATTEST, attest, file_bytes
from tests.flows.tiny import IIN, write_submission
from tests.paths import ODD_INPUTS, odd_input_files
from tests.s3_server import FlakyProxy, start_moto_server

pytestmark = pytest.mark.slow
SCHEMA = json.loads((Path(__file__).parents[2] / "models" / "schemas" / "verdict.schema.json").read_text())


def _history(root: Path) -> dict[str, list[str]]:
    return {
        d.name: sorted(p.name for p in d.iterdir()) for d in sorted((root / "verdict-history").iterdir()) if d.is_dir()
    }


def test_every_odd_input_ends_in_a_verdict(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    write_submission(root, "2026-000700")
    folder = root / "submissions" / "2026-000700"
    manifest = json.loads((folder / "manifest.json").read_text())
    odd = [p.name for p in odd_input_files()]
    for name in odd:
        shutil.copy(ODD_INPUTS / name, folder / name)
        manifest["documents"].append({"file": name, "kind": "professional_achievements"})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    result = attest("run", "--storage", str(root), env={"ATTEST_OCR_DPI": "150"})
    assert result.code == 0, result.err
    verdict = json.loads((root / "verdicts" / "2026-000700.json").read_text())
    jsonschema.validate(verdict, SCHEMA)
    assert {d["file"] for d in verdict["documents"]} >= set(odd)
    unreadable = {f["document"] for f in verdict["findings"] if f["check"] == "document.unreadable"}
    assert "pypdf-r2-user-password.pdf" in unreadable and "ocrmypdf-invalid.pdf" in unreadable
    assert "pypdf-lzw_decoder_table_overflow.bin" in unreadable
    assert "pypdf-r6-empty-password.pdf" not in unreadable  # opens with the empty password
    for f in verdict["findings"]:
        if f["check"] == "document.unreadable":
            assert f["message"]["kk"] and f["message"]["ru"] and f["document"] in f["message"]["ru"]


def test_hostile_names_and_links_stay_inside(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    secret = tmp_path / "outside.pdf"
    secret.write_bytes(b"%PDF-1.4 not yours")
    write_submission(root, "2026-000710")
    traversal = root / "submissions" / "2026-000711"
    write_submission(root, "2026-000711")
    manifest = json.loads((traversal / "manifest.json").read_text())
    manifest["documents"].append({"file": "../2026-000710/essay.pdf", "kind": "essay"})
    (traversal / "manifest.json").write_text(json.dumps(manifest))
    linked = root / "submissions" / "2026-000710" / "diploma.pdf"
    linked.symlink_to(secret)
    m10 = json.loads((root / "submissions" / "2026-000710" / "manifest.json").read_text())
    m10["documents"].append({"file": "diploma.pdf", "kind": "diploma"})
    (root / "submissions" / "2026-000710" / "manifest.json").write_text(json.dumps(m10))
    (root / "submissions" / "bad\nid").mkdir()
    (root / "submissions" / "bad\nid" / "manifest.json").write_text("{}")
    result = attest("run", "--storage", str(root))
    assert result.code == 0, result.err
    v11 = json.loads((root / "verdicts" / "2026-000711.json").read_text())
    assert v11["decision"] == "refused" and v11["findings"][0]["check"] == "submission.malformed"
    v10 = json.loads((root / "verdicts" / "2026-000710.json").read_text())
    link_findings = [f for f in v10["findings"] if f.get("document") == "diploma.pdf"]
    assert link_findings and link_findings[0]["check"] == "document.unreadable"
    assert not any(d.get("sha256") for d in v10["documents"] if d["file"] == "diploma.pdf")
    assert "not a valid submission id" in result.out
    assert sorted(p.name for p in (root / "verdicts").iterdir()) == ["2026-000710.json", "2026-000711.json"]


def test_killed_run_is_finished_by_the_next(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    ids = [f"2026-0008{i:02d}" for i in range(24)]
    for i, sid in enumerate(ids):
        write_submission(root, sid, submitted_at=f"2026-09-{1 + i % 28:02d}T10:00:00+05:00")
    proc = subprocess.Popen(
        [str(ATTEST), "run", "--storage", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while not (root / "verdicts").is_dir() or len(list((root / "verdicts").iterdir())) < 2:
        if proc.poll() is not None or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    killed_early = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL) if False else proc.kill()
    proc.wait()
    done_before = len(list((root / "verdicts").glob("*.json"))) if (root / "verdicts").is_dir() else 0
    assert killed_early and done_before < len(ids), "the run finished before it could be killed"
    again = attest("run", "--storage", str(root))
    assert again.code == 0, again.err
    history = _history(root)
    assert sorted(history) == ids
    for sid, revisions in history.items():
        assert revisions == ["0001.json"], (sid, revisions)  # no duplicate, no gap
        assert json.loads((root / "verdicts" / f"{sid}.json").read_text())["revision"] == 1


def test_history_and_submissions_are_append_only(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    for sid in ("2026-000720", "2026-000721"):
        write_submission(root, sid)
    assert attest("run", "--storage", str(root)).code == 0
    submissions = file_bytes(root / "submissions")
    history = file_bytes(root / "verdict-history")
    notices = file_bytes(root / "notices") if (root / "notices").exists() else {}
    for args in (("reprocess", "--all"), ("run",), ("reprocess", "--submission", "2026-000720")):
        assert attest(*args, "--storage", str(root)).code == 0
        now_history = file_bytes(root / "verdict-history")
        assert all(now_history[k] == v for k, v in history.items())
        assert file_bytes(root / "submissions") == submissions
        now_notices = file_bytes(root / "notices") if (root / "notices").exists() else {}
        assert all(now_notices[k] == v for k, v in notices.items())
        history, notices = now_history, now_notices
    assert _history(root)["2026-000720"] == ["0001.json", "0002.json", "0003.json"]


def test_logs_never_show_a_full_iin(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    write_submission(root, "2026-000730")
    result = attest("-v", "run", "--storage", str(root))
    assert result.code == 0, result.err
    assert IIN[:6] + "******" in result.err  # the verbose log names the applicant, masked
    assert not re.search(r"(?<!\d)\d{12}(?!\d)", result.err + result.out)


def test_storage_outage_mid_run_then_recovery(tmp_path: Path, prefect_api: str) -> None:
    server = start_moto_server()
    try:
        bucket = server.make_bucket()
        client = server.client()
        local = tmp_path / "src"
        ids = [f"2026-0007{i:02d}" for i in range(40, 60)]
        for sid in ids:
            write_submission(local, sid)
        for path in sorted((local / "submissions").rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                client.put_object(bucket, path.relative_to(local).as_posix(), io.BytesIO(data), len(data))
        env = {
            "ATTEST_S3_ACCESS_KEY": server.access_key,
            "ATTEST_S3_SECRET_KEY": server.secret_key,
            "ATTEST_S3_SECURE": "false",
            "ATTEST_S3_REGION": "us-east-1",
        }
        with FlakyProxy(server.port) as proxy:
            env["ATTEST_S3_ENDPOINT"] = proxy.endpoint
            proc = subprocess.Popen(
                [str(ATTEST), "run", "--storage", f"s3://{bucket}"],
                env={**os.environ, **env},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            deadline = time.monotonic() + 120
            while not list(client.list_objects(bucket, prefix="verdicts/")) and time.monotonic() < deadline:
                time.sleep(0.05)
            proxy.fail_next = 10**9  # the storage goes away mid-run
            out, err = proc.communicate(timeout=180)
            assert proc.returncode != 0, out
            lines = [line for line in err.splitlines() if line.strip() and not line.startswith("[")]
            assert len(lines) == 1 and "storage" in lines[0], err
            assert "Traceback" not in err and server.secret_key not in err
            written = {o.object_name for o in client.list_objects(bucket, prefix="verdicts/")}
            assert 0 < len(written) < len(ids)
            for name in written:  # whatever is visible is whole
                json.loads(client.get_object(bucket, name).read())
            proxy.fail_next = 0
            again = attest("run", "--storage", f"s3://{bucket}", env=env)
            assert again.code == 0, again.err
        for sid in ids:
            data = json.loads(client.get_object(bucket, f"verdicts/{sid}.json").read())
            assert data["revision"] == 1
            history = [o.object_name for o in client.list_objects(bucket, prefix=f"verdict-history/{sid}/")]
            assert history == [f"verdict-history/{sid}/0001.json"]
    finally:
        server.stop()


def test_two_runs_at_once_never_share_or_lose_a_revision(tmp_path: Path, prefect_api: str) -> None:
    root = tmp_path / "data"
    ids = [f"2026-0006{i:02d}" for i in range(12)]
    for sid in ids:
        write_submission(root, sid)
    assert attest("run", "--storage", str(root)).code == 0
    procs = [
        subprocess.Popen(
            [str(ATTEST), "reprocess", "--storage", str(root), "--all"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    history = _history(root)
    for sid in ids:
        revisions = history[sid]
        assert revisions == [f"{n:04d}.json" for n in range(1, 4)], (sid, revisions)  # 1 night + 2 reprocesses
        for name in revisions:
            assert json.loads((root / "verdict-history" / sid / name).read_text())["revision"] == int(name[:4])
        assert json.loads((root / "verdicts" / f"{sid}.json").read_text())["revision"] == 3


def test_a_file_past_its_time_limit_goes_to_a_person_and_the_night_ends(tmp_path: Path, prefect_api: str) -> None:
    from PIL import Image, ImageDraw, ImageFont

    from tests.flows.tiny import FONT

    root = tmp_path / "data"
    write_submission(root, "2026-000740")
    folder = root / "submissions" / "2026-000740"
    page = Image.new("L", (2480, 3508), 255)  # a dense A4 page at 300 dpi: seconds of OCR
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 34)
    for row in range(80):
        draw.text((60, 40 + row * 42), "Мұғалімнің кәсіби жетістіктері туралы анықтама " * 3, font=font, fill=0)
    page.save(folder / "dense.png")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["documents"].append({"file": "dense.png", "kind": "professional_achievements"})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    started = time.monotonic()
    result = attest("run", "--storage", str(root), env={"ATTEST_FILE_TIMEOUT_S": "1"})
    elapsed = time.monotonic() - started
    assert result.code == 0, result.err
    verdict = json.loads((root / "verdicts" / "2026-000740.json").read_text())
    assert verdict["decision"] == "needs_review"
    dense = [f for f in verdict["findings"] if f.get("document") == "dense.png"]
    assert dense and dense[0]["check"] == "extraction.low_confidence"
    assert "reader_failed" in json.dumps(dense[0]["evidence"])
    assert elapsed < 60, elapsed  # the stuck reading was not awaited
