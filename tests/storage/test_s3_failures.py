"""Outages and transient failures: bounded retries, then a one-line StorageError, no secrets."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr

from models.errors import StorageError
from models.settings import Settings
from storage.s3 import S3Storage
from tests.s3_server import FlakyProxy, MotoServer, start_moto_server

pytestmark = [pytest.mark.slow, pytest.mark.timeout(60)]


def _storage(server: MotoServer, endpoint: str | None = None, **kw: Any) -> S3Storage:
    settings = server.settings(server.make_bucket(), "", endpoint)
    return S3Storage.from_settings(settings.storage, settings, **kw)


def _chain(exc: BaseException) -> str:
    """Everything an error report could print: the message and every chained cause."""
    parts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None:
        parts.append(repr(seen))
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


@pytest.fixture
def own_server() -> Iterator[MotoServer]:
    """A moto server of this test's own, so killing it does not hurt the other tests."""
    server = start_moto_server()
    try:
        yield server
    finally:
        server.stop()


def test_outage_gives_a_bounded_one_line_error(own_server: MotoServer, caplog: pytest.LogCaptureFixture) -> None:
    storage = _storage(own_server)  # the defaults production uses
    storage.write("verdicts/a.json", b"{}")
    assert storage.read("verdicts/a.json") == b"{}"

    own_server.stop()
    caplog.set_level(logging.DEBUG)
    started = time.monotonic()
    with pytest.raises(StorageError) as info:
        storage.read("verdicts/a.json")
    elapsed = time.monotonic() - started

    message = str(info.value)
    assert elapsed < 20
    assert message.startswith(f"storage unreachable: {own_server.endpoint}: ")
    assert "\n" not in message
    assert own_server.secret_key not in message
    assert own_server.secret_key not in _chain(info.value)
    assert own_server.secret_key not in caplog.text
    assert len([r for r in caplog.records if "retrying" in r.getMessage()]) == 3  # 4 attempts

    with pytest.raises(StorageError, match=r"^storage unreachable: "):
        storage.children("")


@pytest.mark.parametrize(("status", "xml"), [(503, True), (500, True), (502, False)])
def test_transient_failure_then_success(s3_server: MotoServer, status: int, xml: bool) -> None:
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, proxy.endpoint)
        storage.write("verdicts/a.json", b"{}")
        proxy.status, proxy.xml = status, xml
        for call in (lambda: storage.read("verdicts/a.json"), lambda: storage.exists("verdicts/a.json")):
            before = proxy.requests
            proxy.fail_next = 1
            assert call()
            assert proxy.requests - before == 2  # one failure, one retry, nothing hidden


def test_persistent_failure_gives_up_after_the_configured_attempts(s3_server: MotoServer) -> None:
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, proxy.endpoint, attempts=3, backoff_s=0.05)
        storage.write("verdicts/a.json", b"{}")
        before = proxy.requests
        proxy.fail_next = 100
        with pytest.raises(StorageError) as info:
            storage.read("verdicts/a.json")
        assert proxy.requests - before == 3  # the SDK's own 5-retry loop is off
        assert str(info.value).startswith(f"storage unreachable: {proxy.endpoint}: HTTP 503 ServiceUnavailable")


def test_deadline_bounds_the_retries(s3_server: MotoServer) -> None:
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, proxy.endpoint, attempts=50, backoff_s=0.2, deadline_s=1.0)
        storage.write("verdicts/a.json", b"{}")
        proxy.fail_next = 1000
        started = time.monotonic()
        with pytest.raises(StorageError):
            storage.read("verdicts/a.json")
        assert time.monotonic() - started < 2.0


def test_a_server_that_never_answers_times_out() -> None:
    """Accepts the connection (the kernel does) but never replies: the read timeout ends it."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        endpoint = f"127.0.0.1:{silent.getsockname()[1]}"
        settings = Settings(
            storage="s3://attest",
            s3_endpoint=endpoint,
            s3_access_key=SecretStr("ak"),
            s3_secret_key=SecretStr("sk-very-secret"),
            s3_secure=False,
            s3_region="us-east-1",
        )
        storage = S3Storage.from_settings(settings.storage, settings, read_timeout_s=0.3, attempts=2, backoff_s=0.05)
        started = time.monotonic()
        with pytest.raises(StorageError) as info:
            storage.read("verdicts/a.json")
        assert time.monotonic() - started < 5
        assert str(info.value).startswith(f"storage unreachable: {endpoint}: timed out")
        assert "sk-very-secret" not in _chain(info.value)


@pytest.mark.parametrize(
    ("case", "exit_code", "said"),
    [
        ("plain http spoken to as https", 3, "answered in plain HTTP, not TLS; set ATTEST_S3_SECURE=false"),
        ("no ATTEST_S3_* at all", 2, "needs ATTEST_S3_ENDPOINT (host:port"),
        ("an unknown host", 3, "host name not known; check the host in ATTEST_S3_ENDPOINT"),
    ],
)
def test_common_s3_mistakes_get_their_cause_and_fix_in_one_line(
    s3_server: MotoServer, case: str, exit_code: int, said: str
) -> None:
    """As an operator meets them: moto speaks plain HTTP, and ATTEST_S3_SECURE defaults to https."""
    from tests.flows.cli import attest

    bucket = s3_server.make_bucket()
    env = {
        "plain http spoken to as https": {"ATTEST_S3_ENDPOINT": s3_server.endpoint},
        "no ATTEST_S3_* at all": {},
        "an unknown host": {"ATTEST_S3_ENDPOINT": "no-such-host.invalid:9000", "ATTEST_S3_SECURE": "false"},
    }[case]
    s3 = ("ATTEST_S3_ENDPOINT", "ATTEST_S3_SECURE", "ATTEST_S3_ACCESS_KEY", "ATTEST_S3_SECRET_KEY", "ATTEST_S3_REGION")
    started = time.monotonic()
    result = attest("show", "--storage", f"s3://{bucket}", "2026-000001", env=env, unset=s3)
    assert result.code == exit_code, result
    assert result.err.startswith("attest: error:") and len(result.err.strip().splitlines()) == 1, result.err
    assert said in result.err, result.err
    assert time.monotonic() - started < 10  # said at once: no retries for what retrying cannot mend
