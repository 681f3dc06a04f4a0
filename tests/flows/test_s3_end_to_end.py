"""The same night against a real S3 server (moto on loopback) through `--storage s3://...`."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from sample_set import build_sample_set
from tests.flows.cli import attest
from tests.s3_server import free_port

pytestmark = pytest.mark.slow
SCHEMA = json.loads((Path(__file__).parents[2] / "models" / "schemas" / "verdict.schema.json").read_text())


def s3_env(server: object, endpoint: str | None = None) -> dict[str, str]:
    return {
        "ATTEST_S3_ENDPOINT": endpoint or server.endpoint,  # type: ignore[attr-defined]
        "ATTEST_S3_ACCESS_KEY": server.access_key,  # type: ignore[attr-defined]
        "ATTEST_S3_SECRET_KEY": server.secret_key,  # type: ignore[attr-defined]
        "ATTEST_S3_SECURE": "false",
        "ATTEST_S3_REGION": "us-east-1",
    }


def test_night_on_s3(tmp_path: Path, s3_server: object, prefect_api: str) -> None:
    root = tmp_path / "data"
    cases = build_sample_set(root, profile="test", now=datetime.now(UTC))
    # Skip the cases whose meaning depends on file times (S3 sets its own on upload).
    timed = {c.submission_id for c in cases if "grace" in c.title or "progress" in c.title}
    bucket = server_bucket = s3_server.make_bucket()  # type: ignore[attr-defined]
    client = s3_server.client()  # type: ignore[attr-defined]
    for path in sorted((root / "submissions").rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel.split("/")[1] not in timed:
            data = path.read_bytes()
            client.put_object(server_bucket, f"intake/{rel}", io.BytesIO(data), len(data))
    result = attest("run", "--storage", f"s3://{bucket}/intake", env=s3_env(s3_server))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    s3_server_secret = s3_server.secret_key  # type: ignore[attr-defined]
    assert s3_server_secret not in result.err + result.out
    for case in cases:
        if case.submission_id in timed or case.expected_decision is None:
            continue
        obj = client.get_object(bucket, f"intake/verdicts/{case.submission_id}.json")
        data = json.loads(obj.read())
        jsonschema.validate(data, SCHEMA)
        assert data["decision"] == case.expected_decision, case.title
        hist = client.stat_object(bucket, f"intake/verdict-history/{case.submission_id}/0001.json")
        assert hist.size is not None and hist.size > 0


def test_unreachable_storage_is_a_one_line_error(prefect_api: str, s3_server: object) -> None:
    port = free_port()  # nobody listens there
    result = attest("run", "--storage", "s3://bucket", env=s3_env(s3_server, endpoint=f"127.0.0.1:{port}"), timeout=120)
    assert result.code != 0
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err and "unreachable" in lines[0]
    assert os.environ.get("ATTEST_S3_SECRET_KEY", "x") not in result.err


def test_bad_arguments_exit_non_zero() -> None:
    result = attest("reprocess", "--storage", "/tmp/x")
    assert result.code == 2 and "usage" in result.err
    result = attest("run", "--storage", "ftp://host/x")
    assert result.code == 2 and "unsupported storage root" in result.err
