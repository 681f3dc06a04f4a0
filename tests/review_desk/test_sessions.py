"""Login cost and lockout, and logout that ends the session on the server side."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_desk.app import SESSION_COOKIE
from review_desk.auth import UserDirectory
from review_desk.login_guard import HASH_SLOTS, MAX_FAILURES, FailureLog, LoginGuard
from tests.review_desk.desk_client import Desk, open_desk
from tests.review_desk.desk_data import PASSWORD, USER, csrf_from


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with open_desk(tmp_path) as opened:
        yield opened


def test_a_cookie_copied_before_logout_opens_nothing_after_it(desk: Desk, tmp_path: Path) -> None:
    assert desk.login() == 303
    copied = desk.client.cookies[SESSION_COOKIE]
    csrf = csrf_from(desk.client.get("/").text)
    assert desk.client.post("/logout", data={"csrf": csrf}).status_code == 303
    desk.client.cookies.set(SESSION_COOKIE, copied)
    assert desk.client.get("/").status_code == 303
    assert desk.client.post("/case/2026-000321/decide", data={"csrf": csrf, "action": "accept"}).status_code == 401
    # Nor after a restart with the same secret: the logout is kept beside the users file.
    with desk.another_client() as restarted:
        restarted.client.cookies.set(SESSION_COOKIE, copied)
        assert restarted.client.get("/").status_code == 303
        # A new login works.
        assert restarted.login() == 303
        assert restarted.client.get("/").status_code == 200


def test_wrong_passwords_lock_out_the_address_not_the_operator(desk: Desk) -> None:
    with desk.another_client("203.0.113.9") as stranger:
        for _ in range(MAX_FAILURES):
            assert stranger.login(password="guess") == 401
        assert stranger.login() == 401  # locked out, even with the right password, from there
    with desk.another_client("198.51.100.4") as operator:
        assert operator.login() == 303  # the operator, elsewhere, is not


def test_the_failure_table_stays_small_and_keys_are_short(desk: Desk) -> None:
    long_name = "x" * 60_000  # inside the 64 KB form limit
    with desk.another_client("192.0.2.1") as stranger:
        assert stranger.login(user=long_name, password="p") == 401
    table = FailureLog(max_keys=100)
    for i in range(1000):
        table.add(("user", f"10.0.{i // 250}.{i % 250}", "aigerim"), now=float(i))
    assert len(table) == 100
    keys = LoginGuard.keys("192.0.2.1", long_name)
    assert max(len(part) for key in keys for part in key) <= 71
    assert hashlib.sha256(long_name.encode()).hexdigest() in keys[0][2]


def test_at_most_two_password_checks_run_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each check is scrypt at up to 32 MiB; thirty concurrent wrong logins once took the desk to 918 MB."""
    with open_desk(tmp_path) as desk:
        users = UserDirectory(desk.config.users_file)
    running = 0
    peak = 0
    lock = threading.Lock()
    real_scrypt = hashlib.scrypt

    def counted_scrypt(*args: object, **kwargs: object) -> bytes:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            time.sleep(0.05)  # long enough for the others to pile up
            return real_scrypt(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr("review_desk.auth.hashlib.scrypt", counted_scrypt)
    results: list[bool] = []
    threads = [
        threading.Thread(
            target=lambda i=i: results.append(users.authenticate(USER, "wrong", time.time(), f"10.1.0.{i}"))
        )
        for i in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [False] * 12
    assert 1 <= peak <= HASH_SLOTS
    assert users.authenticate(USER, PASSWORD, time.time(), "10.1.0.99")
