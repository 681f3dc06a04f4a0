"""A real S3 endpoint for tests: moto's standalone server in its own process on loopback.

A separate process (not moto's in-process mocks) so that the code under test speaks real HTTP
through the minio SDK, and so that a test can kill the server to see what an outage does.

Use from a conftest:  from tests.s3_server import s3_server, s3_settings  # noqa: F401
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from minio import Minio
from pydantic import SecretStr

from models.settings import Settings

REGION = "us-east-1"


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it; a tiny race remains)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class MotoServer:
    """One moto server process; `endpoint` is what ATTEST_S3_ENDPOINT would hold."""

    port: int
    process: subprocess.Popen[bytes]
    access_key: str = "attest-test-access"
    secret_key: str = field(default_factory=lambda: "attest-test-secret-" + uuid.uuid4().hex)

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    def client(self) -> Minio:
        return Minio(self.endpoint, self.access_key, self.secret_key, secure=False, region=REGION)

    def make_bucket(self, name: str | None = None) -> str:
        """Create a fresh bucket (a new random name unless given) and return its name."""
        bucket = name or f"bucket-{uuid.uuid4().hex}"
        self.client().make_bucket(bucket)
        return bucket

    def settings(self, bucket: str, prefix: str = "", endpoint: str | None = None) -> Settings:
        """Settings pointing at `s3://bucket/prefix` on this server (or on `endpoint`, a proxy)."""
        return Settings(
            storage=f"s3://{bucket}/{prefix}",
            s3_endpoint=endpoint or self.endpoint,
            s3_access_key=SecretStr(self.access_key),
            s3_secret_key=SecretStr(self.secret_key),
            s3_secure=False,
            s3_region=REGION,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Kill the process (SIGKILL: an outage, not a polite shutdown) and reap it."""
        if self.alive():
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        conn.request("GET", "/")
        return conn.getresponse().status < 500
    except OSError:
        return False
    finally:
        conn.close()


def start_moto_server(port: int | None = None, timeout_s: float = 30.0) -> MotoServer:
    """Start `python -m moto.server` on 127.0.0.1 and wait until it answers HTTP."""
    last_error = "not started"
    for _ in range(3):  # a port taken between free_port() and bind: try another
        chosen = port or free_port()
        env = dict(os.environ, AWS_DEFAULT_REGION=REGION)
        # The server logs every request to stderr: a file, never a pipe nobody drains (a full
        # pipe blocks the server mid-request).
        errlog = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server process
        proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(chosen)],
            stdout=subprocess.DEVNULL,
            stderr=errlog,
            env=env,
        )
        server = MotoServer(chosen, proc)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and server.alive():
            if _answers(chosen):
                return server
            time.sleep(0.05)
        errlog.seek(0)
        stderr = errlog.read()
        errlog.close()
        server.stop()
        lines = stderr.decode(errors="replace").strip().splitlines()
        last_error = lines[-1] if lines else "no answer in time"
        if port is not None:
            break
    raise RuntimeError(f"moto server did not start: {last_error}")


@pytest.fixture(scope="session")
def s3_server() -> Iterator[MotoServer]:
    """One moto server for the session; tests isolate themselves with fresh buckets."""
    server = start_moto_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_settings(s3_server: MotoServer) -> Settings:
    """Settings for a fresh, empty bucket: storage `s3://bucket-<uuid>/`, plain HTTP."""
    return s3_server.settings(s3_server.make_bucket())


class FlakyProxy:
    """An HTTP pass-through to an S3 server that answers the next `fail_next` requests itself
    with `status` (an S3 XML error, or an HTML page like a load balancer's), to test retries
    (only the requests of `fail_method`, when it is set).

    `lose_next` requests are forwarded (they take effect) but answered with the error all the
    same: a response lost on the way back. `log` records (method, path, headers) of each request.

    The Host header is forwarded unchanged: moto does not check signatures, so signed requests
    addressed to the proxy are accepted by the server behind it.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.fail_next = 0
        self.fail_method: str | None = None  # when set, only requests of this method fail
        self.lose_next = 0
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self.status = 503
        self.xml = True
        self.requests = 0
        self.failures_served = 0
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy._lock:
                    proxy.requests += 1
                    proxy.log.append((self.command, self.path, dict(self.headers.items())))
                    fail = proxy.fail_next > 0 and proxy.fail_method in (None, self.command)
                    lose = not fail and proxy.lose_next > 0
                    if fail:
                        proxy.fail_next -= 1
                    if lose:
                        proxy.lose_next -= 1
                    if fail or lose:
                        proxy.failures_served += 1
                if fail:
                    self._fail()
                    return
                if lose:
                    self._forward(body)
                    self._fail()
                    return
                self._reply(*self._forward(body))

            def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
                conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=10)
                try:
                    conn.request(self.command, self.path, body=body, headers=dict(self.headers.items()))
                    resp = conn.getresponse()
                    return resp.status, resp.getheaders(), resp.read()
                finally:
                    conn.close()

            def _reply(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in (
                        "transfer-encoding",
                        "connection",
                        "content-length",
                        "date",
                        "server",
                    ):
                        self.send_header(name, value)
                upstream_length = {k.lower(): v for k, v in headers}.get("content-length")
                head = self.command == "HEAD"
                self.send_header("Content-Length", upstream_length if head and upstream_length else str(len(data)))
                self.end_headers()
                if not head:
                    self.wfile.write(data)

            def _fail(self) -> None:
                if proxy.xml:
                    payload = (
                        b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code>'
                        b"<Message>try later</Message></Error>"
                    )
                    ctype = "application/xml"
                else:
                    payload = b"<html><body>502 Bad Gateway</body></html>"
                    ctype = "text/html"
                self.send_response(proxy.status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_PUT = do_HEAD = do_POST = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> FlakyProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
